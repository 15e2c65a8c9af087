package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * Turns on log file validation (signed digest files) for a CloudTrail trail, in the trail's home region only;
 * undo turns it off again.
 */
@ApplicationScoped
@Identifier(CloudTrailEnableLogValidation.ID)
public class CloudTrailEnableLogValidation implements RemediationAction {

    public static final String ID = "cloudtrail-enable-log-validation";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;

    public CloudTrailEnableLogValidation(AwsClients aws) {
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
        return List.of("cloudtrail:DescribeTrails", "cloudtrail:UpdateTrail");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "cloudtrail-log-file-validation".equals(ruleId);
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public PlanOutcome plan(Target target) {
        CloudTrailClient cloudTrail = aws.cloudTrail(target);
        Optional<Trail> found;
        try {
            found = find(cloudTrail, target.resourceArn(), target.resourceId());
        } catch (RuntimeException e) {
            return PlanOutcome.refuse("cannot read trail " + reference(target) + ": " + e.getMessage());
        }
        if (found.isEmpty()) {
            return PlanOutcome.refuse("CloudTrail trail " + reference(target) + " does not exist in " + target.region());
        }
        Trail trail = found.get();
        String refusal = refusal(trail, target.region());
        if (refusal != null) {
            return PlanOutcome.refuse(refusal);
        }
        ObjectNode request = JSON.objectNode().put("Name", trail.trailARN()).put("EnableLogFileValidation", true);
        ObjectNode before = state(trail);
        return new PlanOutcome.Planned(new Plan(ID, version(), target, "cloudtrail:UpdateTrail", request, before,
                before.deepCopy().put("LogFileValidationEnabled", true),
                "Enable log file validation on CloudTrail trail " + trail.name()));
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        return update(plan, true);
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        return update(plan, false);
    }

    private ApplyOutcome update(Plan plan, boolean enabled) {
        String arn = plan.request().path("Name").asText();
        String region = plan.target().region();
        CloudTrailClient cloudTrail = aws.cloudTrail(plan.target());
        try {
            Trail trail = find(cloudTrail, arn, null).orElseThrow(() -> new IllegalStateException("trail " + arn + " no longer exists"));
            if (enabled) {
                String refusal = refusal(trail, region);
                if (refusal != null) {
                    return new ApplyOutcome.Failed("precondition no longer holds: " + refusal);
                }
            }
            cloudTrail.updateTrail(r -> r.name(arn).enableLogFileValidation(enabled));
            return new ApplyOutcome.Applied(state(trail), state(find(cloudTrail, arn, null).orElseThrow()));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    /** Why the trail must not be changed, or null. */
    private static String refusal(Trail trail, String region) {
        if (trail.homeRegion() != null && !trail.homeRegion().equals(region)) {
            return "CloudTrail trail " + trail.name() + " has its home region in " + trail.homeRegion() + ", not " + region
                    + ": it can only be changed there";
        }
        if (Boolean.TRUE.equals(trail.logFileValidationEnabled())) {
            return "CloudTrail trail " + trail.name() + " already has log file validation enabled";
        }
        return null;
    }

    /** The trail by ARN (or name), shadow trails of other home regions included so they can be told apart. */
    private static Optional<Trail> find(CloudTrailClient cloudTrail, String arn, String name) {
        boolean byArn = arn != null && arn.startsWith("arn:");
        String reference = byArn ? arn : name;
        return cloudTrail.describeTrails(r -> r.trailNameList(reference).includeShadowTrails(true)).trailList().stream()
                .filter(t -> byArn ? arn.equals(t.trailARN()) : name.equals(t.name()))
                .findFirst();
    }

    private static ObjectNode state(Trail trail) {
        return JSON.objectNode().put("TrailARN", trail.trailARN()).put("HomeRegion", trail.homeRegion())
                .put("LogFileValidationEnabled", Boolean.TRUE.equals(trail.logFileValidationEnabled()));
    }

    private static String reference(Target target) {
        return target.resourceArn() != null ? target.resourceArn() : target.resourceId();
    }
}
