package io.plumbline.ticketing.delivery;

import java.time.Instant;

/** One outbox step as the API shows it. */
public record DeliveryView(long id, long incidentId, String destination, String action, String state, int attempts,
                           Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt, String note) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id, d.incidentId, d.destination, d.action.name(), d.state.name(), d.attempts,
                d.nextAttemptAt, d.lastError, d.createdAt, d.deliveredAt, d.note);
    }
}
