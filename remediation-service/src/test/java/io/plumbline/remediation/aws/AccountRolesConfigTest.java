package io.plumbline.remediation.aws;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.remediation.config.RemediationConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A role configured under the wrong account would change another account's resources: the start is refused, naming the key. */
class AccountRolesConfigTest {

    private static AwsClients clients(String account, String roleArn) {
        RemediationConfig config = new SmallRyeConfigBuilder().withMapping(RemediationConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "24h" as Quarkus reads it
                .withSources(new PropertiesConfigSource(Map.of(
                        "plumbline.remediation.accounts.\"" + account + "\".role-arn", roleArn), "test", 100))
                .build().getConfigMapping(RemediationConfig.class);
        return new AwsClients(config);
    }

    @Test
    void shouldRefuseARoleInAnotherAccountThanItsKey() {
        AwsClients aws = clients("123456789012", "arn:aws:iam::210987654321:role/plumbline-remediation");
        assertThatThrownBy(() -> aws.check(null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("plumbline.remediation.accounts.\"123456789012\".role-arn names a role in account 210987654321, not in 123456789012");
        aws.close();
    }

    @Test
    void shouldRefuseAKeyThatIsNotAnAccountId() {
        AwsClients aws = clients("prod", "arn:aws:iam::210987654321:role/plumbline-remediation");
        assertThatThrownBy(() -> aws.check(null)).hasMessage("plumbline.remediation.accounts.\"prod\": the key is not a 12-digit AWS account id");
        aws.close();
    }

    @Test
    void shouldAcceptARoleInItsOwnAccount() {
        AwsClients aws = clients("123456789012", "arn:aws:iam::123456789012:role/plumbline-remediation");
        assertThatCode(() -> aws.check(null)).doesNotThrowAnyException();
        aws.close();
    }
}
