package io.plumbline.ticketing.delivery;

import io.plumbline.ticketing.sink.DeliveryAction;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One outbox entry: a lifecycle step of an incident waiting to reach one destination. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public enum State { PENDING, DELIVERED, DEAD }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long incidentId;
    public String destination;

    @Enumerated(EnumType.STRING)
    public DeliveryAction action;

    public String note;

    @Enumerated(EnumType.STRING)
    public State state;

    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant createdAt;
    public Instant deliveredAt;

    public static Delivery pending(long incidentId, String destination, DeliveryAction action, String note) {
        Delivery delivery = new Delivery();
        delivery.incidentId = incidentId;
        delivery.destination = destination;
        delivery.action = action;
        delivery.note = note;
        delivery.state = State.PENDING;
        delivery.createdAt = Instant.now();
        delivery.nextAttemptAt = delivery.createdAt;
        return delivery;
    }
}
