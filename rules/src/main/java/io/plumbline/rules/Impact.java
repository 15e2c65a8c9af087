package io.plumbline.rules;

/** What a user loses when the risk materialises; one category per rule, for breakdowns and routing. */
public enum Impact {
    AVAILABILITY,
    DATA_LOSS,
    DATA_EXPOSURE,
    UNAUTHORIZED_ACCESS,
    DETECTION,
    COST,
    PERFORMANCE,
    OPERATIONS
}
