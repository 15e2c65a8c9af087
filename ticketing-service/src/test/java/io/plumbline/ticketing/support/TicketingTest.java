package io.plumbline.ticketing.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.delivery.Delivery;
import io.plumbline.ticketing.delivery.Ticket;
import io.plumbline.ticketing.finding.TrackedFinding;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.incident.IncidentState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * The ticketing service against the real broker and database, with every destination faked to its vendor's
 * contract. Each test starts from empty ticketing tables and uses its own resource names. Subclasses carry
 * {@code @QuarkusTest @WithTestResource(DestinationFakes.class)} (Quarkus reads both from the concrete class).
 */
public abstract class TicketingTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    @InjectFake
    protected FakeJira jira;
    @InjectFake
    protected FakeSlack slack;
    @InjectFake
    protected FakeOpsGenie opsgenie;
    @InjectFake
    protected FakeServiceNow servicenow;
    @InjectFake
    protected FakePagerDuty pagerduty;

    @Inject
    protected EntityManager em;
    @Inject
    protected MeterRegistry registry;

    @BeforeEach
    void emptyTicketingTables() {
        FindingEvents.newAccount();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "truncate ticketing.incident, ticketing.finding, ticketing.ticket, ticketing.delivery, ticketing.suppression, "
                        + "ticketing.incident_event, ticketing.inbound_event restart identity cascade").executeUpdate());
        jira.comeBack();
        slack.comeBack();
        opsgenie.comeBack();
        servicenow.comeBack();
        pagerduty.comeBack();
    }

    /** Finding events consumed so far by the service (valid or dead-lettered). */
    protected double consumed() {
        return registry.counter("plumbline.findings.consumed").count();
    }

    /** Publishes and waits until the service has consumed them. */
    protected void publishAndWait(List<FindingEvent> events) {
        double before = consumed();
        FindingsTopic.publish(events);
        await().atMost(WAIT).until(() -> consumed() >= before + events.size());
    }

    protected void publishAndWait(FindingEvent... events) {
        publishAndWait(List.of(events));
    }

    /** The incident of a finding, once the service has it. */
    protected Incident incidentOf(FindingEvent event) {
        await().atMost(WAIT).until(() -> findIncident(event).isPresent());
        return findIncident(event).orElseThrow();
    }

    protected Optional<Incident> findIncident(FindingEvent event) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TrackedFinding finding = TrackedFinding.findById(event.fingerprint());
            return finding == null ? Optional.<Incident>empty() : Optional.of((Incident) Incident.findById(finding.incidentId));
        });
    }

    protected IncidentState stateOf(Incident incident) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>findById(incident.id).state);
    }

    protected void awaitState(Incident incident, IncidentState state) {
        await().atMost(WAIT).until(() -> stateOf(incident) == state);
    }

    /** Waits until every step queued for the incident reached its destination. */
    protected void awaitDelivered(Incident incident) {
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("incidentId = ?1 and state <> ?2", incident.id, Delivery.State.DELIVERED) == 0
                        && Delivery.count("incidentId", incident.id) > 0));
    }

    /** Steps ever queued for the incident, delivered or not. */
    protected long deliveriesOf(Incident incident) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.count("incidentId", incident.id));
    }

    protected List<Ticket> ticketsOf(Incident incident) {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.<Ticket>list("incidentId = ?1 order by destination", incident.id));
    }

    // ---- what each destination holds for an incident ----

    protected List<FakeJira.Issue> jiraIssues(Incident incident) {
        return jira.issues().stream().filter(i -> i.labels().contains("plumbline-" + incident.correlationKey)).toList();
    }

    protected List<FakeSlack.Message> slackMessages(Incident incident) {
        return slack.messages(DestinationFakes.SLACK_CHANNEL).stream().filter(m -> {
            JsonNode metadata = m.metadata();
            return metadata != null && incident.correlationKey.equals(metadata.path("event_payload").path("correlation_key").asText());
        }).toList();
    }

    protected List<FakeOpsGenie.Alert> opsgenieAlerts(Incident incident) {
        return opsgenie.alerts().stream().filter(a -> incident.correlationKey.equals(a.created().path("alias").asText())).toList();
    }

    protected List<ObjectNode> serviceNowIncidents(Incident incident) {
        return servicenow.incidents().stream().filter(i -> incident.correlationKey.equals(i.path("correlation_id").asText())).toList();
    }

    protected List<FakePagerDuty.Alert> pagerDutyAlerts(Incident incident) {
        return pagerduty.alerts().stream().filter(a -> incident.correlationKey.equals(a.dedupKey())).toList();
    }
}
