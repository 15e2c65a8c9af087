package io.plumbline.remediation.proposal;

import java.util.List;

/** The answer to an approve or reject click. */
public sealed interface Decision {

    record Approved(Proposal proposal) implements Decision {}

    /** An approval was recorded, but the action needs more distinct approvers (the two-person rule) before it runs. */
    record Pending(Proposal proposal, List<String> approvals, int needed) implements Decision {}

    record Rejected(Proposal proposal) implements Decision {}

    record Refused(String reason) implements Decision {}
}
