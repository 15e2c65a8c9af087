package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.support.Moto;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/** rds-set-backup-retention against moto: raised to the default 7 days, undo restores the old period, refusals. */
@QuarkusTest
class RdsSetBackupRetentionTest {

    @Inject
    @Identifier(RdsSetBackupRetention.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private static Target target(String name, String arn) {
        return new Target(Moto.ACCOUNT, Moto.REGION, arn, name, "rds-instance-backup-retention");
    }

    private static String database(String name, int retention) {
        try (RdsClient rds = Moto.rds()) {
            return rds.createDBInstance(r -> r.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass("db.t3.micro")
                    .allocatedStorage(20).masterUsername("app").masterUserPassword("secret-password")
                    .backupRetentionPeriod(retention)).dbInstance().dbInstanceArn();
        }
    }

    private static int retention(String name) {
        try (RdsClient rds = Moto.rds()) {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(name)).dbInstances().getFirst().backupRetentionPeriod();
        }
    }

    @Test
    void shouldPlanApplyAndUndoBackupRetention() {
        String arn = database("orders", 1);
        PlanOutcome outcome = action.plan(target("orders", arn));
        assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
        Plan plan = ((PlanOutcome.Planned) outcome).plan();
        assertThat(plan.call()).isEqualTo("rds:ModifyDBInstance");
        assertThat(plan.request().path("BackupRetentionPeriod").asInt()).isEqualTo(7);
        assertThat(plan.request().path("ApplyImmediately").asBoolean()).isFalse();
        assertThat(plan.before().path("BackupRetentionPeriod").asInt()).isEqualTo(1);
        assertThat(plan.after().path("BackupRetentionPeriod").asInt()).isEqualTo(7);
        assertThat(retention("orders")).as("a plan changes nothing").isEqualTo(1);

        ApplyOutcome applied = action.apply(plan);
        assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(((ApplyOutcome.Applied) applied).after().path("BackupRetentionPeriod").asInt()).isEqualTo(7);
        assertThat(retention("orders")).isEqualTo(7);

        assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(retention("orders")).isEqualTo(1);
    }

    @Test
    void shouldRefuseLongEnoughRetentionReadReplicasStoppedAndMissingInstances() {
        String longEnough = database("kept", 14);
        assertThat(action.plan(target("kept", longEnough)))
                .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("already keeps backups for 14 days"));
        String exactly = database("exactly", 7);
        assertThat(action.plan(target("exactly", exactly))).isInstanceOf(PlanOutcome.Refusal.class);

        try (RdsClient rds = Moto.rds()) {
            database("primary", 1);
            String replica = rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("replica")
                    .sourceDBInstanceIdentifier("primary")).dbInstance().dbInstanceArn();
            assertThat(action.plan(target("replica", replica)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("read replica"));

            String stopped = database("stopped", 1);
            rds.stopDBInstance(r -> r.dbInstanceIdentifier("stopped"));
            assertThat(action.plan(target("stopped", stopped)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("not available"));
            assertThat(retention("stopped")).isEqualTo(1);
        }
        assertThat(action.plan(target("missing", "arn:aws:rds:us-east-1:123456789012:db:missing")))
                .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("does not exist"));
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).containsExactly("rds:DescribeDBInstances", "rds:ModifyDBInstance");
        assertThat(action.appliesTo("rds-instance-backup-retention")).isTrue();
    }
}
