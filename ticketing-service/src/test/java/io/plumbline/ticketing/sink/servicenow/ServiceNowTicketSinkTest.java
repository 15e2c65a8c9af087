package io.plumbline.ticketing.sink.servicenow;

import static io.plumbline.ticketing.support.OpsSamples.HOSTILE_NAME;
import static io.plumbline.ticketing.support.OpsSamples.KEY;
import static io.plumbline.ticketing.support.OpsSamples.incident;
import static io.plumbline.ticketing.support.OpsSamples.open;
import static io.plumbline.ticketing.support.OpsSamples.request;
import static io.plumbline.ticketing.support.OpsSamples.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.ticketing.sink.DeliveryAction;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.Target;
import io.plumbline.ticketing.support.FakeServiceNow;
import io.plumbline.ticketing.support.OpsSamples;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ServiceNow incidents as an operator sees them in the instance, against a fake that enforces the Table API. */
class ServiceNowTicketSinkTest {

    private static final String P = "plumbline.ticketing.servicenow.";

    private FakeServiceNow fake;
    private ServiceNowTicketSink sink;

    @BeforeEach
    void start() {
        fake = new FakeServiceNow("plumbline", "s3cret-pw", "oauth-t0ken");
        sink = new ServiceNowTicketSink(config(Map.of(P + "username", "plumbline", P + "password", "s3cret-pw",
                P + "assignment-group", "Cloud Platform")));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void shouldCreateAnIncidentWithTheFindingsFieldsAndSeverityMapping() {
        SinkOutcome outcome = sink.deliver(open());

        assertThat(fake.incidents()).hasSize(1);
        ObjectNode incident = fake.incidents().getFirst();
        assertThat(outcome).isEqualTo(SinkOutcome.delivered(new ExternalTicket(incident.path("number").asText(),
                incident.path("sys_id").asText(),
                fake.baseUrl() + "/nav_to.do?uri=incident.do?sys_id=" + incident.path("sys_id").asText())));
        assertThat(incident.path("number").asText()).startsWith("INC");
        assertThat(incident.path("short_description").asText())
                .isEqualTo("RDS instances in sa-east-1 are deployed in a single Availability Zone");
        assertThat(incident.path("impact").asText()).isEqualTo("1");
        assertThat(incident.path("urgency").asText()).isEqualTo("2");
        assertThat(incident.path("assignment_group").asText()).isEqualTo("Cloud Platform");
        assertThat(incident.path("category").asText()).isEqualTo("Cloud Compliance");
        assertThat(incident.path("correlation_id").asText()).isEqualTo(KEY);
        assertThat(incident.path("correlation_display").asText()).isEqualTo("Plumbline");
        assertThat(incident.path("state").asText()).isEqualTo("1");
        assertThat(incident.path("description").asText()).contains(
                "Severity: HIGH", "Pillar: RELIABILITY",
                "Question: REL 10: How do you use fault isolation to protect your workload?",
                "Best practice: Deploy the workload to multiple locations", "Account: 123456789012", "Region: sa-east-1",
                "An Availability Zone outage makes the database unavailable.",
                "- orders-db (arn:aws:rds:sa-east-1:123456789012:db:orders-db) [OPEN]: DB instance orders-db is not Multi-AZ",
                "billing-db", "[REOPENED]", "legacy-db", "[RESOLVED]",
                "1. Modify the instance and enable Multi-AZ", "2. Apply during the maintenance window");
    }

    @Test
    void shouldApplyConfiguredImpactUrgencyAndTheRoutesAssignmentGroup() {
        ServiceNowTicketSink tuned = new ServiceNowTicketSink(config(Map.of(P + "username", "plumbline",
                P + "password", "s3cret-pw", P + "impact.LOW", "2", P + "urgency.LOW", "1", P + "category", "Security")));
        Target route = new Target(Optional.empty(), Optional.empty(), Optional.of("Payments SRE"), List.of(), Optional.empty());

        tuned.deliver(new SinkRequest(DeliveryAction.OPEN, incident("LOW", "billing-db"), Optional.empty(), false, route, ""));

        ObjectNode incident = fake.incidents().getFirst();
        assertThat(incident.path("impact").asText()).isEqualTo("2");
        assertThat(incident.path("urgency").asText()).isEqualTo("1");
        assertThat(incident.path("category").asText()).isEqualTo("Security");
        assertThat(incident.path("assignment_group").asText()).isEqualTo("Payments SRE");
    }

    @Test
    void shouldFindTheIncidentByCorrelationIdInsteadOfCreatingASecondOne() {
        ObjectNode earlier = fake.seed(Map.of("short_description", "created before the answer was lost", "correlation_id", KEY));

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident(), Optional.empty(), true, ""));

        assertThat(outcome).isInstanceOfSatisfying(SinkOutcome.Delivered.class, d -> {
            assertThat(d.ticket().id()).isEqualTo(earlier.path("sys_id").asText());
            assertThat(d.ticket().key()).isEqualTo(earlier.path("number").asText());
        });
        assertThat(fake.incidents()).hasSize(1);
    }

    @Test
    void shouldCreateWhenTheCorrelationIdSearchFindsNothing() {
        fake.seed(Map.of("short_description", "another incident", "correlation_id", "inc-7-other"));

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident(), Optional.empty(), true, ""));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class);
        assertThat(fake.incidents()).hasSize(2);
        assertThat(fake.incidents().getLast().path("correlation_id").asText()).isEqualTo(KEY);
    }

    @Test
    void shouldResolveWithTheCloseCodeAndTheNoteAsCloseNotes() {
        ExternalTicket ticket = created();

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.RESOLVE, ticket, "All 3 resources are Multi-AZ now."));

        assertThat(outcome).isEqualTo(SinkOutcome.delivered(ticket));
        ObjectNode incident = fake.incident(ticket.id());
        assertThat(incident.path("state").asText()).isEqualTo("6");
        assertThat(incident.path("close_code").asText()).isEqualTo("Solved (Permanently)");
        assertThat(incident.path("close_notes").asText()).isEqualTo("All 3 resources are Multi-AZ now.");
    }

    @Test
    void shouldCloseASuppressedIncidentAsRiskAccepted() {
        ExternalTicket ticket = created();

        sink.deliver(step(DeliveryAction.SUPPRESS, ticket, "Risk accepted by alice until 2026-12-31: single-AZ test DB"));

        ObjectNode incident = fake.incident(ticket.id());
        assertThat(incident.path("state").asText()).isEqualTo("6");
        assertThat(incident.path("close_code").asText()).isEqualTo("Risk Accepted");
        assertThat(incident.path("close_notes").asText()).isEqualTo("Risk accepted by alice until 2026-12-31: single-AZ test DB");
    }

    @Test
    void shouldReopenTheSameIncidentInProgressWithAWorkNote() {
        ExternalTicket ticket = created();
        sink.deliver(step(DeliveryAction.RESOLVE, ticket, "Fixed."));

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.REOPEN, ticket, "orders-db is single-AZ again."));

        assertThat(outcome).isEqualTo(SinkOutcome.delivered(ticket));
        assertThat(fake.incidents()).hasSize(1);
        assertThat(fake.incident(ticket.id()).path("state").asText()).isEqualTo("2");
        assertThat(fake.workNotes(ticket.id())).containsExactly("orders-db is single-AZ again.");
    }

    @Test
    void shouldAddWorkNotesForUpdatesAcknowledgementsAndComments() {
        ExternalTicket ticket = created();

        sink.deliver(step(DeliveryAction.UPDATE, ticket, "billing-db is now Multi-AZ; 1 resource still failing."));
        sink.deliver(step(DeliveryAction.ACKNOWLEDGE, ticket, "Acknowledged by bob in OpsGenie."));
        sink.deliver(step(DeliveryAction.COMMENT, ticket, "Change CHG0001 scheduled."));

        assertThat(fake.workNotes(ticket.id())).containsExactly("billing-db is now Multi-AZ; 1 resource still failing.",
                "Acknowledged by bob in OpsGenie.", "Change CHG0001 scheduled.");
        assertThat(fake.incident(ticket.id()).path("state").asText()).isEqualTo("1");
    }

    @Test
    void shouldCreateAndResolveAnIncidentThatHadNoTicketYet() {
        SinkOutcome outcome = sink.deliver(request(DeliveryAction.RESOLVE, incident(), Optional.empty(), false, "Fixed."));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class);
        assertThat(fake.incidents()).singleElement().satisfies(i -> {
            assertThat(i.path("state").asText()).isEqualTo("6");
            assertThat(i.path("close_notes").asText()).isEqualTo("Fixed.");
        });
    }

    @Test
    void shouldAuthenticateWithAnOAuthToken() {
        ServiceNowTicketSink bearer = new ServiceNowTicketSink(config(Map.of(P + "oauth-token", "oauth-t0ken")));

        assertThat(bearer.deliver(open())).isInstanceOf(SinkOutcome.Delivered.class);
        assertThat(fake.requests().getFirst().getHeader("Authorization")).isEqualTo("Bearer oauth-t0ken");
    }

    @Test
    void shouldWaitAsToldWhenRateLimited() {
        fake.rateLimitNext(1, 7);

        assertThat(sink.deliver(open())).isEqualTo(SinkOutcome.rateLimited(Duration.ofSeconds(7)));
        assertThat(fake.incidents()).isEmpty();
    }

    @Test
    void shouldRejectBadCredentialsWithServiceNowsMessageAndNoSecret() {
        ServiceNowTicketSink wrong = new ServiceNowTicketSink(config(Map.of(P + "username", "plumbline", P + "password", "wr0ng-pw")));

        SinkOutcome outcome = wrong.deliver(open());

        assertThat(outcome).isInstanceOfSatisfying(SinkOutcome.Rejected.class, r -> assertThat(r.reason())
                .contains("HTTP 401", "User Not Authenticated").doesNotContain("wr0ng-pw"));
        assertThat(fake.incidents()).isEmpty();
    }

    @Test
    void shouldFailTransientlyWhenServiceNowIsUnreachable() {
        fake.goDown();

        assertThat(sink.deliver(open())).isInstanceOf(SinkOutcome.Failed.class);
    }

    @Test
    void shouldKeepAHostileResourceNameLiteral() {
        sink.deliver(request(DeliveryAction.OPEN, incident("HIGH", HOSTILE_NAME), Optional.empty(), false, ""));

        assertThat(fake.incidents().getFirst().path("description").asText()).contains(HOSTILE_NAME);
    }

    @Test
    void shouldRefuseToStartWithAUserButNoPasswordNamingTheKey() {
        assertThatThrownBy(() -> new ServiceNowTicketSink(config(Map.of(P + "username", "plumbline"))))
                .hasMessageContaining("plumbline.ticketing.servicenow.password");
        assertThatThrownBy(() -> new ServiceNowTicketSink(config(Map.of(P + "impact.HIGH", "5", P + "oauth-token", "t"))))
                .hasMessageContaining("plumbline.ticketing.servicenow.impact.HIGH");
    }

    @Test
    void shouldBeDisabledWithoutAnInstanceUrl() {
        ServiceNowConfig none = OpsSamples.config(ServiceNowConfig.class, Map.of());

        assertThat(new ServiceNowTicketSink(none).enabled()).isFalse();
        assertThat(sink.enabled()).isTrue();
    }

    private ExternalTicket created() {
        return ((SinkOutcome.Delivered) sink.deliver(open())).ticket();
    }

    private ServiceNowConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put(P + "instance-url", fake.baseUrl());
        all.put(P + "timeout", "2s");
        return OpsSamples.config(ServiceNowConfig.class, all);
    }
}
