package io.plumbline.ticketing.sink;

/**
 * A ticket on a destination, as kept in the ledger.
 * {@code key} is what people see and APIs address (Jira ABC-12, ServiceNow INC0010001, OpsGenie alias,
 * Slack message ts, PagerDuty dedup key); {@code id} is the destination's internal id where it has one
 * (Jira issue id, ServiceNow sys_id, Slack channel id); {@code url} links to it for humans, when known.
 */
public record ExternalTicket(String key, String id, String url) {}
