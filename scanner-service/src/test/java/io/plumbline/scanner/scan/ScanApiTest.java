package io.plumbline.scanner.scan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a user sees of the API when they get something wrong, and what it documents. */
@QuarkusTest
class ScanApiTest {

    @Test
    void shouldRefuseAnUnknownRuleWithTheOffendingId() {
        given().contentType(ContentType.JSON).body(Map.of("rules", List.of("no-such-rule")))
                .when().post("/api/v1/scans")
                .then().statusCode(400).body("error", equalTo("rules: 'no-such-rule' is not a rule id"));
    }

    @Test
    void shouldRefuseSomethingThatIsNotARegion() {
        given().contentType(ContentType.JSON).body(Map.of("regions", List.of("Ohio")))
                .when().post("/api/v1/scans")
                .then().statusCode(400).body("error", containsString("'Ohio' is not an AWS region name"));
    }

    @Test
    void shouldAnswer404ForAnUnknownScan() {
        given().when().get("/api/v1/scans/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldRefuseAnUnknownFindingStatus() {
        given().when().get("/api/v1/findings?status=BROKEN").then().statusCode(400);
    }

    @Test
    void shouldListTheCatalogWithWellArchitectedIds() {
        given().when().get("/api/v1/rules/rds-instance-multi-az").then().statusCode(200)
                .body("pillar", equalTo("RELIABILITY"))
                .body("question", equalTo("REL10"))
                .body("bestPractice", equalTo("REL10-BP01"))
                .body("autoFix", equalTo("rds-enable-multi-az"))
                .body("enabled", equalTo(true));
        given().when().get("/api/v1/rules").then().statusCode(200)
                .body("id", hasItems("vpn-tunnel-down", "rds-instance-multi-az", "ec2-instance-public-unrestricted-ingress",
                        "rds-instance-storage-encrypted"));
    }

    @Test
    void shouldDocumentTheApiInOpenApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/scans'.post", notNullValue())
                .body("paths.'/api/v1/scans/{id}'.get", notNullValue())
                .body("paths.'/api/v1/findings'.get", notNullValue())
                .body("paths.'/api/v1/rules'.get", notNullValue());
    }

    @Test
    void shouldReportReadinessIncludingTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"));
    }
}
