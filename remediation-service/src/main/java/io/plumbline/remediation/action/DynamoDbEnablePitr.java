package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Turns on point-in-time recovery (continuous backups) for a DynamoDB table; undo turns it off again. */
@ApplicationScoped
@Identifier(DynamoDbEnablePitr.ID)
public class DynamoDbEnablePitr implements RemediationAction {

    public static final String ID = "dynamodb-enable-pitr";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;

    public DynamoDbEnablePitr(AwsClients aws) {
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
        return List.of("dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:UpdateContinuousBackups");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "dynamodb-table-pitr".equals(ruleId);
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public PlanOutcome plan(Target target) {
        String table = tableName(target);
        DynamoDbClient dynamo = aws.dynamoDb(target);
        ObjectNode before;
        try {
            before = state(dynamo, table);
        } catch (ResourceNotFoundException | TableNotFoundException e) {
            return PlanOutcome.refuse("DynamoDB table " + table + " does not exist");
        }
        String refusal = refusal(table, before);
        if (refusal != null) {
            return PlanOutcome.refuse(refusal);
        }
        ObjectNode request = JSON.objectNode().put("TableName", table);
        request.putObject("PointInTimeRecoverySpecification").put("PointInTimeRecoveryEnabled", true);
        ObjectNode after = before.deepCopy().put("PointInTimeRecoveryStatus", PointInTimeRecoveryStatus.ENABLED.toString());
        return new PlanOutcome.Planned(new Plan(ID, version(), target, "dynamodb:UpdateContinuousBackups", request, before,
                after, "Enable point-in-time recovery on DynamoDB table " + table));
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
        String table = plan.request().path("TableName").asText();
        DynamoDbClient dynamo = aws.dynamoDb(plan.target());
        try {
            ObjectNode before = state(dynamo, table);
            if (enabled) {
                String refusal = refusal(table, before);
                if (refusal != null) {
                    return new ApplyOutcome.Failed("precondition no longer holds: " + refusal);
                }
            }
            dynamo.updateContinuousBackups(r -> r.tableName(table)
                    .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(enabled)));
            return new ApplyOutcome.Applied(before, state(dynamo, table));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    /** Why the table must not be changed, or null. */
    static String refusal(String table, ObjectNode state) {
        String status = state.path("TableStatus").asText();
        if (!TableStatus.ACTIVE.toString().equals(status)) {
            return "DynamoDB table " + table + " is " + status + ", not ACTIVE";
        }
        if (PointInTimeRecoveryStatus.ENABLED.toString().equals(state.path("PointInTimeRecoveryStatus").asText())) {
            return "DynamoDB table " + table + " already has point-in-time recovery enabled";
        }
        return null;
    }

    private static ObjectNode state(DynamoDbClient dynamo, String table) {
        String status = dynamo.describeTable(r -> r.tableName(table)).table().tableStatusAsString();
        ContinuousBackupsDescription backups = dynamo.describeContinuousBackups(r -> r.tableName(table))
                .continuousBackupsDescription();
        String pitr = backups.pointInTimeRecoveryDescription() == null
                || backups.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus() == null
                        ? PointInTimeRecoveryStatus.DISABLED.toString()
                        : backups.pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString();
        ObjectNode node = JSON.objectNode().put("TableStatus", status)
                .put("ContinuousBackupsStatus", backups.continuousBackupsStatusAsString())
                .put("PointInTimeRecoveryStatus", pitr);
        if (backups.pointInTimeRecoveryDescription() != null
                && backups.pointInTimeRecoveryDescription().recoveryPeriodInDays() != null) {
            node.put("RecoveryPeriodInDays", backups.pointInTimeRecoveryDescription().recoveryPeriodInDays());
        }
        return node;
    }

    private static String tableName(Target target) {
        if (target.resourceId() != null && !target.resourceId().isBlank()) {
            return target.resourceId();
        }
        return target.resourceArn().substring(target.resourceArn().lastIndexOf('/') + 1);
    }
}
