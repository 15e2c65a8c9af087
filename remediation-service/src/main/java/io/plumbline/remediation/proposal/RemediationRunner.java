package io.plumbline.remediation.proposal;

import io.plumbline.contracts.EventJson;
import io.plumbline.remediation.action.ActionCatalog;
import io.plumbline.remediation.action.ApplyOutcome;
import io.plumbline.remediation.action.Plan;
import io.plumbline.remediation.action.RemediationAction;
import io.plumbline.remediation.audit.AuditLog;
import io.plumbline.remediation.config.RemediationConfig;
import io.plumbline.remediation.slack.SlackApprovals;
import io.plumbline.remediation.slack.SlackMessages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.scheduler.Scheduled;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Applies approved proposals off the request thread, records before/after, then has the scanner verify the fix: the
 * pending verification is a column of the proposal, checked by a scheduled job, so it survives a restart.
 */
@ApplicationScoped
public class RemediationRunner {

    private static final Logger LOG = Logger.getLogger(RemediationRunner.class);

    private final ActionCatalog catalog;
    private final AuditLog audit;
    private final SlackApprovals slack;
    private final RemediationEvents events;
    private final ScannerClient scanner;
    private final RemediationConfig.Verification verification;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public RemediationRunner(ActionCatalog catalog, AuditLog audit, SlackApprovals slack, RemediationEvents events,
            ScannerClient scanner, RemediationConfig config) {
        this.catalog = catalog;
        this.audit = audit;
        this.slack = slack;
        this.events = events;
        this.scanner = scanner;
        this.verification = config.verification();
    }

    public void executeLater(UUID id) {
        executor.submit(() -> {
            try {
                execute(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "proposal %s: execution failed", id);
            }
        });
    }

    /** Runs once per approval: only the caller that moves APPROVED → EXECUTING goes on. */
    public void execute(UUID id) {
        Instant now = Instant.now();
        int claimed = QuarkusTransaction.requiringNew().call(() -> Proposal.update(
                "state = ?1, executedAt = ?2 where id = ?3 and state = ?4", ProposalState.EXECUTING, now, id, ProposalState.APPROVED));
        if (claimed == 0) {
            return;
        }
        Proposal p = load(id);
        Plan plan = plan(p);
        Optional<RemediationAction> action = catalog.byId(p.actionId);
        ApplyOutcome outcome = action.isPresent() ? action.get().apply(plan)
                : new ApplyOutcome.Failed("action " + p.actionId + " is no longer in the catalog");
        String before = null;
        String after = null;
        String detail;
        ProposalState state;
        if (outcome instanceof ApplyOutcome.Applied applied) {
            before = ProposalService.json(applied.before());
            after = ProposalService.json(applied.after());
            state = ProposalState.SUCCEEDED;
            detail = plan.summary();
        } else {
            state = ProposalState.FAILED;
            detail = ((ApplyOutcome.Failed) outcome).reason();
        }
        String b = before;
        String a = after;
        // a success leaves its verification pending in the row, for the scheduled check (which survives a restart)
        Instant verifyAfter = state == ProposalState.SUCCEEDED ? Instant.now() : null;
        QuarkusTransaction.requiringNew().run(() -> Proposal.update(
                "state = ?1, beforeState = coalesce(?2, beforeState), afterState = ?3, detail = ?4, verifyAfter = ?5,"
                        + " verifyAttempts = 0, rescanRequestedAt = null where id = ?6",
                state, b, a, detail, verifyAfter, id));
        audit.record("remediation", id, "apply " + p.actionId + " on " + p.resourceArn, before, after, state + ": " + detail);
        Proposal done = load(id);
        events.publish(done, done.decidedBy, detail);
        updateSlack(done, plan, state == ProposalState.SUCCEEDED
                ? "Applied after approval by " + done.decidedBy + "." : "Failed: " + detail);
    }

    /** What an undo did. */
    public sealed interface Undo {
        record RolledBack(String detail) implements Undo {}

        record Refused(String reason) implements Undo {}
    }

    /**
     * Restores the before-state the plan recorded, once: the proposal moves SUCCEEDED/VERIFIED → ROLLED_BACK in one
     * guarded update before the call (a second undo finds it taken) and back, audited, if the action fails.
     */
    public Undo undo(UUID id, String actor) {
        Proposal p = load(id);
        if (p == null) {
            return new Undo.Refused("no proposal " + id);
        }
        Optional<RemediationAction> action = catalog.byId(p.actionId).filter(RemediationAction::reversible);
        if (action.isEmpty()) {
            audit.refused(actor, id, "undo " + p.actionId, "the action cannot be undone");
            return new Undo.Refused(p.actionId + " cannot be undone");
        }
        ProposalState previous = p.state;
        if (!(previous == ProposalState.SUCCEEDED || previous == ProposalState.VERIFIED)) {
            audit.refused(actor, id, "undo " + p.actionId, "proposal is " + previous + "; only an applied fix can be undone");
            return new Undo.Refused("proposal is " + previous + "; only an applied fix can be undone");
        }
        int claimed = QuarkusTransaction.requiringNew().call(() -> Proposal.update(
                "state = ?1 where id = ?2 and state = ?3", ProposalState.ROLLED_BACK, id, previous));
        if (claimed == 0) { // a concurrent undo (a double click) or the verification changed it first
            String reason = "proposal changed while this undo was asked (it is now " + load(id).state + ")";
            audit.refused(actor, id, "undo " + p.actionId, reason);
            return new Undo.Refused(reason);
        }
        Plan plan = plan(p);
        ApplyOutcome outcome = action.get().undo(plan);
        if (outcome instanceof ApplyOutcome.Applied applied) {
            String detail = "undone by " + actor + ": " + p.actionId + " on " + p.resourceArn;
            QuarkusTransaction.requiringNew().run(() -> Proposal.update("detail = ?1 where id = ?2", detail, id));
            audit.record(actor, id, "undo " + p.actionId + " on " + p.resourceArn, ProposalService.json(applied.before()),
                    ProposalService.json(applied.after()), "ROLLED_BACK");
            Proposal done = load(id);
            events.publish(done, actor, detail);
            updateSlack(done, plan, "Undone by " + actor + ".");
            return new Undo.RolledBack(detail);
        }
        QuarkusTransaction.requiringNew().run(() -> Proposal.update("state = ?1 where id = ?2", previous, id));
        String reason = ((ApplyOutcome.Failed) outcome).reason();
        audit.record(actor, id, "undo " + p.actionId + " on " + p.resourceArn, null, null, "FAILED: " + reason);
        return new Undo.Refused("undo failed: " + reason);
    }

    /**
     * Checks every fix whose verification is due. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease,
     * so several instances share the work and one that dies mid-check leaves the row to the others.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP) // cheap: a partial index holds the due rows
    void verifyDue() {
        for (UUID id : claimDue()) {
            try {
                verify(id);
            } catch (RuntimeException e) {
                LOG.warnf("proposal %s: verification check failed: %s", id, e.getMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> claimDue() {
        return QuarkusTransaction.requiringNew().call(() -> Proposal.getEntityManager().createNativeQuery("""
                update remediation.proposal set verify_after = now() + interval '2 minutes'
                where id in (select id from remediation.proposal
                             where state = 'SUCCEEDED' and verify_after <= now()
                             order by verify_after limit 20 for update skip locked)
                returning id""", UUID.class).getResultList());
    }

    /**
     * One check of a fix: asks the scanner for a targeted rescan (once it accepts), then for the finding's state. The
     * fix is VERIFIED when the scanner reports the finding RESOLVED; after {@code verification.attempts} checks it stays
     * SUCCEEDED and the audit log says it is unverified.
     */
    void verify(UUID id) {
        Proposal p = load(id);
        if (p == null || p.state != ProposalState.SUCCEEDED) {
            return;
        }
        String problem;
        try {
            if (p.rescanRequestedAt == null) {
                scanner.rescan(p.resourceArn);
                QuarkusTransaction.requiringNew().run(() -> Proposal.update("rescanRequestedAt = ?1 where id = ?2", Instant.now(), id));
            }
            Optional<String> status = scanner.status(p.resourceArn, p.fingerprint);
            if (status.filter("RESOLVED"::equals).isPresent()) {
                int verified = QuarkusTransaction.requiringNew().call(() -> Proposal.update(
                        "state = ?1, verifiedAt = ?2, verifyAfter = null where id = ?3 and state = ?4",
                        ProposalState.VERIFIED, Instant.now(), id, ProposalState.SUCCEEDED));
                if (verified == 1) {
                    audit.record("scanner", id, "verify " + p.actionId, null, null, "VERIFIED: the finding is resolved");
                    Proposal done = load(id);
                    events.publish(done, "scanner", "finding resolved by the rescan");
                    updateSlack(done, plan(done), "Applied after approval by " + done.decidedBy
                            + "; verified by a rescan: the finding is resolved.");
                }
                return;
            }
            problem = "the finding is " + status.orElse("unknown to the scanner");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and the check is made again
        } catch (Exception e) {
            LOG.warnf("proposal %s: verification failed: %s", id, e.getMessage());
            problem = e.getMessage();
        }
        int attempts = p.verifyAttempts + 1;
        boolean giveUp = attempts >= verification.attempts();
        Instant next = giveUp ? null : Instant.now().plus(verification.interval());
        QuarkusTransaction.requiringNew().run(() -> Proposal.update(
                "verifyAttempts = ?1, verifyAfter = ?2 where id = ?3 and state = ?4", attempts, next, id, ProposalState.SUCCEEDED));
        if (giveUp) {
            audit.record("scanner", id, "verify " + p.actionId, null, null,
                    "UNVERIFIED: not resolved after " + attempts + " checks (" + problem + ")");
        }
    }

    private void updateSlack(Proposal p, Plan plan, String outcome) {
        try {
            boolean undoable = catalog.byId(p.actionId).filter(RemediationAction::reversible).isPresent();
            slack.update(p.slackChannel, p.slackTs, SlackMessages.fallbackText(p, plan.summary()),
                    ProposalService.message(p, plan, outcome, SlackMessages.Controls.decided(undoable)));
        } catch (Exception e) {
            LOG.warnf("proposal %s: Slack message not updated: %s", p.id, e.getMessage());
        }
    }

    static Plan plan(Proposal p) {
        try {
            return EventJson.mapper().readValue(p.plan, Plan.class);
        } catch (Exception e) {
            throw new IllegalStateException("proposal " + p.id + " has an unreadable plan", e);
        }
    }

    private static Proposal load(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Proposal.<Proposal>findById(id));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
