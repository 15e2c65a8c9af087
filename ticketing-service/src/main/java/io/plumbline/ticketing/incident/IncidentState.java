package io.plumbline.ticketing.incident;

/** Where an incident stands. Only OPEN, ACKNOWLEDGED and REOPENED need someone's attention. */
public enum IncidentState {
    OPEN, ACKNOWLEDGED, RESOLVED, REOPENED, SUPPRESSED, FALSE_POSITIVE;

    public boolean active() {
        return this == OPEN || this == ACKNOWLEDGED || this == REOPENED;
    }
}
