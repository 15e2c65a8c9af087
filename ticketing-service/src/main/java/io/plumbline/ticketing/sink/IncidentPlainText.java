package io.plumbline.ticketing.sink;

import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.IncidentContent.AffectedResource;
import java.util.List;
import java.util.Objects;

/**
 * An incident as plain text, for fields that show text as it is (ServiceNow description, OpsGenie description).
 * AWS-derived text is kept literally: these fields are not markup, and JSON encoding is Jackson's job.
 */
public final class IncidentPlainText {

    private static final String TRUNCATED = "\n… (truncated)";

    private IncidentPlainText() {}

    /** The description, at most {@code maxChars} long. */
    public static String render(IncidentContent incident, int maxChars) {
        StringBuilder text = new StringBuilder();
        line(text, "Severity", incident.severity());
        line(text, "Pillar", incident.pillar());
        line(text, "Question", incident.question());
        line(text, "Best practice", incident.bestPractice());
        line(text, "Rule", incident.ruleId());
        line(text, "Account", incident.accountId());
        line(text, "Region", incident.region());
        if (!blank(incident.risk())) {
            text.append("\nRisk:\n").append(incident.risk()).append('\n');
        }
        List<AffectedResource> resources = Objects.requireNonNullElse(incident.resources(), List.of());
        text.append("\nAffected resources (").append(incident.failing().size()).append(" failing of ")
                .append(resources.size()).append("):\n");
        for (int i = 0; i < resources.size(); i++) {
            // Stop early on huge incidents: the rest would be cut anyway.
            if (text.length() > maxChars) {
                text.append("… and ").append(resources.size() - i).append(" more\n");
                break;
            }
            AffectedResource r = resources.get(i);
            text.append("- ").append(label(r)).append(" [").append(r.status()).append(']');
            if (!blank(r.message())) {
                text.append(": ").append(r.message());
            }
            text.append('\n');
        }
        List<String> steps = Objects.requireNonNullElse(incident.remediation(), List.of());
        if (!steps.isEmpty()) {
            text.append("\nRemediation:\n");
            for (int i = 0; i < steps.size(); i++) {
                text.append(i + 1).append(". ").append(steps.get(i)).append('\n');
            }
        }
        text.append("\nPlumbline incident ").append(incident.correlationKey()).append('\n');
        return truncate(text.toString(), maxChars);
    }

    /** At most {@code max} chars, never splitting a surrogate pair, marked when cut. */
    public static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - TRUNCATED.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + TRUNCATED;
    }

    /** A one-line value of at most {@code max} chars, ending in an ellipsis when cut. */
    public static String shorten(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }

    private static String label(AffectedResource r) {
        String id = !blank(r.arn()) ? r.arn() : r.id();
        return blank(r.name()) || r.name().equals(id) ? id : r.name() + " (" + id + ")";
    }

    private static void line(StringBuilder text, String label, String value) {
        if (!blank(value)) {
            text.append(label).append(": ").append(value).append('\n');
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
