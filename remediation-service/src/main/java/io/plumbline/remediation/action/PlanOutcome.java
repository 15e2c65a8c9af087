package io.plumbline.remediation.action;

/** A plan, or the reason the action refuses this resource. */
public sealed interface PlanOutcome {

    record Planned(Plan plan) implements PlanOutcome {}

    record Refusal(String reason) implements PlanOutcome {}

    static PlanOutcome refuse(String reason) {
        return new Refusal(reason);
    }
}
