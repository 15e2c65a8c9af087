package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * Turns on deletion protection of a DB instance (applied immediately, no downtime); undo turns it off again.
 * Aurora members are refused: their deletion protection is the cluster's.
 */
@ApplicationScoped
@Identifier(RdsEnableDeletionProtection.ID)
public class RdsEnableDeletionProtection implements RemediationAction {

    public static final String ID = "rds-enable-deletion-protection";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;

    public RdsEnableDeletionProtection(AwsClients aws) {
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
        return List.of("rds:DescribeDBInstances", "rds:ModifyDBInstance");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "rds-instance-deletion-protection".equals(ruleId);
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
        String refusal = refusal(db);
        if (refusal != null) {
            return PlanOutcome.refuse(refusal);
        }
        ObjectNode request = JSON.objectNode().put("DBInstanceIdentifier", name).put("DeletionProtection", true)
                .put("ApplyImmediately", true);
        return new PlanOutcome.Planned(new Plan(ID, version(), target, "rds:ModifyDBInstance", request, state(db),
                JSON.objectNode().put("DeletionProtection", true).put("DBInstanceStatus", db.dbInstanceStatus()),
                "Enable deletion protection on DB instance " + name + ", applied immediately (no downtime)"));
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        return modify(plan, true);
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        return modify(plan, plan.before().path("DeletionProtection").asBoolean(false));
    }

    private ApplyOutcome modify(Plan plan, boolean protect) {
        String name = plan.request().path("DBInstanceIdentifier").asText();
        try {
            DBInstance db = RdsInstances.describe(aws, plan.target(), name);
            if (protect) {
                String refusal = refusal(db);
                if (refusal != null) {
                    return new ApplyOutcome.Failed("precondition no longer holds: " + refusal);
                }
            }
            aws.rds(plan.target()).modifyDBInstance(r -> r.dbInstanceIdentifier(name).deletionProtection(protect).applyImmediately(true));
            return new ApplyOutcome.Applied(state(db), state(RdsInstances.describe(aws, plan.target(), name)));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    /** Why the instance must not be changed, or null. */
    private static String refusal(DBInstance db) {
        String shared = RdsInstances.refusal(db, "deletion protection", false);
        if (shared != null) {
            return shared;
        }
        if (Boolean.TRUE.equals(db.deletionProtection())) {
            return "DB instance " + db.dbInstanceIdentifier() + " already has deletion protection";
        }
        return null;
    }

    private static ObjectNode state(DBInstance db) {
        return JSON.objectNode().put("DeletionProtection", Boolean.TRUE.equals(db.deletionProtection()))
                .put("DBInstanceStatus", db.dbInstanceStatus());
    }
}
