package io.plumbline.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.config.RemediationConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A policy that cannot be right stops the start, and the message names the key to fix. */
class PolicyCheckTest {

    private static final Set<String> KNOWN = Set.of("rds-enable-multi-az", "sg-restrict-world-ingress");

    private static RemediationConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RemediationConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(RemediationConfig.class);
    }

    @Test
    void shouldBeOffWithSafeDefaults() {
        RemediationConfig config = config(Map.of());
        assertThat(config.enabled()).isFalse();
        assertThat(config.protectTag()).isEqualTo("plumbline:protect=true");
        assertThat(config.maxActionsPerHourPerAccount()).isEqualTo(5);
        assertThat(config.approvalTtl()).hasHours(24);
        assertThat(config.slack().baseUrl()).isEqualTo("https://slack.com");
        assertThat(PolicyCheck.problems(config, KNOWN)).isEmpty();
    }

    @Test
    void shouldNameAnUnknownAction() {
        assertThat(PolicyCheck.problems(config(Map.of("plumbline.remediation.actions.rds-multi-az.enabled", "true")), KNOWN))
                .singleElement().asString().startsWith("plumbline.remediation.actions.rds-multi-az: unknown action");
    }

    @Test
    void shouldRequireApproversForAnEnabledAction() {
        assertThat(PolicyCheck.problems(config(Map.of("plumbline.remediation.actions.rds-enable-multi-az.enabled", "true")), KNOWN))
                .containsExactly("plumbline.remediation.actions.rds-enable-multi-az.approvers: an enabled action needs at least one approver");
    }

    @Test
    void shouldRequireTheSigningSecretWithSlack() {
        assertThat(PolicyCheck.problems(config(Map.of("plumbline.remediation.enabled", "true",
                "plumbline.remediation.slack.bot-token", "xoxb-1", "plumbline.remediation.slack.channel", "C0OPS")), KNOWN))
                .containsExactly("plumbline.remediation.slack.signing-secret: required with slack.bot-token");
    }

    @Test
    void shouldRequireTheApiTokenWithoutSlack() {
        assertThat(PolicyCheck.problems(config(Map.of("plumbline.remediation.enabled", "true")), KNOWN))
                .containsExactly("plumbline.remediation.api-token: required when remediation is enabled without Slack (slack.bot-token)");
        assertThat(PolicyCheck.problems(config(Map.of("plumbline.remediation.enabled", "true",
                "plumbline.remediation.api-token", "t")), KNOWN)).isEmpty();
    }

    @Test
    void shouldAcceptACompletePolicy() {
        RemediationConfig config = config(Map.of(
                "plumbline.remediation.enabled", "true",
                "plumbline.remediation.slack.signing-secret", "s",
                "plumbline.remediation.slack.bot-token", "xoxb-1",
                "plumbline.remediation.slack.channel", "C0OPS",
                "plumbline.remediation.actions.rds-enable-multi-az.enabled", "true",
                "plumbline.remediation.actions.rds-enable-multi-az.approvers", "U0APPROVER,U0OTHER",
                "plumbline.remediation.actions.rds-enable-multi-az.apply-immediately", "true"));
        assertThat(PolicyCheck.problems(config, KNOWN)).isEmpty();
        assertThat(config.actions().get("rds-enable-multi-az").approvers()).hasValueSatisfying(a -> assertThat(a).hasSize(2));
    }
}
