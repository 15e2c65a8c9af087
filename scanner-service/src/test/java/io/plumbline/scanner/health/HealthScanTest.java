package io.plumbline.scanner.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.plumbline.rules.CompiledRule;
import io.plumbline.rules.RuleCatalog;
import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The health score of real scans against moto: one region and two enabled rules, so a full-scope scan's checks are
 * exactly the planted databases (no Elastic IP is planted, so the second rule only widens the scope).
 */
@QuarkusTest
@TestProfile(HealthScanTest.TwoRulesOneRegion.class)
class HealthScanTest extends EmptyAccountTest {

    private static final String OHIO = "us-east-2";
    private static final String MULTI_AZ = "rds-instance-multi-az";
    private static final Set<String> ENABLED = Set.of(MULTI_AZ, "ec2-eip-unassociated");

    public static class TwoRulesOneRegion implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String disabled = RuleCatalog.builtIn().all().stream().map(CompiledRule::id).filter(id -> !ENABLED.contains(id))
                    .sorted().collect(Collectors.joining(","));
            return Map.of("plumbline.scanner.regions", OHIO, "plumbline.scanner.rules.disabled", disabled);
        }
    }

    @Test
    void shouldScoreAFullScanByItsPassedAndFailedChecks() {
        given().when().get("/api/v1/health").then().statusCode(404).body("error", equalTo("no full-scope scan has finished yet"));
        try (RdsClient rds = Moto.rds(OHIO)) {
            database(rds, "crm-db", false);
            database(rds, "billing-db", true);

            JsonPath scan = ScannerApi.scan(List.of(), List.of());
            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");

            // one HIGH check passed, one failed: 5 of 10 weighted points
            given().when().get("/api/v1/health").then().statusCode(200)
                    .body("score", equalTo(50.0f))
                    .body("scanId", equalTo(scan.getString("id")))
                    .body("computedAt", notNullValue())
                    .body("checks.passed", equalTo(1))
                    .body("checks.failed", equalTo(1))
                    .body("checks.errored", equalTo(0))
                    .body("byPillar", equalTo(Map.of("RELIABILITY", part(50.0f, 1, 1))))
                    .body("byRegion", equalTo(Map.of(OHIO, part(50.0f, 1, 1))))
                    .body("bySeverity", equalTo(Map.of("HIGH", part(50.0f, 1, 1))))
                    .body("byImpact", equalTo(Map.of("AVAILABILITY", part(50.0f, 1, 1))))
                    .body("byService", equalTo(Map.of("rds", part(50.0f, 1, 1))));
        }
    }

    @Test
    void shouldKeepTheLastFullScanAsTheScoreAndListEachInTheHistory() {
        try (RdsClient rds = Moto.rds(OHIO)) {
            database(rds, "crm-db", false);
            database(rds, "billing-db", true);
            String first = ScannerApi.scan(List.of(OHIO), List.of()).getString("id");

            rds.modifyDBInstance(r -> r.dbInstanceIdentifier("crm-db").multiAZ(true).applyImmediately(true));
            JsonPath targeted = ScannerApi.scan(List.of(OHIO), List.of(MULTI_AZ));
            assertThat(targeted.getString("status")).isEqualTo("SUCCEEDED");
            given().when().get("/api/v1/health").then().statusCode(200)
                    .body("scanId", equalTo(first))
                    .body("score", equalTo(50.0f));

            String second = ScannerApi.scan(List.of(OHIO), List.of(MULTI_AZ, "ec2-eip-unassociated")).getString("id");
            given().when().get("/api/v1/health").then().statusCode(200)
                    .body("scanId", equalTo(second))
                    .body("score", equalTo(100.0f))
                    .body("checks.passed", equalTo(2))
                    .body("checks.failed", equalTo(0));

            JsonPath history = given().when().get("/api/v1/health/history?limit=10").then().statusCode(200).extract().jsonPath();
            assertThat(history.getList("scanId")).containsExactly(second, first);
            assertThat(history.getList("score", Float.class)).containsExactly(100.0f, 50.0f);
            assertThat(history.getList("finishedAt")).doesNotContainNull();
            assertThat(given().when().get("/api/v1/health/history?limit=1").then().statusCode(200).extract().jsonPath()
                    .getList("scanId")).containsExactly(second);
        }
    }

    @Test
    void shouldRefuseAHistoryLimitOutOfRange() {
        given().when().get("/api/v1/health/history?limit=0").then().statusCode(400).body("error", equalTo("limit must be 1..1000"));
    }

    @Test
    void shouldDocumentTheHealthApiInOpenApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/health'.get", notNullValue())
                .body("paths.'/api/v1/health/history'.get.parameters[0].name", equalTo("limit"));
    }

    private static Map<String, Object> part(float score, int passed, int failed) {
        return Map.of("score", score, "passed", passed, "failed", failed);
    }

    private static void database(RdsClient rds, String name, boolean multiAz) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass("db.t3.medium")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").multiAZ(multiAz)
                .storageEncrypted(true));
    }
}
