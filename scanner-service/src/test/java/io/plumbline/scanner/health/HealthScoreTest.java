package io.plumbline.scanner.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.rules.Impact;
import io.plumbline.rules.Pillar;
import io.plumbline.rules.Resource;
import io.plumbline.rules.Rule;
import io.plumbline.rules.Severity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The score arithmetic: weights, breakdowns, what does not count, and rounding at the edges. */
class HealthScoreTest {

    private static final Rule MULTI_AZ = rule("rds-multi-az", "rds", Pillar.RELIABILITY, Severity.HIGH, Impact.AVAILABILITY);
    private static final Rule ENCRYPTED = rule("rds-encrypted", "rds", Pillar.SECURITY, Severity.CRITICAL, Impact.DATA_EXPOSURE);
    private static final Rule UNUSED_EIP = rule("eip-unused", "ec2", Pillar.COST_OPTIMIZATION, Severity.LOW, Impact.COST);
    private static final Rule INVENTORY = rule("inventory", "ec2", Pillar.OPERATIONAL_EXCELLENCE, Severity.INFORMATIONAL,
            Impact.OPERATIONS);

    @Test
    void shouldWeighEveryCheckBySeverity() {
        CheckCounts counts = CheckCounts.builder()
                .passed(MULTI_AZ, resource("us-east-2"))
                .failed(MULTI_AZ, resource("us-east-2"))
                .passed(ENCRYPTED, resource("sa-east-1"))
                .failed(UNUSED_EIP, resource("sa-east-1"))
                .build();

        HealthScore health = HealthScore.of(counts);

        // passed weight 5 + 10 = 15 of 5 + 5 + 10 + 1 = 21
        assertThat(health.score()).isEqualByComparingTo("71.4");
        assertThat(health.passed()).isEqualTo(2);
        assertThat(health.failed()).isEqualTo(2);
        assertThat(health.byPillar()).containsOnlyKeys("RELIABILITY", "SECURITY", "COST_OPTIMIZATION");
        assertThat(health.byPillar().get("RELIABILITY")).isEqualTo(part("50.0", 1, 1));
        assertThat(health.byPillar().get("SECURITY")).isEqualTo(part("100.0", 1, 0));
        assertThat(health.byPillar().get("COST_OPTIMIZATION")).isEqualTo(part("0.0", 0, 1));
        // 5 of 10 in Ohio; 10 of 11 in São Paulo
        assertThat(health.byRegion()).containsExactly(Map.entry("sa-east-1", part("90.9", 1, 1)),
                Map.entry("us-east-2", part("50.0", 1, 1)));
        assertThat(health.bySeverity()).containsOnlyKeys("CRITICAL", "HIGH", "LOW");
        assertThat(health.bySeverity().get("HIGH")).isEqualTo(part("50.0", 1, 1));
        assertThat(health.byImpact()).containsOnlyKeys("AVAILABILITY", "DATA_EXPOSURE", "COST");
        assertThat(health.byService()).containsExactly(Map.entry("ec2", part("0.0", 0, 1)),
                Map.entry("rds", part("75.0", 2, 1)));
    }

    @Test
    void shouldCountErrorsApartFromPassedAndFailed() {
        CheckCounts counts = CheckCounts.builder().passed(MULTI_AZ, resource("us-east-2")).errored().errored().build();

        HealthScore health = HealthScore.of(counts);

        assertThat(health.score()).isEqualByComparingTo("100.0");
        assertThat(health.passed()).isEqualTo(1);
        assertThat(health.failed()).isZero();
        assertThat(health.errored()).isEqualTo(2);
    }

    @Test
    void shouldCountInformationalChecksWithoutLettingThemMoveTheScore() {
        CheckCounts counts = CheckCounts.builder()
                .failed(MULTI_AZ, resource("us-east-2"))
                .passed(INVENTORY, resource("us-east-2"))
                .passed(INVENTORY, resource("us-east-2"))
                .build();

        HealthScore health = HealthScore.of(counts);

        assertThat(health.score()).isEqualByComparingTo("0.0");
        assertThat(health.passed()).isEqualTo(2);
        assertThat(health.bySeverity().get("INFORMATIONAL")).isEqualTo(new HealthScore.Part(null, 2, 0));
    }

    @Test
    void shouldHaveNoScoreWhenNothingWasChecked() {
        HealthScore health = HealthScore.of(CheckCounts.none());

        assertThat(health.score()).isNull();
        assertThat(health.passed()).isZero();
        assertThat(health.byPillar()).isEmpty();
    }

    @Test
    void shouldNeverRoundAFailureAwayOrASuccessToNothing() {
        assertThat(HealthScore.score(9_999, 10_000)).isEqualByComparingTo("99.9");
        assertThat(HealthScore.score(999_999, 1_000_000)).isEqualByComparingTo("99.9");
        assertThat(HealthScore.score(1, 1_000_000)).isEqualByComparingTo("0.1");
        assertThat(HealthScore.score(2, 3)).isEqualByComparingTo("66.7");
        assertThat(HealthScore.score(10, 10)).isEqualByComparingTo("100.0");
        assertThat(HealthScore.score(0, 10)).isEqualByComparingTo("0.0");
    }

    private static HealthScore.Part part(String score, long passed, long failed) {
        return new HealthScore.Part(new BigDecimal(score), passed, failed);
    }

    private static Resource resource(String region) {
        return new Resource("AWS::RDS::DBInstance", "123456789012", region, "arn:aws:rds:" + region + ":123456789012:db:x", "x",
                "x", Map.of(), Map.of(), Map.of());
    }

    private static Rule rule(String id, String service, Pillar pillar, Severity severity, Impact impact) {
        return new Rule(id, id, service, "AWS::RDS::DBInstance", pillar, "REL10", "REL10-BP01", severity, impact, "risk",
                List.of("fix it"), List.of("https://example.com"), Optional.empty(), "true", "failed", Map.of());
    }
}
