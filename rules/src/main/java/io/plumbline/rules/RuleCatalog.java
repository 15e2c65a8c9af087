package io.plumbline.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rule catalog: every {@code catalog/<service>/<id>.yaml}, validated against {@code schemas/rule.schema.json},
 * its id equal to its file name and its service to its folder, its CEL compiled. Loading fails with every
 * problem listed, each naming the file and the field.
 */
public final class RuleCatalog {

    public static final String INDEX = "catalog/index.txt";

    private static final System.Logger LOG = System.getLogger(RuleCatalog.class.getName());
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = loadSchema();

    private final Map<String, CompiledRule> rules;

    private RuleCatalog(Map<String, CompiledRule> rules) {
        this.rules = rules;
    }

    /** The catalog shipped in this jar. */
    public static RuleCatalog builtIn() {
        ClassLoader loader = RuleCatalog.class.getClassLoader();
        List<Source> sources = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(INDEX)) {
            if (index == null) {
                throw new RuleDefinitionException(INDEX + " is missing from the classpath; rebuild the rules module");
            }
            for (String line : new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8)).lines().toList()) {
                String relative = line.strip();
                if (relative.isEmpty()) {
                    continue;
                }
                try (InputStream in = loader.getResourceAsStream("catalog/" + relative)) {
                    if (in == null) {
                        throw new RuleDefinitionException("catalog/" + relative + " is listed in the index but missing");
                    }
                    sources.add(new Source(relative, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromSources(sources);
    }

    /** A catalog kept in a directory laid out like {@code rules/catalog} (e.g. an organisation's own rules). */
    public static RuleCatalog fromDirectory(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Source> sources = new ArrayList<>();
            for (Path file : files.filter(RuleCatalog::isRuleFile).sorted().toList()) {
                sources.add(new Source(root.relativize(file).toString().replace('\\', '/'), Files.readString(file)));
            }
            return fromSources(sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This catalog plus {@code other}'s rules; an id present in both is an error. */
    public RuleCatalog plus(RuleCatalog other) {
        Map<String, CompiledRule> merged = new LinkedHashMap<>(rules);
        for (CompiledRule rule : other.all()) {
            if (merged.putIfAbsent(rule.id(), rule) != null) {
                throw new RuleDefinitionException("rule id " + rule.id() + " is defined twice");
            }
        }
        return new RuleCatalog(merged);
    }

    static boolean isRuleFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && name.endsWith(".yaml") && !name.endsWith(".fixtures.yaml");
    }

    static RuleCatalog fromSources(List<Source> sources) {
        List<String> problems = new ArrayList<>();
        Map<String, CompiledRule> rules = new LinkedHashMap<>();
        for (Source source : sources) {
            try {
                CompiledRule rule = CompiledRule.compile(parse(source));
                if (rules.putIfAbsent(rule.id(), rule) != null) {
                    problems.add(source.path() + ": id " + rule.id() + " is already used by another file");
                }
            } catch (RuleDefinitionException e) {
                problems.add(source.path() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleDefinitionException("invalid rule catalog:\n  " + String.join("\n  ", problems));
        }
        long interpreted = rules.values().stream().filter(rule -> !rule.interpretedParts().isEmpty()).count();
        LOG.log(System.Logger.Level.INFO, "rule catalog: {0} rules, {1} evaluated entirely as compiled closures, {2} partly by "
                + "dev.cel''s interpreter (listed above)", rules.size(), rules.size() - interpreted, interpreted);
        return new RuleCatalog(Map.copyOf(rules));
    }

    static Rule parse(Source source) {
        JsonNode node;
        try {
            node = YAML.readTree(source.text());
        } catch (IOException e) {
            throw new RuleDefinitionException("not valid YAML: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new RuleDefinitionException("empty file");
        }
        Set<ValidationMessage> errors = SCHEMA.validate(node);
        if (!errors.isEmpty()) {
            throw new RuleDefinitionException(String.join("; ", errors.stream().map(ValidationMessage::getMessage).sorted().toList()));
        }
        String path = source.path();
        String fileId = path.substring(path.lastIndexOf('/') + 1, path.length() - ".yaml".length());
        String id = node.get("id").asText();
        if (!id.equals(fileId)) {
            throw new RuleDefinitionException("$.id '" + id + "' must equal the file name '" + fileId + "'");
        }
        String service = node.get("service").asText();
        int slash = path.indexOf('/');
        if (slash > 0 && !path.substring(0, slash).equals(service)) {
            throw new RuleDefinitionException("$.service '" + service + "' must equal the folder '" + path.substring(0, slash) + "'");
        }
        String question = node.get("question").asText();
        String bestPractice = node.get("bestPractice").asText();
        if (!bestPractice.startsWith(question + "-")) {
            throw new RuleDefinitionException("$.bestPractice '" + bestPractice + "' does not belong to $.question '" + question + "'");
        }
        return new Rule(
                id,
                node.get("title").asText(),
                service,
                node.get("resourceType").asText(),
                Pillar.valueOf(node.get("pillar").asText()),
                question,
                bestPractice,
                Severity.valueOf(node.get("severity").asText()),
                Impact.valueOf(node.get("impact").asText()),
                node.get("risk").asText().strip(),
                strings(node.get("remediation")),
                strings(node.get("references")),
                Optional.ofNullable(node.get("autoFix")).map(JsonNode::asText),
                node.get("condition").asText().strip(),
                node.get("message").asText().strip(),
                parameters(node.get("parameters")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText().strip()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        return CelValues.normalizeMap(YAML.convertValue(node, Map.class));
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = RuleCatalog.class.getResourceAsStream("/schemas/rule.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Collection<CompiledRule> all() {
        return rules.values();
    }

    public Optional<CompiledRule> find(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    public int size() {
        return rules.size();
    }

    record Source(String path, String text) {}
}
