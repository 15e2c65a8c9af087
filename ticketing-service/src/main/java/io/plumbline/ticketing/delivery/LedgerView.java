package io.plumbline.ticketing.delivery;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.transaction.TransactionScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.query.NativeQuery;

/**
 * What the ledger and outbox hold for the incidents one transaction touches, read with one query each instead of
 * several per incident (a batch of findings touches many incidents), and kept current as steps are queued.
 */
@TransactionScoped
public class LedgerView {

    private final Map<Long, Set<String>> ticketed = new HashMap<>();
    private final Map<Long, Set<String>> untouched = new HashMap<>();

    /** Reads the tickets and the not-yet-picked-up steps of these incidents. */
    @SuppressWarnings("unchecked")
    public void load(Collection<Long> incidentIds) {
        List<Long> missing = incidentIds.stream().filter(id -> !ticketed.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return;
        }
        missing.forEach(id -> {
            ticketed.put(id, new HashSet<>());
            untouched.put(id, new HashSet<>());
        });
        // one round trip for both, with an array (one SQL text whatever the batch); it reads only these two tables
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                        select incident_id, destination, true from {h-schema}ticket where incident_id = any (?1)
                        union all
                        select distinct incident_id, destination, false from {h-schema}delivery
                        where incident_id = any (?1) and state = 'PENDING' and attempts = 0""")
                .setParameter(1, missing.toArray(Long[]::new))
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(Ticket.class)
                .addSynchronizedEntityClass(Delivery.class)
                .getResultList();
        for (Object[] row : rows) {
            long incidentId = ((Number) row[0]).longValue();
            (Boolean.TRUE.equals(row[2]) ? ticketed : untouched).get(incidentId).add((String) row[1]);
        }
    }

    /** Destinations holding (or reserved for) a ticket of the incident. */
    public Set<String> ticketed(long incidentId) {
        load(List.of(incidentId));
        return ticketed.get(incidentId);
    }

    /** Destinations with a step of the incident that no worker has picked up yet (it will render fresh content). */
    public Set<String> untouched(long incidentId) {
        load(List.of(incidentId));
        return untouched.get(incidentId);
    }

    void queued(long incidentId, String destination, boolean reserved) {
        load(List.of(incidentId));
        if (reserved) {
            ticketed.get(incidentId).add(destination);
        }
        untouched.get(incidentId).add(destination);
    }
}
