package io.plumbline.remediation.proposal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.action.ActionCatalog;
import io.plumbline.remediation.action.Plan;
import io.plumbline.remediation.action.PlanOutcome;
import io.plumbline.remediation.action.RemediationAction;
import io.plumbline.remediation.action.Target;
import io.plumbline.remediation.audit.AuditLog;
import io.plumbline.remediation.policy.Policy;
import io.plumbline.remediation.slack.SlackApprovals;
import io.plumbline.remediation.slack.SlackMessages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/** Turns findings into proposals and clicks into decisions; every refusal is written to the audit log. */
@ApplicationScoped
public class ProposalService {

    private static final Logger LOG = Logger.getLogger(ProposalService.class);

    /** What became of a finding. */
    public sealed interface Proposed {
        record Created(Proposal proposal) implements Proposed {}

        record Exists() implements Proposed {}

        record Skipped(String why) implements Proposed {}

        record Refused(String reason) implements Proposed {}
    }

    private final Policy policy;
    private final ActionCatalog catalog;
    private final AuditLog audit;
    private final SlackApprovals slack;
    private final RemediationEvents events;
    /** Slack updates after a click run here, so the click's answer never waits for Slack. */
    private final ExecutorService slackUpdates = Executors.newVirtualThreadPerTaskExecutor();

    public ProposalService(Policy policy, ActionCatalog catalog, AuditLog audit, SlackApprovals slack, RemediationEvents events) {
        this.policy = policy;
        this.catalog = catalog;
        this.audit = audit;
        this.slack = slack;
        this.events = events;
    }

    public Proposed onFinding(FindingEvent event) {
        if (!policy.enabled()) {
            return new Proposed.Skipped("remediation is disabled");
        }
        if (event.state() == FindingEvent.State.RESOLVED) {
            return new Proposed.Skipped("finding is resolved");
        }
        Optional<RemediationAction> found = catalog.forRule(event.ruleId(), event.autoFix());
        if (found.isEmpty()) {
            return new Proposed.Skipped("no action for rule " + event.ruleId());
        }
        RemediationAction action = found.get();
        if (exists(event.fingerprint(), action)) {
            return new Proposed.Exists();
        }
        switch (policy.check(event, action.id())) {
            case Policy.Verdict.OutOfScope out -> {
                return new Proposed.Skipped(out.why());
            }
            case Policy.Verdict.Refused refused -> {
                audit.refused("policy", null, "propose " + action.id() + " on " + event.resource().arn(), refused.reason());
                return new Proposed.Refused(refused.reason());
            }
            case Policy.Verdict.Allowed allowed -> { }
        }
        Target target = new Target(event.accountId(), event.region(), event.resource().arn(), event.resource().id(), event.ruleId());
        PlanOutcome outcome = action.plan(target);
        if (outcome instanceof PlanOutcome.Refusal refusal) {
            audit.refused("planner", null, "plan " + action.id() + " on " + target.resourceArn(), refusal.reason());
            return new Proposed.Refused(refusal.reason());
        }
        Plan plan = ((PlanOutcome.Planned) outcome).plan();
        Proposal proposal;
        try {
            // the proposal and its audit line commit together: a redelivered finding finds both or neither
            proposal = QuarkusTransaction.requiringNew().call(() -> {
                Proposal created = create(event, action, plan);
                audit.recordWith("planner", created.id, "proposed " + action.id(), json(plan.before()), json(plan.after()),
                        plan.summary());
                return created;
            });
        } catch (RuntimeException e) {
            if (exists(event.fingerprint(), action)) {
                return new Proposed.Exists(); // another consumer created it first
            }
            throw e;
        }
        events.publish(proposal, null, plan.summary());
        postToSlack(proposal, plan, true);
        return new Proposed.Created(proposal);
    }

    private static boolean exists(String fingerprint, RemediationAction action) {
        return QuarkusTransaction.requiringNew().call(() -> Proposal.count("fingerprint = ?1 and actionId = ?2 and actionVersion = ?3",
                fingerprint, action.id(), action.version()) > 0);
    }

    private Proposal create(FindingEvent event, RemediationAction action, Plan plan) {
        Proposal p = new Proposal();
        p.id = UUID.randomUUID();
        p.fingerprint = event.fingerprint();
        p.actionId = action.id();
        p.actionVersion = action.version();
        p.ruleId = event.ruleId();
        p.accountId = event.accountId();
        p.region = event.region();
        p.resourceArn = event.resource().arn();
        p.resourceId = event.resource().id() == null ? event.resource().arn() : event.resource().id();
        p.state = ProposalState.PROPOSED;
        p.plan = json(plan);
        p.beforeState = json(plan.before());
        p.requestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        p.expiresAt = p.requestedAt.plus(policy.approvalTtl());
        p.persistAndFlush();
        return p;
    }

    /**
     * Posts the waiting proposals Slack never got (it was down, or answered an error), oldest first; a proposal is
     * delayed by an unreachable Slack, never left without its buttons. Returns how many were posted.
     */
    public int postUnposted(Duration olderThan, int limit) {
        if (!slack.configured()) {
            return 0;
        }
        Instant before = Instant.now().minus(olderThan);
        List<Proposal> unposted = QuarkusTransaction.requiringNew().call(() -> Proposal.<Proposal>find(
                "state = ?1 and slackTs is null and requestedAt < ?2 and expiresAt > ?3", Sort.ascending("requestedAt"),
                ProposalState.PROPOSED, before, Instant.now()).range(0, limit - 1).list());
        int posted = 0;
        for (Proposal proposal : unposted) {
            if (postToSlack(proposal, RemediationRunner.plan(proposal), false)) {
                posted++;
            }
        }
        return posted;
    }

    /** Posts the proposal's message; a failure is audited on the first attempt only (the sweep retries quietly). */
    private boolean postToSlack(Proposal proposal, Plan plan, boolean firstAttempt) {
        try {
            // a late post shows the approvals given through the API meanwhile (two-person rule)
            List<String> approvals = firstAttempt ? List.of() : approvals(proposal.id);
            String blocks = message(proposal, plan, null,
                    new SlackMessages.Controls(approvals, policy.approvalsNeeded(proposal.actionId), false));
            Optional<SlackApprovals.Posted> posted = slack.post(SlackMessages.fallbackText(proposal, plan.summary()), blocks);
            posted.ifPresent(p -> QuarkusTransaction.requiringNew().run(() -> Proposal.update(
                    "slackChannel = ?1, slackTs = ?2 where id = ?3", p.channel(), p.ts(), proposal.id)));
            if (posted.isPresent() && !firstAttempt) {
                audit.record("slack", proposal.id, "post proposal", null, null, "POSTED after an earlier failure");
            }
            return posted.isPresent();
        } catch (Exception e) {
            LOG.warnf("proposal %s not posted to Slack (retried every minute): %s", proposal.id, e.getMessage());
            if (firstAttempt) {
                audit.record("slack", proposal.id, "post proposal", null, null, "FAILED: " + e.getMessage());
            }
            return false;
        }
    }

    static String message(Proposal proposal, Plan plan, String outcome, SlackMessages.Controls controls) {
        return SlackMessages.blocks(proposal, controls, plan.summary(), plan.call(), json(plan.request()), json(plan.before()),
                json(plan.after()), outcome);
    }

    /**
     * Approves or rejects a proposal for {@code actor}. Checks, in order: the proposal exists, the actor may decide
     * it, it still awaits a decision, it has not expired, and (for approval) the account's blast radius; the state
     * change itself is one guarded update, so a double click decides once.
     *
     * @param trustedActor true for the API (its bearer token is the authorisation), false for Slack users
     */
    public Decision decide(String idText, String actor, boolean approve, boolean trustedActor) {
        String what = (approve ? "approve" : "reject");
        UUID id = parse(idText);
        Proposal p = id == null ? null : load(id);
        if (p == null) {
            return refuse(actor, id, what, "unknown proposal " + (id == null ? idText : id));
        }
        what = what + " " + p.actionId;
        if (!trustedActor && policy.authority(p.actionId, slackUser(actor)) instanceof Policy.Authority.Denied denied) {
            return refuse(actor, id, what, denied.reason());
        }
        if (p.state != ProposalState.PROPOSED) {
            return refuse(actor, id, what, "proposal is already " + p.state
                    + (p.decidedBy != null ? " (decided by " + p.decidedBy + ")" : ""));
        }
        Instant now = Instant.now();
        if (!p.expiresAt.isAfter(now)) {
            QuarkusTransaction.requiringNew().run(() -> Proposal.update("state = ?1 where id = ?2 and state = ?3",
                    ProposalState.EXPIRED, id, ProposalState.PROPOSED));
            return refuse(actor, id, what, "proposal expired at " + p.expiresAt);
        }
        if (!approve) {
            return reject(p, actor, now, what);
        }
        long recent = QuarkusTransaction.requiringNew().call(() -> Proposal.count(
                "accountId = ?1 and executedAt > ?2", p.accountId, now.minus(1, ChronoUnit.HOURS)));
        if (recent >= policy.maxActionsPerHour()) {
            return refuse(actor, id, what, "blast radius: " + recent + " actions already ran in account " + p.accountId
                    + " in the last hour (limit " + policy.maxActionsPerHour() + ")");
        }
        return approve(p, actor, now, what);
    }

    private Decision reject(Proposal p, String actor, Instant now, String what) {
        int changed = QuarkusTransaction.requiringNew().call(() -> Proposal.update(
                "state = ?1, decidedAt = ?2, decidedBy = ?3 where id = ?4 and state = ?5 and expiresAt > ?2",
                ProposalState.REJECTED, now, actor, p.id, ProposalState.PROPOSED));
        if (changed == 0) {
            return refuse(actor, p.id, what, "proposal was already decided");
        }
        Proposal decided = load(p.id);
        audit.record(actor, p.id, what, null, null, ProposalState.REJECTED.name());
        events.publish(decided, actor, ProposalState.REJECTED.name());
        return new Decision.Rejected(decided);
    }

    /**
     * Adds the actor's approval and, when it is the last one the action needs, approves — in one guarded statement, so
     * a double click counts once, the same person never counts twice, and exactly one click moves it to APPROVED.
     */
    private Decision approve(Proposal p, String actor, Instant now, String what) {
        int needed = policy.approvalsNeeded(p.actionId);
        List<?> changed = QuarkusTransaction.requiringNew().call(() -> Proposal.getEntityManager().createNativeQuery("""
                        update remediation.proposal
                           set approvals = array_append(approvals, cast(:actor as text)),
                               state = case when cardinality(approvals) + 1 >= :needed then 'APPROVED' else state end,
                               decided_at = case when cardinality(approvals) + 1 >= :needed then :now else decided_at end,
                               decided_by = case when cardinality(approvals) + 1 >= :needed
                                   then array_to_string(array_append(approvals, cast(:actor as text)), ', ') else decided_by end
                         where id = :id and state = 'PROPOSED' and expires_at > :now
                           and not (cast(:actor as text) = any(approvals))
                        returning state""")
                .setParameter("actor", actor).setParameter("needed", needed).setParameter("now", now).setParameter("id", p.id)
                .getResultList());
        if (changed.isEmpty()) {
            boolean again = load(p.id).state == ProposalState.PROPOSED && approvals(p.id).contains(actor);
            return refuse(actor, p.id, what, again ? "proposal already has the approval of " + actor
                    + "; it needs " + needed + " different approvers" : "proposal was already decided");
        }
        Proposal decided = load(p.id);
        List<String> approvals = approvals(p.id);
        if (decided.state == ProposalState.APPROVED) {
            audit.record(actor, p.id, what, null, null, ProposalState.APPROVED.name());
            events.publish(decided, actor, needed == 1 ? ProposalState.APPROVED.name() : "APPROVED by " + decided.decidedBy);
            return new Decision.Approved(decided);
        }
        String progress = "approval " + approvals.size() + " of " + needed + " by " + actor;
        audit.record(actor, p.id, what, null, null, "PENDING: " + progress + "; waiting for a different approver");
        events.publish(decided, actor, progress);
        updateSlackLater(decided, new SlackMessages.Controls(approvals, needed, false));
        return new Decision.Pending(decided, approvals, needed);
    }

    /** Whether an Undo click may go ahead (the runner then checks the proposal can be undone). */
    public sealed interface UndoRequest {
        record Accepted(Proposal proposal) implements UndoRequest {}

        record Refused(String reason) implements UndoRequest {}
    }

    /** An Undo click: the proposal exists and the Slack user may decide its action; refusals are audited. */
    public UndoRequest requestUndo(String idText, String actor) {
        UUID id = parse(idText);
        Proposal p = id == null ? null : load(id);
        if (p == null) {
            return new UndoRequest.Refused(refuse(actor, id, "undo", "unknown proposal " + (id == null ? idText : id)).reason());
        }
        if (policy.authority(p.actionId, slackUser(actor)) instanceof Policy.Authority.Denied denied) {
            return new UndoRequest.Refused(refuse(actor, id, "undo " + p.actionId, denied.reason()).reason());
        }
        return new UndoRequest.Accepted(p);
    }

    /** Who approved so far, in order. */
    List<String> approvals(UUID id) {
        String json = QuarkusTransaction.requiringNew().call(() -> (String) Proposal.getEntityManager().createNativeQuery(
                "select cast(to_json(approvals) as text) from remediation.proposal where id = :id")
                .setParameter("id", id).getSingleResult());
        try {
            return List.of(EventJson.mapper().readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void updateSlackLater(Proposal p, SlackMessages.Controls controls) {
        slackUpdates.submit(() -> {
            try {
                Plan plan = RemediationRunner.plan(p);
                slack.update(p.slackChannel, p.slackTs, SlackMessages.fallbackText(p, plan.summary()),
                        message(p, plan, null, controls));
            } catch (Exception e) {
                LOG.warnf("proposal %s: Slack message not updated: %s", p.id, e.getMessage());
            }
        });
    }

    private static UUID parse(String idText) {
        try {
            return UUID.fromString(idText == null ? "" : idText);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Proposal load(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Proposal.<Proposal>findById(id));
    }

    /** The Slack user id of a {@code slack:U…} actor. */
    private static String slackUser(String actor) {
        return actor.substring(actor.indexOf(':') + 1);
    }

    private Decision.Refused refuse(String actor, UUID id, String what, String reason) {
        audit.refused(actor, id, what, reason);
        return new Decision.Refused(reason);
    }

    /** Proposals nobody decided in time. */
    public int expireOverdue() {
        return QuarkusTransaction.requiringNew().call(() -> Proposal.update("state = ?1 where state = ?2 and expiresAt <= ?3",
                ProposalState.EXPIRED, ProposalState.PROPOSED, Instant.now()));
    }

    @PreDestroy
    void stop() {
        slackUpdates.shutdownNow();
    }

    static String json(Object value) {
        try {
            return value == null ? null : EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
