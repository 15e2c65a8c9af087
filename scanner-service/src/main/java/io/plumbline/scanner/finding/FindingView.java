package io.plumbline.scanner.finding;

import java.time.Instant;
import java.util.Map;

/** A finding as the API shows and exports it. */
public record FindingView(String fingerprint, String ruleId, FindingStatus status, String severity, String pillar,
        String question, String bestPractice, String impact, String accountId, String region, String resourceArn,
        String resourceType, String resourceId, String resourceName, Map<String, String> resourceTags, String title,
        String message, Instant firstSeenAt, Instant lastSeenAt, Instant resolvedAt) {

    static FindingView of(Finding f) {
        return new FindingView(f.fingerprint, f.ruleId, f.status, f.severity, f.pillar, f.question, f.bestPractice, f.impact,
                f.accountId, f.region, f.resourceArn, f.resourceType, f.resourceId, f.resourceName, f.resourceTags, f.title,
                f.message, f.firstSeenAt, f.lastSeenAt, f.resolvedAt);
    }
}
