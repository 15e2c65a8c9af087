package io.plumbline.ticketing.sink.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static io.plumbline.ticketing.sink.slack.SlackText.escape;
import static io.plumbline.ticketing.sink.slack.SlackText.truncate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonBlockElementFactory;
import com.slack.api.util.json.GsonContextBlockElementFactory;
import com.slack.api.util.json.GsonLayoutBlockFactory;
import com.slack.api.util.json.GsonTextObjectFactory;
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.IncidentContent.AffectedResource;
import io.plumbline.ticketing.sink.VendorHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Renders an incident as one Slack message (Block Kit); every AWS-derived value is escaped here. */
final class SlackMessages {

    /** Slack's limit for a section's text is 3000 characters; a field's is 2000, a header's 150. */
    static final int SECTION_LIMIT = 3000;
    static final int FIELD_LIMIT = 2000;
    static final int HEADER_LIMIT = 150;
    static final int MAX_RESOURCES = 20;
    static final String EVENT_TYPE = "plumbline_incident";

    /** The snake_case Gson that slack-api-client's GsonFactory builds, limited to the block types used here. */
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory())
            .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory())
            .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory())
            .registerTypeAdapter(BlockElement.class, new GsonBlockElementFactory())
            .create();

    private SlackMessages() {}

    /** A message: the notification fallback text, the blocks, and the metadata that finds it again. */
    record Message(String text, ArrayNode blocks, ObjectNode metadata) {}

    static Message incident(IncidentContent incident) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String emoji = emoji(incident.state());
        blocks.add(header(h -> h.text(plainText(truncate(emoji + " " + escape(incident.title()), HEADER_LIMIT), true))));
        blocks.add(section(s -> s.fields(List.of(
                field("State", incident.state()),
                field("Severity", incident.severity()),
                field("Account", incident.accountId() + " · " + incident.region()),
                field("Rule", incident.ruleId())))));
        blocks.add(section(s -> s.text(markdownText(resources(incident)))));
        if (incident.risk() != null && !incident.risk().isBlank()) {
            blocks.add(section(s -> s.text(markdownText(truncate("*Risk*\n" + escape(incident.risk()), SECTION_LIMIT)))));
        }
        if (incident.remediation() != null && !incident.remediation().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(remediation(incident.remediation())))));
        }
        if (incident.links() != null && !incident.links().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(links(incident.links())))));
        }
        blocks.add(divider());
        blocks.add(context(c -> c.elements(List.of(
                markdownText(truncate(escape(incident.pillar() + " · " + incident.question() + " · "
                        + incident.bestPractice()), FIELD_LIMIT)),
                markdownText(marker(incident.correlationKey()))))));

        String text = truncate(emoji + " " + escape(incident.state()) + " · " + escape(incident.severity()) + " · "
                + escape(incident.title()), SECTION_LIMIT);
        ObjectNode metadata = VendorHttp.json().createObjectNode().put("event_type", EVENT_TYPE);
        metadata.putObject("event_payload").put("correlation_key", incident.correlationKey());
        return new Message(text, toJson(blocks), metadata);
    }

    /** The context element that names the incident; the history lookup recognises a message by it too. */
    static String marker(String correlationKey) {
        return "Plumbline incident `" + escape(correlationKey) + "`";
    }

    private static TextObject field(String label, String value) {
        return markdownText(truncate("*" + label + "*\n" + escape(value), FIELD_LIMIT));
    }

    /** Failing resources first, at most 20 listed and within the section limit, then "and N more". */
    private static String resources(IncidentContent incident) {
        List<AffectedResource> failing = incident.failing();
        List<AffectedResource> ordered = incident.resources().stream()
                .sorted(Comparator.comparing((AffectedResource r) -> !failing.contains(r)))
                .toList();
        StringBuilder text = new StringBuilder("*Affected resources* — " + failing.size() + " failing of "
                + ordered.size());
        int listed = 0;
        for (AffectedResource r : ordered) {
            String line = "\n• " + truncate(resourceLine(r, failing.contains(r)), 400);
            // keep room for the "and N more" line below
            if (listed == MAX_RESOURCES || text.length() + line.length() > SECTION_LIMIT - 40) {
                break;
            }
            text.append(line);
            listed++;
        }
        if (listed < ordered.size()) {
            text.append("\n… and ").append(ordered.size() - listed).append(" more");
        }
        return text.toString();
    }

    private static String resourceLine(AffectedResource r, boolean failing) {
        String name = r.name() != null && !r.name().isBlank() ? r.name() : r.id() != null ? r.id() : r.arn();
        String status = failing ? ":x: failing" : r.status().equals("RESOLVED") ? ":white_check_mark: fixed" : ":mute: suppressed";
        String line = status + " — *" + escape(name) + "* (" + escape(r.type()) + ")";
        return r.message() == null || r.message().isBlank() ? line : line + ": " + escape(r.message());
    }

    private static String remediation(List<String> steps) {
        StringBuilder text = new StringBuilder("*Remediation*");
        for (int i = 0; i < steps.size(); i++) {
            text.append('\n').append(i + 1).append(". ").append(escape(steps.get(i)));
        }
        return truncate(text.toString(), SECTION_LIMIT);
    }

    /** The incident's tickets elsewhere, as links where the url is safe to embed. */
    private static String links(List<IncidentContent.Link> links) {
        return truncate("*Tickets* " + links.stream()
                .map(l -> (SlackText.isSafeUrl(l.url()) ? SlackText.link(l.url(), l.key()) : escape(l.key()))
                        + " (" + escape(l.destination()) + ")")
                .collect(Collectors.joining(" · ")), SECTION_LIMIT);
    }

    private static String emoji(String state) {
        return switch (state) {
            case "OPEN", "REOPENED" -> ":red_circle:";
            case "ACKNOWLEDGED" -> ":large_yellow_circle:";
            case "RESOLVED" -> ":white_check_mark:";
            default -> ":mute:";
        };
    }

    /** slack-api-model serialises with Gson; the request bodies are Jackson, so the blocks cross over as a tree. */
    private static ArrayNode toJson(List<LayoutBlock> blocks) {
        try {
            JsonNode tree = VendorHttp.json().readTree(GSON.toJson(blocks));
            return (ArrayNode) tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
