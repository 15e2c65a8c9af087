package io.plumbline.scanner.finding.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.scanner.finding.FindingView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARIF 2.1.0: one run, the driver's rules, results with levels, logical locations and fingerprints. */
class SarifExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteOneRunWhoseDriverListsEachReferencedRuleOnce() throws IOException {
        JsonNode log = export(List.of(SampleFindings.open(), SampleFindings.hostile(), SampleFindings.resolvedFromARetiredRule()));

        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(log.path("runs")).hasSize(1);
        JsonNode driver = log.path("runs").get(0).path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("Plumbline");
        assertThat(driver.path("rules").findValuesAsText("id")).containsExactly("iam-old-rule", "rds-instance-multi-az");
        JsonNode rule = driver.path("rules").get(1);
        assertThat(rule.path("shortDescription").path("text").asText()).isEqualTo("RDS DB instance runs in a single Availability Zone");
        assertThat(rule.path("fullDescription").path("text").asText()).startsWith("A single-AZ database");
        assertThat(rule.path("helpUri").asText()).isEqualTo(
                "https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html");
        assertThat(rule.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
        assertThat(rule.path("properties").path("pillar").asText()).isEqualTo("RELIABILITY");
        assertThat(rule.path("properties").path("question").asText()).isEqualTo("REL10");
        assertThat(rule.path("properties").path("bestPractice").asText()).isEqualTo("REL10-BP01");
        // a rule no longer in the catalog is described from what its finding recorded
        JsonNode retired = driver.path("rules").get(0);
        assertThat(retired.path("shortDescription").path("text").asText()).isEqualTo("Root user has no MFA");
        assertThat(retired.path("properties").path("pillar").asText()).isEqualTo("SECURITY");
        assertThat(retired.has("helpUri")).isFalse();
    }

    @Test
    void shouldWriteAResultPerFindingLocatedByItsArn() throws IOException {
        JsonNode results = export(List.of(SampleFindings.open(), SampleFindings.hostile(), SampleFindings.resolvedFromARetiredRule()))
                .path("runs").get(0).path("results");

        assertThat(results).hasSize(3);
        JsonNode open = results.get(0);
        assertThat(open.path("ruleId").asText()).isEqualTo("rds-instance-multi-az");
        assertThat(open.path("ruleIndex").asInt()).isEqualTo(1);
        assertThat(open.path("kind").asText()).isEqualTo("fail");
        assertThat(open.path("level").asText()).isEqualTo("error");
        assertThat(open.path("message").path("text").asText()).startsWith("RDS instance crm-db");
        JsonNode location = open.path("locations").get(0).path("logicalLocations").get(0);
        assertThat(location.path("fullyQualifiedName").asText()).isEqualTo("arn:aws:rds:sa-east-1:123456789012:db:crm-db");
        assertThat(location.path("name").asText()).isEqualTo("crm-db");
        assertThat(location.path("kind").asText()).isEqualTo("resource");
        assertThat(open.path("fingerprints").path("plumbline/v1").asText()).isEqualTo("a".repeat(64));
        assertThat(open.path("partialFingerprints").path("plumbline/v1").asText()).isEqualTo("a".repeat(64));
        assertThat(open.path("properties").path("status").asText()).isEqualTo("OPEN");
        assertThat(open.path("properties").has("resolvedAt")).isFalse();
        // SARIF: a result whose kind is not "fail" has level "none"
        JsonNode resolved = results.get(2);
        assertThat(resolved.path("ruleIndex").asInt()).isZero();
        assertThat(resolved.path("kind").asText()).isEqualTo("pass");
        assertThat(resolved.path("level").asText()).isEqualTo("none");
    }

    @Test
    void shouldKeepHostileTextIntactAsJsonStrings() throws IOException {
        JsonNode result = export(List.of(SampleFindings.hostile())).path("runs").get(0).path("results").get(0);

        assertThat(result.path("message").path("text").asText()).isEqualTo(SampleFindings.hostile().message());
        assertThat(result.path("locations").get(0).path("logicalLocations").get(0).path("name").asText())
                .isEqualTo(SampleFindings.hostile().resourceName());
    }

    @Test
    void shouldMapSeverityToLevel() {
        assertThat(List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL").stream().map(SarifExport::level))
                .containsExactly("error", "error", "warning", "note", "note");
    }

    @Test
    void shouldWriteAValidEmptyRun() throws IOException {
        JsonNode run = export(List.of()).path("runs").get(0);

        assertThat(run.path("tool").path("driver").path("rules")).isEmpty();
        assertThat(run.path("results").isArray()).isTrue();
        assertThat(run.path("results")).isEmpty();
    }

    private static JsonNode export(List<FindingView> findings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportFormat.SARIF.export().write(findings, SampleFindings.CATALOG, out);
        return JSON.readTree(out.toByteArray());
    }
}
