package io.plumbline.ticketing.sink.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Atlassian Document Format (Cloud descriptions and comments), built as JSON nodes so no text can change its structure. */
final class Adf {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Adf() {}

    static ObjectNode render(IssueText text) {
        ObjectNode doc = NODES.objectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (IssueText.Block block : text.blocks()) {
            switch (block) {
                case IssueText.Field f -> {
                    ObjectNode paragraph = node("paragraph");
                    ArrayNode inline = paragraph.putArray("content");
                    inline.add(text(f.label() + ": ").set("marks", NODES.arrayNode().add(node("strong"))));
                    ArrayNode value = NODES.arrayNode();
                    lines(value, f.value());
                    inline.addAll(value);
                    content.add(paragraph);
                }
                case IssueText.Heading h -> {
                    ObjectNode heading = node("heading");
                    heading.putObject("attrs").put("level", 3);
                    lines(heading.putArray("content"), h.text());
                    content.add(heading);
                }
                case IssueText.Paragraph p -> content.add(paragraph(p.text()));
                case IssueText.Bullets b -> content.add(list("bulletList", b.items()));
                case IssueText.Steps s -> content.add(list("orderedList", s.items()));
            }
        }
        return doc;
    }

    private static ObjectNode list(String type, List<String> items) {
        ObjectNode list = node(type);
        ArrayNode entries = list.putArray("content");
        for (String item : items) {
            ObjectNode entry = node("listItem");
            entry.putArray("content").add(paragraph(item));
            entries.add(entry);
        }
        return list;
    }

    private static ObjectNode paragraph(String value) {
        ObjectNode paragraph = node("paragraph");
        lines(paragraph.putArray("content"), value);
        return paragraph;
    }

    /** Text nodes separated by hard breaks; ADF refuses empty text nodes, so blank lines are dropped. */
    private static void lines(ArrayNode inline, String value) {
        if (value == null) {
            return;
        }
        for (String line : value.split("\\R")) {
            String clean = line.replaceAll("\\p{Cntrl}", " ");
            if (clean.isBlank()) {
                continue;
            }
            if (!inline.isEmpty()) {
                inline.add(node("hardBreak"));
            }
            inline.add(text(clean));
        }
    }

    private static ObjectNode text(String value) {
        return node("text").put("text", value);
    }

    private static ObjectNode node(String type) {
        return NODES.objectNode().put("type", type);
    }
}
