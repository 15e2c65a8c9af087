package io.plumbline.scanner.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The health of what one scan checked: 0–100, the severity-weighted share of passing checks
 * ({@code Σ weight(passed) / Σ weight(all) × 100}, weights from {@link io.plumbline.rules.Severity#weight()}),
 * overall and per pillar, region, severity, impact and service.
 *
 * @param score null when no check carried weight (nothing checked, or only INFORMATIONAL rules)
 */
public record HealthScore(
        BigDecimal score,
        long passed,
        long failed,
        long errored,
        Map<String, Part> byPillar,
        Map<String, Part> byRegion,
        Map<String, Part> bySeverity,
        Map<String, Part> byImpact,
        Map<String, Part> byService) {

    private static final BigDecimal HUNDRED = new BigDecimal("100.0");
    private static final BigDecimal NEARLY_HUNDRED = new BigDecimal("99.9");
    private static final BigDecimal ZERO = new BigDecimal("0.0");
    private static final BigDecimal NEARLY_ZERO = new BigDecimal("0.1");

    /** One value of a breakdown, e.g. the SECURITY pillar. */
    public record Part(BigDecimal score, long passed, long failed) {}

    public static HealthScore of(CheckCounts counts) {
        Sum total = new Sum();
        Map<String, Sum> pillars = new TreeMap<>();
        Map<String, Sum> regions = new TreeMap<>();
        Map<String, Sum> severities = new TreeMap<>();
        Map<String, Sum> impacts = new TreeMap<>();
        Map<String, Sum> services = new TreeMap<>();
        counts.tallies().forEach((dimensions, tally) -> {
            int weight = dimensions.severity().weight();
            total.add(tally, weight);
            pillars.computeIfAbsent(dimensions.pillar().name(), k -> new Sum()).add(tally, weight);
            regions.computeIfAbsent(dimensions.region(), k -> new Sum()).add(tally, weight);
            severities.computeIfAbsent(dimensions.severity().name(), k -> new Sum()).add(tally, weight);
            impacts.computeIfAbsent(dimensions.impact().name(), k -> new Sum()).add(tally, weight);
            services.computeIfAbsent(dimensions.service(), k -> new Sum()).add(tally, weight);
        });
        return new HealthScore(total.score(), total.passed, total.failed, counts.errored(), parts(pillars), parts(regions),
                parts(severities), parts(impacts), parts(services));
    }

    /**
     * {@code passedWeight / totalWeight} as a percentage with one decimal; a score only reads 100.0 when nothing
     * weighted failed and 0.0 when nothing weighted passed, whatever the rounding.
     */
    static BigDecimal score(long passedWeight, long totalWeight) {
        if (totalWeight == 0) {
            return null;
        }
        BigDecimal score = BigDecimal.valueOf(passedWeight).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(totalWeight), 1, RoundingMode.HALF_UP);
        if (passedWeight < totalWeight && score.compareTo(HUNDRED) == 0) {
            return NEARLY_HUNDRED;
        }
        if (passedWeight > 0 && score.compareTo(ZERO) == 0) {
            return NEARLY_ZERO;
        }
        return score;
    }

    private static Map<String, Part> parts(Map<String, Sum> sums) {
        Map<String, Part> parts = new TreeMap<>();
        sums.forEach((key, sum) -> parts.put(key, sum.part()));
        return Collections.unmodifiableMap(parts);
    }

    /** Running totals of one bucket. */
    private static final class Sum {
        long passed;
        long failed;
        long passedWeight;
        long totalWeight;

        void add(CheckCounts.Tally tally, int weight) {
            passed += tally.passed();
            failed += tally.failed();
            passedWeight += tally.passed() * weight;
            totalWeight += (tally.passed() + tally.failed()) * weight;
        }

        BigDecimal score() {
            return HealthScore.score(passedWeight, totalWeight);
        }

        Part part() {
            return new Part(score(), passed, failed);
        }
    }
}
