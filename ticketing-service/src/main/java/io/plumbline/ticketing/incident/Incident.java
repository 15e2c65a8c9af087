package io.plumbline.ticketing.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A group of findings worked as one ticket on each destination of its route. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String groupingKey;
    public String correlationKey;
    public String route;
    public String grouping;

    @Enumerated(EnumType.STRING)
    public IncidentState state;

    public String severity;
    /** Findings failing and not suppressed; kept as findings change, so a batch need not count them. */
    public int failing;
    public int suppressed;
    public String pillar;
    public String question;
    public String bestPractice;
    public String ruleId;
    public String accountId;
    public String region;
    public String title;
    public String risk;

    /** JSON array text (a string, so Hibernate does not snapshot a mutable list per loaded incident). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String remediation;

    @SuppressWarnings("unchecked")
    public List<String> remediationSteps() {
        if (remediation == null || remediation.isBlank()) {
            return List.of();
        }
        try {
            return io.plumbline.contracts.EventJson.mapper().readValue(remediation, List.class);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    public Instant suppressedUntil;
    public String suppressionReason;
    public Instant openedAt;
    public Instant updatedAt;
    public Instant resolvedAt;

    /** Created in this transaction: no destination has heard of it yet. */
    @Transient
    public boolean fresh;
}
