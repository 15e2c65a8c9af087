package io.plumbline.remediation.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code findings} in batches with its own consumer group. A record that breaks the contract is skipped
 * (ticketing dead-letters it already); proposals are idempotent, so a redelivered batch proposes nothing twice.
 */
@ApplicationScoped
public class FindingConsumer {

    private static final Logger LOG = Logger.getLogger(FindingConsumer.class);

    private final ProposalService proposals;
    private final Counter consumed;

    public FindingConsumer(ProposalService proposals, MeterRegistry registry) {
        this.proposals = proposals;
        this.consumed = registry.counter("plumbline.remediation.findings.consumed");
    }

    @Incoming("findings")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            FindingEvent event = parse(record);
            if (event != null) {
                try {
                    ProposalService.Proposed outcome = proposals.onFinding(event);
                    LOG.debugf("finding %s: %s", event.fingerprint(), outcome);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "finding %s: no proposal made", event.fingerprint());
                }
            }
            consumed.increment();
        }
    }

    private static FindingEvent parse(ConsumerRecord<String, String> record) {
        try {
            JsonNode node = EventJson.mapper().readTree(record.value());
            List<String> problems = EventJson.findingEventProblems(node);
            if (!problems.isEmpty()) {
                LOG.warnf("finding record %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(), problems);
                return null;
            }
            return EventJson.toFindingEvent(node);
        } catch (Exception e) {
            LOG.warnf("finding record %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }
}
