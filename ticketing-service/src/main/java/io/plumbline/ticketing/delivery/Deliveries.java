package io.plumbline.ticketing.delivery;

import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.routing.Router;
import io.plumbline.ticketing.sink.DeliveryAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes lifecycle steps into the outbox, in the caller's transaction. The first step for a destination reserves
 * the incident's ledger entry there (unique per incident × destination), so two deciders can never both create.
 */
@ApplicationScoped
public class Deliveries {

    private final Router router;
    private final LedgerView ledger;

    public Deliveries(Router router, LedgerView ledger) {
        this.router = router;
        this.ledger = ledger;
    }

    /** Reads, once, what the ledger holds for incidents a transaction is about to step (see {@link LedgerView}). */
    public void prepare(java.util.Collection<Long> incidentIds) {
        ledger.load(incidentIds);
    }

    /**
     * Queues {@code action} for every destination of the incident except {@code origin} (where it came from).
     * An UPDATE is not queued where a step of the incident has not been picked up yet: tickets are rendered when
     * sent, so that step will carry the newest list of resources (a scan's findings arrive in many batches).
     */
    public int enqueue(Incident incident, DeliveryAction action, String note, String origin) {
        Set<String> untouched = action == DeliveryAction.UPDATE ? ledger.untouched(incident.id) : Set.of();
        int queued = 0;
        for (String destination : destinations(incident)) {
            if (destination.equals(origin) || untouched.contains(destination)) {
                continue;
            }
            enqueueTo(incident, destination, action, note);
            queued++;
        }
        return queued;
    }

    /** Queues one step for one destination. */
    public void enqueueTo(Incident incident, String destination, DeliveryAction action, String note) {
        boolean reserve = !ledger.ticketed(incident.id).contains(destination);
        if (reserve) {
            Ticket.reserve(incident.id, destination).persist();
        }
        Delivery.pending(incident.id, destination, action, note).persist();
        ledger.queued(incident.id, destination, reserve);
    }

    /** The destinations holding (or reserved for) a ticket, plus those the incident's route names now. */
    private Set<String> destinations(Incident incident) {
        Set<String> destinations = new LinkedHashSet<>(ledger.ticketed(incident.id));
        destinations.addAll(router.byName(incident.route).destinations());
        return destinations;
    }
}
