package io.plumbline.ticketing.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of a fleet spread out. */
public record Backoff(Duration base, Duration max) {

    public Duration after(int attempts) {
        long exponential = base.toMillis() * (1L << Math.min(Math.max(attempts - 1, 0), 30));
        long capped = Math.min(exponential, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
