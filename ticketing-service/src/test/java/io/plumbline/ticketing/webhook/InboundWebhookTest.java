package io.plumbline.ticketing.webhook;

import static io.plumbline.contracts.FindingEvent.State.OPEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.incident.IncidentState;
import io.plumbline.ticketing.support.DestinationFakes;
import io.plumbline.ticketing.support.FakeJira;
import io.plumbline.ticketing.support.FindingEvents;
import io.plumbline.ticketing.support.TicketingTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Humans act in Jira, OpsGenie and ServiceNow; Plumbline follows, and its own changes never bounce back. */
@QuarkusTest
@WithTestResource(DestinationFakes.class)
class InboundWebhookTest extends TicketingTest {

    @Test
    void shouldSuppressWhenJiraResolvesAsWontDoAndTellTheOtherDestinations() {
        Incident incident = openIncident("accepted-db");
        String key = jiraIssues(incident).getFirst().key;
        int jiraCalls = jira.requestCount();

        String body = jiraWebhook(key, "done", "Won't Do", "alice");
        String id = UUID.randomUUID().toString();
        given().header("X-Hub-Signature", sign(body)).header("X-Atlassian-Webhook-Identifier", id).body(body)
                .when().post("/webhooks/jira").then().statusCode(200).body("outcome", equalTo("applied"));
        awaitState(incident, IncidentState.SUPPRESSED);
        awaitDelivered(incident);

        Incident after = reload(incident);
        assertThat(after.suppressionReason).contains("jira", "alice", "Won't Do");
        assertThat(after.suppressedUntil).isBetween(Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(91)));
        assertThat(opsgenieAlerts(incident).getFirst().status()).isEqualTo("closed");
        assertThat(serviceNowIncidents(incident).getFirst().path("close_code").asText()).isEqualTo("Risk Accepted");
        assertThat(jira.requestCount()).isEqualTo(jiraCalls); // the change came from Jira: nothing is sent back to it

        given().header("X-Hub-Signature", sign(body)).header("X-Atlassian-Webhook-Identifier", id).body(body)
                .when().post("/webhooks/jira").then().statusCode(200).body("outcome", equalTo("duplicate"));
    }

    @Test
    void shouldRefuseAForgedOrMissingSignatureAndChangeNothing() {
        Incident incident = openIncident("forged-db");
        String body = jiraWebhook(jiraIssues(incident).getFirst().key, "done", "Won't Do", "mallory");
        long steps = deliveriesOf(incident);

        given().body(body).when().post("/webhooks/jira").then().statusCode(401);
        given().header("X-Hub-Signature", "sha256=" + "0".repeat(64)).body(body).when().post("/webhooks/jira").then().statusCode(401);
        given().header("X-Hub-Signature", sign(body)).body(body.replace("mallory", "mallory2"))
                .when().post("/webhooks/jira").then().statusCode(401);
        given().body("{\"action\":\"Acknowledge\",\"alert\":{\"alias\":\"" + incident.correlationKey + "\"}}")
                .header("X-Plumbline-Token", "guess").when().post("/webhooks/opsgenie").then().statusCode(401);

        assertThat(stateOf(incident)).isEqualTo(IncidentState.OPEN);
        assertThat(deliveriesOf(incident)).isEqualTo(steps);
    }

    @Test
    void shouldReopenTheJiraIssueWithAStillFailingCommentWhenClosedWhileTheFindingFails() {
        Incident incident = openIncident("still-failing-db");
        String key = jiraIssues(incident).getFirst().key;
        jira.setStatus(key, FakeJira.Status.DONE);

        String body = jiraWebhook(key, "done", "Done", "bob");
        given().header("X-Hub-Signature", sign(body)).body(body).when().post("/webhooks/jira").then().statusCode(200)
                .body("outcome", equalTo("ticket_reopened"));
        await().atMost(WAIT).until(() -> jira.status(key) != FakeJira.Status.DONE);

        assertThat(jiraIssues(incident).getFirst().commentTexts()).anySatisfy(c -> assertThat(c).contains("Still failing"));
        assertThat(stateOf(incident)).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void shouldIgnoreTheEchoOfItsOwnResolveFromJira() {
        Incident incident = openIncident("echo-db");
        publishAndWait(FindingEvents.rdsSingleAz("echo-db", FindingEvent.State.RESOLVED, 2));
        awaitState(incident, IncidentState.RESOLVED);
        awaitDelivered(incident);
        long steps = deliveriesOf(incident);

        String body = jiraWebhook(jiraIssues(incident).getFirst().key, "done", "Done", "Plumbline");
        given().header("X-Hub-Signature", sign(body)).body(body).when().post("/webhooks/jira").then().statusCode(200)
                .body("outcome", equalTo("already_so"));

        assertThat(stateOf(incident)).isEqualTo(IncidentState.RESOLVED);
        assertThat(deliveriesOf(incident)).isEqualTo(steps);
    }

    @Test
    void shouldAcknowledgeFromOpsGenieAndReflectItInJiraAndSlack() {
        Incident incident = openIncident("ack-db");
        String body = "{\"action\":\"Acknowledge\",\"alert\":{\"alias\":\"" + incident.correlationKey
                + "\",\"username\":\"oncall@example.com\"},\"source\":{\"type\":\"mobile\"}}";

        given().header("X-Plumbline-Token", DestinationFakes.OPSGENIE_WEBHOOK_SECRET).body(body)
                .when().post("/webhooks/opsgenie").then().statusCode(200).body("outcome", equalTo("applied"));
        awaitState(incident, IncidentState.ACKNOWLEDGED);
        awaitDelivered(incident);

        assertThat(jiraIssues(incident).getFirst().commentTexts())
                .anySatisfy(c -> assertThat(c).contains("Acknowledged on opsgenie by oncall@example.com"));
        assertThat(slackMessages(incident).getFirst().replies()).extracting(r -> r.text())
                .anySatisfy(t -> assertThat(t).contains("Acknowledged"));
        assertThat(opsgenieAlerts(incident).getFirst().acknowledged()).isFalse(); // it came from OpsGenie: not echoed back
    }

    @Test
    void shouldMarkAFalsePositiveFromAServiceNowPush() {
        Incident incident = openIncident("fp-db");
        ObjectNode sn = serviceNowIncidents(incident).getFirst();
        String body = "{\"sys_id\":\"" + sn.path("sys_id").asText() + "\",\"number\":\"" + sn.path("number").asText()
                + "\",\"state\":\"7\",\"close_code\":\"False Positive\",\"correlation_id\":\"" + incident.correlationKey
                + "\",\"sys_updated_by\":\"carol\"}";

        given().header("X-Plumbline-Token", "wrong").body(body).when().post("/webhooks/servicenow").then().statusCode(401);
        assertThat(stateOf(incident)).isEqualTo(IncidentState.OPEN);
        given().header("X-Plumbline-Token", DestinationFakes.SERVICENOW_WEBHOOK_SECRET).body(body)
                .when().post("/webhooks/servicenow").then().statusCode(200).body("outcome", equalTo("applied"));

        awaitState(incident, IncidentState.FALSE_POSITIVE);
        awaitDelivered(incident);
        assertThat(jira.status(jiraIssues(incident).getFirst().key)).isEqualTo(FakeJira.Status.DONE);
    }

    private Incident openIncident(String name) {
        FindingEvent open = FindingEvents.rdsSingleAz(name, OPEN, 1);
        publishAndWait(open);
        Incident incident = incidentOf(open);
        awaitDelivered(incident);
        return incident;
    }

    private Incident reload(Incident incident) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.findById(incident.id));
    }

    private static String jiraWebhook(String key, String category, String resolution, String user) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        root.put("webhookEvent", "jira:issue_updated");
        root.putObject("user").put("displayName", user);
        ObjectNode fields = root.putObject("issue").put("key", key).putObject("fields");
        fields.putObject("status").put("name", category.equals("done") ? "Done" : "In Progress")
                .putObject("statusCategory").put("key", category);
        fields.putObject("resolution").put("name", resolution);
        root.putObject("changelog").putArray("items").addObject().put("field", "status")
                .put("fromString", "In Progress").put("toString", "Done");
        return root.toString();
    }

    private static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DestinationFakes.JIRA_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
