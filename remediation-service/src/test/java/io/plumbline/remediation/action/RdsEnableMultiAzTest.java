package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.support.Moto;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/** rds-enable-multi-az against moto through the real SDK: plan, apply, undo, and the instances it refuses. */
@QuarkusTest
class RdsEnableMultiAzTest {

    @Inject
    @Identifier(RdsEnableMultiAz.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private static Target target(String name, String arn) {
        return new Target(Moto.ACCOUNT, Moto.REGION, arn, name, "rds-instance-multi-az");
    }

    @Test
    void shouldPlanApplyAndUndoMultiAz() {
        String arn = Moto.singleAzDatabase("orders");
        PlanOutcome outcome = action.plan(target("orders", arn));
        assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
        Plan plan = ((PlanOutcome.Planned) outcome).plan();
        assertThat(plan.dryRun().result()).as("ModifyDBInstance has no DryRun").isEqualTo(DryRun.Result.NOT_AVAILABLE);
        assertThat(plan.call()).isEqualTo("rds:ModifyDBInstance");
        assertThat(plan.request().path("MultiAZ").asBoolean()).isTrue();
        assertThat(plan.request().path("ApplyImmediately").asBoolean()).isFalse();
        assertThat(plan.before().path("MultiAZ").asBoolean()).isFalse();
        assertThat(Moto.multiAz("orders")).as("a plan changes nothing").isFalse();

        ApplyOutcome applied = action.apply(plan);
        assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(Moto.multiAz("orders")).isTrue();
        assertThat(((ApplyOutcome.Applied) applied).after().path("MultiAZ").asBoolean()).isTrue();

        assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(Moto.multiAz("orders")).isFalse();
    }

    @Test
    void shouldRefuseAuroraMembersReadReplicasAndMultiAzInstances() {
        try (RdsClient rds = Moto.rds()) {
            rds.createDBCluster(r -> r.dbClusterIdentifier("aurora").engine("aurora-postgresql").masterUsername("app")
                    .masterUserPassword("secret-password"));
            String member = rds.createDBInstance(r -> r.dbInstanceIdentifier("aurora-1").engine("aurora-postgresql")
                    .dbInstanceClass("db.r6g.large").dbClusterIdentifier("aurora")).dbInstance().dbInstanceArn();
            assertThat(action.plan(target("aurora-1", member)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("Aurora"));

            String source = Moto.singleAzDatabase("primary");
            String replica = rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("replica")
                    .sourceDBInstanceIdentifier("primary")).dbInstance().dbInstanceArn();
            assertThat(action.plan(target("replica", replica)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("read replica"));

            rds.modifyDBInstance(r -> r.dbInstanceIdentifier("primary").multiAZ(true).applyImmediately(true));
            assertThat(action.plan(target("primary", source)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("already Multi-AZ"));
        }
        assertThat(action.plan(target("missing", "arn:aws:rds:us-east-1:123456789012:db:missing")))
                .isInstanceOf(PlanOutcome.Refusal.class);
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).containsExactly("rds:DescribeDBInstances", "rds:ModifyDBInstance");
        assertThat(action.appliesTo("rds-instance-multi-az")).isTrue();
    }
}
