package io.plumbline.ticketing.sink.jira;

import io.plumbline.ticketing.sink.DeliveryAction;
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.IncidentContent.AffectedResource;
import io.plumbline.ticketing.sink.SinkRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What an issue or a comment says, independent of its format: {@link Adf} renders it for Cloud and
 * {@link WikiMarkup} for Data Center, each escaping the untrusted AWS text its own way.
 */
record IssueText(List<Block> blocks) {

    sealed interface Block {}

    /** A labelled value on one line; the label is ours, the value untrusted. */
    record Field(String label, String value) implements Block {}

    record Heading(String text) implements Block {}

    record Paragraph(String text) implements Block {}

    record Bullets(List<String> items) implements Block {}

    record Steps(List<String> items) implements Block {}

    private static final int SUMMARY_MAX = 255;

    /** The issue description: what is at risk, where, which resources and how to fix it. */
    static IssueText description(IncidentContent incident) {
        List<Block> blocks = new ArrayList<>();
        field(blocks, "Severity", incident.severity());
        field(blocks, "Pillar", incident.pillar());
        field(blocks, "Well-Architected question", incident.question());
        field(blocks, "Best practice", incident.bestPractice());
        field(blocks, "Rule", incident.ruleId());
        field(blocks, "Account", incident.accountId());
        field(blocks, "Region", incident.region());
        if (present(incident.risk())) {
            blocks.add(new Heading("Risk"));
            blocks.add(new Paragraph(incident.risk()));
        }
        List<AffectedResource> resources = incident.resources() == null ? List.of() : incident.resources();
        blocks.add(new Heading("Affected resources (" + resources.size() + ")"));
        blocks.add(resources.isEmpty() ? new Paragraph("None listed.")
                : new Bullets(resources.stream().map(IssueText::resourceLine).toList()));
        List<String> steps = incident.remediation() == null ? List.of()
                : incident.remediation().stream().filter(IssueText::present).toList();
        if (!steps.isEmpty()) {
            blocks.add(new Heading("Remediation"));
            blocks.add(new Steps(steps));
        }
        blocks.add(new Paragraph("Filed by Plumbline; correlation key " + incident.correlationKey() + "."));
        return new IssueText(blocks);
    }

    /** A comment: the note, and for an update the resources failing now. */
    static IssueText comment(SinkRequest request) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(present(request.note()) ? request.note() : request.action().name()));
        if (request.action() == DeliveryAction.UPDATE) {
            List<AffectedResource> failing = request.incident().failing();
            blocks.add(new Heading("Failing resources (" + failing.size() + ")"));
            blocks.add(failing.isEmpty() ? new Paragraph("No resource is failing.")
                    : new Bullets(failing.stream().map(IssueText::resourceLine).toList()));
        }
        return new IssueText(blocks);
    }

    /** Jira's summary is one line of at most 255 characters. */
    static String summary(String title) {
        String line = title == null ? "" : title.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        if (line.isEmpty()) {
            return "Plumbline incident";
        }
        if (line.length() <= SUMMARY_MAX) {
            return line;
        }
        int cut = SUMMARY_MAX - 1;
        if (Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--;
        }
        return line.substring(0, cut) + "…";
    }

    /** "name · id · arn — STATUS: message", skipping what is missing or repeated. */
    static String resourceLine(AffectedResource r) {
        String who = String.join(" · ", Stream.of(r.name(), r.id(), r.arn())
                .filter(IssueText::present).distinct().toList());
        String line = (who.isEmpty() ? "(unnamed resource)" : who)
                + (present(r.status()) ? " — " + r.status() : "");
        return present(r.message()) ? line + ": " + r.message() : line;
    }

    private static void field(List<Block> blocks, String label, String value) {
        if (present(value)) {
            blocks.add(new Field(label, value));
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    IssueText {
        blocks = List.copyOf(Objects.requireNonNull(blocks));
    }
}
