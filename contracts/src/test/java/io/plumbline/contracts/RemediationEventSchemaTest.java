package io.plumbline.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The {@code remediation-events} contract: what the remediation service writes conforms, and a broken event is named. */
class RemediationEventSchemaTest {

    private static RemediationEvent event(String fingerprint, String state) {
        return new RemediationEvent("6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                fingerprint, "rds-enable-multi-az", state, "U0APPROVER", Instant.parse("2026-11-24T10:00:00Z"),
                "ModifyDBInstance MultiAZ=true applied");
    }

    @Test
    void shouldAcceptAnEventAsTheRemediationServiceWritesIt() throws Exception {
        JsonNode json = EventJson.mapper().readTree(EventJson.write(event("b".repeat(64), "SUCCEEDED")));

        assertThat(EventJson.remediationEventProblems(json)).isEmpty();
        assertThat(EventJson.toRemediationEvent(json)).isEqualTo(event("b".repeat(64), "SUCCEEDED"));
    }

    @Test
    void shouldNameWhatIsWrongWithABrokenEvent() throws Exception {
        JsonNode json = EventJson.mapper().readTree(EventJson.write(event("short", "DONE")));

        assertThat(EventJson.remediationEventProblems(json))
                .anyMatch(p -> p.contains("fingerprint"))
                .anyMatch(p -> p.contains("state"));
    }
}
