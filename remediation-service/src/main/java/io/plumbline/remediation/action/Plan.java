package io.plumbline.remediation.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What apply will do: the exact API call and its request, the resource before and (expected) after, and what a
 * {@code DryRun=true} call answered where the API has the flag.
 *
 * @param call e.g. {@code rds:ModifyDBInstance}
 * @param dryRun null only in plans stored before dry runs were recorded
 */
public record Plan(String actionId, int actionVersion, Target target, String call, JsonNode request, JsonNode before,
        JsonNode after, String summary, DryRun dryRun) {

    @JsonCreator // the stored JSON is read through the full constructor
    public Plan {}

    /** A plan for an API without DryRun. */
    public Plan(String actionId, int actionVersion, Target target, String call, JsonNode request, JsonNode before,
            JsonNode after, String summary) {
        this(actionId, actionVersion, target, call, request, before, after, summary, DryRun.notAvailable(call));
    }

    Plan with(DryRun result, String newSummary) {
        return new Plan(actionId, actionVersion, target, call, request, before, after, newSummary, result);
    }
}
