package io.plumbline.ticketing.finding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.time.format.DateTimeFormatter.ISO_INSTANT;

/**
 * {@code finding-event.v1.schema.json} written out as one pass over the parsed tree, which also builds the event.
 * The generic validator walks the schema for every event (~75 µs each, a fifth of the consumer's CPU); this takes
 * a few. The JSON schema stays the contract: {@code FindingEventCheckTest} holds both to the same verdict on every
 * case of the contract, and a rejected event's reason is still the schema validator's.
 * Keywords are applied as the schema validator applies them: formats are annotations, not assertions (2020-12);
 * patterns are searched with {@code find()}; {@code 1.0} is an integer and equals the constant {@code 1}.
 */
public final class FindingEventCheck {

    /** What a parsed record holds: an event this service can apply, or the first thing that keeps it from being one. */
    public sealed interface Outcome {
        record Valid(FindingEvent event) implements Outcome {}

        record Invalid(String problem) implements Outcome {}
    }

    private static final Set<String> FIELDS = Set.of("eventId", "version", "fingerprint", "state", "sequence", "ruleId",
            "severity", "pillar", "question", "bestPractice", "impact", "accountId", "region", "resource", "title",
            "message", "risk", "remediation", "autoFix", "scanId", "firstSeenAt", "observedAt");
    private static final Set<String> RESOURCE_FIELDS = Set.of("arn", "type", "id", "name", "tags");
    private static final Set<String> STATES = Set.of("OPEN", "RESOLVED", "REOPENED");
    private static final Set<String> SEVERITIES = Set.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");
    private static final Set<String> PILLARS = Set.of("OPERATIONAL_EXCELLENCE", "SECURITY", "RELIABILITY",
            "PERFORMANCE_EFFICIENCY", "COST_OPTIMIZATION", "SUSTAINABILITY");
    private static final Pattern FINGERPRINT = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern RULE_ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern QUESTION = Pattern.compile("^(OPS|SEC|REL|PERF|COST|SUS)[0-9]{1,2}$");
    private static final Pattern BEST_PRACTICE = Pattern.compile("^(OPS|SEC|REL|PERF|COST|SUS)[0-9]{1,2}-BP[0-9]{2}$");
    private static final Pattern ACCOUNT_ID = Pattern.compile("^[0-9]{12}$");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$");
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** The contracts' own reading of a timestamp (ISO instant, offsets, epoch numbers), so both read the same instant. */
    private static final ObjectReader INSTANT = EventJson.mapper().readerFor(Instant.class);

    private FindingEventCheck() {}

    /** Checks a parsed {@code findings} payload against the contract and, when it holds, builds its event. */
    public static Outcome read(JsonNode node) {
        try {
            return new Outcome.Valid(event(node));
        } catch (Broken broken) {
            return new Outcome.Invalid(broken.getMessage());
        }
    }

    private static FindingEvent event(JsonNode node) {
        if (!node.isObject()) {
            throw new Broken("$: " + kind(node) + " found, object expected");
        }
        onlyKnown(node, FIELDS, "$");
        if (!isOne(required(node, "version"))) {
            throw new Broken("$.version: must be the constant value '1'");
        }
        String fingerprint = matching(node, "fingerprint", FINGERPRINT);
        FindingEvent.State state = FindingEvent.State.valueOf(oneOf(node, "state", STATES));
        long sequence = sequence(required(node, "sequence"));
        return new FindingEvent(
                text(node, "eventId"),
                FindingEvent.SCHEMA_VERSION,
                fingerprint,
                state,
                sequence,
                matching(node, "ruleId", RULE_ID),
                oneOf(node, "severity", SEVERITIES),
                oneOf(node, "pillar", PILLARS),
                matching(node, "question", QUESTION),
                matching(node, "bestPractice", BEST_PRACTICE),
                optionalText(node, "impact"),
                matching(node, "accountId", ACCOUNT_ID),
                nonEmpty(node, "region"),
                resource(required(node, "resource")),
                nonEmpty(node, "title"),
                nonEmpty(node, "message"),
                optionalText(node, "risk"),
                strings(required(node, "remediation"), "$.remediation"),
                optionalText(node, "autoFix"),
                text(node, "scanId"),
                instant(node, "firstSeenAt"),
                instant(node, "observedAt"));
    }

    private static FindingEvent.ResourceRef resource(JsonNode node) {
        if (!node.isObject()) {
            throw new Broken("$.resource: " + kind(node) + " found, object expected");
        }
        onlyKnown(node, RESOURCE_FIELDS, "$.resource");
        String arn = nonEmpty(node, "arn", "$.resource");
        String type = matching(node, "type", RESOURCE_TYPE, "$.resource");
        String id = nonEmpty(node, "id", "$.resource");
        String name = node.has("name") ? string(node.get("name"), "$.resource.name") : null;
        Map<String, String> tags = node.has("tags") ? tags(node.get("tags")) : null;
        return new FindingEvent.ResourceRef(arn, type, id, name, tags);
    }

    private static Map<String, String> tags(JsonNode node) {
        if (!node.isObject()) {
            throw new Broken("$.resource.tags: " + kind(node) + " found, object expected");
        }
        Map<String, String> tags = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            tags.put(tag.getKey(), string(tag.getValue(), "$.resource.tags." + tag.getKey()));
        }
        return tags;
    }

    private static List<String> strings(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new Broken(path + ": " + kind(node) + " found, array expected");
        }
        if (node.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(string(node.get(i), path + "[" + i + "]"));
        }
        return values;
    }

    private static void onlyKnown(JsonNode node, Set<String> fields, String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new Broken(path + ": property '" + name + "' is not defined in the schema");
            }
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new Broken("$: required property '" + field + "' not found");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return string(required(node, field), "$." + field);
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : string(value, "$." + field);
    }

    private static String nonEmpty(JsonNode node, String field) {
        return nonEmpty(node, field, "$");
    }

    private static String nonEmpty(JsonNode node, String field, String parent) {
        String value = string(parent.equals("$") ? required(node, field) : requiredIn(node, field, parent), parent + "." + field);
        if (value.isEmpty()) {
            throw new Broken(parent + "." + field + ": must be at least 1 characters long");
        }
        return value;
    }

    private static String matching(JsonNode node, String field, Pattern pattern) {
        return matching(node, field, pattern, "$");
    }

    private static String matching(JsonNode node, String field, Pattern pattern, String parent) {
        String value = string(parent.equals("$") ? required(node, field) : requiredIn(node, field, parent), parent + "." + field);
        if (!pattern.matcher(value).find()) {
            throw new Broken(parent + "." + field + ": does not match the regex pattern " + pattern.pattern());
        }
        return value;
    }

    private static JsonNode requiredIn(JsonNode node, String field, String parent) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new Broken(parent + ": required property '" + field + "' not found");
        }
        return value;
    }

    private static String oneOf(JsonNode node, String field, Set<String> allowed) {
        JsonNode value = required(node, field);
        if (!value.isTextual() || !allowed.contains(value.textValue())) {
            throw new Broken("$." + field + ": does not have a value in the enumeration " + allowed);
        }
        return value.textValue();
    }

    private static String string(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new Broken(path + ": " + kind(value) + " found, string expected");
        }
        return value.textValue();
    }

    /** JSON Schema's integer is any number without a fraction ({@code 3.0} too); the event keeps it as a long. */
    private static long sequence(JsonNode value) {
        if (!value.isNumber() || !(value.isIntegralNumber() || value.canConvertToExactIntegral())) {
            throw new Broken("$.sequence: " + kind(value) + " found, integer expected");
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(BigDecimal.ONE) < 0) {
            throw new Broken("$.sequence: must have a minimum value of 1");
        }
        if (number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0) {
            throw new Broken("$.sequence: " + number.toPlainString() + " is out of range of a long");
        }
        return number.longValueExact();
    }

    private static boolean isOne(JsonNode value) {
        return value.isNumber() && value.decimalValue().compareTo(BigDecimal.ONE) == 0;
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = required(node, field);
        string(value, "$." + field);
        try {
            return ISO_INSTANT.parse(value.textValue(), Instant::from);
        } catch (DateTimeParseException notIso) {
            // the contracts' reader takes more forms (epoch numbers, "+0000"); it is slower, so it comes second
        }
        try {
            return INSTANT.readValue(value);
        } catch (IOException | RuntimeException e) {
            throw new Broken("$." + field + ": '" + abbreviate(value.textValue()) + "' is not a date-time");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> node.isIntegralNumber() ? "integer" : "number";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
            case ARRAY -> "array";
            default -> "object";
        };
    }

    /** A broken contract found on the way: ends the pass (no stack trace, it is expected input). */
    private static final class Broken extends RuntimeException {
        Broken(String message) {
            super(message, null, false, false);
        }
    }
}
