package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.support.Moto;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/** rds-enable-deletion-protection against moto: plan, apply, undo, and the instances it refuses. */
@QuarkusTest
class RdsEnableDeletionProtectionTest {

    @Inject
    @Identifier(RdsEnableDeletionProtection.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private static Target target(String name, String arn) {
        return new Target(Moto.ACCOUNT, Moto.REGION, arn, name, "rds-instance-deletion-protection");
    }

    private static boolean deletionProtection(String name) {
        try (RdsClient rds = Moto.rds()) {
            return Boolean.TRUE.equals(rds.describeDBInstances(r -> r.dbInstanceIdentifier(name)).dbInstances().getFirst()
                    .deletionProtection());
        }
    }

    @Test
    void shouldPlanApplyAndUndoDeletionProtection() {
        String arn = Moto.singleAzDatabase("orders");
        assertThat(deletionProtection("orders")).isFalse();
        PlanOutcome outcome = action.plan(target("orders", arn));
        assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
        Plan plan = ((PlanOutcome.Planned) outcome).plan();
        assertThat(plan.call()).isEqualTo("rds:ModifyDBInstance");
        assertThat(plan.request().path("DeletionProtection").asBoolean()).isTrue();
        assertThat(plan.request().path("ApplyImmediately").asBoolean()).isTrue();
        assertThat(plan.before().path("DeletionProtection").asBoolean()).isFalse();
        assertThat(plan.after().path("DeletionProtection").asBoolean()).isTrue();
        assertThat(deletionProtection("orders")).as("a plan changes nothing").isFalse();

        ApplyOutcome applied = action.apply(plan);
        assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(((ApplyOutcome.Applied) applied).after().path("DeletionProtection").asBoolean()).isTrue();
        assertThat(deletionProtection("orders")).isTrue();

        assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(deletionProtection("orders")).isFalse();
    }

    @Test
    void shouldRefuseProtectedStoppedMissingAndAuroraInstances() {
        try (RdsClient rds = Moto.rds()) {
            String protectedArn = Moto.singleAzDatabase("protected");
            rds.modifyDBInstance(r -> r.dbInstanceIdentifier("protected").deletionProtection(true).applyImmediately(true));
            assertThat(action.plan(target("protected", protectedArn)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("already has deletion protection"));

            String stopped = Moto.singleAzDatabase("stopped");
            rds.stopDBInstance(r -> r.dbInstanceIdentifier("stopped"));
            assertThat(action.plan(target("stopped", stopped)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("not available"));
            assertThat(deletionProtection("stopped")).isFalse();

            rds.createDBCluster(r -> r.dbClusterIdentifier("aurora").engine("aurora-postgresql").masterUsername("app")
                    .masterUserPassword("secret-password"));
            String member = rds.createDBInstance(r -> r.dbInstanceIdentifier("aurora-1").engine("aurora-postgresql")
                    .dbInstanceClass("db.r6g.large").dbClusterIdentifier("aurora")).dbInstance().dbInstanceArn();
            assertThat(action.plan(target("aurora-1", member)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("Aurora"));
        }
        assertThat(action.plan(target("missing", "arn:aws:rds:us-east-1:123456789012:db:missing")))
                .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("does not exist"));
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).containsExactly("rds:DescribeDBInstances", "rds:ModifyDBInstance");
        assertThat(action.appliesTo("rds-instance-deletion-protection")).isTrue();
    }
}
