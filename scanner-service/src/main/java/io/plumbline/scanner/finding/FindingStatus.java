package io.plumbline.scanner.finding;

/** A finding's life: OPEN → RESOLVED → REOPENED → RESOLVED … */
public enum FindingStatus {
    OPEN,
    RESOLVED,
    REOPENED;

    public boolean active() {
        return this != RESOLVED;
    }
}
