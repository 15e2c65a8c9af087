package io.plumbline.ticketing.finding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.messaging.DeadLetters;
import io.plumbline.ticketing.incident.IncidentService;
import io.smallrye.common.annotation.Blocking;
import io.quarkus.runtime.ShutdownEvent;
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
 * Reads {@code findings} in batches (one partition = one fingerprint's order). A record that breaks the contract
 * goes to {@code findings-dlq} with its reason and the rest carry on; a batch that cannot be stored (database
 * down) is retried until it can, so findings are delayed, never dropped. The batch is acknowledged only after both.
 */
@ApplicationScoped
public class FindingConsumer {

    private static final Logger LOG = Logger.getLogger(FindingConsumer.class);

    private final IncidentService incidents;
    private final DeadLetters deadLetters;
    private final Counter consumed;
    private volatile boolean stopping;
    private final io.micrometer.core.instrument.Timer checking;
    private final io.micrometer.core.instrument.Timer storing;

    public FindingConsumer(IncidentService incidents,
                           @Channel("findings-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                           Emitter<String> deadLetters, MeterRegistry registry) {
        this.incidents = incidents;
        this.consumed = registry.counter("plumbline.findings.consumed");
        Counter deadLettered = registry.counter("plumbline.findings.dead.lettered");
        this.deadLetters = new DeadLetters(deadLetters, "findings-dlq", deadLettered::increment);
        this.checking = registry.timer("plumbline.findings.batch.check");
        this.storing = registry.timer("plumbline.findings.batch.store");
    }

    /** A batch still retrying when the service stops is left unacknowledged: Kafka redelivers it after the restart. */
    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Incoming("findings")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<FindingEvent> events = new ArrayList<>(records.count());
        List<CompletableFuture<Void>> parked = new ArrayList<>();
        checking.record(() -> {
            for (ConsumerRecord<String, String> record : records) {
                Checked checked = check(record);
                if (checked.event() != null) {
                    events.add(checked.event());
                } else {
                    parked.add(deadLetters.send(record, checked.problem()));
                }
            }
        });
        DeadLetters.awaitAll(parked);
        if (!events.isEmpty()) {
            storing.record(() -> store(events));
        }
        consumed.increment(records.count());
    }

    /** A record's event, or why it cannot be applied. */
    record Checked(FindingEvent event, String problem) {}

    /**
     * Parses a record once, checks it against the contract with the compiled check, and tells why it cannot be
     * applied if it cannot: then the schema validator (slower, thorough) names every problem.
     */
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
        return switch (FindingEventCheck.read(node)) {
            case FindingEventCheck.Outcome.Invalid invalid -> new Checked(null, "does not match finding-event.v"
                    + FindingEvent.SCHEMA_VERSION + ": " + String.join("; ", schemaProblems(node, invalid.problem())));
            case FindingEventCheck.Outcome.Valid valid when record.key() != null
                    && !record.key().equals(valid.event().fingerprint()) ->
                    new Checked(null, "record key " + record.key() + " is not the event's fingerprint");
            case FindingEventCheck.Outcome.Valid valid -> new Checked(valid.event(), null);
        };
    }

    /** The schema's list of problems; the check's own when only it objects (a timestamp no reader understands). */
    private static List<String> schemaProblems(JsonNode node, String problem) {
        List<String> problems = node.isMissingNode() ? List.of() : EventJson.findingEventProblems(node);
        return problems.isEmpty() ? List.of(problem) : problems;
    }

    /** Applies a batch, retrying until the database takes it (a race with another consumer is retried at once). */
    public void store(List<FindingEvent> events) {
        Duration wait = Duration.ofMillis(500);
        int races = 0;
        while (true) {
            try {
                incidents.apply(events);
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw new IllegalStateException("stopping: the batch is left for redelivery", e);
                }
                if (isRace(e) && races++ < 3) {
                    LOG.debugf("another consumer stored the same incident or finding first; retrying at once");
                    continue; // the retry reads what the other stored and locks it
                }
                LOG.warnf("storing %d finding events failed (%s); retrying in %d ms — nothing is acknowledged until stored",
                        events.size(), rootMessage(e), wait.toMillis());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
            }
        }
    }

    private static boolean isRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // unique violation (an incident or finding stored first by another consumer), deadlock, or a finding changed meanwhile
            if (t instanceof java.sql.SQLException sql && ("23505".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
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
