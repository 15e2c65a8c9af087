package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.support.Moto;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** sg-restrict-world-ingress against moto: only world-open rules outside the allowlist go, and undo brings them back. */
@QuarkusTest
class SgRestrictWorldIngressTest {

    @Inject
    @Identifier(SgRestrictWorldIngress.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    @Test
    void shouldRevokeOnlyTheWorldRuleOnAPortOutsideTheAllowlistAndUndoExactlyIt() {
        try (Ec2Client ec2 = Moto.ec2()) {
            String group = Moto.exposedGroup(ec2);
            java.util.Set<String> original = Moto.rules(ec2, group);
            assertThat(original).containsExactlyInAnyOrder("tcp/22-22 0.0.0.0/0", "tcp/22-22 10.0.0.0/8", "tcp/443-443 0.0.0.0/0");

            Plan plan = ((PlanOutcome.Planned) action.plan(new Target(Moto.ACCOUNT, Moto.REGION,
                    "arn:aws:ec2:us-east-1:123456789012:security-group/" + group, group,
                    "security-group-world-ingress-admin-ports"))).plan();
            assertThat(plan.request().path("Revoke")).hasSize(1);
            assertThat(plan.request().path("Revoke").get(0).path("FromPort").asInt()).isEqualTo(22);
            assertThat(plan.dryRun()).isEqualTo(new DryRun(DryRun.Result.WOULD_SUCCEED, "ec2:RevokeSecurityGroupIngress",
                    "DryRunOperation: would succeed"));
            assertThat(Moto.rules(ec2, group)).as("a plan and its dry run change nothing").isEqualTo(original);

            assertThat(action.apply(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(Moto.rules(ec2, group)).containsExactlyInAnyOrder("tcp/22-22 10.0.0.0/8", "tcp/443-443 0.0.0.0/0");

            assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(Moto.rules(ec2, group)).isEqualTo(original);
        }
    }

    @Test
    void shouldRefuseAGroupWithNothingWorldOpenOutsideTheAllowlist() {
        try (Ec2Client ec2 = Moto.ec2()) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String group = ec2.createSecurityGroup(r -> r.groupName("ok").description("ok").vpcId(vpc)).groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(Moto.tcp(22, "10.0.0.0/8"), Moto.tcp(443, "0.0.0.0/0")));
            assertThat(action.plan(new Target(Moto.ACCOUNT, Moto.REGION, "arn", group, "security-group-world-ingress-admin-ports")))
                    .isInstanceOf(PlanOutcome.Refusal.class);
            assertThat(Moto.rules(ec2, group)).hasSize(2);
        }
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).contains("ec2:RevokeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupIngress");
        assertThat(List.of("security-group-world-ingress-admin-ports", "ec2-instance-public-unrestricted-ingress"))
                .allMatch(action::appliesTo);
    }
}
