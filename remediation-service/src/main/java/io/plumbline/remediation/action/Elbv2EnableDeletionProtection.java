package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;

/** Turns on deletion protection for an Application, Network or Gateway Load Balancer; undo restores the recorded value. */
@ApplicationScoped
@Identifier(Elbv2EnableDeletionProtection.ID)
public class Elbv2EnableDeletionProtection implements RemediationAction {

    public static final String ID = "elbv2-enable-deletion-protection";
    static final String ATTRIBUTE = "deletion_protection.enabled";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;

    public Elbv2EnableDeletionProtection(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<String> permissions() {
        return List.of("elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:ModifyLoadBalancerAttributes");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "elbv2-deletion-protection".equals(ruleId);
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public PlanOutcome plan(Target target) {
        ElasticLoadBalancingV2Client elb = aws.elbv2(target);
        String arn;
        String value;
        try {
            arn = loadBalancerArn(elb, target);
            value = deletionProtection(elb, arn);
        } catch (LoadBalancerNotFoundException e) {
            return PlanOutcome.refuse("load balancer " + reference(target) + " does not exist");
        }
        if ("true".equals(value)) {
            return PlanOutcome.refuse("load balancer " + reference(target) + " already has deletion protection enabled");
        }
        ObjectNode request = JSON.objectNode().put("LoadBalancerArn", arn);
        request.putArray("Attributes").addObject().put("Key", ATTRIBUTE).put("Value", "true");
        return new PlanOutcome.Planned(new Plan(ID, version(), target, "elasticloadbalancing:ModifyLoadBalancerAttributes",
                request, state(value), state("true"), "Enable deletion protection on load balancer " + reference(target)));
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        return modify(plan, "true", true);
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        return modify(plan, plan.before().path(ATTRIBUTE).asText("false"), false);
    }

    private ApplyOutcome modify(Plan plan, String value, boolean checkPrecondition) {
        String arn = plan.request().path("LoadBalancerArn").asText();
        ElasticLoadBalancingV2Client elb = aws.elbv2(plan.target());
        try {
            String before = deletionProtection(elb, arn);
            if (checkPrecondition && "true".equals(before)) {
                return new ApplyOutcome.Failed("precondition no longer holds: deletion protection is already enabled");
            }
            elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn)
                    .attributes(LoadBalancerAttribute.builder().key(ATTRIBUTE).value(value).build()));
            return new ApplyOutcome.Applied(state(before), state(deletionProtection(elb, arn)));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    /** The attribute's value; a missing key counts as off, as the rule reads it. */
    private static String deletionProtection(ElasticLoadBalancingV2Client elb, String arn) {
        return elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                .filter(a -> ATTRIBUTE.equals(a.key())).map(LoadBalancerAttribute::value).findFirst().orElse("false");
    }

    private static ObjectNode state(String value) {
        return JSON.objectNode().put(ATTRIBUTE, value);
    }

    private static String loadBalancerArn(ElasticLoadBalancingV2Client elb, Target target) {
        if (target.resourceArn() != null && target.resourceArn().startsWith("arn:")) {
            return target.resourceArn();
        }
        return elb.describeLoadBalancers(r -> r.names(target.resourceId())).loadBalancers().getFirst().loadBalancerArn();
    }

    private static String reference(Target target) {
        return target.resourceId() != null ? target.resourceId() : target.resourceArn();
    }
}
