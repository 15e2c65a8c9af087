package io.plumbline.scanner.finding.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.scanner.finding.FindingView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OCSF 1.3.0 Detection Finding: the class's required and recommended attributes, and their mapping. */
class OcsfExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteAnArrayOfDetectionFindingsWithTheRequiredAttributes() throws IOException {
        JsonNode events = export(List.of(SampleFindings.open(), SampleFindings.hostile(), SampleFindings.resolvedFromARetiredRule()));

        assertThat(events.isArray()).isTrue();
        assertThat(events).hasSize(3);
        for (JsonNode event : events) {
            // required by base event, Findings category and the Detection Finding class (with the Cloud profile)
            assertThat(event.path("class_uid").asInt()).isEqualTo(2004);
            assertThat(event.path("category_uid").asInt()).isEqualTo(2);
            assertThat(event.path("type_uid").asLong()).isEqualTo(2004 * 100L + event.path("activity_id").asInt());
            assertThat(event.path("severity_id").isInt()).isTrue();
            assertThat(event.path("time").isIntegralNumber()).isTrue();
            assertThat(event.path("metadata").path("version").asText()).isEqualTo("1.3.0");
            assertThat(event.path("metadata").path("product").path("name").asText()).isEqualTo("Plumbline");
            assertThat(event.path("metadata").path("product").path("vendor_name").asText()).isEqualTo("Plumbline");
            assertThat(event.path("finding_info").path("uid").asText()).hasSize(64);
            assertThat(event.path("cloud").path("provider").asText()).isEqualTo("AWS");
            assertThat(event.path("cloud").path("account").path("uid").asText()).isEqualTo("123456789012");
        }
    }

    @Test
    void shouldMapAnOpenFinding() throws IOException {
        JsonNode event = export(List.of(SampleFindings.open())).get(0);

        assertThat(event.path("activity_id").asInt()).isEqualTo(1);
        assertThat(event.path("activity_name").asText()).isEqualTo("Create");
        assertThat(event.path("type_uid").asLong()).isEqualTo(200401);
        assertThat(event.path("severity_id").asInt()).isEqualTo(4);
        assertThat(event.path("severity").asText()).isEqualTo("High");
        assertThat(event.path("status_id").asInt()).isEqualTo(1);
        assertThat(event.path("status").asText()).isEqualTo("New");
        assertThat(event.path("time").asLong()).isEqualTo(SampleFindings.LAST_SEEN.toEpochMilli());
        JsonNode info = event.path("finding_info");
        assertThat(info.path("uid").asText()).isEqualTo("a".repeat(64));
        assertThat(info.path("title").asText()).isEqualTo("RDS DB instance runs in a single Availability Zone");
        assertThat(info.path("desc").asText()).startsWith("RDS instance crm-db in sa-east-1 is deployed");
        assertThat(info.path("first_seen_time").asLong()).isEqualTo(SampleFindings.FIRST_SEEN.toEpochMilli());
        assertThat(info.path("last_seen_time").asLong()).isEqualTo(SampleFindings.LAST_SEEN.toEpochMilli());
        assertThat(info.path("types").get(0).asText()).isEqualTo("AWS Well-Architected/RELIABILITY/REL10/REL10-BP01");
        assertThat(info.path("analytic").path("uid").asText()).isEqualTo("rds-instance-multi-az");
        assertThat(info.path("analytic").path("type_id").asInt()).isEqualTo(1);
        JsonNode resource = event.path("resources").get(0);
        assertThat(resource.path("uid").asText()).isEqualTo("arn:aws:rds:sa-east-1:123456789012:db:crm-db");
        assertThat(resource.path("type").asText()).isEqualTo("AWS::RDS::DBInstance");
        assertThat(resource.path("name").asText()).isEqualTo("crm-db");
        assertThat(resource.path("region").asText()).isEqualTo("sa-east-1");
        assertThat(resource.path("cloud_partition").asText()).isEqualTo("aws");
        assertThat(JSON.convertValue(resource.path("labels"), List.class)).containsExactly("env:prod", "team:crm");
        assertThat(event.path("cloud").path("region").asText()).isEqualTo("sa-east-1");
        assertThat(event.path("cloud").path("account").path("type_id").asInt()).isEqualTo(10);
        assertThat(event.path("remediation").path("desc").asText()).isEqualTo("Modify the instance.\nEnable Multi-AZ.");
        assertThat(event.path("remediation").path("references").get(0).asText()).contains("rel_fault_isolation_multiaz");
        assertThat(event.path("unmapped").path("well_architected").path("best_practice").asText()).isEqualTo("REL10-BP01");
    }

    @Test
    void shouldMapReopenedAsUpdateAndResolvedAsClose() throws IOException {
        JsonNode events = export(List.of(SampleFindings.hostile(), SampleFindings.resolvedFromARetiredRule()));

        assertThat(events.get(0).path("activity_id").asInt()).isEqualTo(2);
        assertThat(events.get(0).path("status").asText()).isEqualTo("New");
        JsonNode resolved = events.get(1);
        assertThat(resolved.path("activity_id").asInt()).isEqualTo(3);
        assertThat(resolved.path("type_uid").asLong()).isEqualTo(200403);
        assertThat(resolved.path("status_id").asInt()).isEqualTo(4);
        assertThat(resolved.path("status").asText()).isEqualTo("Resolved");
        assertThat(resolved.path("severity_id").asInt()).isEqualTo(5);
        assertThat(resolved.path("time").asLong()).isEqualTo(SampleFindings.RESOLVED_AT.toEpochMilli());
        // a global resource has no region; the partition comes from the ARN; a retired rule has no remediation to give
        assertThat(resolved.path("cloud").has("region")).isFalse();
        assertThat(resolved.path("resources").get(0).has("region")).isFalse();
        assertThat(resolved.path("resources").get(0).path("cloud_partition").asText()).isEqualTo("aws-us-gov");
        assertThat(resolved.has("remediation")).isFalse();
    }

    @Test
    void shouldKeepHostileTextIntactAsJsonStrings() throws IOException {
        JsonNode event = export(List.of(SampleFindings.hostile())).get(0);

        assertThat(event.path("message").asText()).isEqualTo(SampleFindings.hostile().message());
        assertThat(event.path("resources").get(0).path("name").asText()).isEqualTo(SampleFindings.hostile().resourceName());
    }

    @Test
    void shouldMapEverySeverity() {
        assertThat(List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "BOGUS").stream().map(OcsfExport::severityId))
                .containsExactly(5, 4, 3, 2, 1, 0);
    }

    private static JsonNode export(List<FindingView> findings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportFormat.OCSF.export().write(findings, SampleFindings.CATALOG, out);
        return JSON.readTree(out.toByteArray());
    }
}
