package io.plumbline.ticketing.remediation;

import static io.plumbline.contracts.FindingEvent.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.contracts.RemediationEvent;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.support.DestinationFakes;
import io.plumbline.ticketing.support.FindingEvents;
import io.plumbline.ticketing.support.FindingsTopic;
import io.plumbline.ticketing.support.TicketingTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ops team sees a fix's progress on the tickets they work: each remediation step becomes one comment. */
@QuarkusTest
@WithTestResource(DestinationFakes.class)
class RemediationStepTest extends TicketingTest {

    @Test
    void shouldCommentEachRemediationStepOnceOnTheIncidentsTickets() {
        FindingEvent open = FindingEvents.rdsSingleAz("fixme-db", OPEN, 1);
        publishAndWait(open);
        Incident incident = incidentOf(open);
        awaitDelivered(incident);
        String step = step(open.fingerprint(), "SUCCEEDED", "U0APPROVER");

        FindingsTopic.publishRemediation(open.fingerprint(), step);
        FindingsTopic.publishRemediation(open.fingerprint(), step); // redelivered: still one comment

        await().atMost(WAIT).until(() -> !jiraIssues(incident).getFirst().commentTexts().isEmpty());
        awaitDelivered(incident);
        assertThat(jiraIssues(incident).getFirst().commentTexts())
                .filteredOn(c -> c.contains("Remediation rds-enable-multi-az on fixme-db: SUCCEEDED by U0APPROVER"))
                .hasSize(1);
        assertThat(slackMessages(incident).getFirst().replies()).extracting(r -> r.text())
                .anySatisfy(t -> assertThat(t).contains("SUCCEEDED"));
        assertThat(servicenow.workNotes(serviceNowIncidents(incident).getFirst().path("sys_id").asText()))
                .anySatisfy(n -> assertThat(n).contains("Remediation rds-enable-multi-az"));
    }

    @Test
    void shouldPutABrokenRemediationEventOnItsDeadLetterTopicWithTheReason() {
        String broken = step("not-a-fingerprint", "DONE", null);

        FindingsTopic.publishRemediation("not-a-fingerprint", broken);

        await().atMost(WAIT).until(() -> FindingsTopic.remediationDeadLetters().stream()
                .anyMatch(r -> "not-a-fingerprint".equals(r.key())));
        assertThat(FindingsTopic.remediationDeadLetters()).filteredOn(r -> "not-a-fingerprint".equals(r.key())).first()
                .satisfies(r -> assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                        .contains("fingerprint").contains("state"));
    }

    private static String step(String fingerprint, String state, String actor) {
        return EventJson.write(new RemediationEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(), fingerprint,
                "rds-enable-multi-az", state, actor, Instant.now(), "ModifyDBInstance MultiAZ=true applied"));
    }
}
