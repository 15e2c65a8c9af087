package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.MotoClients;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;

/** elbv2-enable-deletion-protection against moto through the real SDK: plan, apply, undo, and the balancers it refuses. */
@QuarkusTest
class Elbv2EnableDeletionProtectionTest {

    @Inject
    @Identifier(Elbv2EnableDeletionProtection.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private static String loadBalancer(ElasticLoadBalancingV2Client elb, String name) {
        try (Ec2Client ec2 = Moto.ec2()) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
            String b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
            return elb.createLoadBalancer(r -> r.name(name).subnets(a, b)).loadBalancers().getFirst().loadBalancerArn();
        }
    }

    private static String deletionProtection(ElasticLoadBalancingV2Client elb, String arn) {
        return elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                .filter(a -> "deletion_protection.enabled".equals(a.key())).map(LoadBalancerAttribute::value).findFirst().orElse("false");
    }

    private static Target target(String name, String arn) {
        return new Target(Moto.ACCOUNT, Moto.REGION, arn, name, "elbv2-deletion-protection");
    }

    @Test
    void shouldPlanApplyAndUndoDeletionProtection() {
        try (ElasticLoadBalancingV2Client elb = MotoClients.elbv2()) {
            String arn = loadBalancer(elb, "web");

            PlanOutcome outcome = action.plan(target("web", arn));
            assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
            Plan plan = ((PlanOutcome.Planned) outcome).plan();
            assertThat(plan.call()).isEqualTo("elasticloadbalancing:ModifyLoadBalancerAttributes");
            assertThat(plan.request().path("LoadBalancerArn").asText()).isEqualTo(arn);
            assertThat(plan.request().path("Attributes").get(0).path("Key").asText()).isEqualTo("deletion_protection.enabled");
            assertThat(plan.request().path("Attributes").get(0).path("Value").asText()).isEqualTo("true");
            assertThat(plan.before().path("deletion_protection.enabled").asText()).isEqualTo("false");
            assertThat(plan.after().path("deletion_protection.enabled").asText()).isEqualTo("true");
            assertThat(deletionProtection(elb, arn)).as("a plan changes nothing").isEqualTo("false");

            ApplyOutcome applied = action.apply(plan);
            assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(deletionProtection(elb, arn)).isEqualTo("true");
            assertThat(((ApplyOutcome.Applied) applied).after().path("deletion_protection.enabled").asText()).isEqualTo("true");

            assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(deletionProtection(elb, arn)).isEqualTo("false");
        }
    }

    @Test
    void shouldRefuseALoadBalancerAlreadyProtectedAndAMissingOne() {
        try (ElasticLoadBalancingV2Client elb = MotoClients.elbv2()) {
            String arn = loadBalancer(elb, "protected");
            elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn)
                    .attributes(LoadBalancerAttribute.builder().key("deletion_protection.enabled").value("true").build()));
            assertThat(action.plan(target("protected", arn)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("already"));
            assertThat(deletionProtection(elb, arn)).isEqualTo("true");
        }
        assertThat(action.plan(target("missing", "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/missing/0123456789abcdef")))
                .isInstanceOf(PlanOutcome.Refusal.class);
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).contains("elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:ModifyLoadBalancerAttributes");
        assertThat(action.appliesTo("elbv2-deletion-protection")).isTrue();
    }
}
