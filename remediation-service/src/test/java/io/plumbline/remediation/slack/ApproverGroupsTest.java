package io.plumbline.remediation.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.plumbline.remediation.proposal.ProposalService;
import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.Remediation;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hamcrest.Matchers;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * rds-enable-multi-az may also be approved by the members of a Slack user group, as {@code usergroups.users.list}
 * reports them; when Slack cannot say, the click is refused with the reason and nothing changes.
 */
@QuarkusTest
@WithTestResource(RemediationFakes.class)
class ApproverGroupsTest {

    @Inject
    ProposalService proposals;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private String propose(String name) {
        return Remediation.proposeOnNewDatabase(proposals, "rds-instance-multi-az", name, Remediation.account());
    }

    /** Slack answers usergroups.users.list for the group this way until the test ends. */
    private static void whileSlackAnswers(ResponseDefinitionBuilder answer, Runnable test) {
        StubMapping stub = Remediation.slack().register(get(urlPathEqualTo("/api/usergroups.users.list")).atPriority(1)
                .withQueryParam("usergroup", equalTo(RemediationFakes.DBA_GROUP)).willReturn(answer));
        try {
            test.run();
        } finally {
            Remediation.slack().removeStubMapping(stub);
        }
    }

    @Test
    void shouldLetAMemberOfTheApproverGroupApprove() {
        String id = propose("grouped");
        Remediation.signedClick(RemediationFakes.DBA, SlackMessages.APPROVE, id).then().statusCode(200)
                .body("text", Matchers.equalTo("Approved: applying rds-enable-multi-az to grouped."));
        await().atMost(Duration.ofSeconds(30)).until(() -> Moto.multiAz("grouped"));
        assertThat((String) given().when().get("/api/v1/proposals/" + id).then().extract().path("decidedBy"))
                .isEqualTo("slack:" + RemediationFakes.DBA);
        Remediation.slack().verifyThat(getRequestedFor(urlPathEqualTo("/api/usergroups.users.list"))
                .withQueryParam("usergroup", equalTo(RemediationFakes.DBA_GROUP))
                .withHeader("Authorization", equalTo("Bearer " + RemediationFakes.BOT_TOKEN)));
    }

    @Test
    void shouldRefuseSomeoneOutsideTheGroup() {
        String id = propose("outsider");
        Remediation.signedClick("U0OUTSIDER", SlackMessages.APPROVE, id).then().statusCode(200)
                .body("text", Matchers.equalTo("Refused: slack:U0OUTSIDER is not an approver of rds-enable-multi-az"));
        assertThat(Remediation.state(id)).isEqualTo("PROPOSED");
        assertThat(Moto.multiAz("outsider")).isFalse();
        assertThat(Remediation.refusals(id)).containsExactly("REFUSED: slack:U0OUTSIDER is not an approver of rds-enable-multi-az");
    }

    @Test
    void shouldRefuseAMemberWhenSlackAnswersOkFalse() {
        String id = propose("no-scope");
        String reason = "cannot confirm that slack:U0DBA1 may approve rds-enable-multi-az: Slack usergroups.users.list refused"
                + " for S0DBAS: missing_scope (the bot token needs usergroups:read)";
        whileSlackAnswers(okJson("{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"usergroups:read\",\"provided\":\"chat:write\"}"),
                () -> Remediation.signedClick(RemediationFakes.DBA, SlackMessages.APPROVE, id).then().statusCode(200)
                        .body("text", Matchers.equalTo("Refused: " + reason)));
        assertThat(Remediation.state(id)).isEqualTo("PROPOSED");
        assertThat(Moto.multiAz("no-scope")).isFalse();
        assertThat(Remediation.refusals(id)).containsExactly("REFUSED: " + reason);
        await().atMost(Duration.ofSeconds(10)).until(() -> Remediation.replies(id), r -> r.contains("Refused: " + reason));
    }

    @Test
    void shouldRefuseAMemberWhenSlackDoesNotAnswerInTime() {
        String id = propose("slow-slack");
        whileSlackAnswers(okJson("{\"ok\":true,\"users\":[\"U0DBA1\"]}").withFixedDelay(5_000),
                () -> Remediation.signedClick(RemediationFakes.DBA, SlackMessages.APPROVE, id).then().statusCode(200)
                        .body("text", Matchers.equalTo("Refused: cannot confirm that slack:U0DBA1 may approve rds-enable-multi-az: Slack did"
                                + " not answer usergroups.users.list for S0DBAS within 2000 ms")));
        assertThat(Remediation.state(id)).isEqualTo("PROPOSED");
        assertThat(Moto.multiAz("slow-slack")).isFalse();
    }
}
