package io.plumbline.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One state change of a finding, as published on the {@code findings} topic (key = fingerprint).
 * The contract is {@code schemas/finding-event.v1.schema.json}; {@link #version} is that schema's version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingEvent(
        String eventId,
        int version,
        String fingerprint,
        State state,
        long sequence,
        String ruleId,
        String severity,
        String pillar,
        String question,
        String bestPractice,
        String impact,
        String accountId,
        String region,
        ResourceRef resource,
        String title,
        String message,
        String risk,
        List<String> remediation,
        String autoFix,
        String scanId,
        Instant firstSeenAt,
        Instant observedAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TOPIC = "findings";

    public enum State { OPEN, RESOLVED, REOPENED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResourceRef(String arn, String type, String id, String name, Map<String, String> tags) {}
}
