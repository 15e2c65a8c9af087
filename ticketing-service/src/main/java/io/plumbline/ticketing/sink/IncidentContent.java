package io.plumbline.ticketing.sink;

import java.util.List;
import java.util.Map;

/**
 * What a ticket says about an incident. Everything that came from AWS (resource names, ids, tags, messages
 * containing them) is untrusted: each sink escapes it for its own format (ADF, wiki markup, mrkdwn, HTML).
 *
 * @param correlationKey stable key of the incident on every destination (Jira label, ServiceNow correlation_id,
 *                       OpsGenie alias, PagerDuty dedup_key); lower-case letters, digits and dashes only
 * @param state          OPEN, ACKNOWLEDGED, RESOLVED, REOPENED, SUPPRESSED or FALSE_POSITIVE
 * @param title          one line, e.g. "RDS instances in sa-east-1 are deployed in a single Availability Zone"
 * @param links          the incident's tickets on the other destinations (for Slack's links)
 */
public record IncidentContent(
        long id,
        String correlationKey,
        String state,
        String title,
        String severity,
        String pillar,
        String question,
        String bestPractice,
        String ruleId,
        String accountId,
        String region,
        String risk,
        List<String> remediation,
        List<AffectedResource> resources,
        List<Link> links) {

    /** One finding of the incident. {@code status} is OPEN, REOPENED, RESOLVED or SUPPRESSED. */
    public record AffectedResource(
            String fingerprint, String arn, String type, String id, String name, Map<String, String> tags,
            String message, String status) {}

    public record Link(String destination, String key, String url) {}

    /** Resources still failing (not resolved, not suppressed). */
    public List<AffectedResource> failing() {
        return resources.stream().filter(r -> r.status().equals("OPEN") || r.status().equals("REOPENED")).toList();
    }
}
