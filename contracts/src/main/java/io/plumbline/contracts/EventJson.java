package io.plumbline.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Serialises events and validates them against their JSON Schema, the contract between the services. */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final JsonSchema FINDING_SCHEMA = load("/schemas/finding-event.v1.schema.json");
    private static final JsonSchema REMEDIATION_SCHEMA = load("/schemas/remediation-event.v1.schema.json");

    private EventJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems with a {@code findings} payload against the schema; empty when it conforms. */
    public static List<String> findingEventProblems(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return findingEventProblems(node);
    }

    /** Problems with a parsed {@code findings} payload against the schema; empty when it conforms. */
    public static List<String> findingEventProblems(JsonNode node) {
        Set<ValidationMessage> errors = FINDING_SCHEMA.validate(node);
        return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Problems with a parsed {@code remediation-events} payload against its schema; empty when it conforms. */
    public static List<String> remediationEventProblems(JsonNode node) {
        return REMEDIATION_SCHEMA.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Converts a parsed payload that passed {@link #remediationEventProblems(JsonNode)}. */
    public static RemediationEvent toRemediationEvent(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, RemediationEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a remediation event: " + e.getOriginalMessage(), e);
        }
    }

    /** Converts a parsed payload that passed {@link #findingEventProblems(JsonNode)}. */
    public static FindingEvent toFindingEvent(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, FindingEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a finding event: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a {@code findings} payload that passed {@link #findingEventProblems}. */
    public static FindingEvent readFindingEvent(String json) {
        try {
            return MAPPER.readValue(json, FindingEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String path) {
        try (InputStream in = EventJson.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + path);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
