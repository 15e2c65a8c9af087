package io.plumbline.scanner.finding;

import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.rules.Rule;
import java.time.Instant;
import java.util.UUID;

/** Builds the {@code findings} event for a stored transition. */
final class FindingEvents {

    private FindingEvents() {}

    static OutboxEntry transition(Finding finding, Rule rule, Instant observedAt) {
        FindingEvent event = new FindingEvent(
                UUID.randomUUID().toString(),
                FindingEvent.SCHEMA_VERSION,
                finding.fingerprint,
                FindingEvent.State.valueOf(finding.status.name()),
                finding.sequence,
                finding.ruleId,
                finding.severity,
                finding.pillar,
                finding.question,
                finding.bestPractice,
                finding.impact,
                finding.accountId,
                finding.region,
                new FindingEvent.ResourceRef(finding.resourceArn, finding.resourceType, finding.resourceId,
                        finding.resourceName, finding.resourceTags),
                finding.title,
                finding.message,
                rule.risk(),
                rule.remediation(),
                rule.autoFix().orElse(null),
                finding.lastScanId == null ? null : finding.lastScanId.toString(),
                finding.firstSeenAt,
                observedAt);
        return OutboxEntry.of(FindingEvent.TOPIC, finding.fingerprint, EventJson.write(event));
    }
}
