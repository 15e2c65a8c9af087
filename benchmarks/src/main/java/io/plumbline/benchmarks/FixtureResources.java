package io.plumbline.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plumbline.rules.CelValues;
import io.plumbline.rules.Resource;
import io.plumbline.rules.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a rule's {@code <catalog>/<service>/<id>.fixtures.yaml} the way the rules module's tests do (the fixtures
 * are not in the rules jar, so they are read from the repository's catalog directory).
 */
final class FixtureResources {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One fixture: the resource and whether its author expects the rule to fail it. */
    record Case(Resource resource, boolean shouldFail, String description) {}

    private FixtureResources() {}

    static List<Case> of(Path catalogDir, Rule rule) {
        Path file = catalogDir.resolve(rule.service()).resolve(rule.id() + ".fixtures.yaml");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode root = YAML.readTree(file.toFile());
            List<Case> cases = new ArrayList<>();
            read(rule, root.path("pass"), false, cases);
            read(rule, root.path("fail"), true, cases);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void read(Rule rule, JsonNode list, boolean shouldFail, List<Case> into) {
        for (JsonNode node : list) {
            if (node.has("params")) {
                continue; // the case re-parameterises the rule; the benchmark measures the catalog as shipped
            }
            String id = node.path("resourceId").asText("fixture-1");
            String region = node.path("region").asText("us-east-2");
            String account = node.path("account").asText("123456789012");
            Map<String, Object> data = CelValues.normalizeMap(YAML.convertValue(node.path("resource"), LinkedHashMap.class));
            Map<String, Object> related = node.has("related")
                    ? CelValues.normalizeMap(YAML.convertValue(node.get("related"), LinkedHashMap.class))
                    : Map.of();
            Map<String, String> tags = node.has("tags") ? YAML.convertValue(node.get("tags"), LinkedHashMap.class) : Map.of();
            String arn = node.path("arn").asText("arn:aws:" + rule.service() + ":" + region + ":" + account + ":fixture/" + id);
            Resource resource = new Resource(rule.resourceType(), account, region, arn, id,
                    node.path("resourceName").asText(null), tags, data, related);
            into.add(new Case(resource, shouldFail, node.path("case").asText("unnamed case")));
        }
    }
}
