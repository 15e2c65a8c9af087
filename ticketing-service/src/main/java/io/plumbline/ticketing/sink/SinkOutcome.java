package io.plumbline.ticketing.sink;

import java.time.Duration;

/** What happened to one delivery; the delivery worker decides on retries and the dead letter from it. */
public sealed interface SinkOutcome {

    /** Done; {@code ticket} is the destination's ticket (created, found by correlation key, or the known one). */
    record Delivered(ExternalTicket ticket) implements SinkOutcome {}

    /** The destination asked us to slow down (429); try again after {@code retryAfter}, without counting an attempt. */
    record RateLimited(Duration retryAfter) implements SinkOutcome {}

    /** A transient failure (timeout, connection refused, 5xx): retried with backoff; the outcome of a create is unknown. */
    record Failed(String reason) implements SinkOutcome {}

    /** The destination refused the request for good (bad credentials, unknown project, invalid body): dead letter. */
    record Rejected(String reason) implements SinkOutcome {}

    static SinkOutcome delivered(ExternalTicket ticket) {
        return new Delivered(ticket);
    }

    static SinkOutcome rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter);
    }

    static SinkOutcome failed(String reason) {
        return new Failed(reason);
    }

    static SinkOutcome rejected(String reason) {
        return new Rejected(reason);
    }
}
