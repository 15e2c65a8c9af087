package io.plumbline.rules;

/** How urgently a failing rule needs attention; the weight feeds the health score. */
public enum Severity {
    CRITICAL(10),
    HIGH(5),
    MEDIUM(3),
    LOW(1),
    INFORMATIONAL(0);

    private final int weight;

    Severity(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }
}
