package io.plumbline.ticketing.sink;

/**
 * A destination that holds tickets for incidents: Jira, ServiceNow, OpsGenie / JSM Operations, Slack, PagerDuty.
 * Adding one = one CDI bean implementing this port (named by {@link #destination()}) and its test.
 * A sink never throws for an expected outcome; it answers with a {@link SinkOutcome}.
 */
public interface TicketSink {

    /** The name routes and the ticket ledger use for this destination ({@code jira}, {@code slack}, …). */
    String destination();

    /** Whether the destination is configured (base URL and credentials present); unconfigured sinks receive nothing. */
    boolean enabled();

    /** Performs one lifecycle step of one incident on this destination. */
    SinkOutcome deliver(SinkRequest request);

    /** Deliveries sharing a scope share one rate limit (Slack: one message per second per channel). */
    default String rateScope(SinkRequest request) {
        return "";
    }
}
