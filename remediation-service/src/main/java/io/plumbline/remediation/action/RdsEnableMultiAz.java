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

/** Turns a single-AZ DB instance into a Multi-AZ one (a standby in another zone); undo turns the standby off. */
@ApplicationScoped
@Identifier(RdsEnableMultiAz.ID)
public class RdsEnableMultiAz implements RemediationAction {

    public static final String ID = "rds-enable-multi-az";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;
    private final RemediationConfig config;

    public RdsEnableMultiAz(AwsClients aws, RemediationConfig config) {
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
        return "rds-instance-multi-az".equals(ruleId);
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
        boolean immediately = RdsInstances.applyImmediately(config, ID);
        ObjectNode request = JSON.objectNode().put("DBInstanceIdentifier", name).put("MultiAZ", true)
                .put("ApplyImmediately", immediately);
        return new PlanOutcome.Planned(new Plan(ID, version(), target, "rds:ModifyDBInstance", request, state(db),
                JSON.objectNode().put("MultiAZ", true).put("DBInstanceStatus", db.dbInstanceStatus()),
                "Enable Multi-AZ on DB instance " + name
                        + (immediately ? ", applied immediately" : ", applied in the next maintenance window")));
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        return modify(plan, true);
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        return modify(plan, false);
    }

    private ApplyOutcome modify(Plan plan, boolean multiAz) {
        String name = plan.request().path("DBInstanceIdentifier").asText();
        try {
            DBInstance db = RdsInstances.describe(aws, plan.target(), name);
            if (multiAz) {
                String refusal = refusal(db);
                if (refusal != null) {
                    return new ApplyOutcome.Failed("precondition no longer holds: " + refusal);
                }
            }
            aws.rds(plan.target()).modifyDBInstance(r -> r.dbInstanceIdentifier(name).multiAZ(multiAz)
                    .applyImmediately(plan.request().path("ApplyImmediately").asBoolean(false)));
            return new ApplyOutcome.Applied(state(db), state(RdsInstances.describe(aws, plan.target(), name)));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    /** Why the instance must not be changed, or null. */
    private static String refusal(DBInstance db) {
        String shared = RdsInstances.refusal(db, "availability", true);
        if (shared != null) {
            return shared;
        }
        if (Boolean.TRUE.equals(db.multiAZ())) {
            return "DB instance " + db.dbInstanceIdentifier() + " is already Multi-AZ";
        }
        return null;
    }

    private static ObjectNode state(DBInstance db) {
        ObjectNode node = JSON.objectNode().put("MultiAZ", Boolean.TRUE.equals(db.multiAZ()))
                .put("DBInstanceStatus", db.dbInstanceStatus());
        if (db.pendingModifiedValues() != null && db.pendingModifiedValues().multiAZ() != null) {
            node.put("PendingMultiAZ", db.pendingModifiedValues().multiAZ());
        }
        return node;
    }
}
