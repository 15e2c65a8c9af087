package io.plumbline.ticketing.sink.pagerduty;

import static io.plumbline.ticketing.support.OpsSamples.HOSTILE_NAME;
import static io.plumbline.ticketing.support.OpsSamples.KEY;
import static io.plumbline.ticketing.support.OpsSamples.incident;
import static io.plumbline.ticketing.support.OpsSamples.open;
import static io.plumbline.ticketing.support.OpsSamples.request;
import static io.plumbline.ticketing.support.OpsSamples.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.ticketing.sink.DeliveryAction;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.support.FakePagerDuty;
import io.plumbline.ticketing.support.OpsSamples;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PagerDuty alerts as the on-call engineer sees them, against a fake enforcing Events API v2. */
class PagerDutyTicketSinkTest {

    private static final String P = "plumbline.ticketing.pagerduty.";
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";

    private FakePagerDuty fake;
    private PagerDutyTicketSink sink;

    @BeforeEach
    void start() {
        fake = new FakePagerDuty(ROUTING_KEY);
        sink = new PagerDutyTicketSink(config(Map.of()));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void shouldTriggerAnAlertKeyedByTheCorrelationKeyWithSummarySourceAndSeverity() {
        SinkOutcome outcome = sink.deliver(open());

        assertThat(outcome).isEqualTo(SinkOutcome.delivered(new ExternalTicket(KEY, null, null)));
        FakePagerDuty.Alert alert = fake.alerts().getFirst();
        assertThat(alert.dedupKey()).isEqualTo(KEY);
        assertThat(alert.status()).isEqualTo("triggered");
        JsonNode payload = alert.payload();
        assertThat(payload.path("summary").asText()).isEqualTo("RDS instances in sa-east-1 are deployed in a single Availability Zone");
        assertThat(payload.path("source").asText()).isEqualTo("123456789012/sa-east-1");
        assertThat(payload.path("severity").asText()).isEqualTo("error");
        JsonNode details = payload.path("custom_details");
        assertThat(details.path("pillar").asText()).isEqualTo("RELIABILITY");
        assertThat(details.path("risk").asText()).isEqualTo("An Availability Zone outage makes the database unavailable.");
        assertThat(details.path("resources")).extracting(r -> r.path("arn").asText()).containsExactly(
                "arn:aws:rds:sa-east-1:123456789012:db:orders-db", "arn:aws:rds:sa-east-1:123456789012:db:billing-db",
                "arn:aws:rds:sa-east-1:123456789012:db:legacy-db");
        assertThat(details.path("remediation").get(0).asText()).isEqualTo("Modify the instance and enable Multi-AZ");
    }

    @Test
    void shouldMapSeveritiesWithOverrides() {
        PagerDutyTicketSink tuned = new PagerDutyTicketSink(config(Map.of(P + "severity.MEDIUM", "error")));

        sink.deliver(request(DeliveryAction.OPEN, incident("CRITICAL", "billing-db"), Optional.empty(), false, ""));
        sink.deliver(step(DeliveryAction.RESOLVE, new ExternalTicket(KEY, null, null), ""));
        tuned.deliver(request(DeliveryAction.OPEN, incident("MEDIUM", "billing-db"), Optional.empty(), false, ""));

        assertThat(fake.alerts()).extracting(a -> a.payload().path("severity").asText()).containsExactly("critical", "error");
    }

    @Test
    void shouldResolveTheAlertTriggeredWithTheSameDedupKey() {
        ExternalTicket ticket = created();

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.RESOLVE, ticket, "Fixed."));

        assertThat(outcome).isEqualTo(SinkOutcome.delivered(ticket));
        assertThat(fake.alerts()).singleElement().satisfies(a -> {
            assertThat(a.dedupKey()).isEqualTo(KEY);
            assertThat(a.status()).isEqualTo("resolved");
        });
        assertThat(fake.events()).extracting(e -> e.path("event_action").asText() + " " + e.path("dedup_key").asText())
                .containsExactly("trigger " + KEY, "resolve " + KEY);
    }

    @Test
    void shouldResolveWhenTheRiskIsAcceptedAndAcknowledgeWhenAcknowledged() {
        ExternalTicket ticket = created();

        sink.deliver(step(DeliveryAction.ACKNOWLEDGE, ticket, "Acknowledged by bob."));
        assertThat(fake.alerts().getFirst().status()).isEqualTo("acknowledged");

        sink.deliver(step(DeliveryAction.SUPPRESS, ticket, "Risk accepted."));
        assertThat(fake.alerts().getFirst().status()).isEqualTo("resolved");
    }

    @Test
    void shouldTriggerANewAlertOnTheSameDedupKeyWhenAResolvedIncidentReopens() {
        ExternalTicket ticket = created();
        sink.deliver(step(DeliveryAction.RESOLVE, ticket, "Fixed."));

        sink.deliver(step(DeliveryAction.REOPEN, ticket, "Failing again."));

        assertThat(fake.alerts()).extracting(a -> a.dedupKey() + " " + a.status())
                .containsExactly(KEY + " resolved", KEY + " triggered");
    }

    @Test
    void shouldSendNothingForUpdatesAndCommentsAndKeepTheTicket() {
        ExternalTicket ticket = created();
        fake.clearRequests();

        assertThat(sink.deliver(step(DeliveryAction.UPDATE, ticket, "billing-db fixed."))).isEqualTo(SinkOutcome.delivered(ticket));
        assertThat(sink.deliver(step(DeliveryAction.COMMENT, ticket, "Note."))).isEqualTo(SinkOutcome.delivered(ticket));
        assertThat(fake.requestCount()).isZero();
        assertThat(fake.alerts().getFirst().status()).isEqualTo("triggered");
    }

    @Test
    void shouldWaitAsToldWhenRateLimited() {
        fake.rateLimitNext(1, 20);

        assertThat(sink.deliver(open())).isEqualTo(SinkOutcome.rateLimited(Duration.ofSeconds(20)));
        assertThat(fake.alerts()).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownRoutingKeyWithPagerDutysErrorAndNoSecret() {
        String wrongKey = "Rffffffffffffffffffffffffffffff0";
        PagerDutyTicketSink wrong = new PagerDutyTicketSink(config(Map.of(P + "routing-key", wrongKey)));

        assertThat(wrong.deliver(open())).isInstanceOfSatisfying(SinkOutcome.Rejected.class, r -> assertThat(r.reason())
                .contains("HTTP 400", "Invalid routing key").doesNotContain(wrongKey));
        assertThat(fake.alerts()).isEmpty();
    }

    @Test
    void shouldFailTransientlyWhenPagerDutyIsUnreachable() {
        fake.goDown();

        assertThat(sink.deliver(open())).isInstanceOf(SinkOutcome.Failed.class);
    }

    @Test
    void shouldKeepAHostileResourceNameLiteral() {
        sink.deliver(request(DeliveryAction.OPEN, incident("HIGH", HOSTILE_NAME), Optional.empty(), false, ""));

        assertThat(fake.alerts().getFirst().payload().path("custom_details").path("resources"))
                .extracting(r -> r.path("name").asText()).contains(HOSTILE_NAME);
    }

    @Test
    void shouldRefuseToStartWithAMalformedRoutingKeyOrSeverityNamingTheKey() {
        assertThatThrownBy(() -> new PagerDutyTicketSink(config(Map.of(P + "routing-key", "too-short"))))
                .hasMessageContaining("plumbline.ticketing.pagerduty.routing-key").hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> new PagerDutyTicketSink(config(Map.of(P + "severity.HIGH", "sev1"))))
                .hasMessageContaining("plumbline.ticketing.pagerduty.severity.HIGH");
    }

    @Test
    void shouldBeDisabledWithoutARoutingKey() {
        assertThat(new PagerDutyTicketSink(OpsSamples.config(PagerDutyConfig.class, Map.of())).enabled()).isFalse();
        assertThat(sink.enabled()).isTrue();
    }

    private ExternalTicket created() {
        return ((SinkOutcome.Delivered) sink.deliver(open())).ticket();
    }

    private PagerDutyConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of(P + "routing-key", ROUTING_KEY, P + "base-url", fake.baseUrl(), P + "timeout", "2s"));
        all.putAll(values);
        return OpsSamples.config(PagerDutyConfig.class, all);
    }
}
