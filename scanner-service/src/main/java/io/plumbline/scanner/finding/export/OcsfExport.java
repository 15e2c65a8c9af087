package io.plumbline.scanner.finding.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plumbline.rules.Rule;
import io.plumbline.scanner.finding.FindingStatus;
import io.plumbline.scanner.finding.FindingView;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * OCSF 1.3.0 Detection Finding (class 2004, category Findings) with the Cloud profile: a JSON array, one event per
 * finding, its activity and status from the finding's state (OPEN → Create/New, REOPENED → Update/New,
 * RESOLVED → Close/Resolved). Times are epoch milliseconds (OCSF timestamp_t). Well-Architected ids are in
 * {@code finding_info.types} and {@code unmapped}: Detection Finding has no {@code compliance} attribute (that is the
 * Compliance Finding class).
 */
public final class OcsfExport implements FindingExport {

    static final String SCHEMA_VERSION = "1.3.0";
    static final int CLASS_UID = 2004;
    static final int CATEGORY_UID = 2;
    private static final int AWS_ACCOUNT = 10;
    private static final int ANALYTIC_RULE = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    OcsfExport() {}

    record DetectionFinding(int activityId, String activityName, int categoryUid, String categoryName, int classUid,
            String className, long typeUid, String typeName, int severityId, String severity, int statusId, String status,
            String statusCode, long time, String message, FindingInfo findingInfo, List<ResourceDetails> resources,
            Cloud cloud, Metadata metadata, Remediation remediation, Map<String, Object> unmapped) {}

    record FindingInfo(String uid, String title, String desc, Long createdTime, Long firstSeenTime, Long lastSeenTime,
            List<String> types, Analytic analytic) {}

    record Analytic(String uid, String name, int typeId, String type) {}

    record ResourceDetails(String uid, String type, String name, String region, String cloudPartition, List<String> labels) {}

    record Cloud(String provider, Account account, String region) {}

    record Account(String uid, int typeId, String type) {}

    record Metadata(String version, Product product, List<String> profiles, String eventCode) {}

    record Product(String name, String vendorName) {}

    record Remediation(String desc, List<String> references) {}

    private enum Activity {
        CREATE(1, "Create"), UPDATE(2, "Update"), CLOSE(3, "Close");

        final int id;
        final String caption;

        Activity(int id, String caption) {
            this.id = id;
            this.caption = caption;
        }

        static Activity of(FindingStatus status) {
            return switch (status) {
                case OPEN -> CREATE;
                case REOPENED -> UPDATE;
                case RESOLVED -> CLOSE;
            };
        }
    }

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public String fileName() {
        return "findings.ocsf.json";
    }

    @Override
    public void write(List<FindingView> findings, Function<String, Optional<Rule>> rules, OutputStream out) throws IOException {
        try (var array = JSON.writer().writeValuesAsArray(out)) {
            for (FindingView finding : findings) {
                array.write(event(finding, rules.apply(finding.ruleId())));
            }
        }
        out.flush();
    }

    static DetectionFinding event(FindingView f, Optional<Rule> rule) {
        Activity activity = Activity.of(f.status());
        int severityId = severityId(f.severity());
        boolean resolved = f.status() == FindingStatus.RESOLVED;
        // AWS has no region called "global" (IAM, account-wide resources): leave the region out rather than invent one
        String region = "global".equals(f.region()) ? null : f.region();
        Map<String, String> wellArchitected = new LinkedHashMap<>();
        wellArchitected.put("pillar", f.pillar());
        wellArchitected.put("question", f.question());
        wellArchitected.put("best_practice", f.bestPractice());
        Map<String, Object> unmapped = new LinkedHashMap<>();
        unmapped.put("rule_id", f.ruleId());
        unmapped.put("impact", f.impact());
        unmapped.put("well_architected", wellArchitected);
        return new DetectionFinding(
                activity.id, activity.caption,
                CATEGORY_UID, "Findings",
                CLASS_UID, "Detection Finding",
                CLASS_UID * 100L + activity.id, "Detection Finding: " + activity.caption,
                severityId, severityCaption(severityId),
                resolved ? 4 : 1, resolved ? "Resolved" : "New",
                f.status().name(),
                millis(resolved && f.resolvedAt() != null ? f.resolvedAt() : f.lastSeenAt()),
                f.message(),
                new FindingInfo(f.fingerprint(), f.title(), f.message(), millis(f.firstSeenAt()), millis(f.firstSeenAt()),
                        millis(f.lastSeenAt()),
                        List.of("AWS Well-Architected/" + f.pillar() + "/" + f.question() + "/" + f.bestPractice()),
                        new Analytic(f.ruleId(), f.title(), ANALYTIC_RULE, "Rule")),
                List.of(new ResourceDetails(f.resourceArn(), f.resourceType(), f.resourceName(), region,
                        partition(f.resourceArn()), labels(f.resourceTags()))),
                new Cloud("AWS", new Account(f.accountId(), AWS_ACCOUNT, "AWS Account"), region),
                new Metadata(SCHEMA_VERSION, new Product("Plumbline", "Plumbline"), List.of("cloud"), f.ruleId()),
                rule.map(r -> new Remediation(String.join("\n", r.remediation()), r.references().isEmpty() ? null : r.references()))
                        .orElse(null),
                unmapped);
    }

    /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 0 Unknown. */
    static int severityId(String severity) {
        if (severity == null) {
            return 0;
        }
        return switch (severity) {
            case "CRITICAL" -> 5;
            case "HIGH" -> 4;
            case "MEDIUM" -> 3;
            case "LOW" -> 2;
            case "INFORMATIONAL" -> 1;
            default -> 0;
        };
    }

    private static String severityCaption(int severityId) {
        return switch (severityId) {
            case 5 -> "Critical";
            case 4 -> "High";
            case 3 -> "Medium";
            case 2 -> "Low";
            case 1 -> "Informational";
            default -> "Unknown";
        };
    }

    /** {@code aws}, {@code aws-cn}, {@code aws-us-gov}: the ARN's second field. */
    static String partition(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 3);
        return parts.length < 3 || parts[1].isEmpty() ? null : parts[1];
    }

    private static List<String> labels(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        return new TreeMap<>(tags).entrySet().stream().map(t -> t.getKey() + ":" + t.getValue()).toList();
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
