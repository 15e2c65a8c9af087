package io.plumbline.ticketing.incident;

import static io.plumbline.contracts.FindingEvent.State.OPEN;
import static io.plumbline.contracts.FindingEvent.State.REOPENED;
import static io.plumbline.contracts.FindingEvent.State.RESOLVED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.support.DestinationFakes;
import io.plumbline.ticketing.support.FakeJira;
import io.plumbline.ticketing.support.FindingEvents;
import io.plumbline.ticketing.support.FindingsTopic;
import io.plumbline.ticketing.support.TicketingTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A finding's life as the ops team sees it in every queue: opened once, closed when fixed, reopened on regression. */
@QuarkusTest
@WithTestResource(DestinationFakes.class)
class IncidentLifecycleTest extends TicketingTest {

    @Test
    void shouldOpenOneTicketPerDestinationWhenTheSameFindingArrivesAHundredTimes() {
        FindingEvent open = FindingEvents.rdsSingleAz("crm-db-100", OPEN, 1);
        List<FindingEvent> hundred = new ArrayList<>();
        hundred.add(open);
        for (int i = 1; i < 100; i++) {
            hundred.add(FindingEvents.resent(open));
        }

        publishAndWait(hundred);
        Incident incident = incidentOf(open);
        awaitDelivered(incident);

        assertThat(jiraIssues(incident)).hasSize(1);
        assertThat(slackMessages(incident)).hasSize(1);
        assertThat(opsgenieAlerts(incident)).hasSize(1).allSatisfy(a -> assertThat(a.count()).isEqualTo(1));
        assertThat(serviceNowIncidents(incident)).hasSize(1);
        assertThat(pagerDutyAlerts(incident)).hasSize(1).allSatisfy(a -> assertThat(a.triggers()).isEqualTo(1));
        assertThat(ticketsOf(incident)).extracting(t -> t.destination + ":" + t.state)
                .containsExactly("jira:CREATED", "opsgenie:CREATED", "pagerduty:CREATED", "servicenow:CREATED", "slack:CREATED");
    }

    @Test
    void shouldGroupTheCaseStudysSingleAzDatabasesOfOneRegionIntoOneIncident() {
        FindingEvent crm = FindingEvents.rdsSingleAz("crm-db-group", OPEN, 1);
        FindingEvent billing = FindingEvents.rdsSingleAz("billing-db-group", OPEN, 1);

        publishAndWait(crm, billing);
        Incident incident = incidentOf(crm);
        awaitDelivered(incident);

        assertThat(incidentOf(billing).id).isEqualTo(incident.id);
        FakeJira.Issue issue = jiraIssues(incident).getFirst();
        assertThat(issue.descriptionText()).contains("crm-db-group", "billing-db-group",
                "RDS instance crm-db-group in sa-east-1 is deployed in a single Availability Zone");
        given().queryParam("state", "OPEN").when().get("/api/v1/incidents").then().statusCode(200)
                .body("find { it.id == " + incident.id + " }.findings.resourceName", hasItems("crm-db-group", "billing-db-group"))
                .body("find { it.id == " + incident.id + " }.tickets.find { it.destination == 'jira' }.key", equalTo(issue.key));
    }

    @Test
    void shouldCloseEverywhereWhenFixedAndReopenTheSameJiraIssueOnRegression() {
        FindingEvent open = FindingEvents.rdsSingleAz("crm-db-life", OPEN, 1);
        publishAndWait(open);
        Incident incident = incidentOf(open);
        awaitDelivered(incident);
        String key = jiraIssues(incident).getFirst().key;

        publishAndWait(FindingEvents.rdsSingleAz("crm-db-life", RESOLVED, 2));
        awaitState(incident, IncidentState.RESOLVED);
        awaitDelivered(incident);

        assertThat(jira.status(key)).isEqualTo(FakeJira.Status.DONE);
        assertThat(serviceNowIncidents(incident).getFirst().path("state").asText()).isEqualTo("6");
        assertThat(opsgenieAlerts(incident).getFirst().status()).isEqualTo("closed");
        assertThat(pagerDutyAlerts(incident).getFirst().status()).isEqualTo("resolved");
        assertThat(slackMessages(incident).getFirst().blocksText()).contains("RESOLVED");

        publishAndWait(FindingEvents.rdsSingleAz("crm-db-life", REOPENED, 3));
        awaitState(incident, IncidentState.REOPENED);
        awaitDelivered(incident);

        assertThat(jiraIssues(incident)).hasSize(1).first().satisfies(issue -> {
            assertThat(issue.key).isEqualTo(key);
            assertThat(issue.status).isNotEqualTo(FakeJira.Status.DONE);
            assertThat(String.join("\n", issue.commentTexts())).contains("Resolved", "Regressed");
        });
        assertThat(serviceNowIncidents(incident)).hasSize(1).first()
                .satisfies(sn -> assertThat(sn.path("state").asText()).isEqualTo("2"));
        assertThat(opsgenieAlerts(incident)).extracting(a -> a.status()).contains("open");
        assertThat(slackMessages(incident)).hasSize(1);
        assertThat(slackMessages(incident).getFirst().replies()).extracting(r -> r.text())
                .anySatisfy(t -> assertThat(t).contains("Resolved"))
                .anySatisfy(t -> assertThat(t).contains("Regressed"));
    }

    @Test
    void shouldMakeNoOutboundCallWhenARescanChangesNothing() {
        FindingEvent open = FindingEvents.rdsSingleAz("crm-db-quiet", OPEN, 1);
        publishAndWait(open);
        Incident incident = incidentOf(open);
        awaitDelivered(incident);
        int calls = jira.requestCount() + slack.requestCount() + opsgenie.requestCount() + servicenow.requestCount()
                + pagerduty.requestCount();

        List<FindingEvent> rescan = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rescan.add(FindingEvents.resent(open));
        }
        publishAndWait(rescan);
        sleep(1000); // ten worker rounds: anything queued by the rescan would have been sent

        assertThat(jira.requestCount() + slack.requestCount() + opsgenie.requestCount() + servicenow.requestCount()
                + pagerduty.requestCount()).isEqualTo(calls);
    }

    @Test
    void shouldShowAHostileResourceNameLiterallyAndNeverPingTheChannel() {
        String hostile = "<!channel> & \"x\" OR project = ABC";
        FindingEvent open = FindingEvents.event("ec2-public-instance-open-ingress", "HIGH", "SECURITY", "SEC5", "SEC5-BP01",
                "arn:aws:ec2:sa-east-1:" + FindingEvents.account() + ":instance/i-0hostile00000001", "AWS::EC2::Instance",
                "i-0hostile00000001", hostile, "EC2 instance with a public IP allows TCP from anywhere",
                "EC2 instance " + hostile + " has a public IP and allows TCP from 0.0.0.0/0", OPEN, 1);

        publishAndWait(open);
        Incident incident = incidentOf(open);
        awaitDelivered(incident);

        assertThat(jiraIssues(incident).getFirst().descriptionText()).contains(hostile);
        String slackJson = slackMessages(incident).getFirst().json();
        assertThat(slackJson).contains("&lt;!channel&gt; &amp;").doesNotContain("<!channel>");
        assertThat(serviceNowIncidents(incident).getFirst().path("description").asText()).contains(hostile);
        assertThat(jira.jqlReceived()).allSatisfy(jql -> assertThat(jql).matches("labels = \"plumbline-[0-9a-f]+\""));
    }

    @Test
    void shouldSendMalformedAndUnknownVersionEventsToTheDeadLetterTopicAndKeepGoing() {
        String unknownVersion = FindingEvents.json(FindingEvents.rdsSingleAz("crm-db-v2", OPEN, 1))
                .replace("\"version\":1", "\"version\":2");
        // conforms to the schema (formats are annotations there), but no reader understands the timestamp
        FindingEvent undated = FindingEvents.rdsSingleAz("crm-db-undated", OPEN, 1);
        String unreadableTime = FindingEvents.json(undated)
                .replaceFirst("\"firstSeenAt\":\"[^\"]+\"", "\"firstSeenAt\":\"yesterday\"");
        double before = consumed();
        FindingsTopic.publishRaw("not-a-fingerprint", "{ this is not json");
        FindingsTopic.publishRaw("also-bad", unknownVersion);
        FindingsTopic.publishRaw(undated.fingerprint(), unreadableTime);
        FindingEvent good = FindingEvents.rdsSingleAz("crm-db-after-bad", OPEN, 1);
        FindingsTopic.publish(good);

        await().atMost(WAIT).until(() -> consumed() >= before + 4);
        assertThat(incidentOf(good).state).isEqualTo(IncidentState.OPEN);
        List<ConsumerRecord<String, String>> dead = FindingsTopic.deadLetters();
        assertThat(dead).extracting(ConsumerRecord::key).contains("not-a-fingerprint", "also-bad");
        assertThat(dead).filteredOn(r -> "also-bad".equals(r.key())).first().satisfies(r ->
                assertThat(new String(r.headers().lastHeader("plumbline-dlq-reason").value(), StandardCharsets.UTF_8))
                        .contains("version"));
        assertThat(dead).filteredOn(r -> "not-a-fingerprint".equals(r.key())).first().satisfies(r ->
                assertThat(new String(r.headers().lastHeader("plumbline-dlq-reason").value(), StandardCharsets.UTF_8))
                        .contains("not JSON"));
        assertThat(dead).filteredOn(r -> undated.fingerprint().equals(r.key())).first().satisfies(r ->
                assertThat(new String(r.headers().lastHeader("plumbline-dlq-reason").value(), StandardCharsets.UTF_8))
                        .contains("firstSeenAt").contains("not a date-time"));
        assertThat(findIncident(FindingEvents.rdsSingleAz("crm-db-v2", OPEN, 1))).isEmpty();
        assertThat(findIncident(undated)).isEmpty();
    }

    @Test
    void shouldIgnoreAnOlderEventArrivingAfterANewerOne() {
        publishAndWait(FindingEvents.rdsSingleAz("crm-db-order", OPEN, 1));
        FindingEvent resolved = FindingEvents.rdsSingleAz("crm-db-order", RESOLVED, 2);
        publishAndWait(resolved);
        Incident incident = incidentOf(resolved);
        awaitState(incident, IncidentState.RESOLVED);
        long steps = deliveriesOf(incident);

        publishAndWait(FindingEvents.rdsSingleAz("crm-db-order", OPEN, 1));

        assertThat(stateOf(incident)).isEqualTo(IncidentState.RESOLVED);
        assertThat(deliveriesOf(incident)).isEqualTo(steps);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
