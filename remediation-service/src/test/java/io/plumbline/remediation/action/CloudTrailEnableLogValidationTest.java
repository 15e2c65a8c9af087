package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.MotoClients;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** cloudtrail-enable-log-validation against moto through the real SDK: plan, apply, undo, and the trails it refuses. */
@QuarkusTest
class CloudTrailEnableLogValidationTest {

    @Inject
    @Identifier(CloudTrailEnableLogValidation.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
        MotoClients.bucket("trail-logs");
    }

    private static String trail(CloudTrailClient cloudTrail, String name, boolean multiRegion, boolean validation) {
        return cloudTrail.createTrail(r -> r.name(name).s3BucketName("trail-logs").isMultiRegionTrail(multiRegion)
                .enableLogFileValidation(validation)).trailARN();
    }

    private static boolean validating(CloudTrailClient cloudTrail, String arn) {
        return cloudTrail.getTrail(r -> r.name(arn)).trail().logFileValidationEnabled();
    }

    private static Target target(String region, String name, String arn) {
        return new Target(Moto.ACCOUNT, region, arn, name, "cloudtrail-log-file-validation");
    }

    @Test
    void shouldPlanApplyAndUndoLogFileValidation() {
        try (CloudTrailClient cloudTrail = MotoClients.cloudTrail(Moto.REGION)) {
            String arn = trail(cloudTrail, "management", true, false);

            PlanOutcome outcome = action.plan(target(Moto.REGION, "management", arn));
            assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
            Plan plan = ((PlanOutcome.Planned) outcome).plan();
            assertThat(plan.call()).isEqualTo("cloudtrail:UpdateTrail");
            assertThat(plan.request().path("Name").asText()).isEqualTo(arn);
            assertThat(plan.request().path("EnableLogFileValidation").asBoolean()).isTrue();
            assertThat(plan.before().path("LogFileValidationEnabled").asBoolean()).isFalse();
            assertThat(plan.after().path("LogFileValidationEnabled").asBoolean()).isTrue();
            assertThat(validating(cloudTrail, arn)).as("a plan changes nothing").isFalse();

            ApplyOutcome applied = action.apply(plan);
            assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(validating(cloudTrail, arn)).isTrue();
            assertThat(((ApplyOutcome.Applied) applied).after().path("LogFileValidationEnabled").asBoolean()).isTrue();

            assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(validating(cloudTrail, arn)).isFalse();
        }
    }

    @Test
    void shouldRefuseATrailAlreadyValidatingAndATrailFromAnotherHomeRegion() {
        try (CloudTrailClient cloudTrail = MotoClients.cloudTrail(Moto.REGION)) {
            String validated = trail(cloudTrail, "validated", false, true);
            assertThat(action.plan(target(Moto.REGION, "validated", validated)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("already"));

            String multiRegion = trail(cloudTrail, "organisation", true, false);
            assertThat(action.plan(target("eu-west-1", "organisation", multiRegion)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("home region"));
            assertThat(validating(cloudTrail, multiRegion)).isFalse();
        }
        assertThat(action.plan(target(Moto.REGION, "missing", "arn:aws:cloudtrail:us-east-1:123456789012:trail/missing")))
                .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("does not exist"));
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).containsExactly("cloudtrail:DescribeTrails", "cloudtrail:UpdateTrail");
        assertThat(action.appliesTo("cloudtrail-log-file-validation")).isTrue();
    }
}
