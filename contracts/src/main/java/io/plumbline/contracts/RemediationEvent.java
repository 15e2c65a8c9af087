package io.plumbline.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step of a remediation proposal, as published on {@code remediation-events} (key = the finding's fingerprint).
 * The contract is {@code schemas/remediation-event.v1.schema.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemediationEvent(String eventId, String proposalId, String fingerprint, String action, String state,
                               String actor, Instant at, String detail) {

    public static final String TOPIC = "remediation-events";
}
