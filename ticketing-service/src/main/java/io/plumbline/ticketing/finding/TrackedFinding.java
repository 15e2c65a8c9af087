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

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, String> resourceTags;

    public String message;
    public Instant firstSeenAt;
    public Instant observedAt;
    public Instant updatedAt;

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
