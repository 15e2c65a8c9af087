package io.plumbline.ticketing.finding;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The latest known state of one finding, and the incident it belongs to. */
@Entity
@Table(name = "finding")
public class TrackedFinding extends PanacheEntityBase {

    @Id
    public String fingerprint;

    public Long incidentId;
    public long sequence;
    public String state;
    public Long suppressionId;
    public String ruleId;
    public String severity;
    public String accountId;
    public String region;
    public String resourceArn;
    public String resourceType;
    public String resourceId;
    public String resourceName;

    /** JSON text: kept as a string so loading and flushing a batch does not copy every map (Hibernate snapshots mutable JSON values). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String resourceTags;

    public String message;
    public Instant firstSeenAt;
    public Instant observedAt;
    public Instant updatedAt;

    @SuppressWarnings("unchecked")
    public Map<String, String> tags() {
        if (resourceTags == null || resourceTags.isBlank()) {
            return Map.of();
        }
        try {
            return io.plumbline.contracts.EventJson.mapper().readValue(resourceTags, Map.class);
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }

    /** Failing and not suppressed: needs someone's attention. */
    public boolean failing() {
        return !"RESOLVED".equals(state) && suppressionId == null;
    }

    /** Failing, but a suppression rule accepts the risk. */
    public boolean suppressed() {
        return !"RESOLVED".equals(state) && suppressionId != null;
    }

    /** The state shown to humans: OPEN, REOPENED, RESOLVED or SUPPRESSED. */
    public String displayStatus() {
        return suppressed() ? "SUPPRESSED" : state;
    }
}
