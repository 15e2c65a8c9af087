package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.MotoClients;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** dynamodb-enable-pitr against moto through the real SDK: plan, apply, undo, and the tables it refuses. */
@QuarkusTest
class DynamoDbEnablePitrTest {

    @Inject
    @Identifier(DynamoDbEnablePitr.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private static String table(DynamoDbClient dynamo, String name) {
        return dynamo.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))).tableDescription().tableArn();
    }

    private static String pitr(DynamoDbClient dynamo, String name) {
        return dynamo.describeContinuousBackups(r -> r.tableName(name)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString();
    }

    private static Target target(String name, String arn) {
        return new Target(Moto.ACCOUNT, Moto.REGION, arn, name, "dynamodb-table-pitr");
    }

    @Test
    void shouldPlanApplyAndUndoPointInTimeRecovery() {
        try (DynamoDbClient dynamo = MotoClients.dynamoDb()) {
            String arn = table(dynamo, "orders");
            assertThat(pitr(dynamo, "orders")).isEqualTo("DISABLED");

            PlanOutcome outcome = action.plan(target("orders", arn));
            assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
            Plan plan = ((PlanOutcome.Planned) outcome).plan();
            assertThat(plan.call()).isEqualTo("dynamodb:UpdateContinuousBackups");
            assertThat(plan.request().path("TableName").asText()).isEqualTo("orders");
            assertThat(plan.request().path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
            assertThat(plan.before().path("PointInTimeRecoveryStatus").asText()).isEqualTo("DISABLED");
            assertThat(plan.after().path("PointInTimeRecoveryStatus").asText()).isEqualTo("ENABLED");
            assertThat(pitr(dynamo, "orders")).as("a plan changes nothing").isEqualTo("DISABLED");

            ApplyOutcome applied = action.apply(plan);
            assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(pitr(dynamo, "orders")).isEqualTo("ENABLED");
            assertThat(((ApplyOutcome.Applied) applied).after().path("PointInTimeRecoveryStatus").asText()).isEqualTo("ENABLED");

            assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(pitr(dynamo, "orders")).isEqualTo("DISABLED");
        }
    }

    @Test
    void shouldRefuseATableWithPitrAlreadyEnabledAndAMissingTable() {
        try (DynamoDbClient dynamo = MotoClients.dynamoDb()) {
            String arn = table(dynamo, "ledger");
            dynamo.updateContinuousBackups(r -> r.tableName("ledger").pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
            assertThat(action.plan(target("ledger", arn)))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("already"));
            assertThat(pitr(dynamo, "ledger")).isEqualTo("ENABLED");
        }
        assertThat(action.plan(target("missing", "arn:aws:dynamodb:us-east-1:123456789012:table/missing")))
                .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("does not exist"));
    }

    @Test
    void shouldRefuseATableThatIsNotActive() {
        // moto creates every table ACTIVE at once, so the status check is exercised on the state the plan reads
        var updating = JsonNodeFactory.instance.objectNode().put("TableStatus", "UPDATING").put("PointInTimeRecoveryStatus", "DISABLED");
        assertThat(DynamoDbEnablePitr.refusal("orders", updating)).contains("UPDATING, not ACTIVE");
        var active = JsonNodeFactory.instance.objectNode().put("TableStatus", "ACTIVE").put("PointInTimeRecoveryStatus", "DISABLED");
        assertThat(DynamoDbEnablePitr.refusal("orders", active)).isNull();
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).containsExactly("dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups",
                "dynamodb:UpdateContinuousBackups");
        assertThat(action.appliesTo("dynamodb-table-pitr")).isTrue();
    }
}
