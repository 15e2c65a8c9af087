package io.plumbline.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code findings} contract: what the scanner writes conforms, and what breaks the contract is named. */
class FindingEventSchemaTest {

    private static FindingEvent event(String fingerprint, String accountId) {
        return new FindingEvent("0b9e7c1a-8f43-4a55-9d0e-7d3f2c1b6a90", FindingEvent.SCHEMA_VERSION, fingerprint,
                FindingEvent.State.OPEN, 1, "rds-instance-multi-az", "HIGH", "RELIABILITY", "REL10", "REL10-BP01",
                "AVAILABILITY", accountId, "sa-east-1",
                new FindingEvent.ResourceRef("arn:aws:rds:sa-east-1:123456789012:db:crm-db", "AWS::RDS::DBInstance", "crm-db",
                        "crm-db", Map.of("team", "crm")),
                "RDS DB instance runs in a single Availability Zone",
                "RDS instance crm-db in sa-east-1 is deployed in a single Availability Zone", "An AZ outage takes it down.",
                List.of("Enable Multi-AZ."), "rds-enable-multi-az", "3f1c6b8e-2d4a-4c5e-9a7b-1e2f3a4b5c6d",
                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-23T10:00:00Z"));
    }

    private static final String FINGERPRINT = "a".repeat(64);

    @Test
    void shouldAcceptAnEventAsTheScannerWritesIt() {
        String json = EventJson.write(event(FINGERPRINT, "123456789012"));

        assertThat(EventJson.findingEventProblems(json)).isEmpty();
        assertThat(EventJson.readFindingEvent(json)).isEqualTo(event(FINGERPRINT, "123456789012"));
    }

    @Test
    void shouldNameWhatIsWrongWithABrokenEvent() {
        String json = EventJson.write(event("not-a-fingerprint", "12345"));

        assertThat(EventJson.findingEventProblems(json))
                .anyMatch(p -> p.contains("fingerprint"))
                .anyMatch(p -> p.contains("accountId"));
    }

    @Test
    void shouldRejectAnUnknownSchemaVersionAndNonJson() {
        String v2 = EventJson.write(event(FINGERPRINT, "123456789012")).replace("\"version\":1", "\"version\":2");

        assertThat(EventJson.findingEventProblems(v2)).anyMatch(p -> p.contains("version"));
        assertThat(EventJson.findingEventProblems("{not json")).singleElement().asString().startsWith("not JSON");
    }
}
