package io.plumbline.scanner.health;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The health score of one finished scan, kept with the scan history. */
@Entity
@Table(name = "health_snapshot")
public class HealthSnapshot extends PanacheEntityBase {

    @Id
    public UUID scanId;

    /** Whether the scan covered every enabled rule in every configured region; only those stand for the account. */
    public boolean fullScope;

    public Instant finishedAt;
    public Instant computedAt;

    @Column(precision = 4, scale = 1)
    public BigDecimal score;

    public long passed;
    public long failed;
    public long errored;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, HealthScore.Part> byPillar;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, HealthScore.Part> byRegion;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, HealthScore.Part> bySeverity;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, HealthScore.Part> byImpact;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, HealthScore.Part> byService;

    /** Scores {@code checks} and stores the result for the scan; call inside the transaction that finishes it. */
    public static HealthSnapshot record(UUID scanId, boolean fullScope, Instant finishedAt, CheckCounts checks) {
        HealthScore health = HealthScore.of(checks);
        HealthSnapshot snapshot = new HealthSnapshot();
        snapshot.scanId = scanId;
        snapshot.fullScope = fullScope;
        snapshot.finishedAt = finishedAt;
        snapshot.computedAt = Instant.now();
        snapshot.score = health.score();
        snapshot.passed = health.passed();
        snapshot.failed = health.failed();
        snapshot.errored = health.errored();
        snapshot.byPillar = health.byPillar();
        snapshot.byRegion = health.byRegion();
        snapshot.bySeverity = health.bySeverity();
        snapshot.byImpact = health.byImpact();
        snapshot.byService = health.byService();
        snapshot.persist();
        return snapshot;
    }

    /** The most recent full-scope scan's snapshot. */
    public static Optional<HealthSnapshot> latest() {
        return find("fullScope = true", Sort.descending("finishedAt")).firstResultOptional();
    }

    /** The {@code limit} most recent full-scope snapshots, newest first. */
    public static List<HealthSnapshot> history(int limit) {
        return HealthSnapshot.<HealthSnapshot>find("fullScope = true", Sort.descending("finishedAt")).page(0, limit).list();
    }
}
