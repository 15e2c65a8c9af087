package io.plumbline.scanner.finding;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The stored state of one finding. */
@Entity
@Table(name = "finding")
public class Finding extends PanacheEntityBase {

    @Id
    public String fingerprint;

    public String ruleId;

    @Enumerated(EnumType.STRING)
    public FindingStatus status;

    public String severity;
    public String pillar;
    public String question;
    public String bestPractice;
    public String impact;
    public String accountId;
    public String region;
    public String resourceArn;
    public String resourceType;
    public String resourceId;
    public String resourceName;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> resourceTags;

    public String title;
    public String message;
    public Instant firstSeenAt;
    public Instant lastSeenAt;
    public Instant resolvedAt;

    /** Transitions so far; published with each event so consumers can drop stale or repeated ones. */
    public long sequence;

    public UUID lastScanId;
}
