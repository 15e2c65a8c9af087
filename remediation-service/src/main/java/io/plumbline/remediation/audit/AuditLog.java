package io.plumbline.remediation.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Writes audit lines in their own transaction, so a refusal is recorded even when nothing else is. */
@ApplicationScoped
public class AuditLog {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String actor, UUID proposalId, String what, String before, String after, String outcome) {
        append(actor, proposalId, what, before, after, outcome);
    }

    /** The same line, in the caller's transaction: written if and only if what it records is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordWith(String actor, UUID proposalId, String what, String before, String after, String outcome) {
        append(actor, proposalId, what, before, after, outcome);
    }

    private static void append(String actor, UUID proposalId, String what, String before, String after, String outcome) {
        AuditEntry entry = new AuditEntry();
        entry.at = Instant.now();
        entry.actor = actor == null ? "unknown" : actor;
        entry.proposalId = proposalId;
        entry.what = what;
        entry.beforeState = before;
        entry.afterState = after;
        entry.outcome = outcome;
        entry.persist();
    }

    public void refused(String actor, UUID proposalId, String what, String reason) {
        record(actor, proposalId, what, null, null, "REFUSED: " + reason);
    }
}
