package io.plumbline.remediation.proposal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One proposed fix of one finding by one action version; its state changes only through guarded updates. */
@Entity
@Table(name = "proposal")
public class Proposal extends PanacheEntityBase {

    @Id
    public UUID id;
    public String fingerprint;
    public String actionId;
    public int actionVersion;
    public String ruleId;
    public String accountId;
    public String region;
    public String resourceArn;
    public String resourceId;

    @Enumerated(EnumType.STRING)
    public ProposalState state;

    /** The plan as JSON text (see {@code Plan}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String plan;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String beforeState;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String afterState;

    public String detail;
    public Instant requestedAt;
    public Instant decidedAt;
    public String decidedBy;
    public Instant expiresAt;
    public Instant executedAt;
    public Instant verifiedAt;
    public String slackChannel;
    public String slackTs;
    /** When the scheduled verification next asks the scanner; null when no verification is pending. */
    public Instant verifyAfter;
    public int verifyAttempts;
    public Instant rescanRequestedAt;
}
