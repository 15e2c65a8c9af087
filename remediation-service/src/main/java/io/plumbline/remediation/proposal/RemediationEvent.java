package io.plumbline.remediation.proposal;

import java.time.Instant;
import java.util.UUID;

/** One step of a proposal, as published on {@code remediation-events} (key = fingerprint). */
public record RemediationEvent(String eventId, UUID proposalId, String fingerprint, String action, String state,
        String actor, Instant at, String detail) {}
