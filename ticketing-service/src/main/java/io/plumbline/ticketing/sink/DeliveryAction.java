package io.plumbline.ticketing.sink;

/** One step of an incident's life, as sent to each of its destinations, in order. */
public enum DeliveryAction {
    /** Create the ticket (first sight of the incident). */
    OPEN,
    /** The incident's findings changed while it stays open (a resource added or fixed): update / comment. */
    UPDATE,
    /** Every finding is fixed: close, resolve, transition to done. */
    RESOLVE,
    /** A fixed incident fails again: the same ticket reopened (OpsGenie/PagerDuty: a new alert on the same key). */
    REOPEN,
    /** Risk accepted (suppressed with a reason and expiry) or false positive: close with that reason. */
    SUPPRESS,
    /** A human acknowledged the incident elsewhere (e.g. OpsGenie): reflect it. */
    ACKNOWLEDGE,
    /** A note for the humans (remediation progress, a human closure recorded elsewhere). */
    COMMENT
}
