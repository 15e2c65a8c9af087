package io.plumbline.remediation.proposal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.slack.SlackMessages;
import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.Remediation;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** A finding on the topic becomes a Slack proposal; an approval applies it in moto; the scanner's rescan verifies it. */
@QuarkusTest
@WithTestResource(RemediationFakes.class)
class RemediationFlowTest {

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    static Map<String, Object> awaitProposal(String fingerprint, String state) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> found = given().queryParam("fingerprint", fingerprint).when().get("/api/v1/proposals")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            return found.stream().filter(p -> state.equals(p.get("state"))).findFirst().orElse(null);
        }, p -> p != null);
    }

    /** A security group open to the world on 22, its finding on the topic, and the PROPOSED fix. */
    private record ExposedGroup(String group, String arn, String fingerprint, String proposalId) {}

    private static ExposedGroup proposeClosingWorldIngress(Ec2Client ec2) {
        String group = Moto.exposedGroup(ec2);
        String arn = "arn:aws:ec2:us-east-1:123456789012:security-group/" + group;
        FindingEvent finding = Remediation.finding("security-group-world-ingress-admin-ports", Remediation.account(), arn, group, Map.of());
        Remediation.publish(finding);
        return new ExposedGroup(group, arn, finding.fingerprint(), (String) awaitProposal(finding.fingerprint(), "PROPOSED").get("id"));
    }

    @Test
    void shouldProposeApplyAndVerifyMultiAzAfterASignedSlackApproval() {
        String arn = Moto.singleAzDatabase("orders");
        FindingEvent finding = Remediation.finding("rds-instance-multi-az", Remediation.account(), arn, "orders", Map.of("app", "<!channel>"));
        Remediation.scanner().register(get(urlPathEqualTo("/api/v1/findings")).withQueryParam("resourceArn", equalTo(arn))
                .atPriority(1).willReturn(okJson("[{\"fingerprint\":\"" + finding.fingerprint() + "\",\"status\":\"RESOLVED\"}]")));

        Remediation.publish(finding);
        Map<String, Object> proposal = awaitProposal(finding.fingerprint(), "PROPOSED");
        String id = (String) proposal.get("id");
        assertThat(proposal.get("actionId")).isEqualTo("rds-enable-multi-az");
        assertThat((String) proposal.get("plan")).contains("ModifyDBInstance");
        assertThat(Moto.multiAz("orders")).as("a proposal changes nothing").isFalse();

        List<LoggedRequest> posts = Remediation.slack().find(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.blocks[?(@.type == 'actions')].elements[?(@.value == '" + id + "')]")));
        assertThat(posts).hasSize(1);
        String message = posts.getFirst().getBodyAsString();
        assertThat(message).contains(SlackMessages.APPROVE, SlackMessages.REJECT, "\"confirm\"", "\"channel\":\"C0REMEDY\"");

        Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.APPROVE, id).then().statusCode(200);

        Map<String, Object> verified = awaitProposal(finding.fingerprint(), "VERIFIED");
        assertThat(Moto.multiAz("orders")).isTrue();
        assertThat(verified.get("decidedBy")).isEqualTo("slack:" + RemediationFakes.APPROVER);
        assertThat(((String) verified.get("before")).replace(" ", "")).contains("\"MultiAZ\":false");
        assertThat(((String) verified.get("after")).replace(" ", "")).contains("\"MultiAZ\":true");
        Remediation.scanner().verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/scans"))
                .withRequestBody(matchingJsonPath("$.resourceArn", equalTo(arn))));
        assertThat(Remediation.slack().find(postRequestedFor(urlPathEqualTo("/api/chat.update"))
                .withRequestBody(matchingJsonPath("$.ts", equalTo("1700000000.000100"))))).isNotEmpty();
        assertThat(Remediation.publishedStates(finding.fingerprint()))
                .containsExactly("PROPOSED", "APPROVED", "SUCCEEDED", "VERIFIED");
        List<String> history = given().when().get("/api/v1/proposals/" + id).then().statusCode(200)
                .extract().jsonPath().getList("history.outcome");
        assertThat(history).anyMatch(o -> o.startsWith("APPROVED")).anyMatch(o -> o.startsWith("SUCCEEDED"))
                .anyMatch(o -> o.startsWith("VERIFIED"));
    }

    @Test
    void shouldProposeOncePerFindingAndActionVersion() {
        String arn = Moto.singleAzDatabase("billing");
        FindingEvent finding = Remediation.finding("rds-instance-multi-az", Remediation.account(), arn, "billing", Map.of());
        Remediation.publish(finding);
        Remediation.publish(finding);
        awaitProposal(finding.fingerprint(), "PROPOSED");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> given()
                .queryParam("fingerprint", finding.fingerprint()).when().get("/api/v1/proposals")
                .then().extract().jsonPath().getList("$").size() == 1);
    }

    @Test
    void shouldRevokeOnlyTheWorldRuleWhenApprovedThroughTheApi() {
        try (Ec2Client ec2 = Moto.ec2()) {
            ExposedGroup exposed = proposeClosingWorldIngress(ec2);
            String group = exposed.group();
            String id = exposed.proposalId();

            given().when().post("/api/v1/proposals/" + id + "/approve").then().statusCode(401);
            given().header("Authorization", "Bearer wrong").when().post("/api/v1/proposals/" + id + "/approve").then().statusCode(401);
            assertThat(Moto.rules(ec2, group)).hasSize(3);

            given().header("Authorization", "Bearer " + RemediationFakes.API_TOKEN).when().post("/api/v1/proposals/" + id + "/approve")
                    .then().statusCode(400).body("error", org.hamcrest.Matchers.startsWith("X-Plumbline-Actor is required"));
            assertThat(Moto.rules(ec2, group)).hasSize(3);

            given().header("Authorization", "Bearer " + RemediationFakes.API_TOKEN).header("X-Plumbline-Actor", "alice")
                    .when().post("/api/v1/proposals/" + id + "/approve").then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> Moto.rules(ec2, group).size() == 2);
            assertThat(Moto.rules(ec2, group))
                    .containsExactlyInAnyOrder("tcp/22-22 10.0.0.0/8", "tcp/443-443 0.0.0.0/0");
            await().atMost(Duration.ofSeconds(10)).until(() -> "api:alice".equals(given().when().get("/api/v1/proposals/" + id)
                    .then().extract().path("decidedBy")));
            given().header("Authorization", "Bearer " + RemediationFakes.API_TOKEN).header("X-Plumbline-Actor", "carol")
                    .when().post("/api/v1/proposals/" + id + "/approve").then().statusCode(409);

            given().when().post("/api/v1/proposals/" + id + "/undo").then().statusCode(401);
            assertThat(Moto.rules(ec2, group)).hasSize(2);
            given().header("Authorization", "Bearer " + RemediationFakes.API_TOKEN).header("X-Plumbline-Actor", "bob")
                    .when().post("/api/v1/proposals/" + id + "/undo").then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("ROLLED_BACK"));
            assertThat(Moto.rules(ec2, group))
                    .containsExactlyInAnyOrder("tcp/22-22 0.0.0.0/0", "tcp/22-22 10.0.0.0/8", "tcp/443-443 0.0.0.0/0");
            given().header("Authorization", "Bearer " + RemediationFakes.API_TOKEN)
                    .when().post("/api/v1/proposals/" + id + "/undo").then().statusCode(409);
            given().when().get("/api/v1/proposals/" + id).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("ROLLED_BACK"))
                    .body("history.outcome", org.hamcrest.Matchers.hasItem("ROLLED_BACK"));
        }
    }

    @Test
    void shouldUndoAnAppliedFixFromItsSlackMessage() {
        try (Ec2Client ec2 = Moto.ec2()) {
            ExposedGroup exposed = proposeClosingWorldIngress(ec2);
            String group = exposed.group();
            String id = exposed.proposalId();
            Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.APPROVE, id).then().statusCode(200);
            awaitProposal(exposed.fingerprint(), "SUCCEEDED");
            assertThat(Moto.rules(ec2, group)).containsExactlyInAnyOrder("tcp/22-22 10.0.0.0/8", "tcp/443-443 0.0.0.0/0");

            String undoButton = "$.blocks[?(@.type == 'actions')].elements[?(@.action_id == '" + SlackMessages.UNDO
                    + "' && @.value == '" + id + "')]";
            List<LoggedRequest> applied = await().atMost(Duration.ofSeconds(10)).until(() -> Remediation.slack().find(
                    postRequestedFor(urlPathEqualTo("/api/chat.update")).withRequestBody(matchingJsonPath(undoButton))), u -> !u.isEmpty());
            assertThat(applied.getLast().getBodyAsString()).contains("\"confirm\"", "Undo this fix?");

            Remediation.signedClick(RemediationFakes.SECOND, SlackMessages.UNDO, id).then().statusCode(200)
                    .body("text", org.hamcrest.Matchers.equalTo("Undoing sg-restrict-world-ingress on " + group + "."));
            await().atMost(Duration.ofSeconds(30)).until(() -> Moto.rules(ec2, group).size() == 3);
            assertThat(Moto.rules(ec2, group))
                    .containsExactlyInAnyOrder("tcp/22-22 0.0.0.0/0", "tcp/22-22 10.0.0.0/8", "tcp/443-443 0.0.0.0/0");
            awaitProposal(exposed.fingerprint(), "ROLLED_BACK");
            await().atMost(Duration.ofSeconds(10)).until(() -> Remediation.replies(id), r -> r.stream().anyMatch(t -> t.startsWith("Undone")));
            assertThat(Remediation.replies(id)).contains("Undone: undone by slack:U0SECOND: sg-restrict-world-ingress on " + exposed.arn() + ".");
            List<LoggedRequest> undone = Remediation.slack().find(postRequestedFor(urlPathEqualTo("/api/chat.update"))
                    .withRequestBody(containing(id)).withRequestBody(containing("Undone by slack:U0SECOND.")));
            assertThat(undone).as("the message says who undid it and offers no button any more").singleElement()
                    .satisfies(u -> assertThat(u.getBodyAsString()).contains("ROLLED_BACK")
                            .doesNotContain(SlackMessages.UNDO, SlackMessages.APPROVE));
            assertThat(Remediation.publishedStates(exposed.fingerprint())).endsWith("ROLLED_BACK");
        }
    }

    @Inject
    ProposalService proposals;

    @Test
    void shouldPostAProposalSlackMissedOnceSlackIsBack() {
        String arn = Moto.singleAzDatabase("ledger");
        FindingEvent finding = Remediation.finding("rds-instance-multi-az", Remediation.account(), arn, "ledger", Map.of());
        StubMapping down = Remediation.slack().register(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(0)
                .withRequestBody(containing("ledger")).willReturn(aResponse().withStatus(503)));

        Remediation.publish(finding);
        String id = (String) awaitProposal(finding.fingerprint(), "PROPOSED").get("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> history(id).contains("post proposal: FAILED: Slack chat.postMessage answered HTTP 503"));
        // what the minute's sweep does (a large limit: this database may hold other runs' unposted proposals)
        proposals.postUnposted(Duration.ZERO, 10_000);
        assertThat(posts(id)).as("Slack still down: tried again, still failing").hasSize(2);
        assertThat(history(id)).as("a failing retry is not audited again").containsOnlyOnce("post proposal: FAILED: Slack chat.postMessage answered HTTP 503")
                .noneMatch(line -> line.contains("POSTED"));

        Remediation.slack().removeStubMapping(down);
        proposals.postUnposted(Duration.ZERO, 10_000);
        assertThat(history(id)).endsWith("post proposal: POSTED after an earlier failure");
        proposals.postUnposted(Duration.ZERO, 10_000);
        List<LoggedRequest> posts = posts(id);
        assertThat(posts).as("two failed attempts, then one post and no more").hasSize(3);
        assertThat(posts.getLast().getBodyAsString()).contains(SlackMessages.APPROVE, SlackMessages.REJECT);
    }

    /** Every chat.postMessage whose buttons carry this proposal's id. */
    private static List<LoggedRequest> posts(String id) {
        return Remediation.slack().find(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.blocks[?(@.type == 'actions')].elements[?(@.value == '" + id + "')]")));
    }

    /** The proposal's audit lines as "what: outcome", oldest first. */
    private static List<String> history(String id) {
        return given().when().get("/api/v1/proposals/" + id).then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("history").stream().map(h -> h.get("what") + ": " + h.get("outcome")).toList();
    }
}
