package io.plumbline.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code catalog/<service>/<id>.fixtures.yaml}: the pass and fail cases of one rule. */
final class Fixtures {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** {@code params}: overrides of the rule's parameters for this case (empty: the defaults). */
    record Case(String ruleId, boolean shouldFail, String description, Resource resource, String expectedMessage,
            Map<String, Object> params) {
        @Override
        public String toString() {
            return ruleId + " " + (shouldFail ? "fails" : "passes") + ": " + description;
        }
    }

    private Fixtures() {}

    static String pathFor(Rule rule) {
        return "catalog/" + rule.service() + "/" + rule.id() + ".fixtures.yaml";
    }

    static List<Case> of(Rule rule) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(pathFor(rule))) {
            if (in == null) {
                return List.of();
            }
            JsonNode root = YAML.readTree(in);
            List<Case> cases = new ArrayList<>();
            read(rule, root.path("pass"), false, cases);
            read(rule, root.path("fail"), true, cases);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(pathFor(rule), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void read(Rule rule, JsonNode list, boolean shouldFail, List<Case> into) {
        for (JsonNode node : list) {
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
            String message = node.has("message") ? node.get("message").asText().strip() : null;
            Map<String, Object> params = node.has("params")
                    ? CelValues.normalizeMap(YAML.convertValue(node.get("params"), LinkedHashMap.class))
                    : Map.of();
            into.add(new Case(rule.id(), shouldFail, node.path("case").asText("unnamed case"), resource, message, params));
        }
    }
}
