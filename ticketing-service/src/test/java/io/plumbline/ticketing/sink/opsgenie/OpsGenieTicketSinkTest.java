package io.plumbline.ticketing.sink.opsgenie;

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
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.Target;
import io.plumbline.ticketing.support.FakeOpsGenie;
import io.plumbline.ticketing.support.OpsSamples;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpsGenie and JSM Operations alerts as the on-call engineer sees them, against a fake enforcing the Alert API. */
class OpsGenieTicketSinkTest {

    private static final String P = "plumbline.ticketing.opsgenie.";
    private static final String API_KEY = "0b1c2d3e-genie-key";

    private FakeOpsGenie fake;
    private OpsGenieTicketSink sink;

    @BeforeEach
    void start() {
        fake = new FakeOpsGenie(API_KEY);
        sink = new OpsGenieTicketSink(config(Map.of(P + "responders", "team:platform,user:alice@example.com")));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void shouldCreateAnAlertKeyedByTheCorrelationKeyWithPriorityRespondersTagsAndDetails() {
        SinkOutcome outcome = sink.deliver(open());

        assertThat(outcome).isInstanceOfSatisfying(SinkOutcome.Delivered.class, d -> {
            assertThat(d.ticket().key()).isEqualTo(KEY);
            assertThat(d.ticket().id()).isNotBlank();
        });
        FakeOpsGenie.Alert alert = fake.alert(KEY);
        JsonNode body = alert.created();
        assertThat(alert.api()).isEqualTo(FakeOpsGenie.OPSGENIE_ALERTS);
        assertThat(alert.status()).isEqualTo("open");
        assertThat(body.path("message").asText()).isEqualTo("RDS instances in sa-east-1 are deployed in a single Availability Zone");
        assertThat(body.path("priority").asText()).isEqualTo("P2");
        assertThat(body.path("responders").toString())
                .isEqualTo("[{\"type\":\"team\",\"name\":\"platform\"},{\"type\":\"user\",\"username\":\"alice@example.com\"}]");
        assertThat(body.path("tags")).extracting(JsonNode::asText)
                .containsExactly("plumbline", "reliability", "high", "sa-east-1", "rds-multi-az");
        assertThat(body.path("details").path("account").asText()).isEqualTo("123456789012");
        assertThat(body.path("details").path("region").asText()).isEqualTo("sa-east-1");
        assertThat(body.path("details").path("rule").asText()).isEqualTo("rds-multi-az");
        assertThat(body.path("details").path("question").asText()).startsWith("REL 10:");
        assertThat(body.path("details").path("bestPractice").asText()).isEqualTo("Deploy the workload to multiple locations");
        assertThat(body.path("entity").asText()).isEqualTo("arn:aws:rds:sa-east-1:123456789012:db:orders-db");
        assertThat(body.path("source").asText()).isEqualTo("Plumbline");
        assertThat(body.path("description").asText()).contains("Severity: HIGH", "DB instance billing-db is not Multi-AZ",
                "1. Modify the instance and enable Multi-AZ");
        assertThat(fake.requests().getFirst().getHeader("Authorization")).isEqualTo("GenieKey " + API_KEY);
    }

    @Test
    void shouldMapSeveritiesToPrioritiesWithOverridesAndPreferTheRoutesResponders() {
        OpsGenieTicketSink tuned = new OpsGenieTicketSink(config(Map.of(P + "priority.LOW", "P3", P + "responders", "team:platform")));
        Target route = new Target(Optional.empty(), Optional.empty(), Optional.empty(),
                List.of("schedule:payments-oncall", "escalation:payments-escalation"), Optional.empty());

        tuned.deliver(new SinkRequest(DeliveryAction.OPEN, incident("LOW", "billing-db"), Optional.empty(), false, route, ""));
        sink.deliver(request(DeliveryAction.OPEN, withKey(incident("CRITICAL", "billing-db"), "inc-43"), Optional.empty(), false, ""));

        JsonNode low = fake.alert(KEY).created();
        assertThat(low.path("priority").asText()).isEqualTo("P3");
        assertThat(low.path("responders").toString()).isEqualTo(
                "[{\"type\":\"schedule\",\"name\":\"payments-oncall\"},{\"type\":\"escalation\",\"name\":\"payments-escalation\"}]");
        assertThat(fake.alert("inc-43").created().path("priority").asText()).isEqualTo("P1");
    }

    @Test
    void shouldCutALongTitleToOpsGeniesMessageLimit() {
        IncidentContent incident = incident();
        IncidentContent longTitle = new IncidentContent(incident.id(), incident.correlationKey(), incident.state(),
                "S3 buckets ".repeat(30), incident.severity(), incident.pillar(), incident.question(), incident.bestPractice(),
                incident.ruleId(), incident.accountId(), incident.region(), incident.risk(), incident.remediation(),
                incident.resources(), incident.links());

        assertThat(sink.deliver(request(DeliveryAction.OPEN, longTitle, Optional.empty(), false, "")))
                .isInstanceOf(SinkOutcome.Delivered.class);
        assertThat(fake.alert(KEY).created().path("message").asText()).hasSize(130).endsWith("…");
    }

    @Test
    void shouldRaiseTheCountInsteadOfOpeningASecondAlertWhenACreateIsSentAgain() {
        sink.deliver(open());

        SinkOutcome again = sink.deliver(request(DeliveryAction.OPEN, incident(), Optional.empty(), true, ""));

        assertThat(again).isInstanceOf(SinkOutcome.Delivered.class);
        assertThat(fake.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("open");
            assertThat(a.count()).isEqualTo(2);
        });
    }

    @Test
    void shouldCloseTheAlertByAliasWithTheNote() {
        ExternalTicket ticket = created();

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.RESOLVE, ticket, "All resources are Multi-AZ now."));

        assertThat(outcome).isEqualTo(SinkOutcome.delivered(ticket));
        assertThat(fake.alert(KEY).status()).isEqualTo("closed");
        assertThat(fake.alert(KEY).notes()).containsExactly("All resources are Multi-AZ now.");
        assertThat(fake.requests().getLast().getUrl()).isEqualTo("/v2/alerts/" + KEY + "/close?identifierType=alias");
    }

    @Test
    void shouldCloseASuppressedIncidentsAlert() {
        ExternalTicket ticket = created();

        sink.deliver(step(DeliveryAction.SUPPRESS, ticket, "Risk accepted by alice until 2026-12-31"));

        assertThat(fake.alert(KEY).status()).isEqualTo("closed");
        assertThat(fake.alert(KEY).notes()).containsExactly("Risk accepted by alice until 2026-12-31");
    }

    @Test
    void shouldAcknowledgeByAliasAndAddNotesForUpdates() {
        ExternalTicket ticket = created();

        sink.deliver(step(DeliveryAction.ACKNOWLEDGE, ticket, "Acknowledged in Jira by bob."));
        sink.deliver(step(DeliveryAction.UPDATE, ticket, "billing-db fixed; 1 resource still failing."));
        sink.deliver(step(DeliveryAction.COMMENT, ticket, "Change scheduled for Sunday."));

        FakeOpsGenie.Alert alert = fake.alert(KEY);
        assertThat(alert.acknowledged()).isTrue();
        assertThat(alert.status()).isEqualTo("open");
        assertThat(alert.notes()).containsExactly("Acknowledged in Jira by bob.",
                "billing-db fixed; 1 resource still failing.", "Change scheduled for Sunday.");
        assertThat(fake.requests()).extracting(r -> r.getUrl()).containsExactly("/v2/alerts",
                "/v2/alerts/" + KEY + "/acknowledge?identifierType=alias", "/v2/alerts/" + KEY + "/notes?identifierType=alias",
                "/v2/alerts/" + KEY + "/notes?identifierType=alias");
    }

    @Test
    void shouldOpenANewAlertOnTheSameAliasWhenAClosedIncidentReopens() {
        ExternalTicket ticket = created();
        sink.deliver(step(DeliveryAction.RESOLVE, ticket, "Fixed."));

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.REOPEN, ticket, "Failing again."));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class);
        assertThat(fake.alerts()).extracting(FakeOpsGenie.Alert::status).containsExactly("closed", "open");
        assertThat(fake.alert(KEY).created().path("alias").asText()).isEqualTo(KEY);
    }

    @Test
    void shouldUseTheJsmOperationsPathsInTheJsmFlavour() {
        OpsGenieTicketSink jsm = new OpsGenieTicketSink(config(Map.of(P + "flavour", "JSM")));

        ExternalTicket ticket = ((SinkOutcome.Delivered) jsm.deliver(open())).ticket();
        jsm.deliver(step(DeliveryAction.RESOLVE, ticket, "Fixed."));

        assertThat(fake.alert(KEY).api()).isEqualTo(FakeOpsGenie.JSM_ALERTS);
        assertThat(fake.alert(KEY).status()).isEqualTo("closed");
        assertThat(fake.requests()).extracting(r -> r.getUrl()).containsExactly("/jsm/ops/integration/v2/alerts",
                "/jsm/ops/integration/v2/alerts/" + KEY + "/close?identifierType=alias");
    }

    @Test
    void shouldWaitAsToldWhenRateLimited() {
        fake.rateLimitNext(1, 12);

        assertThat(sink.deliver(open())).isEqualTo(SinkOutcome.rateLimited(Duration.ofSeconds(12)));
        assertThat(fake.alerts()).isEmpty();
    }

    @Test
    void shouldRejectABadKeyWithOpsGeniesMessageAndNoSecret() {
        OpsGenieTicketSink wrong = new OpsGenieTicketSink(config(Map.of(P + "api-key", "not-the-key")));

        assertThat(wrong.deliver(open())).isInstanceOfSatisfying(SinkOutcome.Rejected.class, r -> assertThat(r.reason())
                .contains("HTTP 401", "Could not authenticate").doesNotContain("not-the-key"));
        assertThat(fake.alerts()).isEmpty();
    }

    @Test
    void shouldFailTransientlyWhenOpsGenieIsUnreachable() {
        fake.goDown();

        assertThat(sink.deliver(open())).isInstanceOf(SinkOutcome.Failed.class);
    }

    @Test
    void shouldKeepAHostileResourceNameLiteral() {
        sink.deliver(request(DeliveryAction.OPEN, incident("HIGH", HOSTILE_NAME), Optional.empty(), false, ""));

        assertThat(fake.alert(KEY).created().path("description").asText()).contains(HOSTILE_NAME);
    }

    @Test
    void shouldRejectARoutesMalformedResponderWithoutCallingOpsGenie() {
        Target route = new Target(Optional.empty(), Optional.empty(), Optional.empty(), List.of("platform"), Optional.empty());

        SinkOutcome outcome = sink.deliver(new SinkRequest(DeliveryAction.OPEN, incident(), Optional.empty(), false, route, ""));

        assertThat(outcome).isInstanceOfSatisfying(SinkOutcome.Rejected.class,
                r -> assertThat(r.reason()).contains("'platform'"));
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void shouldRefuseToStartWithABadResponderOrPriorityNamingTheKey() {
        assertThatThrownBy(() -> new OpsGenieTicketSink(config(Map.of(P + "responders", "group:platform"))))
                .hasMessageContaining("plumbline.ticketing.opsgenie.responders").hasMessageContaining("group:platform");
        assertThatThrownBy(() -> new OpsGenieTicketSink(config(Map.of(P + "priority.HIGH", "P9"))))
                .hasMessageContaining("plumbline.ticketing.opsgenie.priority.HIGH");
    }

    @Test
    void shouldBeDisabledWithoutAnApiKey() {
        assertThat(new OpsGenieTicketSink(OpsSamples.config(OpsGenieConfig.class, Map.of())).enabled()).isFalse();
        assertThat(sink.enabled()).isTrue();
    }

    private ExternalTicket created() {
        return ((SinkOutcome.Delivered) sink.deliver(open())).ticket();
    }

    private static IncidentContent withKey(IncidentContent i, String key) {
        return new IncidentContent(i.id(), key, i.state(), i.title(), i.severity(), i.pillar(), i.question(), i.bestPractice(),
                i.ruleId(), i.accountId(), i.region(), i.risk(), i.remediation(), i.resources(), i.links());
    }

    private OpsGenieConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of(P + "api-key", API_KEY, P + "base-url", fake.baseUrl(), P + "timeout", "2s"));
        all.putAll(values);
        return OpsSamples.config(OpsGenieConfig.class, all);
    }
}
