package io.plumbline.remediation.action;

import java.util.List;

/** One fix: what it needs, what it would change (plan), how it changes it (apply) and how to take it back (undo). */
public interface RemediationAction {

    /** Equals the {@code autoFix} id in the rule catalog. */
    String id();

    /** Raised whenever what the action does changes: a proposal is unique per finding × action version. */
    int version();

    /** IAM actions the remediation role needs for this action. */
    List<String> permissions();

    boolean appliesTo(String ruleId);

    /** A dry run: reads the resource and says exactly what apply would call, or why it must not. */
    PlanOutcome plan(Target target);

    ApplyOutcome apply(Plan plan);

    default boolean reversible() {
        return false;
    }

    /** Restores the before-state recorded by the plan. */
    default ApplyOutcome undo(Plan plan) {
        return new ApplyOutcome.Failed(id() + " cannot be undone");
    }
}
