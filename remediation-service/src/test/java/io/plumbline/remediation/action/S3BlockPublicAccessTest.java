package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.remediation.support.Moto;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** s3-block-public-access against moto (path-style): all four flags on, undo restores exactly the old configuration. */
@QuarkusTest
class S3BlockPublicAccessTest {

    @Inject
    @Identifier(S3BlockPublicAccess.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private static S3Client s3() {
        return S3Client.builder().region(Region.of(Moto.REGION)).endpointOverride(URI.create(Moto.endpoint())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    private static Target target(String bucket) {
        return new Target(Moto.ACCOUNT, Moto.REGION, "arn:aws:s3:::" + bucket, bucket, "s3-bucket-public-access-block");
    }

    private static PublicAccessBlockConfiguration block(S3Client s3, String bucket) {
        return s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
    }

    private static PublicAccessBlockConfiguration flags(boolean acls, boolean ignore, boolean policy, boolean restrict) {
        return PublicAccessBlockConfiguration.builder().blockPublicAcls(acls).ignorePublicAcls(ignore).blockPublicPolicy(policy)
                .restrictPublicBuckets(restrict).build();
    }

    @Test
    void shouldBlockABucketWithoutConfigurationAndUndoByDeletingIt() {
        try (S3Client s3 = s3()) {
            s3.createBucket(r -> r.bucket("open-data"));
            Plan plan = ((PlanOutcome.Planned) action.plan(target("open-data"))).plan();
            assertThat(plan.call()).isEqualTo("s3:PutPublicAccessBlock");
            assertThat(plan.before().path("Configured").asBoolean()).isFalse();
            assertThat(plan.before().path("BlockPublicAcls").asBoolean()).isFalse();
            assertThat(plan.request().path("PublicAccessBlockConfiguration").path("RestrictPublicBuckets").asBoolean()).isTrue();
            assertThatThrownBy(() -> block(s3, "open-data")).as("a plan changes nothing").isInstanceOf(S3Exception.class);

            ApplyOutcome applied = action.apply(plan);
            assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(block(s3, "open-data")).isEqualTo(flags(true, true, true, true));
            assertThat(((ApplyOutcome.Applied) applied).after().path("IgnorePublicAcls").asBoolean()).isTrue();

            assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThatThrownBy(() -> block(s3, "open-data")).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchPublicAccessBlockConfiguration"));
        }
    }

    @Test
    void shouldCompleteAPartialConfigurationAndUndoToExactlyIt() {
        try (S3Client s3 = s3()) {
            s3.createBucket(r -> r.bucket("partial"));
            s3.putPublicAccessBlock(r -> r.bucket("partial").publicAccessBlockConfiguration(flags(true, false, true, false)));
            Plan plan = ((PlanOutcome.Planned) action.plan(target("partial"))).plan();
            assertThat(plan.before().path("Configured").asBoolean()).isTrue();
            assertThat(plan.summary()).contains("IgnorePublicAcls", "RestrictPublicBuckets");
            assertThat(block(s3, "partial")).as("a plan changes nothing").isEqualTo(flags(true, false, true, false));

            assertThat(action.apply(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(block(s3, "partial")).isEqualTo(flags(true, true, true, true));

            assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(block(s3, "partial")).isEqualTo(flags(true, false, true, false));
        }
    }

    @Test
    void shouldRefuseAMissingBucketAndOneAlreadyBlocked() {
        assertThat(action.plan(target("no-such-bucket")))
                .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("does not exist"));
        try (S3Client s3 = s3()) {
            s3.createBucket(r -> r.bucket("closed"));
            s3.putPublicAccessBlock(r -> r.bucket("closed").publicAccessBlockConfiguration(flags(true, true, true, true)));
            assertThat(action.plan(target("closed")))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("already blocks"));
        }
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).containsExactly("s3:ListBucket", "s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock");
        assertThat(action.appliesTo("s3-bucket-public-access-block")).isTrue();
    }
}
