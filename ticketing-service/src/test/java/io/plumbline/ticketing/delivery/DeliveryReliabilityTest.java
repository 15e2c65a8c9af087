package io.plumbline.ticketing.delivery;

import static io.plumbline.contracts.FindingEvent.State.OPEN;
import static io.plumbline.contracts.FindingEvent.State.REOPENED;
import static io.plumbline.contracts.FindingEvent.State.RESOLVED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.finding.FindingConsumer;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.incident.IncidentState;
import io.plumbline.ticketing.support.DestinationFakes;
import io.plumbline.ticketing.support.FakeJira;
import io.plumbline.ticketing.support.FindingEvents;
import io.plumbline.ticketing.support.TicketingTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Never a duplicate ticket, never a lost change: races, crashes, outages, throttling and dead letters. */
@QuarkusTest
@WithTestResource(DestinationFakes.class)
class DeliveryReliabilityTest extends TicketingTest {

    @Inject
    FindingConsumer consumer;

    @AfterEach
    void removeCrashTrigger() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("drop trigger if exists crash_after_create on ticketing.ticket").executeUpdate();
            em.createNativeQuery("drop function if exists ticketing.crash_after_create()").executeUpdate();
            em.createNativeQuery("drop sequence if exists ticketing.crash_once").executeUpdate();
        });
    }

    @Test
    void shouldCreateOneTicketWhenTwoConsumersRaceOnTheSameIncident() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                FindingEvent a = FindingEvents.rdsSingleAz("race-a-" + round, OPEN, 1);
                FindingEvent b = FindingEvents.rdsSingleAz("race-b-" + round, OPEN, 1);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> first = pool.submit(() -> race(start, a));
                Future<?> second = pool.submit(() -> race(start, b));
                first.get();
                second.get();
                FindingEvents.newAccount(); // the next round races on a new incident

                Incident incident = incidentOf(a);
                assertThat(incidentOf(b).id).isEqualTo(incident.id);
                awaitDelivered(incident);
                assertThat(jiraIssues(incident)).hasSize(1);
                assertThat(slackMessages(incident)).hasSize(1);
                assertThat(serviceNowIncidents(incident)).hasSize(1);
                assertThat(ticketsOf(incident)).hasSize(5);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Void race(CyclicBarrier start, FindingEvent event) throws Exception {
        start.await();
        consumer.store(List.of(event));
        return null;
    }

    @Test
    void shouldKeepOneTicketWhenTheCommitAfterTheCreateFails() {
        // the first time a Jira ticket is recorded as created, the commit fails: the issue exists, the ledger does not know
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("create sequence ticketing.crash_once").executeUpdate();
            em.createNativeQuery("""
                    create function ticketing.crash_after_create() returns trigger language plpgsql as $$
                    begin
                      if new.destination = 'jira' and new.state = 'CREATED' and nextval('ticketing.crash_once') = 1 then
                        raise exception 'simulated crash between the create and its commit';
                      end if;
                      return new;
                    end $$""").executeUpdate();
            em.createNativeQuery("create trigger crash_after_create before update on ticketing.ticket "
                    + "for each row execute function ticketing.crash_after_create()").executeUpdate();
        });
        FindingEvent open = FindingEvents.rdsSingleAz("crash-db", OPEN, 1);

        publishAndWait(open);
        Incident incident = incidentOf(open);
        awaitDelivered(incident);

        List<FakeJira.Issue> issues = jiraIssues(incident);
        assertThat(issues).hasSize(1);
        assertThat(jira.jqlReceived()).contains("labels = \"plumbline-" + incident.correlationKey + "\"");
        assertThat(ticketsOf(incident)).filteredOn(t -> t.destination.equals("jira")).singleElement()
                .satisfies(t -> assertThat(t.externalKey).isEqualTo(issues.getFirst().key));
    }

    @Test
    void shouldDeliverEveryPendingChangeInOrderWhenADestinationComesBack() {
        jira.goDown();
        publishAndWait(FindingEvents.rdsSingleAz("outage-db", OPEN, 1));
        FindingEvent resolved = FindingEvents.rdsSingleAz("outage-db", RESOLVED, 2);
        publishAndWait(resolved);
        Incident incident = incidentOf(resolved);
        awaitState(incident, IncidentState.RESOLVED);
        publishAndWait(FindingEvents.rdsSingleAz("outage-db", REOPENED, 3));
        awaitState(incident, IncidentState.REOPENED);
        await().atMost(WAIT).until(() -> slackMessages(incident).size() == 1
                && slackMessages(incident).getFirst().replies().size() >= 2); // the others carried on meanwhile
        assertThat(jiraIssues(incident)).isEmpty();

        jira.comeBack();
        awaitDelivered(incident);

        assertThat(jiraIssues(incident)).singleElement().satisfies(issue -> {
            List<String> comments = issue.commentTexts();
            assertThat(comments).hasSize(2);
            assertThat(comments.get(0)).contains("Resolved");
            assertThat(comments.get(1)).contains("Regressed");
            assertThat(issue.status).isNotEqualTo(FakeJira.Status.DONE);
        });
    }

    @Test
    void shouldWaitAsLongAsTheDestinationsRetryAfterSays() {
        jira.rateLimitNext(1, 2);
        FindingEvent open = FindingEvents.rdsSingleAz("throttled-db", OPEN, 1);
        long start = System.nanoTime();

        publishAndWait(open);
        Incident incident = incidentOf(open);
        await().atMost(WAIT).until(() -> jiraIssues(incident).size() == 1);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        awaitDelivered(incident);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list(
                "incidentId = ?1 and destination = 'jira'", incident.id)))
                .singleElement().satisfies(d -> assertThat(d.attempts).isEqualTo(1));
    }

    @Test
    void shouldDeadLetterARejectedStepHoldTheLaterOnesAndDeliverThemAllAfterARetry() {
        slack.failNext("channel_not_found");
        FindingEvent open = FindingEvents.rdsSingleAz("dead-db", OPEN, 1);
        publishAndWait(open);
        Incident incident = incidentOf(open);
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                Delivery.count("incidentId = ?1 and state = ?2", incident.id, Delivery.State.DEAD) == 1));
        publishAndWait(FindingEvents.rdsSingleAz("dead-db", RESOLVED, 2));
        awaitState(incident, IncidentState.RESOLVED);

        long dead = given().queryParam("state", "DEAD").when().get("/api/v1/deliveries").then().statusCode(200)
                .body("destination", hasItem("slack"))
                .body("find { it.incidentId == " + incident.id + " }.lastError", org.hamcrest.Matchers.containsString("channel_not_found"))
                .extract().jsonPath().getLong("find { it.incidentId == " + incident.id + " }.id");
        given().when().get("/api/v1/incidents/" + incident.id).then().statusCode(200)
                .body("tickets.find { it.destination == 'slack' }.delivery", equalTo("DEAD"))
                .body("tickets.find { it.destination == 'slack' }.pendingSteps", equalTo(2));
        assertThat(slackMessages(incident)).isEmpty();

        given().when().post("/api/v1/deliveries/" + dead + "/retry").then().statusCode(200).body("state", equalTo("PENDING"));
        awaitDelivered(incident);

        assertThat(slackMessages(incident)).singleElement()
                .satisfies(m -> assertThat(m.replies()).extracting(r -> r.text()).anySatisfy(t -> assertThat(t).contains("Resolved")));
        given().when().post("/api/v1/deliveries/" + dead + "/retry").then().statusCode(409);
    }
}
