package io.plumbline.ticketing.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The ledger entry of one incident on one destination: reserved before the create, keyed once created. */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    public enum State {
        /** Decided, nothing sent yet. */
        RESERVED,
        /** A create was attempted and its outcome is not recorded: look up by correlation key before creating. */
        CREATING,
        /** The destination holds the ticket under {@code externalKey}. */
        CREATED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long incidentId;
    public String destination;

    @Enumerated(EnumType.STRING)
    public State state;

    public String externalKey;
    public String externalId;
    public String url;
    public Instant createdAt;
    public Instant updatedAt;

    public static Ticket reserve(long incidentId, String destination) {
        Ticket ticket = new Ticket();
        ticket.incidentId = incidentId;
        ticket.destination = destination;
        ticket.state = State.RESERVED;
        ticket.createdAt = Instant.now();
        ticket.updatedAt = ticket.createdAt;
        return ticket;
    }
}
