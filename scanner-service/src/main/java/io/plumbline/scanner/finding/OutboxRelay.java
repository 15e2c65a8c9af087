package io.plumbline.scanner.finding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plumbline.scanner.config.ScannerConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends outbox entries to Kafka in id order and deletes each one the broker acknowledged. An entry that
 * was not acknowledged stays and is retried on the next round, so a broker outage delays events but never
 * drops them (consumers deduplicate on eventId, since a retry may repeat an event).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final FindingPublisher publisher;
    private final ScannerConfig config;
    private final Counter published;
    private final Counter failed;

    public OutboxRelay(FindingPublisher publisher, ScannerConfig config, MeterRegistry registry) {
        this.publisher = publisher;
        this.config = config;
        this.published = registry.counter("plumbline.outbox.published");
        this.failed = registry.counter("plumbline.outbox.failures");
        registry.gauge("plumbline.outbox.pending", this, OutboxRelay::pendingQuietly);
    }

    @Scheduled(every = "${plumbline.scanner.outbox.interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        drain();
    }

    /** Sends until the outbox is empty or a round fails; returns how many events were sent. */
    public synchronized int drain() {
        int total = 0;
        while (true) {
            Round round = QuarkusTransaction.requiringNew().call(this::round);
            total += round.sent();
            if (round.sent() == 0 || round.failures() > 0) {
                return total;
            }
        }
    }

    private record Round(int sent, int failures) {}

    @SuppressWarnings("unchecked")
    private Round round() {
        List<OutboxEntry> batch = Panache.getEntityManager()
                .createNativeQuery("select * from {h-schema}outbox order by id limit ?1 for update skip locked", OutboxEntry.class)
                .setParameter(1, config.outbox().batchSize())
                .getResultList();
        if (batch.isEmpty()) {
            return new Round(0, 0);
        }
        List<FindingPublisher.Outgoing> events = new ArrayList<>(batch.size());
        batch.forEach(e -> events.add(new FindingPublisher.Outgoing(e.messageKey, e.payload)));
        List<CompletionStage<Void>> acks = publisher.publish(events);
        int sent = 0;
        int failures = 0;
        for (int i = 0; i < batch.size(); i++) {
            OutboxEntry entry = batch.get(i);
            try {
                acks.get(i).toCompletableFuture().get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                entry.delete();
                sent++;
            } catch (Exception e) {
                entry.attempts++;
                entry.lastError = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                failures++;
            }
        }
        published.increment(sent);
        if (failures > 0) {
            failed.increment(failures);
            LOG.warnf("%d of %d finding events were not acknowledged by Kafka; they stay in the outbox and will be retried",
                    failures, batch.size());
        }
        return new Round(sent, failures);
    }

    public long pending() {
        return QuarkusTransaction.joiningExisting().call(OutboxEntry::count);
    }

    private double pendingQuietly() {
        try {
            return pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
