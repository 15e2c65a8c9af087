package io.plumbline.ticketing.finding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.incident.IncidentService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
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
    public static final String REASON_HEADER = "plumbline-dlq-reason";

    private final IncidentService incidents;
    private final Emitter<String> deadLetters;
    private final Counter consumed;
    private final Counter deadLettered;
    private volatile boolean stopping;
    private final io.micrometer.core.instrument.Timer checking;
    private final io.micrometer.core.instrument.Timer storing;

    public FindingConsumer(IncidentService incidents,
                           @Channel("findings-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
                           Emitter<String> deadLetters, MeterRegistry registry) {
        this.incidents = incidents;
        this.deadLetters = deadLetters;
        this.consumed = registry.counter("plumbline.findings.consumed");
        this.deadLettered = registry.counter("plumbline.findings.dead.lettered");
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
                    parked.add(deadLetter(record, checked.problem()));
                }
            }
        });
        waitFor(parked);
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

    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("finding record %s-%d@%d sent to findings-dlq: %s", record.topic(), record.partition(), record.offset(),
                reason.length() > 300 ? reason.substring(0, 300) + "…" : reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add("plumbline-dlq-source", (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> ack = new CompletableFuture<>();
        Message<String> message = Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build())
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        deadLetters.send(message);
        deadLettered.increment();
        return ack;
    }

    /** A dead letter must be on its topic before the batch is acknowledged, or a crash would lose it. */
    private static void waitFor(List<CompletableFuture<Void>> acks) {
        for (CompletableFuture<Void> ack : acks) {
            try {
                ack.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the dead-letter topic did not acknowledge; the batch will be redelivered", e);
            }
        }
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
