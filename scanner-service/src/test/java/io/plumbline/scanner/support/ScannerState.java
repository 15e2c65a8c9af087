package io.plumbline.scanner.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Empties the scanner's tables (in the test database) between tests. */
@ApplicationScoped
public class ScannerState {

    @Inject
    EntityManager em;

    public void clear() {
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("truncate table scanner.finding, scanner.scan, scanner.outbox, scanner.health_snapshot").executeUpdate());
    }
}
