package io.plumbline.remediation.slack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.proposal.Proposal;
import io.plumbline.remediation.proposal.ProposalService;
import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.Remediation;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a click can be wrong is refused, changes nothing in AWS, and is written to the audit log. */
@QuarkusTest
@WithTestResource(RemediationFakes.class)
class SlackSafetyTest {

    @Inject
    ProposalService proposals;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    /** A PROPOSED multi-AZ fix of a fresh single-AZ instance in {@code account}. */
    private String propose(String name, String account) {
        return Remediation.proposeOnNewDatabase(proposals, "rds-instance-multi-az", name, account);
    }

    private static String state(String id) {
        return Remediation.state(id);
    }

    private static List<String> refusals(String proposalId) {
        return Remediation.refusals(proposalId);
    }

    /** The newest audit lines without a proposal (requests refused before their payload was trusted). */
    private static List<String> recentRequestRefusals(Instant since) {
        List<Map<String, Object>> lines = given().queryParam("limit", 50).when().get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return lines.stream().filter(l -> Instant.parse((String) l.get("at")).isAfter(since.minusSeconds(1)))
                .map(l -> (String) l.get("outcome")).toList();
    }

    @Test
    void shouldRefuseAForgedSignature() {
        String id = propose("forged", Remediation.account());
        Instant start = Instant.now();
        String body = Remediation.clickBody(RemediationFakes.APPROVER, SlackMessages.APPROVE, id);
        long now = Instant.now().getEpochSecond();
        Remediation.click(body, now, SlackSignature.sign("not-the-secret", String.valueOf(now), body)).then().statusCode(401);
        Remediation.click(body, now, null).then().statusCode(401);
        assertThat(state(id)).isEqualTo("PROPOSED");
        assertThat(Moto.multiAz("forged")).isFalse();
        assertThat(recentRequestRefusals(start)).contains("REFUSED: signature does not match");
    }

    @Test
    void shouldRefuseAStaleTimestamp() {
        String id = propose("stale", Remediation.account());
        Instant start = Instant.now();
        String body = Remediation.clickBody(RemediationFakes.APPROVER, SlackMessages.APPROVE, id);
        long old = Instant.now().minusSeconds(301).getEpochSecond();
        Remediation.click(body, old, SlackSignature.sign(RemediationFakes.SIGNING_SECRET, String.valueOf(old), body))
                .then().statusCode(401);
        assertThat(state(id)).isEqualTo("PROPOSED");
        assertThat(Moto.multiAz("stale")).isFalse();
        assertThat(recentRequestRefusals(start)).anyMatch(o -> o.startsWith("REFUSED: stale request"));
    }

    @Test
    void shouldRefuseAReplayedRequest() {
        String id = propose("replayed", Remediation.account());
        Instant start = Instant.now();
        String body = Remediation.clickBody(RemediationFakes.APPROVER, SlackMessages.REJECT, id);
        long now = Instant.now().getEpochSecond();
        String signature = SlackSignature.sign(RemediationFakes.SIGNING_SECRET, String.valueOf(now), body);
        Remediation.click(body, now, signature).then().statusCode(200);
        assertThat(state(id)).isEqualTo("REJECTED");
        Remediation.click(body, now, signature).then().statusCode(401);
        assertThat(state(id)).isEqualTo("REJECTED");
        assertThat(Moto.multiAz("replayed")).isFalse();
        assertThat(recentRequestRefusals(start)).anyMatch(o -> o.startsWith("REFUSED: replayed request"));
    }

    @Test
    void shouldRefuseSomeoneWhoIsNotAnApprover() {
        String id = propose("intruder", Remediation.account());
        Remediation.signedClick("U0INTRUDER", SlackMessages.APPROVE, id).then().statusCode(200);
        assertThat(state(id)).isEqualTo("PROPOSED");
        assertThat(Moto.multiAz("intruder")).isFalse();
        assertThat(refusals(id)).containsExactly("REFUSED: slack:U0INTRUDER is not an approver of rds-enable-multi-az");
    }

    @Test
    void shouldRefuseAnExpiredProposal() throws Exception {
        String id = propose("expired", Remediation.account());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update remediation.proposal set expires_at = now() - interval '1 minute' where id = '" + id + "'");
        }
        Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.APPROVE, id).then().statusCode(200);
        assertThat(state(id)).isEqualTo("EXPIRED");
        assertThat(Moto.multiAz("expired")).isFalse();
        assertThat(refusals(id)).singleElement().asString().startsWith("REFUSED: proposal expired");
    }

    @Test
    void shouldRefuseAnUnknownProposal() {
        String unknown = UUID.randomUUID().toString();
        Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.APPROVE, unknown).then().statusCode(200);
        assertThat(refusals(unknown)).containsExactly("REFUSED: unknown proposal " + unknown);
    }

    @Test
    void shouldApproveOnceOnADoubleClick() {
        String id = propose("double", Remediation.account());
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() ->
                Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.APPROVE, id));
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(() ->
                Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.APPROVE, id));
        List<String> answers = List.of(first.join(), second.join()).stream()
                .peek(r -> assertThat(r.statusCode()).isEqualTo(200)).map(r -> r.jsonPath().getString("text")).toList();
        assertThat(answers).filteredOn(t -> t.startsWith("Approved")).hasSize(1);
        assertThat(answers).filteredOn(t -> t.startsWith("Refused")).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Moto.multiAz("double"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !"EXECUTING".equals(state(id)));
        List<String> history = given().when().get("/api/v1/proposals/" + id).then().extract().jsonPath()
                .getList("history.outcome", String.class);
        assertThat(history).filteredOn("APPROVED"::equals).hasSize(1);
        assertThat(history).filteredOn(o -> o.startsWith("SUCCEEDED")).hasSize(1);
        assertThat(refusals(id)).singleElement().asString().startsWith("REFUSED: proposal ");
    }

    /** A multi-AZ fix approved and applied in moto, waiting (SUCCEEDED) for an Undo. */
    private String applied(String name) {
        String id = propose(name, Remediation.account());
        Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.APPROVE, id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(state(id)));
        assertThat(Moto.multiAz(name)).isTrue();
        return id;
    }

    @Test
    void shouldRefuseAnUndoClickBySomeoneWhoIsNotAnApprover() {
        String id = applied("undo-intruder");
        Remediation.signedClick("U0INTRUDER", SlackMessages.UNDO, id).then().statusCode(200)
                .body("text", org.hamcrest.Matchers.equalTo("Refused: slack:U0INTRUDER is not an approver of rds-enable-multi-az"));
        assertThat(state(id)).isEqualTo("SUCCEEDED");
        assertThat(Moto.multiAz("undo-intruder")).as("nothing was undone").isTrue();
        assertThat(refusals(id)).containsExactly("REFUSED: slack:U0INTRUDER is not an approver of rds-enable-multi-az");
        await().atMost(Duration.ofSeconds(10)).until(() -> Remediation.replies(id),
                r -> r.contains("Refused: slack:U0INTRUDER is not an approver of rds-enable-multi-az"));
    }

    @Test
    void shouldRefuseToUndoAFixThatWasNeverApplied() {
        String id = propose("undo-proposed", Remediation.account());
        Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.UNDO, id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Remediation.replies(id),
                r -> r.contains("Refused: proposal is PROPOSED; only an applied fix can be undone"));
        assertThat(state(id)).isEqualTo("PROPOSED");
        assertThat(Moto.multiAz("undo-proposed")).isFalse();
        assertThat(refusals(id)).containsExactly("REFUSED: proposal is PROPOSED; only an applied fix can be undone");
    }

    @Test
    void shouldUndoOnceOnADoubleClickAndRefuseAThirdClick() {
        String id = applied("undo-double");
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() ->
                Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.UNDO, id));
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(() ->
                Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.UNDO, id));
        assertThat(List.of(first.join(), second.join())).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        List<String> replies = await().atMost(Duration.ofSeconds(30)).until(() -> Remediation.replies(id).stream()
                .filter(t -> !t.startsWith("Approved")).toList(), r -> r.size() == 2);
        assertThat(replies).filteredOn(t -> t.startsWith("Undone")).hasSize(1);
        assertThat(replies).filteredOn(t -> t.startsWith("Refused: proposal ")).hasSize(1);
        assertThat(state(id)).isEqualTo("ROLLED_BACK");
        assertThat(Moto.multiAz("undo-double")).isFalse();

        Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.UNDO, id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Remediation.replies(id),
                r -> r.contains("Refused: proposal is ROLLED_BACK; only an applied fix can be undone"));
        List<String> history = given().when().get("/api/v1/proposals/" + id).then().extract().jsonPath()
                .getList("history.outcome", String.class);
        assertThat(history).filteredOn("ROLLED_BACK"::equals).hasSize(1);
        assertThat(refusals(id)).hasSize(2).allMatch(o -> o.startsWith("REFUSED: proposal "));
    }

    @Test
    void shouldNotProposeAProtectedResource() {
        String arn = Moto.singleAzDatabase("protected");
        FindingEvent finding = Remediation.finding("rds-instance-multi-az", Remediation.account(), arn, "protected",
                Map.of("plumbline:protect", "true"));
        assertThat(proposals.onFinding(finding)).isInstanceOf(ProposalService.Proposed.Refused.class);
        assertThat(given().queryParam("fingerprint", finding.fingerprint()).when().get("/api/v1/proposals")
                .then().extract().jsonPath().getList("$")).isEmpty();
        assertThat(Moto.multiAz("protected")).isFalse();
        List<Map<String, Object>> audit = given().queryParam("limit", 20).when().get("/api/v1/audit").then().extract()
                .jsonPath().getList("$");
        assertThat(audit).anyMatch(l -> ((String) l.get("what")).endsWith(arn)
                && "REFUSED: resource is protected by tag plumbline:protect=true".equals(l.get("outcome")));
    }

    @Test
    void shouldRefuseOnceTheAccountsBlastRadiusIsReached() throws Exception {
        String account = Remediation.account();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < 5; i++) {
                s.executeUpdate("insert into remediation.proposal (id, fingerprint, action_id, action_version, rule_id, account_id,"
                        + " region, resource_arn, resource_id, state, plan, requested_at, expires_at, executed_at) values ('"
                        + UUID.randomUUID() + "', 'fp-" + UUID.randomUUID() + "', 'rds-enable-multi-az', 1, 'rds-instance-multi-az', '"
                        + account + "', 'us-east-1', 'arn', 'db" + i + "', 'SUCCEEDED', '{}', now(), now() + interval '1 day',"
                        + " now() - interval '10 minutes')");
            }
        }
        String id = propose("radius", account);
        Remediation.signedClick(RemediationFakes.APPROVER, SlackMessages.APPROVE, id).then().statusCode(200);
        assertThat(state(id)).isEqualTo("PROPOSED");
        assertThat(Moto.multiAz("radius")).isFalse();
        assertThat(refusals(id)).singleElement().asString().startsWith("REFUSED: blast radius: 5 actions already ran in account " + account);
        assertThat(Proposal.class).isNotNull();
    }
}
