package io.plumbline.ticketing.webhook;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

/** Remembers applied webhook deliveries (vendors retry): call inside the transaction that applies the delivery. */
@ApplicationScoped
public class InboundLog {

    /** True the first time {@code (source, key)} is seen; false for a retry of an applied delivery. */
    public boolean firstTime(String source, String key) {
        return Panache.getEntityManager().createNativeQuery(
                        "insert into {h-schema}inbound_event (source, event_key, received_at) values (?1, ?2, now()) "
                                + "on conflict do nothing")
                .setParameter(1, source).setParameter(2, key).executeUpdate() == 1;
    }
}
