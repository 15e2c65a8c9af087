package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns on all four Block Public Access settings of a bucket. The previous configuration is recorded (none = all
 * off); undo puts exactly that configuration back, or deletes the configuration if the bucket had none.
 */
@ApplicationScoped
@Identifier(S3BlockPublicAccess.ID)
public class S3BlockPublicAccess implements RemediationAction {

    public static final String ID = "s3-block-public-access";
    private static final List<String> FLAGS = List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;

    public S3BlockPublicAccess(AwsClients aws) {
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
        return List.of("s3:ListBucket", "s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "s3-bucket-public-access-block".equals(ruleId);
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public PlanOutcome plan(Target target) {
        String bucket = bucketName(target);
        S3Client s3 = aws.s3(target);
        ObjectNode before;
        try {
            s3.headBucket(r -> r.bucket(bucket));
            before = state(s3, bucket);
        } catch (NoSuchBucketException e) {
            return PlanOutcome.refuse("S3 bucket " + bucket + " does not exist");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return PlanOutcome.refuse("S3 bucket " + bucket + " does not exist");
            }
            return PlanOutcome.refuse("cannot read S3 bucket " + bucket + ": " + e.getMessage());
        }
        if (allBlocked(before)) {
            return PlanOutcome.refuse("S3 bucket " + bucket + " already blocks all public access");
        }
        ObjectNode request = JSON.objectNode().put("Bucket", bucket);
        request.set("PublicAccessBlockConfiguration", blockAll());
        ObjectNode after = JSON.objectNode().put("Configured", true);
        FLAGS.forEach(f -> after.put(f, true));
        return new PlanOutcome.Planned(new Plan(ID, version(), target, "s3:PutPublicAccessBlock", request, before, after,
                "Block all public access on S3 bucket " + bucket
                        + (before.path("Configured").asBoolean() ? " (off now: " + String.join(", ", off(before)) + ")"
                                : " (it has no Block Public Access configuration)")));
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        String bucket = plan.request().path("Bucket").asText();
        S3Client s3 = aws.s3(plan.target());
        try {
            ObjectNode before = state(s3, bucket);
            if (allBlocked(before)) {
                return new ApplyOutcome.Failed("precondition no longer holds: S3 bucket " + bucket + " already blocks all public access");
            }
            s3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(configuration(blockAll())));
            return new ApplyOutcome.Applied(before, state(s3, bucket));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        String bucket = plan.request().path("Bucket").asText();
        S3Client s3 = aws.s3(plan.target());
        try {
            ObjectNode before = state(s3, bucket);
            if (plan.before().path("Configured").asBoolean(false)) {
                s3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(configuration(plan.before())));
            } else {
                s3.deletePublicAccessBlock(r -> r.bucket(bucket));
            }
            return new ApplyOutcome.Applied(before, state(s3, bucket));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    /** The bucket's configuration; {@code Configured=false} and every flag off when it has none. */
    private static ObjectNode state(S3Client s3, String bucket) {
        ObjectNode node = JSON.objectNode();
        PublicAccessBlockConfiguration c;
        try {
            c = s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && "NoSuchPublicAccessBlockConfiguration".equals(e.awsErrorDetails().errorCode())) {
                node.put("Configured", false);
                FLAGS.forEach(f -> node.put(f, false));
                return node;
            }
            throw e;
        }
        return node.put("Configured", true)
                .put("BlockPublicAcls", Boolean.TRUE.equals(c.blockPublicAcls()))
                .put("IgnorePublicAcls", Boolean.TRUE.equals(c.ignorePublicAcls()))
                .put("BlockPublicPolicy", Boolean.TRUE.equals(c.blockPublicPolicy()))
                .put("RestrictPublicBuckets", Boolean.TRUE.equals(c.restrictPublicBuckets()));
    }

    private static boolean allBlocked(JsonNode state) {
        return state.path("Configured").asBoolean(false) && FLAGS.stream().allMatch(f -> state.path(f).asBoolean(false));
    }

    private static List<String> off(JsonNode state) {
        return FLAGS.stream().filter(f -> !state.path(f).asBoolean(false)).toList();
    }

    private static ObjectNode blockAll() {
        ObjectNode node = JSON.objectNode();
        FLAGS.forEach(f -> node.put(f, true));
        return node;
    }

    private static PublicAccessBlockConfiguration configuration(JsonNode flags) {
        return PublicAccessBlockConfiguration.builder()
                .blockPublicAcls(flags.path("BlockPublicAcls").asBoolean(false))
                .ignorePublicAcls(flags.path("IgnorePublicAcls").asBoolean(false))
                .blockPublicPolicy(flags.path("BlockPublicPolicy").asBoolean(false))
                .restrictPublicBuckets(flags.path("RestrictPublicBuckets").asBoolean(false))
                .build();
    }

    private static String bucketName(Target target) {
        if (target.resourceId() != null && !target.resourceId().isBlank()) {
            return target.resourceId();
        }
        return target.resourceArn().substring(target.resourceArn().lastIndexOf(':') + 1);
    }
}
