package io.plumbline.rules;

/** The six pillars of the AWS Well-Architected Framework. */
public enum Pillar {
    OPERATIONAL_EXCELLENCE,
    SECURITY,
    RELIABILITY,
    PERFORMANCE_EFFICIENCY,
    COST_OPTIMIZATION,
    SUSTAINABILITY
}
