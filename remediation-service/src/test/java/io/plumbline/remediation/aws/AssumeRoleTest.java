package io.plumbline.remediation.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.remediation.action.ApplyOutcome;
import io.plumbline.remediation.action.PlanOutcome;
import io.plumbline.remediation.action.RemediationAction;
import io.plumbline.remediation.action.SgRestrictWorldIngress;
import io.plumbline.remediation.action.Target;
import io.plumbline.remediation.support.Moto;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Account {@value #ROLE_ACCOUNT} has a remediation role in the test configuration: its changes are made with the
 * role's credentials (moto serves each account its own resources); other accounts use the default chain. No moto
 * reset here: a reset forgets the sessions moto issued, and the service keeps its role session until it expires.
 */
@QuarkusTest
class AssumeRoleTest {

    static final String ROLE_ACCOUNT = "111111111111";

    @Inject
    AwsClients aws;

    @Inject
    @Identifier(SgRestrictWorldIngress.ID)
    RemediationAction action;

    @Test
    void shouldCallAsTheAssumedRoleInAConfiguredAccountAndAsTheDefaultChainElsewhere() {
        GetCallerIdentityResponse assumed = aws.sts(ROLE_ACCOUNT, Moto.REGION).getCallerIdentity();
        assertThat(assumed.account()).isEqualTo(ROLE_ACCOUNT);
        assertThat(assumed.arn()).isEqualTo("arn:aws:sts::" + ROLE_ACCOUNT + ":assumed-role/plumbline-remediation-test/plumbline-test-session");

        GetCallerIdentityResponse other = aws.sts("222222222222", Moto.REGION).getCallerIdentity();
        assertThat(other.account()).as("no entry: the default credentials chain").isEqualTo(Moto.ACCOUNT);
    }

    @Test
    void shouldChangeTheSecurityGroupInTheRolesAccountOnly() {
        try (Ec2Client roleAccount = ec2AsRole(); Ec2Client defaultAccount = Moto.ec2()) {
            String group = Moto.exposedGroup(roleAccount);
            assertThatThrownBy(() -> defaultAccount.describeSecurityGroups(r -> r.groupIds(group)))
                    .as("the group exists only in the role's account").isInstanceOf(Ec2Exception.class);

            PlanOutcome planned = action.plan(new Target(ROLE_ACCOUNT, Moto.REGION,
                    "arn:aws:ec2:us-east-1:" + ROLE_ACCOUNT + ":security-group/" + group, group, "security-group-world-ingress-admin-ports"));
            assertThat(planned).isInstanceOf(PlanOutcome.Planned.class);
            assertThat(action.apply(((PlanOutcome.Planned) planned).plan())).isInstanceOf(ApplyOutcome.Applied.class);

            assertThat(Moto.rules(roleAccount, group)).containsExactlyInAnyOrder("tcp/22-22 10.0.0.0/8", "tcp/443-443 0.0.0.0/0");

            // the same group id in an account without a role is looked up with the default chain: it is not there
            assertThat(action.plan(new Target("222222222222", Moto.REGION, "arn", group, "security-group-world-ingress-admin-ports")))
                    .isInstanceOf(PlanOutcome.Refusal.class);
        }
    }

    /** The test's own view of the role's account: assume the role in moto with a plain STS client. */
    private static Ec2Client ec2AsRole() {
        Credentials credentials;
        try (StsClient sts = StsClient.builder().region(Region.of(Moto.REGION)).endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            credentials = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + ROLE_ACCOUNT + ":role/plumbline-remediation-test")
                    .roleSessionName("test-arrange")).credentials();
        }
        return Ec2Client.builder().region(Region.of(Moto.REGION)).endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), credentials.sessionToken()))).build();
    }
}
