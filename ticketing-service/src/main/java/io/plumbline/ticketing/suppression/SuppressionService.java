package io.plumbline.ticketing.suppression;

import io.plumbline.ticketing.finding.TrackedFinding;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.incident.IncidentService;
import io.plumbline.ticketing.incident.IncidentState;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies suppression rules to the findings they match (kept, shown as suppressed) and, when a rule or a risk
 * accepted on an incident expires, looks at the findings again: still failing → the incident is reopened.
 */
@ApplicationScoped
public class SuppressionService {

    private final SuppressionMatcher matcher;
    private final IncidentService incidents;

    public SuppressionService(SuppressionMatcher matcher, IncidentService incidents) {
        this.matcher = matcher;
        this.incidents = incidents;
    }

    /** Stores the rule and suppresses what it matches now; returns the number of findings it covers. */
    @Transactional
    public int add(Suppression rule) {
        rule.persist();
        SuppressionMatcher.Compiled compiled = new SuppressionMatcher.Compiled(rule);
        Set<Long> touched = new TreeSet<>();
        int covered = 0;
        for (TrackedFinding finding : candidates(rule)) {
            if (finding.suppressionId == null && compiled.matches(finding)) {
                finding.suppressionId = rule.id;
                touched.add(finding.incidentId);
                covered++;
            }
        }
        incidents.resettle(touched, "api", "Suppressed by rule " + rule.id + ": " + rule.reason);
        return covered;
    }

    /** Lifts a rule now (as if it had expired). */
    @Transactional
    public boolean lift(long id) {
        Suppression rule = Suppression.findById(id);
        if (rule == null || rule.expiredAt != null) {
            return false;
        }
        expire(rule, "lifted");
        return true;
    }

    @Scheduled(every = "${plumbline.ticketing.suppression-check:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void expireDue() {
        for (Suppression rule : Suppression.<Suppression>list("expiredAt is null and expiresAt <= ?1", Instant.now())) {
            expire(rule, "expired");
        }
        List<Long> accepted = Incident.<Incident>list("state = ?1 and suppressedUntil <= ?2", IncidentState.SUPPRESSED, Instant.now())
                .stream().map(i -> i.id).toList();
        incidents.resettle(accepted, "expiry", "The accepted risk expired");
    }

    private void expire(Suppression rule, String how) {
        rule.expiredAt = Instant.now();
        SuppressionMatcher.Active others = matcher.active();
        Set<Long> touched = new TreeSet<>();
        for (TrackedFinding finding : TrackedFinding.<TrackedFinding>list("suppressionId", rule.id)) {
            finding.suppressionId = others.match(finding).orElse(null);
            touched.add(finding.incidentId);
        }
        incidents.resettle(touched, "expiry", "Suppression rule " + rule.id + " " + how + ": " + rule.reason);
    }

    /** Narrows the scan by the rule's exact (non-glob) criteria. */
    private static List<TrackedFinding> candidates(Suppression rule) {
        if (rule.accountId != null && !rule.accountId.contains("*") && !rule.accountId.contains("?")) {
            return TrackedFinding.list("accountId", rule.accountId);
        }
        if (rule.ruleId != null && !rule.ruleId.contains("*") && !rule.ruleId.contains("?")) {
            return TrackedFinding.list("ruleId", rule.ruleId);
        }
        return TrackedFinding.listAll();
    }
}
