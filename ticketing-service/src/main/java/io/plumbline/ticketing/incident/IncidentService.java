package io.plumbline.ticketing.incident;

import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.delivery.Deliveries;
import io.plumbline.ticketing.finding.FindingRows;
import io.plumbline.ticketing.finding.TrackedFinding;
import io.plumbline.ticketing.routing.Grouping;
import io.plumbline.ticketing.routing.RoutePlan;
import io.plumbline.ticketing.routing.Router;
import io.plumbline.ticketing.sink.DeliveryAction;
import io.plumbline.ticketing.suppression.SuppressionMatcher;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Owns incident state: applies finding events (grouping them into incidents by their route's policy), applies
 * humans' decisions taken on a destination, and queues each resulting step for every destination in the same
 * transaction. Every method is idempotent: an event or webhook seen twice changes nothing the second time.
 */
@ApplicationScoped
public class IncidentService {

    private static final List<String> SEVERITY_ORDER = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");

    private final Router router;
    private final Deliveries deliveries;
    private final SuppressionMatcher suppressions;
    private final FindingRows findings;

    public IncidentService(Router router, Deliveries deliveries, SuppressionMatcher suppressions, FindingRows findings) {
        this.router = router;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.findings = findings;
    }

    /** What one batch did. */
    public record BatchResult(int applied, int duplicates, int ignored, int incidentsChanged) {}

    /** Applies finding events (in topic order) in one transaction; events already seen are skipped. */
    @Transactional
    public BatchResult apply(List<FindingEvent> events) {
        int duplicates = 0;
        Map<String, TrackedFinding> known = findings.stored(
                events.stream().map(FindingEvent::fingerprint).collect(Collectors.toSet()));
        List<FindingEvent> fresh = new ArrayList<>(events.size());
        for (FindingEvent event : events) {
            TrackedFinding seen = known.get(event.fingerprint());
            if (seen != null && event.sequence() <= seen.sequence) {
                duplicates++; // already applied (a re-sent event or a rescan's replay): nothing to do
            } else {
                fresh.add(event);
            }
        }
        if (fresh.isEmpty()) {
            return new BatchResult(0, duplicates, 0, 0);
        }
        events = fresh;
        Map<String, Incident> byKey = lockIncidents(events, known);
        Map<Long, Incident> byId = new HashMap<>();
        byKey.values().forEach(i -> byId.put(i.id, i));
        Map<String, TrackedFinding> inserts = new LinkedHashMap<>();
        Map<String, FindingRows.Update> updates = new LinkedHashMap<>();
        Map<Long, Changes> touched = new LinkedHashMap<>();
        int applied = 0;
        int ignored = 0;
        SuppressionMatcher.Active rules = suppressions.active();
        Set<Long> recount = new TreeSet<>();
        for (FindingEvent event : events) {
            TrackedFinding finding = known.get(event.fingerprint());
            if (finding != null && event.sequence() <= finding.sequence) {
                duplicates++;
                continue;
            }
            if (finding == null && event.state() == FindingEvent.State.RESOLVED) {
                ignored++; // fixed before this service ever saw it fail: nothing to tell anyone
                continue;
            }
            Incident incident;
            boolean wasFailing = finding != null && finding.failing();
            boolean wasSuppressed = finding != null && finding.suppressed();
            if (finding == null) {
                RoutePlan plan = router.route(event);
                incident = byKey.computeIfAbsent(plan.grouping().groupingKey(event), key -> create(key, plan, event));
                byId.put(incident.id, incident);
                finding = new TrackedFinding();
                finding.fingerprint = event.fingerprint();
                finding.incidentId = incident.id;
                copy(event, finding);
                finding.suppressionId = rules.match(finding).orElse(null);
                inserts.put(finding.fingerprint, finding);
                known.put(finding.fingerprint, finding);
            } else {
                incident = byId.computeIfAbsent(finding.incidentId, id -> Panache.getEntityManager()
                        .find(Incident.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
                if (!inserts.containsKey(finding.fingerprint)) {
                    updates.putIfAbsent(finding.fingerprint, new FindingRows.Update(finding, finding.sequence));
                }
                copy(event, finding);
            }
            incident.failing += (finding.failing() ? 1 : 0) - (wasFailing ? 1 : 0);
            incident.suppressed += (finding.suppressed() ? 1 : 0) - (wasSuppressed ? 1 : 0);
            if (finding.failing() && worse(finding.severity, incident.severity)) {
                incident.severity = finding.severity;
            } else if (wasFailing && !finding.failing() && finding.severity.equals(incident.severity)) {
                recount.add(incident.id); // the worst failing finding may be gone: count again
            }
            Changes changes = touched.computeIfAbsent(incident.id, id -> new Changes());
            changes.incident = incident;
            if (finding.failing() && !wasFailing) {
                changes.failing.add(label(finding));
            } else if (!finding.failing() && wasFailing) {
                changes.fixed.add(label(finding));
            }
            applied++;
        }
        findings.insert(inserts.values());
        findings.update(updates.values());
        int changed = 0;
        Map<Long, Counts> counts = counts(recount);
        deliveries.prepare(touched.keySet());
        for (Changes changes : touched.values()) {
            Incident incident = changes.incident;
            Counts current = counts.getOrDefault(incident.id,
                    new Counts(incident.failing, incident.suppressed, incident.fresh ? null : incident.severity));
            if (settle(incident, current, "scanner", null, changes.note(), null,
                    !changes.failing.isEmpty() || !changes.fixed.isEmpty())) {
                changed++;
            }
        }
        return new BatchResult(applied, duplicates, ignored, changed);
    }

    /**
     * Locks the incidents the batch's events go to (their findings', or by grouping key for new findings), in id
     * order, so racing consumers cannot deadlock.
     */
    private Map<String, Incident> lockIncidents(List<FindingEvent> events, Map<String, TrackedFinding> known) {
        Set<String> keys = new TreeSet<>();
        Set<Long> ids = new TreeSet<>();
        for (FindingEvent event : events) {
            TrackedFinding finding = known.get(event.fingerprint());
            if (finding == null) {
                keys.add(router.route(event).grouping().groupingKey(event));
            } else {
                ids.add(finding.incidentId);
            }
        }
        Map<String, Incident> byKey = new HashMap<>();
        if (!keys.isEmpty() || !ids.isEmpty()) {
            // arrays, not IN lists: one SQL text whatever the batch, so it is translated once and prepared once
            @SuppressWarnings("unchecked")
            List<Incident> locked = Panache.getEntityManager().createNativeQuery("select * from {h-schema}incident "
                            + "where grouping_key = any (?1) or id = any (?2) order by id for update", Incident.class)
                    .setParameter(1, keys.toArray(String[]::new))
                    .setParameter(2, ids.toArray(Long[]::new))
                    .getResultList();
            locked.forEach(i -> byKey.put(i.groupingKey, i));
        }
        return byKey;
    }

    private Incident create(String groupingKey, RoutePlan plan, FindingEvent event) {
        Incident incident = new Incident();
        incident.groupingKey = groupingKey;
        incident.correlationKey = correlationKey(groupingKey);
        incident.route = plan.name();
        incident.grouping = plan.grouping().name();
        incident.severity = event.severity();
        incident.pillar = event.pillar();
        incident.question = event.question();
        incident.bestPractice = event.bestPractice();
        incident.ruleId = event.ruleId();
        incident.accountId = event.accountId();
        incident.region = event.region();
        incident.title = plan.grouping() == Grouping.RULE
                ? event.title() + " — account " + event.accountId() + ", " + event.region()
                : event.title() + " — " + display(event.resource());
        incident.risk = event.risk();
        incident.remediation = EventJson.write(event.remediation() == null ? List.of() : event.remediation());
        incident.openedAt = Instant.now();
        incident.updatedAt = incident.openedAt;
        incident.state = IncidentState.OPEN;
        incident.fresh = true; // settle() decides its first real state and whether anyone is told
        Panache.getEntityManager().persist(incident);
        return incident;
    }

    /** The incident's key on every destination: short, stable, and safe in labels, aliases and URLs. */
    static String correlationKey(String groupingKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(groupingKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(FindingEvent event, TrackedFinding finding) {
        finding.sequence = event.sequence();
        finding.state = event.state().name();
        finding.ruleId = event.ruleId();
        finding.severity = event.severity();
        finding.accountId = event.accountId();
        finding.region = event.region();
        finding.resourceArn = event.resource().arn();
        finding.resourceType = event.resource().type();
        finding.resourceId = event.resource().id();
        finding.resourceName = event.resource().name();
        finding.resourceTags = EventJson.write(event.resource().tags() == null ? Map.of() : event.resource().tags());
        finding.message = event.message();
        finding.firstSeenAt = event.firstSeenAt();
        finding.observedAt = event.observedAt();
        finding.updatedAt = Instant.now();
    }

    private static String display(FindingEvent.ResourceRef resource) {
        return resource.name() != null && !resource.name().isBlank() ? resource.name() : resource.id();
    }

    private static String label(TrackedFinding finding) {
        return finding.resourceName != null && !finding.resourceName.isBlank() ? finding.resourceName : finding.resourceId;
    }

    /** Findings that became failing or fixed in one batch, for the note sent with the step. */
    private static final class Changes {
        Incident incident;
        final List<String> failing = new ArrayList<>();
        final List<String> fixed = new ArrayList<>();

        String note() {
            List<String> parts = new ArrayList<>();
            if (!failing.isEmpty()) {
                parts.add("Failing: " + summarise(failing));
            }
            if (!fixed.isEmpty()) {
                parts.add("Fixed: " + summarise(fixed));
            }
            return String.join(". ", parts);
        }

        private static String summarise(List<String> names) {
            return names.size() <= 10 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
        }
    }

    /**
     * Derives the incident's state from its findings (and any risk acceptance on it), records the change and
     * queues the step for the destinations (all but {@code origin}). Returns whether anything was queued.
     */
    boolean settle(Incident incident, Counts counts, String source, String actor, String note, String origin,
                   boolean membershipChanged) {
        long failing = counts.failing();
        long suppressed = counts.suppressed();
        incident.failing = (int) failing;
        incident.suppressed = (int) suppressed;
        IncidentState before = incident.fresh ? null : incident.state;
        incident.fresh = false;
        boolean riskAccepted = incident.suppressedUntil != null && incident.suppressedUntil.isAfter(Instant.now());
        IncidentState after;
        if (before == IncidentState.FALSE_POSITIVE) {
            after = IncidentState.FALSE_POSITIVE;
        } else if (riskAccepted) {
            after = IncidentState.SUPPRESSED;
        } else if (failing > 0) {
            after = before == null ? IncidentState.OPEN : before.active() ? before : IncidentState.REOPENED;
        } else if (suppressed > 0) {
            after = IncidentState.SUPPRESSED;
        } else {
            after = IncidentState.RESOLVED;
        }
        if (counts.worst() != null) {
            incident.severity = counts.worst();
        }
        DeliveryAction action = action(before, after, membershipChanged);
        if (before == after && action == null) {
            return false;
        }
        if (before == null) {
            IncidentEvent.record(withState(incident, after), null, source, actor, describe(null, after, failing, note));
            if (action != null) {
                deliveries.enqueue(incident, action, describe(null, after, failing, note), origin);
            }
            return action != null;
        }
        incident.state = after;
        incident.updatedAt = Instant.now();
        if (after == IncidentState.RESOLVED && before != IncidentState.RESOLVED) {
            incident.resolvedAt = incident.updatedAt;
        } else if (after.active()) {
            incident.resolvedAt = null;
        }
        String text = describe(before, after, failing, note);
        int queued = action == null ? 0 : deliveries.enqueue(incident, action, text, origin);
        if (before != after || queued > 0) {
            IncidentEvent.record(incident, before, source, actor, text);
        }
        return before != after || queued > 0;
    }

    private static Incident withState(Incident incident, IncidentState state) {
        incident.state = state;
        incident.updatedAt = Instant.now();
        return incident;
    }

    private static DeliveryAction action(IncidentState before, IncidentState after, boolean membershipChanged) {
        if (before == null) {
            return after == IncidentState.OPEN ? DeliveryAction.OPEN : null;
        }
        if (before == after) {
            return after.active() && membershipChanged ? DeliveryAction.UPDATE : null;
        }
        return switch (after) {
            case OPEN, ACKNOWLEDGED -> null;
            case REOPENED -> DeliveryAction.REOPEN;
            // tickets of a suppressed incident are already closed; only an active incident needs closing
            case RESOLVED -> before.active() ? DeliveryAction.RESOLVE : null;
            case SUPPRESSED, FALSE_POSITIVE -> before.active() || before == IncidentState.RESOLVED ? DeliveryAction.SUPPRESS : null;
        };
    }

    private static String describe(IncidentState before, IncidentState after, long failing, String note) {
        String head = switch (after) {
            case OPEN -> "Opened: " + failing + " resource(s) fail this check";
            case REOPENED -> "Regressed: " + failing + " resource(s) fail this check again";
            case RESOLVED -> "Resolved: every finding passes again";
            case SUPPRESSED -> "Suppressed: the risk is accepted";
            case FALSE_POSITIVE -> "Marked as a false positive";
            case ACKNOWLEDGED -> "Acknowledged";
        };
        if (before == after) {
            head = failing + " resource(s) still fail this check";
        }
        return note == null || note.isBlank() ? head : head + ". " + note;
    }

    private static boolean worse(String severity, String than) {
        return SEVERITY_ORDER.indexOf(severity) < SEVERITY_ORDER.indexOf(than);
    }

    /** How an incident's findings stand: failing, suppressed, and the worst severity (of the failing ones, else of all). */
    record Counts(long failing, long suppressed, String worst) {
        static final Counts NONE = new Counts(0, 0, null);
    }

    /** One aggregate query for many incidents, rather than loading every finding of every incident. */
    @SuppressWarnings("unchecked")
    Map<Long, Counts> counts(Collection<Long> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                        select incident_id,
                               count(*) filter (where state <> 'RESOLVED' and suppression_id is null),
                               count(*) filter (where state <> 'RESOLVED' and suppression_id is not null),
                               coalesce(min(%1$s) filter (where state <> 'RESOLVED' and suppression_id is null), min(%1$s))
                        from {h-schema}finding where incident_id in (?1) group by incident_id""".formatted(
                        "case severity when 'CRITICAL' then 0 when 'HIGH' then 1 when 'MEDIUM' then 2 when 'LOW' then 3 else 4 end"))
                .setParameter(1, incidentIds)
                .getResultList();
        Map<Long, Counts> counts = new HashMap<>();
        for (Object[] row : rows) {
            int worst = ((Number) row[3]).intValue();
            counts.put(((Number) row[0]).longValue(), new Counts(((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), SEVERITY_ORDER.get(Math.min(worst, SEVERITY_ORDER.size() - 1))));
        }
        return counts;
    }

    // ---- humans' decisions taken on a destination -------------------------------------------------------------

    /** What a human's closure on a destination means. */
    public enum Closure { DONE, RISK_ACCEPTED, FALSE_POSITIVE }

    /** What a human action did to the incident. */
    public enum HumanOutcome { APPLIED, ALREADY_SO, UNKNOWN_INCIDENT, TICKET_REOPENED, RECORDED }

    public Optional<Incident> byCorrelationKey(String correlationKey) {
        return Incident.find("correlationKey", correlationKey).firstResultOptional();
    }

    /** A human closed the incident's ticket on {@code origin}. */
    @Transactional
    public HumanOutcome closedByHuman(String correlationKey, String origin, String actor, Closure closure, String detail,
                                      java.time.Duration riskAcceptedFor, boolean reopenWhenStillFailing) {
        Optional<Incident> found = lock(correlationKey);
        if (found.isEmpty()) {
            return HumanOutcome.UNKNOWN_INCIDENT;
        }
        Incident incident = found.get();
        IncidentState before = incident.state;
        switch (closure) {
            case RISK_ACCEPTED -> {
                if (before == IncidentState.SUPPRESSED && incident.suppressedUntil != null) {
                    return HumanOutcome.ALREADY_SO;
                }
                incident.suppressedUntil = Instant.now().plus(riskAcceptedFor);
                incident.suppressionReason = "Risk accepted on " + origin + (actor == null ? "" : " by " + actor)
                        + (detail == null ? "" : " (" + detail + ")");
                incident.state = IncidentState.SUPPRESSED;
                incident.updatedAt = Instant.now();
                String note = incident.suppressionReason + "; suppressed until " + incident.suppressedUntil;
                IncidentEvent.record(incident, before, origin, actor, note);
                if (before != null && before != IncidentState.SUPPRESSED && before != IncidentState.FALSE_POSITIVE) {
                    deliveries.enqueue(incident, DeliveryAction.SUPPRESS, note, origin);
                }
                return HumanOutcome.APPLIED;
            }
            case FALSE_POSITIVE -> {
                if (before == IncidentState.FALSE_POSITIVE) {
                    return HumanOutcome.ALREADY_SO;
                }
                incident.state = IncidentState.FALSE_POSITIVE;
                incident.updatedAt = Instant.now();
                String note = "Marked as a false positive on " + origin + (actor == null ? "" : " by " + actor);
                IncidentEvent.record(incident, before, origin, actor, note);
                if (before != IncidentState.SUPPRESSED) {
                    deliveries.enqueue(incident, DeliveryAction.SUPPRESS, note, origin);
                }
                return HumanOutcome.APPLIED;
            }
            default -> {
                if (before == null || !before.active()) {
                    return HumanOutcome.ALREADY_SO; // our own resolve (or suppression) echoing back
                }
                long failing = TrackedFinding.count("incidentId = ?1 and state <> 'RESOLVED' and suppressionId is null", incident.id);
                String note = "Closed on " + origin + (actor == null ? "" : " by " + actor) + " while " + failing
                        + " resource(s) still fail this check";
                IncidentEvent.record(incident, before, origin, actor, note);
                if (reopenWhenStillFailing) {
                    deliveries.enqueueTo(incident, origin, DeliveryAction.REOPEN,
                            "Still failing: " + failing + " resource(s) still fail this check, so it was reopened."
                                    + " Fix them, or resolve it as risk accepted or false positive.");
                    return HumanOutcome.TICKET_REOPENED;
                }
                return HumanOutcome.RECORDED;
            }
        }
    }

    /** A human reopened the incident's ticket on {@code origin}: a risk acceptance or false positive is withdrawn. */
    @Transactional
    public HumanOutcome reopenedByHuman(String correlationKey, String origin, String actor) {
        Optional<Incident> found = lock(correlationKey);
        if (found.isEmpty()) {
            return HumanOutcome.UNKNOWN_INCIDENT;
        }
        Incident incident = found.get();
        if (incident.state != IncidentState.SUPPRESSED && incident.state != IncidentState.FALSE_POSITIVE) {
            return HumanOutcome.ALREADY_SO; // our own reopen echoing back, or already active
        }
        incident.suppressedUntil = null;
        incident.suppressionReason = null;
        IncidentState before = incident.state;
        incident.state = IncidentState.RESOLVED; // settle() decides from the findings whether it is failing again
        if (!settle(incident, counts(List.of(incident.id)).getOrDefault(incident.id, Counts.NONE), origin, actor, "Reopened on " + origin + (actor == null ? "" : " by " + actor), origin, false)) {
            IncidentEvent.record(incident, before, origin, actor, "Reopened on " + origin + "; no finding fails any more");
        }
        return HumanOutcome.APPLIED;
    }

    /** A human acknowledged the incident on {@code origin} (e.g. the on-call engineer in OpsGenie). */
    @Transactional
    public HumanOutcome acknowledgedByHuman(String correlationKey, String origin, String actor) {
        Optional<Incident> found = lock(correlationKey);
        if (found.isEmpty()) {
            return HumanOutcome.UNKNOWN_INCIDENT;
        }
        Incident incident = found.get();
        if (incident.state != IncidentState.OPEN && incident.state != IncidentState.REOPENED) {
            return HumanOutcome.ALREADY_SO;
        }
        IncidentState before = incident.state;
        incident.state = IncidentState.ACKNOWLEDGED;
        incident.updatedAt = Instant.now();
        String note = "Acknowledged on " + origin + (actor == null ? "" : " by " + actor);
        IncidentEvent.record(incident, before, origin, actor, note);
        deliveries.enqueue(incident, DeliveryAction.ACKNOWLEDGE, note, origin);
        return HumanOutcome.APPLIED;
    }

    /** Something a human did on {@code origin} that does not change the incident, kept in its trail and told to the others. */
    @Transactional
    public HumanOutcome noteFromHuman(String correlationKey, String origin, String actor, String note) {
        Optional<Incident> found = lock(correlationKey);
        if (found.isEmpty()) {
            return HumanOutcome.UNKNOWN_INCIDENT;
        }
        Incident incident = found.get();
        if (!incident.state.active()) {
            return HumanOutcome.ALREADY_SO; // e.g. our own close echoing back
        }
        IncidentEvent.record(incident, incident.state, origin, actor, note);
        deliveries.enqueue(incident, DeliveryAction.COMMENT, note, origin);
        return HumanOutcome.RECORDED;
    }

    /**
     * A remediation step for one of the incident's findings: kept in the trail and commented on every destination.
     * Returns false when the event was seen before or its finding belongs to no incident.
     */
    @Transactional
    public boolean remediationStep(io.plumbline.contracts.RemediationEvent event) {
        if (!io.plumbline.ticketing.webhook.WebhookIntake.firstTime("remediation", event.eventId())) {
            return false;
        }
        TrackedFinding finding = TrackedFinding.findById(event.fingerprint());
        if (finding == null) {
            return false;
        }
        Incident incident = Panache.getEntityManager().find(Incident.class, finding.incidentId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        String resource = label(finding);
        String note = "Remediation " + event.action() + " on " + resource + ": " + event.state()
                + (event.actor() == null ? "" : " by " + event.actor())
                + (event.detail() == null || event.detail().isBlank() ? "" : " — " + event.detail());
        IncidentEvent.record(incident, incident.state, "remediation", event.actor(), note);
        deliveries.enqueue(incident, DeliveryAction.COMMENT, note, null);
        return true;
    }

    /** Re-derives incidents whose findings' suppression changed, or whose risk acceptance expired. */
    @Transactional
    public int resettle(Collection<Long> incidentIds, String source, String note) {
        int changed = 0;
        for (Long id : new TreeSet<>(incidentIds)) {
            Incident incident = Panache.getEntityManager().find(Incident.class, id,
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (incident == null) {
                continue;
            }
            if (incident.suppressedUntil != null && !incident.suppressedUntil.isAfter(Instant.now())) {
                incident.suppressedUntil = null; // the accepted risk's time is up: look at the findings again
            }
            if (settle(incident, counts(List.of(incident.id)).getOrDefault(incident.id, Counts.NONE), source, null, note,
                    null, false)) {
                changed++;
            }
        }
        return changed;
    }

    private Optional<Incident> lock(String correlationKey) {
        return Panache.getEntityManager()
                .createQuery("from Incident where correlationKey = :key", Incident.class)
                .setParameter("key", correlationKey)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }
}
