package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.plumbline.remediation.config.RemediationConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * Raises the automated-backup retention of a DB instance to {@code days} (default 7); undo restores the recorded
 * period. Aurora members (retention is the cluster's) and read replicas (covered by their source) are refused.
 */
@ApplicationScoped
@Identifier(RdsSetBackupRetention.ID)
public class RdsSetBackupRetention implements RemediationAction {

    public static final String ID = "rds-set-backup-retention";
    static final int DEFAULT_DAYS = 7;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;
    private final RemediationConfig config;

    public RdsSetBackupRetention(AwsClients aws, RemediationConfig config) {
        this.aws = aws;
        this.config = config;
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
        return List.of("rds:DescribeDBInstances", "rds:ModifyDBInstance");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "rds-instance-backup-retention".equals(ruleId);
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public PlanOutcome plan(Target target) {
        String name = RdsInstances.name(target);
        DBInstance db;
        try {
            db = RdsInstances.describe(aws, target, name);
        } catch (DbInstanceNotFoundException e) {
            return PlanOutcome.refuse("DB instance " + name + " does not exist");
        }
        int days = days();
        String refusal = refusal(db, days);
        if (refusal != null) {
            return PlanOutcome.refuse(refusal);
        }
        boolean immediately = RdsInstances.applyImmediately(config, ID);
        ObjectNode request = JSON.objectNode().put("DBInstanceIdentifier", name).put("BackupRetentionPeriod", days)
                .put("ApplyImmediately", immediately);
        int current = retention(db);
        return new PlanOutcome.Planned(new Plan(ID, version(), target, "rds:ModifyDBInstance", request, state(db),
                JSON.objectNode().put("BackupRetentionPeriod", days).put("DBInstanceStatus", db.dbInstanceStatus()),
                "Set the backup retention of DB instance " + name + " from " + current + " to " + days + " days"
                        + (immediately ? ", applied immediately"
                                : current == 0 ? ", applied in the next maintenance window (enabling backups from 0 waits for it)"
                                        : ", applied immediately by RDS (a change between non-zero periods does not wait for the maintenance window)")));
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        String name = plan.request().path("DBInstanceIdentifier").asText();
        int days = plan.request().path("BackupRetentionPeriod").asInt();
        try {
            DBInstance db = RdsInstances.describe(aws, plan.target(), name);
            String refusal = refusal(db, days);
            if (refusal != null) {
                return new ApplyOutcome.Failed("precondition no longer holds: " + refusal);
            }
            return modify(plan, db, days);
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        String name = plan.request().path("DBInstanceIdentifier").asText();
        try {
            DBInstance db = RdsInstances.describe(aws, plan.target(), name);
            return modify(plan, db, plan.before().path("BackupRetentionPeriod").asInt());
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    private ApplyOutcome modify(Plan plan, DBInstance db, int days) {
        String name = plan.request().path("DBInstanceIdentifier").asText();
        aws.rds(plan.target()).modifyDBInstance(r -> r.dbInstanceIdentifier(name).backupRetentionPeriod(days)
                .applyImmediately(plan.request().path("ApplyImmediately").asBoolean(false)));
        return new ApplyOutcome.Applied(state(db), state(RdsInstances.describe(aws, plan.target(), name)));
    }

    /** Why the instance must not be changed, or null. */
    private static String refusal(DBInstance db, int days) {
        String shared = RdsInstances.refusal(db, "backup retention", true);
        if (shared != null) {
            return shared;
        }
        if (retention(db) >= days) {
            return "DB instance " + db.dbInstanceIdentifier() + " already keeps backups for " + retention(db) + " days (target "
                    + days + ")";
        }
        return null;
    }

    private static int retention(DBInstance db) {
        return db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod();
    }

    private static ObjectNode state(DBInstance db) {
        ObjectNode node = JSON.objectNode().put("BackupRetentionPeriod", retention(db))
                .put("DBInstanceStatus", db.dbInstanceStatus());
        if (db.pendingModifiedValues() != null && db.pendingModifiedValues().backupRetentionPeriod() != null) {
            node.put("PendingBackupRetentionPeriod", db.pendingModifiedValues().backupRetentionPeriod());
        }
        return node;
    }

    private int days() {
        RemediationConfig.Action action = config.actions().get(ID);
        return action == null ? DEFAULT_DAYS : action.days();
    }
}
