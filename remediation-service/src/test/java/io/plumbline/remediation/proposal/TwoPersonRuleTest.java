package io.plumbline.remediation.proposal;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.plumbline.contracts.EventJson;
import io.plumbline.remediation.slack.SlackMessages;
import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.Remediation;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * rds-enable-deletion-protection runs under the two-person rule: nothing changes in moto until two different
 * approvers approved (in Slack or through the API); the same person twice counts once; one reject rejects.
 */
@QuarkusTest
@WithTestResource(RemediationFakes.class)
class TwoPersonRuleTest {

    private static final String ACTION = "rds-enable-deletion-protection";

    @Inject
    ProposalService proposals;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private String propose(String name) {
        return Remediation.proposeOnNewDatabase(proposals, "rds-instance-deletion-protection", name, Remediation.account());
    }

    private static boolean protectedFromDeletion(String name) {
        try (RdsClient rds = Moto.rds()) {
            return Boolean.TRUE.equals(rds.describeDBInstances(r -> r.dbInstanceIdentifier(name)).dbInstances().getFirst()
                    .deletionProtection());
        }
    }

    private static String click(String user, String action, String id) {
        return Remediation.signedClick(user, action, id).then().statusCode(200).extract().path("text");
    }

    /** Every section text of the Slack messages (posted or updated) about one proposal. */
    private static List<String> slackTexts(String method, String id) throws Exception {
        List<String> texts = new ArrayList<>();
        for (LoggedRequest request : Remediation.slack().find(postRequestedFor(urlPathEqualTo("/api/" + method))
                .withRequestBody(containing(id)))) {
            for (JsonNode block : EventJson.mapper().readTree(request.getBodyAsString()).path("blocks")) {
                texts.add(block.path("text").path("text").asText());
            }
        }
        return texts;
    }

    @Test
    void shouldApplyOnlyAfterTwoDifferentSlackApprovers() throws Exception {
        String id = propose("two-slack");
        assertThat(slackTexts("chat.postMessage", id)).contains("Needs 2 approvals from different approvers");

        assertThat(click(RemediationFakes.APPROVER, SlackMessages.APPROVE, id))
                .isEqualTo("Approval recorded (1 of 2): " + ACTION + " runs once a different approver approves too.");
        assertThat(Remediation.state(id)).isEqualTo("PROPOSED");
        assertThat(protectedFromDeletion("two-slack")).as("one approval changes nothing").isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> slackTexts("chat.update", id),
                t -> t.contains("1 of 2 approvals, by <@" + RemediationFakes.APPROVER + ">"));

        assertThat(click(RemediationFakes.APPROVER, SlackMessages.APPROVE, id)).isEqualTo("Refused: proposal already has the"
                + " approval of slack:U0APPROVER; it needs 2 different approvers");
        assertThat(Remediation.state(id)).isEqualTo("PROPOSED");
        assertThat(protectedFromDeletion("two-slack")).as("the same person twice is still one approval").isFalse();

        assertThat(click(RemediationFakes.SECOND, SlackMessages.APPROVE, id)).isEqualTo("Approved: applying " + ACTION + " to two-slack.");
        await().atMost(Duration.ofSeconds(30)).until(() -> protectedFromDeletion("two-slack"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Remediation.state(id), s -> !"EXECUTING".equals(s) && !"APPROVED".equals(s));
        Map<String, Object> proposal = given().when().get("/api/v1/proposals/" + id).then().extract().jsonPath().getMap("$");
        assertThat(proposal.get("state")).isEqualTo("SUCCEEDED");
        assertThat(proposal.get("decidedBy")).isEqualTo("slack:U0APPROVER, slack:U0SECOND");
        @SuppressWarnings("unchecked")
        List<String> history = ((List<Map<String, Object>>) proposal.get("history")).stream().map(h -> (String) h.get("outcome")).toList();
        assertThat(history).filteredOn(o -> o.startsWith("PENDING: approval 1 of 2 by slack:U0APPROVER")).hasSize(1);
        assertThat(history).filteredOn("APPROVED"::equals).hasSize(1);
        assertThat(history).filteredOn(o -> o.startsWith("REFUSED: proposal already has the approval")).hasSize(1);
    }

    @Test
    void shouldRejectWhenAnyApproverRejectsAfterTheFirstApproval() {
        String id = propose("two-reject");
        assertThat(click(RemediationFakes.APPROVER, SlackMessages.APPROVE, id)).startsWith("Approval recorded (1 of 2)");
        assertThat(click(RemediationFakes.SECOND, SlackMessages.REJECT, id)).isEqualTo("Rejected: nothing will be changed.");
        assertThat(Remediation.state(id)).isEqualTo("REJECTED");
        assertThat(click(RemediationFakes.SECOND, SlackMessages.APPROVE, id)).startsWith("Refused: proposal is already REJECTED");
        assertThat(Remediation.state(id)).isEqualTo("REJECTED");
        assertThat(protectedFromDeletion("two-reject")).isFalse();
    }

    @Test
    void shouldCountEachNamedApiActorOnce() {
        String id = propose("two-api");
        String token = "Bearer " + RemediationFakes.API_TOKEN;
        given().header("Authorization", token).when().post("/api/v1/proposals/" + id + "/approve").then().statusCode(400);
        given().header("Authorization", token).header("X-Plumbline-Actor", "alice").when().post("/api/v1/proposals/" + id + "/approve")
                .then().statusCode(200).body("state", Matchers.equalTo("PROPOSED")).body("approvals", Matchers.contains("api:alice"))
                .body("needed", Matchers.equalTo(2));
        given().header("Authorization", token).header("X-Plumbline-Actor", "alice").when().post("/api/v1/proposals/" + id + "/approve")
                .then().statusCode(409).body("error", Matchers.equalTo("proposal already has the approval of api:alice; it needs 2"
                        + " different approvers"));
        assertThat(Remediation.state(id)).isEqualTo("PROPOSED");
        assertThat(protectedFromDeletion("two-api")).isFalse();

        assertThat(click(RemediationFakes.APPROVER, SlackMessages.APPROVE, id)).as("a Slack approver is a different person")
                .isEqualTo("Approved: applying " + ACTION + " to two-api.");
        await().atMost(Duration.ofSeconds(30)).until(() -> protectedFromDeletion("two-api"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "api:alice, slack:U0APPROVER".equals(
                given().when().get("/api/v1/proposals/" + id).then().extract().path("decidedBy")));
    }
}
