package io.plumbline.ticketing.delivery;

import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.routing.Router;
import io.plumbline.ticketing.sink.DeliveryAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes lifecycle steps into the outbox, in the caller's transaction. The first step for a destination reserves
 * the incident's ledger entry there (unique per incident × destination), so two deciders can never both create.
 */
@ApplicationScoped
public class Deliveries {

    private final Router router;

    public Deliveries(Router router) {
        this.router = router;
    }

    /**
     * Queues {@code action} for every destination of the incident except {@code origin} (where it came from).
     * An UPDATE is not queued where a step of the incident has not been picked up yet: tickets are rendered when
     * sent, so that step will carry the newest list of resources (a scan's findings arrive in many batches).
     */
    public int enqueue(Incident incident, DeliveryAction action, String note, String origin) {
        Set<String> waiting = action == DeliveryAction.UPDATE ? waitingDestinations(incident) : Set.of();
        int queued = 0;
        for (String destination : destinations(incident)) {
            if (destination.equals(origin) || waiting.contains(destination)) {
                continue;
            }
            enqueueTo(incident, destination, action, note);
            queued++;
        }
        return queued;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> waitingDestinations(Incident incident) {
        return new java.util.HashSet<>(io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createQuery("select distinct destination from Delivery where incidentId = :id and state = :pending and attempts = 0")
                .setParameter("id", incident.id).setParameter("pending", Delivery.State.PENDING)
                .getResultList());
    }

    /** Queues one step for one destination. */
    public void enqueueTo(Incident incident, String destination, DeliveryAction action, String note) {
        if (Ticket.count("incidentId = ?1 and destination = ?2", incident.id, destination) == 0) {
            Ticket.reserve(incident.id, destination).persist();
        }
        Delivery.pending(incident.id, destination, action, note).persist();
    }

    /** The destinations holding (or reserved for) a ticket, plus those the incident's route names now. */
    private Set<String> destinations(Incident incident) {
        Set<String> destinations = new LinkedHashSet<>();
        List<Ticket> tickets = Ticket.list("incidentId", incident.id);
        tickets.forEach(t -> destinations.add(t.destination));
        destinations.addAll(router.byName(incident.route).destinations());
        return destinations;
    }
}
