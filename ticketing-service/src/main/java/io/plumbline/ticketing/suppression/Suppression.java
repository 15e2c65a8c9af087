package io.plumbline.ticketing.suppression;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A suppression rule: findings it matches are kept and shown as suppressed, with its reason, until it expires. */
@Entity
@Table(name = "suppression")
public class Suppression extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String accountId;
    public String ruleId;
    public String region;
    public String resourceArn;
    public String tagKey;
    public String tagValue;
    public String reason;
    public String createdBy;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant expiredAt;
}
