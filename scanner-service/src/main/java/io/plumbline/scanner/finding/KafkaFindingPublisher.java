package io.plumbline.scanner.finding;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes to the {@code findings} topic, keyed by fingerprint so one partition keeps a finding's order. */
@ApplicationScoped
public class KafkaFindingPublisher implements FindingPublisher {

    private final Emitter<String> findings;

    public KafkaFindingPublisher(@Channel("findings") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
            Emitter<String> findings) {
        this.findings = findings;
    }

    @Override
    public List<CompletionStage<Void>> publish(List<Outgoing> events) {
        List<CompletionStage<Void>> acks = new ArrayList<>(events.size());
        for (Outgoing event : events) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            Message<String> message = Message.of(event.payload())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                    .withAck(() -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        ack.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    });
            findings.send(message);
            acks.add(ack);
        }
        return acks;
    }
}
