package io.plumbline.remediation.proposal;

/** The answer to an approve or reject click. */
public sealed interface Decision {

    record Approved(Proposal proposal) implements Decision {}

    record Rejected(Proposal proposal) implements Decision {}

    record Refused(String reason) implements Decision {}
}
