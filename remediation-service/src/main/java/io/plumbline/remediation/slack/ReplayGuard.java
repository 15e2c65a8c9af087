package io.plumbline.remediation.slack;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** Remembers each signature it accepted; a second request with the same signature is a replay. */
@ApplicationScoped
public class ReplayGuard {

    private final EntityManager em;

    public ReplayGuard(EntityManager em) {
        this.em = em;
    }

    /** True the first time a signature is seen (across every instance of the service: the table is shared). */
    public boolean firstSeen(String signature, long timestamp) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "insert into remediation.slack_request (signature, request_ts, seen_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, signature).setParameter(2, timestamp).setParameter(3, Instant.now())
                .executeUpdate() == 1);
    }

    /** Signatures older than the accepted window can never come back as valid: forget them. */
    public void forgetBefore(long epochSeconds) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from remediation.slack_request where request_ts < ?1")
                .setParameter(1, epochSeconds).executeUpdate());
    }
}
