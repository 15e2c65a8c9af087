package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What apply will do: the exact API call and its request, and the resource before and (expected) after.
 *
 * @param call e.g. {@code rds:ModifyDBInstance}
 */
public record Plan(String actionId, int actionVersion, Target target, String call, JsonNode request, JsonNode before,
        JsonNode after, String summary) {}
