package io.plumbline.ticketing.sink.jira;

import java.util.List;

/** Jira wiki markup (Data Center descriptions and comments) for untrusted text. */
final class WikiMarkup {

    // Backslash-escaping each markup character (rather than {noformat}) works inline in lists and cannot be closed by the value itself.
    private static final String SPECIAL = "{}[]|*_+-^~?#!()";

    private WikiMarkup() {}

    static String render(IssueText text) {
        StringBuilder out = new StringBuilder();
        IssueText.Block previous = null;
        for (IssueText.Block block : text.blocks()) {
            if (previous != null) {
                // consecutive fields stay one block of lines; anything else gets a paragraph break
                out.append(previous instanceof IssueText.Field && block instanceof IssueText.Field ? "\n" : "\n\n");
            }
            switch (block) {
                case IssueText.Field f -> out.append('*').append(escape(f.label())).append(":* ").append(escape(f.value()));
                case IssueText.Heading h -> out.append("h3. ").append(escape(h.text()));
                case IssueText.Paragraph p -> out.append(escape(p.text()));
                case IssueText.Bullets b -> out.append(items("* ", b.items()));
                case IssueText.Steps s -> out.append(items("# ", s.items()));
            }
            previous = block;
        }
        return out.toString();
    }

    private static String items(String marker, List<String> items) {
        return String.join("\n", items.stream().map(item -> marker + escape(item)).toList());
    }

    /**
     * Text that renders literally: markup characters are backslash-escaped, a backslash becomes an HTML entity
     * (two backslashes are a line break) and line breaks become forced breaks on the same physical line, so
     * nothing can start line markup such as {@code h1.} or {@code bq.}.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            if (c == '\\') {
                out.append("&#92;");
            } else if (c == '\n') {
                out.append(" \\\\ ");
            } else if (Character.isISOControl(c)) {
                out.append(' ');
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
