package io.plumbline.scanner.finding;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.FindingsTopic;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/** A finding's life against moto, PostgreSQL and the real broker: one event per transition, none otherwise. */
@QuarkusTest
class FindingLifecycleTest extends EmptyAccountTest {

    private static final String REGION = "us-east-2";
    private static final List<String> RULE = List.of("rds-instance-multi-az");
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(20);

    @Test
    void shouldOpenResolveAndReopenTheSameFindingWithOneEventPerTransition() {
        try (RdsClient rds = Moto.rds(REGION); FindingsTopic topic = new FindingsTopic()) {
            createDatabase(rds, "crm-db", false);

            JsonPath first = ScannerApi.scan(List.of(REGION), RULE);
            assertThat(first.getString("status")).isEqualTo("SUCCEEDED");
            JsonPath open = ScannerApi.findings("ruleId=rds-instance-multi-az");
            assertThat(open.getList("status")).containsExactly("OPEN");
            String fingerprint = open.getString("[0].fingerprint");
            assertThat(open.getString("[0].message")).startsWith("RDS instance crm-db in us-east-2 is deployed in a single Availability Zone");
            assertThat(events(topic, fingerprint)).extracting(FindingEvent::state).containsExactly(FindingEvent.State.OPEN);

            ScannerApi.scan(List.of(REGION), RULE);
            assertThat(events(topic, fingerprint)).as("a rescan that changes nothing publishes nothing").isEmpty();
            assertThat(ScannerApi.findings("ruleId=rds-instance-multi-az").getList("status")).containsExactly("OPEN");

            rds.modifyDBInstance(r -> r.dbInstanceIdentifier("crm-db").multiAZ(true).applyImmediately(true));
            ScannerApi.scan(List.of(REGION), RULE);
            assertThat(ScannerApi.findings("ruleId=rds-instance-multi-az").getList("status")).containsExactly("RESOLVED");
            assertThat(events(topic, fingerprint)).extracting(FindingEvent::state).containsExactly(FindingEvent.State.RESOLVED);

            rds.modifyDBInstance(r -> r.dbInstanceIdentifier("crm-db").multiAZ(false).applyImmediately(true));
            ScannerApi.scan(List.of(REGION), RULE);
            JsonPath reopened = ScannerApi.findings("ruleId=rds-instance-multi-az");
            assertThat(reopened.getList("fingerprint")).containsExactly(fingerprint);
            assertThat(reopened.getList("status")).containsExactly("REOPENED");
            List<FindingEvent> last = events(topic, fingerprint);
            assertThat(last).extracting(FindingEvent::state).containsExactly(FindingEvent.State.REOPENED);
            assertThat(last.get(0).sequence()).isEqualTo(3);
        }
    }

    @Test
    void shouldLeaveFindingsOfAFailedScopeAsTheyWere() {
        try (RdsClient rds = Moto.rds(REGION); FindingsTopic topic = new FindingsTopic()) {
            createDatabase(rds, "crm-db", false);
            ScannerApi.scan(List.of(REGION), RULE);
            String fingerprint = ScannerApi.findings("ruleId=rds-instance-multi-az").getString("[0].fingerprint");
            events(topic, fingerprint);

            rds.deleteDBInstance(r -> r.dbInstanceIdentifier("crm-db").skipFinalSnapshot(true));
            faults.deny("DescribeDBInstances");
            JsonPath partial = ScannerApi.scan(List.of(REGION), RULE);

            assertThat(partial.getString("status")).isEqualTo("FAILED");
            assertThat(partial.getString("errors[0].resourceType")).isEqualTo("AWS::RDS::DBInstance");
            assertThat(partial.getString("errors[0].region")).isEqualTo(REGION);
            assertThat(partial.getString("errors[0].message")).contains("AccessDenied");
            assertThat(ScannerApi.findings("ruleId=rds-instance-multi-az").getList("status"))
                    .as("an unreadable scope is not evidence of a fix").containsExactly("OPEN");
            assertThat(events(topic, fingerprint)).isEmpty();

            faults.clear();
            ScannerApi.scan(List.of(REGION), RULE);
            assertThat(ScannerApi.findings("ruleId=rds-instance-multi-az").getList("status")).containsExactly("RESOLVED");
        }
    }

    @Test
    void shouldReportPartialWhenOneRegionFailsAndStillResolveTheOther() {
        try (RdsClient ohio = Moto.rds(REGION); RdsClient saoPaulo = Moto.rds("sa-east-1")) {
            createDatabase(ohio, "erp-db", false);
            createDatabase(saoPaulo, "crm-db", false);
            ScannerApi.scan(List.of(REGION, "sa-east-1"), RULE);
            assertThat(ScannerApi.findings("status=OPEN").getList("resourceId")).containsExactlyInAnyOrder("erp-db", "crm-db");

            ohio.modifyDBInstance(r -> r.dbInstanceIdentifier("erp-db").multiAZ(true).applyImmediately(true));
            saoPaulo.modifyDBInstance(r -> r.dbInstanceIdentifier("crm-db").multiAZ(true).applyImmediately(true));
            faults.deny("DescribeDBInstances", REGION);
            JsonPath partial = ScannerApi.scan(List.of(REGION, "sa-east-1"), RULE);

            assertThat(partial.getString("status")).isEqualTo("PARTIAL");
            assertThat(partial.getList("errors.region")).containsExactly(REGION);
            assertThat(ScannerApi.findings("region=sa-east-1").getList("status")).containsExactly("RESOLVED");
            assertThat(ScannerApi.findings("region=us-east-2").getList("status"))
                    .as("the failed region keeps its finding open").containsExactly("OPEN");
        }
    }

    private static void createDatabase(RdsClient rds, String name, boolean multiAz) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass("db.t3.medium")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").multiAZ(multiAz)
                .storageEncrypted(true));
    }

    /** The events for {@code fingerprint} published since the last call; each must match the schema. */
    private static List<FindingEvent> events(FindingsTopic topic, String fingerprint) {
        List<ConsumerRecord<String, String>> records = topic.drain(QUIET, MAX);
        for (ConsumerRecord<String, String> record : records) {
            assertThat(EventJson.findingEventProblems(record.value())).as("schema problems of %s", record.value()).isEmpty();
        }
        return records.stream()
                .filter(r -> fingerprint.equals(r.key()))
                .map(r -> EventJson.readFindingEvent(r.value()))
                .peek(e -> assertThat(e.fingerprint()).isEqualTo(fingerprint))
                .toList();
    }
}
