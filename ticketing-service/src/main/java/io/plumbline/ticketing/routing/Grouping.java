package io.plumbline.ticketing.routing;

import io.plumbline.contracts.FindingEvent;

/** How a route groups findings into incidents. */
public enum Grouping {
    /** One incident per rule × account × region, listing every affected resource (the case study's style). */
    RULE,
    /** One incident per resource, whatever rules it fails. */
    RESOURCE;

    public static Grouping parse(String value, String key) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "rule" -> RULE;
            case "resource" -> RESOURCE;
            default -> throw new IllegalStateException(key + " must be 'rule' or 'resource', not '" + value + "'");
        };
    }

    /** The key every finding of one incident shares. */
    public String groupingKey(FindingEvent event) {
        return switch (this) {
            case RULE -> "rule|" + event.ruleId() + "|" + event.accountId() + "|" + event.region();
            case RESOURCE -> "resource|" + event.accountId() + "|" + event.region() + "|" + event.resource().arn();
        };
    }
}
