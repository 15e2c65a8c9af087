package io.plumbline.scanner.health;

import io.plumbline.rules.Impact;
import io.plumbline.rules.Pillar;
import io.plumbline.rules.Resource;
import io.plumbline.rules.Rule;
import io.plumbline.rules.Severity;
import java.util.HashMap;
import java.util.Map;

/**
 * How many (rule, resource) checks of one scan passed and failed, per combination of the dimensions the
 * health score is broken down by. Checks whose rule could not decide count as {@code errored} only.
 */
public record CheckCounts(Map<Dimensions, Tally> tallies, long errored) {

    public CheckCounts {
        tallies = Map.copyOf(tallies);
    }

    /** Where a check belongs in every breakdown at once. */
    public record Dimensions(Pillar pillar, String region, Severity severity, Impact impact, String service) {

        public static Dimensions of(Rule rule, Resource resource) {
            return new Dimensions(rule.pillar(), resource.region(), rule.severity(), rule.impact(), rule.service());
        }
    }

    public record Tally(long passed, long failed) {

        public Tally plus(Tally other) {
            return new Tally(passed + other.passed, failed + other.failed);
        }
    }

    public static CheckCounts none() {
        return new CheckCounts(Map.of(), 0);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Counts while a scan evaluates; not thread-safe, as the evaluation loop is sequential. */
    public static final class Builder {

        private final Map<Dimensions, Tally> tallies = new HashMap<>();
        private long errored;

        private Builder() {}

        public Builder passed(Rule rule, Resource resource) {
            tallies.merge(Dimensions.of(rule, resource), new Tally(1, 0), Tally::plus);
            return this;
        }

        public Builder failed(Rule rule, Resource resource) {
            tallies.merge(Dimensions.of(rule, resource), new Tally(0, 1), Tally::plus);
            return this;
        }

        public Builder errored() {
            errored++;
            return this;
        }

        public CheckCounts build() {
            return new CheckCounts(tallies, errored);
        }
    }
}
