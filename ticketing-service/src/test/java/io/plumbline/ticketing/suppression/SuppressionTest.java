package io.plumbline.ticketing.suppression;

import static io.plumbline.contracts.FindingEvent.State.OPEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.incident.IncidentState;
import io.plumbline.ticketing.support.DestinationFakes;
import io.plumbline.ticketing.support.FakeJira;
import io.plumbline.ticketing.support.FindingEvents;
import io.plumbline.ticketing.support.TicketingTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Accepting a risk through the API: findings are kept and shown as suppressed, and come back when it expires. */
@QuarkusTest
@WithTestResource(DestinationFakes.class)
class SuppressionTest extends TicketingTest {

    @Test
    void shouldSuppressMatchingFindingsThenReopenTheSameTicketsWhenTheSuppressionExpires() {
        FindingEvent open = FindingEvents.rdsSingleAz("legacy-db", OPEN, 1);
        publishAndWait(open);
        Incident incident = incidentOf(open);
        awaitDelivered(incident);
        String key = jiraIssues(incident).getFirst().key;

        given().contentType(ContentType.JSON).body("""
                        {"match": {"accountId": "%s", "ruleId": "rds-*", "resourceArn": "*:db:legacy-*"},
                         "reason": "Legacy database, retired next quarter", "expiresIn": "PT3S", "createdBy": "dana"}"""
                        .formatted(FindingEvents.account()))
                .when().post("/api/v1/suppressions").then().statusCode(201)
                .body("findingsCovered", equalTo(1)).body("reason", equalTo("Legacy database, retired next quarter"));
        awaitState(incident, IncidentState.SUPPRESSED);
        awaitDelivered(incident);

        assertThat(jira.status(key)).isEqualTo(FakeJira.Status.DONE);
        given().when().get("/api/v1/incidents/" + incident.id).then().statusCode(200)
                .body("findings[0].status", equalTo("SUPPRESSED")).body("state", equalTo("SUPPRESSED"));

        awaitState(incident, IncidentState.REOPENED); // the suppression expires after 3 s; the finding still fails
        awaitDelivered(incident);
        assertThat(jiraIssues(incident)).singleElement().satisfies(issue -> {
            assertThat(issue.key).isEqualTo(key);
            assertThat(issue.status).isNotEqualTo(FakeJira.Status.DONE);
        });
        assertThat(opsgenieAlerts(incident)).extracting(a -> a.status()).contains("open");
    }

    @Test
    void shouldRefuseASuppressionWithoutAReasonOrMatch() {
        given().contentType(ContentType.JSON).body("{\"match\": {\"ruleId\": \"rds-*\"}}")
                .when().post("/api/v1/suppressions").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"match\": {}, \"reason\": \"because\"}")
                .when().post("/api/v1/suppressions").then().statusCode(400);
    }
}
