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
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
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
            proposal = QuarkusTransaction.requiringNew().call(() -> create(event, action, plan));
        } catch (RuntimeException e) {
            if (exists(event.fingerprint(), action)) {
                return new Proposed.Exists(); // another consumer created it first
            }
            throw e;
        }
        audit.record("planner", proposal.id, "proposed " + action.id(), json(plan.before()), json(plan.after()), plan.summary());
        events.publish(proposal, null, plan.summary());
        postToSlack(proposal, plan);
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

    private void postToSlack(Proposal proposal, Plan plan) {
        try {
            slack.post(SlackMessages.fallbackText(proposal, plan.summary()), message(proposal, plan, null)).ifPresent(posted ->
                    QuarkusTransaction.requiringNew().run(() -> Proposal.update("slackChannel = ?1, slackTs = ?2 where id = ?3",
                            posted.channel(), posted.ts(), proposal.id)));
        } catch (Exception e) {
            LOG.warnf("proposal %s not posted to Slack: %s", proposal.id, e.getMessage());
            audit.record("slack", proposal.id, "post proposal", null, null, "FAILED: " + e.getMessage());
        }
    }

    static String message(Proposal proposal, Plan plan, String outcome) {
        return SlackMessages.blocks(proposal, plan.summary(), plan.call(), json(plan.request()), json(plan.before()),
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
        UUID id;
        try {
            id = UUID.fromString(idText == null ? "" : idText);
        } catch (IllegalArgumentException e) {
            return refuse(actor, null, what, "unknown proposal " + idText);
        }
        Proposal p = QuarkusTransaction.requiringNew().call(() -> Proposal.<Proposal>findById(id));
        if (p == null) {
            return refuse(actor, id, what, "unknown proposal " + id);
        }
        what = what + " " + p.actionId;
        if (!trustedActor && !policy.isApprover(p.actionId, actor.substring(actor.indexOf(':') + 1))) {
            return refuse(actor, id, what, actor + " is not an approver of " + p.actionId);
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
        if (approve) {
            long recent = QuarkusTransaction.requiringNew().call(() -> Proposal.count(
                    "accountId = ?1 and executedAt > ?2", p.accountId, now.minus(1, ChronoUnit.HOURS)));
            if (recent >= policy.maxActionsPerHour()) {
                return refuse(actor, id, what, "blast radius: " + recent + " actions already ran in account " + p.accountId
                        + " in the last hour (limit " + policy.maxActionsPerHour() + ")");
            }
        }
        ProposalState next = approve ? ProposalState.APPROVED : ProposalState.REJECTED;
        int changed = QuarkusTransaction.requiringNew().call(() -> Proposal.update(
                "state = ?1, decidedAt = ?2, decidedBy = ?3 where id = ?4 and state = ?5 and expiresAt > ?2",
                next, now, actor, id, ProposalState.PROPOSED));
        if (changed == 0) {
            return refuse(actor, id, what, "proposal was already decided");
        }
        Proposal decided = QuarkusTransaction.requiringNew().call(() -> Proposal.<Proposal>findById(id));
        audit.record(actor, id, what, null, null, next.name());
        events.publish(decided, actor, next.name());
        return approve ? new Decision.Approved(decided) : new Decision.Rejected(decided);
    }

    private Decision refuse(String actor, UUID id, String what, String reason) {
        audit.refused(actor, id, what, reason);
        return new Decision.Refused(reason);
    }

    /** Proposals nobody decided in time. */
    public int expireOverdue() {
        return QuarkusTransaction.requiringNew().call(() -> Proposal.update("state = ?1 where state = ?2 and expiresAt <= ?3",
                ProposalState.EXPIRED, ProposalState.PROPOSED, Instant.now()));
    }

    static String json(Object value) {
        try {
            return value == null ? null : EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
