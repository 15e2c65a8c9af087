package io.plumbline.remediation.proposal;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.Remediation;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default policy: findings are read, nothing is proposed, nothing is posted. */
@QuarkusTest
@WithTestResource(value = RemediationFakes.class, initArgs = @ResourceArg(name = "enabled", value = "false"))
class PolicyDisabledTest {

    private static double consumed() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("plumbline_remediation_findings_consumed_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void shouldNeitherProposeNorPostWhileDisabled() {
        Moto.reset();
        String arn = Moto.singleAzDatabase("quiet");
        FindingEvent finding = Remediation.finding("rds-instance-multi-az", Moto.ACCOUNT, arn, "quiet", Map.of());
        double before = consumed();
        Remediation.publish(finding);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed() > before);
        assertThat(given().queryParam("fingerprint", finding.fingerprint()).when().get("/api/v1/proposals")
                .then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();
        assertThat(Remediation.slack().find(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(Moto.multiAz("quiet")).isFalse();
    }
}
