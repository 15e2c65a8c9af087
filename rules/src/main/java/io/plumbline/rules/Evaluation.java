package io.plumbline.rules;

/** The outcome of one rule on one resource. */
public sealed interface Evaluation {

    /** The resource meets the rule. */
    record Pass() implements Evaluation {}

    /** The resource is at risk; {@code message} names it and says what is wrong. */
    record Fail(String message) implements Evaluation {}

    /** The rule could not decide (e.g. the data lacks a field the condition needs); never resolves a finding. */
    record Error(String reason) implements Evaluation {}

    Pass PASS = new Pass();
}
