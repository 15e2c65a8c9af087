package io.plumbline.remediation.proposal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.remediation.support.Remediation;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A fix whose verification was pending when the service stopped is verified after the restart: the rows below are
 * written straight to the database, as a previous run of the service would have left them, and nothing in memory
 * knows of them.
 */
@QuarkusTest
@WithTestResource(RemediationFakes.class)
class DurableVerificationTest {

    @Inject
    EntityManager em;

    @Test
    void shouldVerifyAFixLeftPendingInTheDatabase() {
        String fingerprint = Remediation.fingerprint();
        String arn = "arn:aws:rds:us-east-1:123456789012:db:" + fingerprint.substring(0, 12);
        Remediation.scanner().register(get(urlPathEqualTo("/api/v1/findings")).withQueryParam("resourceArn", equalTo(arn))
                .atPriority(1).willReturn(okJson("[{\"fingerprint\":\"" + fingerprint + "\",\"status\":\"RESOLVED\"}]")));

        UUID id = pendingVerification(fingerprint, arn, 0);

        await().atMost(Duration.ofSeconds(30)).until(() -> "VERIFIED".equals(state(id)));
        Remediation.scanner().verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/scans"))
                .withRequestBody(matchingJsonPath("$.resourceArn", equalTo(arn))));
        assertThat(given().when().get("/api/v1/proposals/" + id).then().statusCode(200).extract().jsonPath()
                .getList("history.outcome", String.class)).anyMatch(o -> o.startsWith("VERIFIED"));
        assertThat(Remediation.publishedStates(fingerprint)).containsExactly("VERIFIED");
        assertThat(pending(id)).as("nothing left to check").isFalse();
    }

    @Test
    void shouldStopCheckingAfterTheConfiguredAttemptsAndAuditTheFixAsUnverified() {
        String fingerprint = Remediation.fingerprint();
        String arn = "arn:aws:rds:us-east-1:123456789012:db:" + fingerprint.substring(0, 12);
        Remediation.scanner().register(get(urlPathEqualTo("/api/v1/findings")).withQueryParam("resourceArn", equalTo(arn))
                .atPriority(1).willReturn(okJson("[{\"fingerprint\":\"" + fingerprint + "\",\"status\":\"OPEN\"}]")));
        int attempts = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("plumbline.remediation.verification.attempts", Integer.class);

        UUID id = pendingVerification(fingerprint, arn, attempts - 1); // its last check is due

        await().atMost(Duration.ofSeconds(30)).until(() -> !pending(id));
        assertThat(state(id)).isEqualTo("SUCCEEDED");
        assertThat(given().when().get("/api/v1/proposals/" + id).then().statusCode(200).extract().jsonPath()
                .getList("history.outcome", String.class))
                .anyMatch(o -> o.equals("UNVERIFIED: not resolved after " + attempts + " checks (the finding is OPEN)"));
    }

    /** A SUCCEEDED proposal whose verification is due, written as a previous run of the service left it. */
    private UUID pendingVerification(String fingerprint, String arn, int attemptsMade) {
        UUID id = UUID.randomUUID();
        String account = Remediation.account();
        String plan = """
                {"actionId":"rds-enable-multi-az","actionVersion":1,"target":{"accountId":"%s","region":"us-east-1",
                "resourceArn":"%s","resourceId":"orders","ruleId":"rds-instance-multi-az"},"call":"rds:ModifyDBInstance",
                "request":{"DBInstanceIdentifier":"orders","MultiAZ":true},"before":{"MultiAZ":false},"after":{"MultiAZ":true},
                "summary":"Enable Multi-AZ on DB instance orders"}""".formatted(account, arn);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into remediation.proposal (id, fingerprint, action_id, action_version, rule_id, account_id, region,
                    resource_arn, resource_id, state, plan, requested_at, decided_at, decided_by, expires_at, executed_at,
                    verify_after, verify_attempts)
                values (?1, ?2, 'rds-enable-multi-az', 1, 'rds-instance-multi-az', ?3, 'us-east-1', ?4, 'orders', 'SUCCEEDED',
                    cast(?5 as jsonb), now(), now(), 'api:test', now() + interval '1 day', now(), now(), ?6)""")
                .setParameter(1, id).setParameter(2, fingerprint).setParameter(3, account).setParameter(4, arn)
                .setParameter(5, plan).setParameter(6, attemptsMade).executeUpdate());
        return id;
    }

    private static String state(UUID id) {
        return given().when().get("/api/v1/proposals/" + id).then().statusCode(200).extract().path("state");
    }

    private boolean pending(UUID id) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select 1 from remediation.proposal where id = ?1 and verify_after is not null").setParameter(1, id).getResultList());
        return !rows.isEmpty();
    }
}
