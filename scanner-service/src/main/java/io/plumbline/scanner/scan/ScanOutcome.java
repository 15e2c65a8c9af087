package io.plumbline.scanner.scan;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.catalog.ActiveRule;
import io.plumbline.scanner.health.CheckCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything one scan observed, ready to be reconciled with the stored findings.
 *
 * @param collected   scopes whose collection succeeded: only their findings may be resolved
 * @param violations  failing (rule, resource) pairs by fingerprint
 * @param undecided   fingerprints whose rule could not be evaluated: left as they are
 * @param checks      passed and failed (rule, resource) checks, for the health score
 */
public record ScanOutcome(
        UUID scanId,
        Instant observedAt,
        Set<String> accountIds,
        Map<String, Set<String>> regionsByAccount,
        Set<String> ruleIds,
        Set<ScopeKey> collected,
        Map<String, Violation> violations,
        Set<String> undecided,
        int resourcesEvaluated,
        List<ScanError> errors,
        java.util.Optional<String> targetArn,
        CheckCounts checks) {

    public record Violation(ActiveRule rule, Resource resource, String message) {}

    /** Whether this scan looked at the finding's scope successfully, so its absence means "fixed". */
    public boolean covers(String accountId, String region, String resourceType, String ruleId, String resourceArn) {
        return ruleIds.contains(ruleId)
                && targetArn.map(resourceArn::equals).orElse(true)
                && (regionsByAccount.getOrDefault(accountId, Set.of()).contains(region) || "global".equals(region))
                && (collected.contains(new ScopeKey(accountId, region, resourceType))
                        || collected.contains(new ScopeKey(accountId, ScopeKey.ANY_REGION, resourceType)));
    }
}
