package io.plumbline.scanner.finding;

import io.plumbline.rules.Resource;
import io.plumbline.rules.Rule;
import io.plumbline.scanner.catalog.RuleBook;
import io.plumbline.scanner.scan.ScanOutcome;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a scan to the stored findings in one transaction: new violations open, resolved ones that fail
 * again reopen, active ones no longer failing in a scope the scan covered resolve. Each transition writes
 * its event to the outbox in the same transaction; a finding that did not change writes nothing.
 */
@ApplicationScoped
public class FindingReconciler {

    private static final int LOOKUP_CHUNK = 1000;

    private final RuleBook rules;

    public FindingReconciler(RuleBook rules) {
        this.rules = rules;
    }

    public record Changes(int opened, int reopened, int resolved) {}

    @Transactional
    public Changes reconcile(ScanOutcome outcome) {
        // scans may run side by side; their reconciliations must not interleave
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(7307)").getSingleResult();

        Map<String, Finding> known = load(outcome);
        int opened = 0;
        int reopened = 0;
        int resolved = 0;
        for (ScanOutcome.Violation violation : outcome.violations().values()) {
            Resource resource = violation.resource();
            Rule rule = violation.rule().rule();
            String fingerprint = Fingerprint.of(rule.id(), resource.accountId(), resource.region(), resource.arn());
            Finding finding = known.get(fingerprint);
            if (finding == null) {
                finding = new Finding();
                finding.fingerprint = fingerprint;
                finding.status = FindingStatus.OPEN;
                finding.firstSeenAt = outcome.observedAt();
                finding.sequence = 1;
                describe(finding, rule, resource, violation.message(), outcome);
                finding.persist();
                outbox(finding, rule, outcome);
                opened++;
            } else if (finding.status == FindingStatus.RESOLVED) {
                finding.status = FindingStatus.REOPENED;
                finding.resolvedAt = null;
                finding.sequence++;
                describe(finding, rule, resource, violation.message(), outcome);
                outbox(finding, rule, outcome);
                reopened++;
            } else {
                // still failing: refresh what we know, but a repeat observation is not an event
                describe(finding, rule, resource, violation.message(), outcome);
            }
        }
        for (Finding finding : known.values()) {
            if (!finding.status.active() || outcome.violations().containsKey(finding.fingerprint)
                    || outcome.undecided().contains(finding.fingerprint)
                    || !outcome.covers(finding.accountId, finding.region, finding.resourceType, finding.ruleId, finding.resourceArn)) {
                continue;
            }
            Rule rule = rules.find(finding.ruleId).map(active -> active.rule()).orElse(null);
            if (rule == null) {
                continue;
            }
            finding.status = FindingStatus.RESOLVED;
            finding.resolvedAt = outcome.observedAt();
            finding.lastScanId = outcome.scanId();
            finding.sequence++;
            outbox(finding, rule, outcome);
            resolved++;
        }
        return new Changes(opened, reopened, resolved);
    }

    /** Active findings the scan could resolve, plus any stored finding it observed failing. */
    private Map<String, Finding> load(ScanOutcome outcome) {
        Map<String, Finding> known = new HashMap<>();
        List<Finding> active = Finding.list("accountId in ?1 and ruleId in ?2 and status <> ?3",
                outcome.accountIds(), outcome.ruleIds(), FindingStatus.RESOLVED);
        active.forEach(f -> known.put(f.fingerprint, f));
        List<String> unseen = new ArrayList<>();
        for (ScanOutcome.Violation violation : outcome.violations().values()) {
            Resource r = violation.resource();
            String fingerprint = Fingerprint.of(violation.rule().id(), r.accountId(), r.region(), r.arn());
            if (!known.containsKey(fingerprint)) {
                unseen.add(fingerprint);
            }
        }
        for (int i = 0; i < unseen.size(); i += LOOKUP_CHUNK) {
            List<Finding> stored = Finding.list("fingerprint in ?1", unseen.subList(i, Math.min(unseen.size(), i + LOOKUP_CHUNK)));
            stored.forEach(f -> known.put(f.fingerprint, f));
        }
        return known;
    }

    private static void describe(Finding finding, Rule rule, Resource resource, String message, ScanOutcome outcome) {
        finding.ruleId = rule.id();
        finding.severity = rule.severity().name();
        finding.pillar = rule.pillar().name();
        finding.question = rule.question();
        finding.bestPractice = rule.bestPractice();
        finding.impact = rule.impact().name();
        finding.accountId = resource.accountId();
        finding.region = resource.region();
        finding.resourceArn = resource.arn();
        finding.resourceType = resource.type();
        finding.resourceId = resource.id();
        finding.resourceName = resource.name();
        finding.resourceTags = resource.tags();
        finding.title = rule.title();
        finding.message = message;
        finding.lastSeenAt = outcome.observedAt();
        finding.lastScanId = outcome.scanId();
    }

    private static void outbox(Finding finding, Rule rule, ScanOutcome outcome) {
        FindingEvents.transition(finding, rule, outcome.observedAt()).persist();
    }
}
