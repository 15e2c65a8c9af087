package io.plumbline.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.jboss.logging.Logger;

/**
 * Sends a record its consumer cannot use to a dead-letter topic, unchanged (same key and value) with the project's
 * headers: {@value #REASON_HEADER} (why) and {@value #SOURCE_HEADER} (topic-partition@offset it came from).
 */
public final class DeadLetters {

    public static final String REASON_HEADER = "plumbline-dlq-reason";
    public static final String SOURCE_HEADER = "plumbline-dlq-source";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Emitter<String> emitter;
    private final String topic;
    private final Runnable onSent;

    /** {@code topic} names the emitter's topic in the log; {@code onSent} counts each dead letter (a metric). */
    public DeadLetters(Emitter<String> emitter, String topic, Runnable onSent) {
        this.emitter = emitter;
        this.topic = topic;
        this.onSent = onSent;
    }

    /** Sends the record with its reason; the future completes when the broker has it. */
    public CompletableFuture<Void> send(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(), topic,
                reason.length() > 300 ? reason.substring(0, 300) + "…" : reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
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
        emitter.send(message);
        onSent.run();
        return ack;
    }

    /** A dead letter must be on its topic before the batch is acknowledged, or a crash would lose it. */
    public static void awaitAll(List<CompletableFuture<Void>> acks) {
        for (CompletableFuture<Void> ack : acks) {
            try {
                ack.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the dead-letter topic did not acknowledge; the batch will be redelivered", e);
            }
        }
    }
}
