package io.plumbline.remediation.proposal;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.Remediation;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/** rds-set-backup-retention selects resources tagged team=data and env=prod: only those are proposed. */
@QuarkusTest
@WithTestResource(RemediationFakes.class)
class TagSelectorTest {

    @Inject
    ProposalService proposals;

    private String arn;

    @BeforeEach
    void database() {
        Moto.reset();
        try (RdsClient rds = Moto.rds()) {
            arn = rds.createDBInstance(r -> r.dbInstanceIdentifier("ledger").engine("postgres").dbInstanceClass("db.t3.micro")
                    .allocatedStorage(20).masterUsername("app").masterUserPassword("secret-password").backupRetentionPeriod(1))
                    .dbInstance().dbInstanceArn();
        }
    }

    private ProposalService.Proposed propose(Map<String, String> tags) {
        FindingEvent finding = Remediation.finding("rds-instance-backup-retention", Remediation.account(), arn, "ledger", tags);
        ProposalService.Proposed outcome = proposals.onFinding(finding);
        if (!(outcome instanceof ProposalService.Proposed.Created)) {
            assertThat(given().queryParam("fingerprint", finding.fingerprint()).when().get("/api/v1/proposals").then()
                    .extract().jsonPath().getList("$")).as("nothing is proposed").isEmpty();
        }
        return outcome;
    }

    @Test
    void shouldProposeForAResourceCarryingEverySelectedTag() {
        ProposalService.Proposed outcome = propose(Map.of("team", "data", "env", "prod", "owner", "<!channel>"));
        assertThat(outcome).isInstanceOf(ProposalService.Proposed.Created.class);
        String id = ((ProposalService.Proposed.Created) outcome).proposal().id.toString();
        assertThat(Remediation.slack().find(postRequestedFor(urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing(id))))
                .hasSize(1);
    }

    @Test
    void shouldLeaveOutAResourceMissingASelectedTagOrValue() {
        assertThat(propose(Map.of("team", "data"))).isEqualTo(new ProposalService.Proposed.Skipped(
                "resource does not carry tag env=prod selected for rds-set-backup-retention"));
        assertThat(propose(Map.of("team", "web", "env", "prod"))).isEqualTo(new ProposalService.Proposed.Skipped(
                "resource does not carry tag team=data selected for rds-set-backup-retention"));
        assertThat(propose(Map.of("Team", "data", "env", "prod"))).as("tag keys are case-sensitive, as in AWS")
                .isInstanceOf(ProposalService.Proposed.Skipped.class);
        assertThat(propose(Map.of())).isInstanceOf(ProposalService.Proposed.Skipped.class);
        try (RdsClient rds = Moto.rds()) {
            assertThat(rds.describeDBInstances(r -> r.dbInstanceIdentifier("ledger")).dbInstances().getFirst()
                    .backupRetentionPeriod()).isEqualTo(1);
        }
    }
}
