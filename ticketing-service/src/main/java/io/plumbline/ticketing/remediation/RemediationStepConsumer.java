package io.plumbline.ticketing.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.RemediationEvent;
import io.plumbline.ticketing.incident.IncidentService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code remediation-events} and comments each step (proposed, approved, applied, verified…) on the
 * incident's tickets. A record that breaks the contract is nacked: the connector's dead-letter strategy puts it
 * on {@code remediation-events-dlq} with the reason in its {@code dead-letter-reason} header.
 */
@ApplicationScoped
public class RemediationStepConsumer {

    private final IncidentService incidents;

    public RemediationStepConsumer(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Incoming("remediation-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        JsonNode node;
        try {
            node = message.getPayload() == null ? null : EventJson.mapper().readTree(message.getPayload());
        } catch (IOException e) {
            node = null;
        }
        if (node == null) {
            return message.nack(new IllegalArgumentException("not JSON"));
        }
        List<String> problems = EventJson.remediationEventProblems(node);
        if (!problems.isEmpty()) {
            return message.nack(new IllegalArgumentException("does not match remediation-event.v1: " + String.join("; ", problems)));
        }
        RemediationEvent event = EventJson.toRemediationEvent(node);
        if (!"EXECUTING".equals(event.state())) { // the outcome follows at once; one comment per step a human cares about
            incidents.remediationStep(event);
        }
        return message.ack();
    }
}
