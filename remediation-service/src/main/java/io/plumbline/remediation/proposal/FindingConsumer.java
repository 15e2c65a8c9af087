package io.plumbline.remediation.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.messaging.DeadLetters;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Reads {@code findings} in batches with its own consumer group. A record that breaks the contract (not JSON, not
 * the schema, unknown {@code version}, key ≠ fingerprint) goes to {@code remediation-findings-dlq} with its reason,
 * as does a finding the service fails on for any reason other than its database. While the database fails, the
 * finding is retried until its proposal is stored; the batch is acknowledged only after all that, and a batch
 * still retrying at shutdown is left for redelivery. Proposals are idempotent, so a redelivered batch proposes
 * nothing twice.
 */
@ApplicationScoped
public class FindingConsumer {

    private static final Logger LOG = Logger.getLogger(FindingConsumer.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final ProposalService proposals;
    private final DeadLetters deadLetters;
    private final Counter consumed;
    private final Counter retried;
    private volatile boolean stopping;

    public FindingConsumer(ProposalService proposals,
            @Channel("remediation-findings-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            Emitter<String> deadLetters, MeterRegistry registry) {
        this.proposals = proposals;
        this.consumed = registry.counter("plumbline.remediation.findings.consumed");
        Counter deadLettered = registry.counter("plumbline.remediation.findings.dead.lettered");
        this.deadLetters = new DeadLetters(deadLetters, "remediation-findings-dlq", deadLettered::increment);
        this.retried = registry.counter("plumbline.remediation.findings.store.retries");
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Incoming("findings")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<CompletableFuture<Void>> parked = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Checked checked = check(record);
            String failure = checked.event() == null ? checked.problem() : propose(checked.event());
            if (failure != null) {
                parked.add(deadLetters.send(record, failure));
            }
            consumed.increment();
        }
        DeadLetters.awaitAll(parked);
    }

    /** A record's event, or why it cannot be used. */
    record Checked(FindingEvent event, String problem) {}

    static Checked check(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return new Checked(null, "empty record");
        }
        JsonNode node;
        try {
            node = EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            return new Checked(null, "not JSON: " + e.getMessage());
        }
        List<String> problems = EventJson.findingEventProblems(node);
        if (!problems.isEmpty()) {
            return new Checked(null, "does not match finding-event.v" + FindingEvent.SCHEMA_VERSION + ": " + String.join("; ", problems));
        }
        FindingEvent event;
        try {
            event = EventJson.toFindingEvent(node);
        } catch (IllegalArgumentException e) {
            return new Checked(null, e.getMessage());
        }
        if (record.key() != null && !record.key().equals(event.fingerprint())) {
            return new Checked(null, "record key " + record.key() + " is not the event's fingerprint");
        }
        return new Checked(event, null);
    }

    /** Null once the finding is handled; else why it cannot be (a fault that waiting would not cure). */
    private String propose(FindingEvent event) {
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                ProposalService.Proposed outcome = proposals.onFinding(event);
                LOG.debugf("finding %s: %s", event.fingerprint(), outcome);
                return null;
            } catch (RuntimeException e) {
                if (!isDatabase(e)) {
                    LOG.errorf(e, "finding %s: no proposal made", event.fingerprint());
                    return "no proposal made: " + rootMessage(e);
                }
                if (stopping) {
                    throw new IllegalStateException("stopping: the batch is left for redelivery", e);
                }
                LOG.warnf("finding %s: storing its proposal failed (%s); retrying in %d ms — nothing is acknowledged until stored",
                        event.fingerprint(), rootMessage(e), wait.toMillis());
                retried.increment();
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    /** The database (or a transaction on it) failed: waiting cures that, so the finding is retried, not dead-lettered. */
    static boolean isDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof jakarta.persistence.PersistenceException
                    || t instanceof org.hibernate.HibernateException || t instanceof io.quarkus.narayana.jta.QuarkusTransactionException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Sleeps, but wakes early when the service stops so the retry loop gives way. */
    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (!stopping && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
