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
                .containsExactly("plumbline.remediation.actions.rds-enable-multi-az.approvers: an enabled action needs at least one approver"
                        + " or approver group");
    }

    @Test
    void shouldDefaultToOneApproverNoGroupsAndNoTagSelectors() {
        RemediationConfig config = config(Map.of("plumbline.remediation.actions.rds-enable-multi-az.approvers", "U0APPROVER"));
        RemediationConfig.Action action = config.actions().get("rds-enable-multi-az");
        assertThat(action.twoPerson()).isFalse();
        assertThat(action.approverGroups()).isEmpty();
        assertThat(action.tags()).isEmpty();
        assertThat(config.slack().usergroupCacheTtl()).hasSeconds(60);
        assertThat(config.slack().usergroupTimeout()).hasSeconds(1);
    }

    @Test
    void shouldAcceptAnApproverGroupInsteadOfApproversGivenTheBotToken() {
        Map<String, String> properties = Map.of(
                "plumbline.remediation.actions.rds-enable-multi-az.enabled", "true",
                "plumbline.remediation.actions.rds-enable-multi-az.approver-groups", "S0DBAS",
                "plumbline.remediation.actions.rds-enable-multi-az.two-person", "true");
        assertThat(PolicyCheck.problems(config(properties), KNOWN)).containsExactly(
                "plumbline.remediation.actions.rds-enable-multi-az.approver-groups: needs slack.bot-token (scope usergroups:read)"
                        + " to read the groups");
        Map<String, String> withToken = new java.util.HashMap<>(properties);
        withToken.put("plumbline.remediation.slack.bot-token", "xoxb-1");
        withToken.put("plumbline.remediation.slack.channel", "C1");
        assertThat(PolicyCheck.problems(config(withToken), KNOWN)).isEmpty();
    }

    @Test
    void shouldRefuseATwoPersonRuleThatOneApproverCouldNeverMeet() {
        assertThat(PolicyCheck.problems(config(Map.of(
                "plumbline.remediation.actions.sg-restrict-world-ingress.enabled", "true",
                "plumbline.remediation.actions.sg-restrict-world-ingress.approvers", "U0APPROVER",
                "plumbline.remediation.actions.sg-restrict-world-ingress.two-person", "true")), KNOWN))
                .containsExactly("plumbline.remediation.actions.sg-restrict-world-ingress.two-person: needs at least two approvers"
                        + " or an approver group");
    }

    @Test
    void shouldReadTagSelectorsAndNameAnInvalidOne() {
        RemediationConfig good = config(Map.of(
                "plumbline.remediation.actions.rds-enable-multi-az.tags.team", "data",
                "plumbline.remediation.actions.rds-enable-multi-az.tags.\"app.example.com/tier\"", "prod db",
                "plumbline.remediation.actions.rds-enable-multi-az.tags.aws:cloudformation:stack-name", "orders"));
        assertThat(good.actions().get("rds-enable-multi-az").tags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "team", "data", "app.example.com/tier", "prod db", "aws:cloudformation:stack-name", "orders"));
        assertThat(PolicyCheck.problems(good, KNOWN)).isEmpty();

        assertThat(PolicyCheck.problems(config(Map.of(
                "plumbline.remediation.actions.rds-enable-multi-az.tags.team", "data;drop",
                "plumbline.remediation.actions.rds-enable-multi-az.tags.\"app.example.com/tier\"", "x".repeat(257),
                "plumbline.remediation.actions.rds-enable-multi-az.tags.cost*center", "1")), KNOWN))
                .containsExactlyInAnyOrder(
                        "plumbline.remediation.actions.rds-enable-multi-az.tags.team: not an AWS tag value (up to 256 letters,"
                                + " digits, spaces or _ . : / = + - @)",
                        "plumbline.remediation.actions.rds-enable-multi-az.tags.\"app.example.com/tier\": not an AWS tag value"
                                + " (up to 256 letters, digits, spaces or _ . : / = + - @)",
                        "plumbline.remediation.actions.rds-enable-multi-az.tags.cost*center: not an AWS tag key (1 to 128 letters,"
                                + " digits, spaces or _ . : / = + - @)");
    }

    @Test
    void shouldKeepTheGroupLookupWithinTheClicksThreeSeconds() {
        assertThat(PolicyCheck.problems(config(Map.of("plumbline.remediation.slack.usergroup-timeout", "5s")), KNOWN))
                .containsExactly("plumbline.remediation.slack.usergroup-timeout: must be more than 0 and at most 2s"
                        + " (a click is answered within 3 s)");
        assertThat(PolicyCheck.problems(config(Map.of("plumbline.remediation.slack.usergroup-timeout", "0s")), KNOWN)).hasSize(1);
        assertThat(PolicyCheck.problems(config(Map.of("plumbline.remediation.slack.usergroup-cache-ttl", "0s")), KNOWN)).isEmpty();
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
