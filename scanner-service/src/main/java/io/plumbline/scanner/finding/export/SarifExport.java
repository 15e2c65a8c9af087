package io.plumbline.scanner.finding.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plumbline.rules.Rule;
import io.plumbline.scanner.finding.FindingStatus;
import io.plumbline.scanner.finding.FindingView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * SARIF 2.1.0: one run whose driver lists the rules the findings refer to, one result per finding, located by a
 * logical location (the resource ARN) since a cloud resource has no file. A RESOLVED finding is a result of kind
 * {@code pass}, which SARIF requires to have level {@code none}.
 */
public final class SarifExport implements FindingExport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT_KEY = "plumbline/v1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    SarifExport() {}

    record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {}

    record Run(Tool tool, List<Result> results) {}

    record Tool(Driver driver) {}

    record Driver(String name, List<ReportingDescriptor> rules) {}

    record ReportingDescriptor(String id, Text shortDescription, Text fullDescription, Text help, String helpUri,
            Configuration defaultConfiguration, Map<String, Object> properties) {}

    record Configuration(String level) {}

    record Text(String text) {}

    record Result(String ruleId, int ruleIndex, String kind, String level, Text message, List<Location> locations,
            Map<String, String> fingerprints, Map<String, String> partialFingerprints, Map<String, Object> properties) {}

    record Location(List<LogicalLocation> logicalLocations) {}

    record LogicalLocation(String name, String fullyQualifiedName, String kind) {}

    @Override
    public String mediaType() {
        return "application/sarif+json";
    }

    @Override
    public String fileName() {
        return "findings.sarif";
    }

    @Override
    public void write(List<FindingView> findings, Function<String, Optional<Rule>> rules, OutputStream out) throws IOException {
        JSON.writeValue(out, log(findings, rules));
        out.flush();
    }

    static Log log(List<FindingView> findings, Function<String, Optional<Rule>> rules) {
        // rules sorted by id, each once, so ruleIndex is stable for the same set of findings
        Map<String, FindingView> firstByRule = new TreeMap<>();
        findings.forEach(f -> firstByRule.putIfAbsent(f.ruleId(), f));
        List<ReportingDescriptor> descriptors = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        firstByRule.forEach((id, example) -> {
            index.put(id, descriptors.size());
            descriptors.add(descriptor(example, rules.apply(id)));
        });
        List<Result> results = findings.stream().map(f -> result(f, index.get(f.ruleId()))).toList();
        return new Log(SCHEMA, "2.1.0", List.of(new Run(new Tool(new Driver("Plumbline", descriptors)), results)));
    }

    /** From the catalog when it still has the rule, else from what the finding recorded of it. */
    private static ReportingDescriptor descriptor(FindingView example, Optional<Rule> catalog) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (catalog.isPresent()) {
            Rule rule = catalog.get();
            properties.put("pillar", rule.pillar().name());
            properties.put("question", rule.question());
            properties.put("bestPractice", rule.bestPractice());
            properties.put("severity", rule.severity().name());
            properties.put("impact", rule.impact().name());
            properties.put("service", rule.service());
            properties.put("resourceType", rule.resourceType());
            return new ReportingDescriptor(rule.id(), new Text(rule.title()), new Text(rule.risk()),
                    rule.remediation().isEmpty() ? null : new Text(String.join("\n", rule.remediation())),
                    rule.references().isEmpty() ? null : rule.references().get(0),
                    new Configuration(level(rule.severity().name())), properties);
        }
        properties.put("pillar", example.pillar());
        properties.put("question", example.question());
        properties.put("bestPractice", example.bestPractice());
        properties.put("severity", example.severity());
        properties.put("impact", example.impact());
        properties.put("resourceType", example.resourceType());
        return new ReportingDescriptor(example.ruleId(), new Text(example.title()), null, null, null,
                new Configuration(level(example.severity())), properties);
    }

    private static Result result(FindingView f, int ruleIndex) {
        boolean resolved = f.status() == FindingStatus.RESOLVED;
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("status", f.status().name());
        properties.put("severity", f.severity());
        properties.put("accountId", f.accountId());
        properties.put("region", f.region());
        properties.put("resourceType", f.resourceType());
        properties.put("resourceId", f.resourceId());
        properties.put("firstSeenAt", f.firstSeenAt() == null ? null : f.firstSeenAt().toString());
        properties.put("lastSeenAt", f.lastSeenAt() == null ? null : f.lastSeenAt().toString());
        properties.put("resolvedAt", f.resolvedAt() == null ? null : f.resolvedAt().toString());
        return new Result(f.ruleId(), ruleIndex, resolved ? "pass" : "fail", resolved ? "none" : level(f.severity()),
                new Text(f.message()),
                List.of(new Location(List.of(new LogicalLocation(f.resourceName(), f.resourceArn(), "resource")))),
                Map.of(FINGERPRINT_KEY, f.fingerprint()), Map.of(FINGERPRINT_KEY, f.fingerprint()), properties);
    }

    /** CRITICAL and HIGH → error, MEDIUM → warning, LOW and INFORMATIONAL → note. */
    static String level(String severity) {
        if (severity == null) {
            return "warning";
        }
        return switch (severity) {
            case "CRITICAL", "HIGH" -> "error";
            case "MEDIUM" -> "warning";
            default -> "note";
        };
    }
}
