package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.JsonNode;

/** What an apply (or undo) did. */
public sealed interface ApplyOutcome {

    record Applied(JsonNode before, JsonNode after) implements ApplyOutcome {}

    record Failed(String reason) implements ApplyOutcome {}
}
