package io.plumbline.remediation.proposal;

import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.RemediationEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/** Publishes every proposal step to {@code remediation-events}, keyed by fingerprint. */
@ApplicationScoped
public class RemediationEvents {

    private static final Logger LOG = Logger.getLogger(RemediationEvents.class);

    private final Emitter<String> emitter;

    public RemediationEvents(@Channel("remediation-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
                             Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publish(Proposal proposal, String actor, String detail) {
        RemediationEvent event = new RemediationEvent(UUID.randomUUID().toString(), proposal.id.toString(), proposal.fingerprint,
                proposal.actionId, proposal.state.name(), actor, Instant.now(), detail);
        try {
            emitter.send(Message.of(EventJson.write(event))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(proposal.fingerprint).build()));
        } catch (RuntimeException e) {
            LOG.warnf("remediation event for proposal %s not published: %s", proposal.id, e.getMessage());
        }
    }
}
