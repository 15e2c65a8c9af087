package io.plumbline.ticketing.sink.slack;

import java.util.regex.Pattern;

/** Slack's text escaping: everything that came from AWS goes through {@link #escape} before it reaches Slack. */
public final class SlackText {

    private static final Pattern SAFE_URL = Pattern.compile("https?://[^|<>\\s]+");

    private SlackText() {}

    /** Slack's three control characters; without this a resource named {@code <!channel>} pings everyone. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Whether {@code url} can go inside {@code <url|label>}: http(s), and nothing that would end the link early. */
    public static boolean isSafeUrl(String url) {
        return url != null && SAFE_URL.matcher(url).matches();
    }

    /** A link {@code <url|label>}; the label is escaped, a url that could break out of the link is refused. */
    public static String link(String url, String label) {
        if (!isSafeUrl(url)) {
            throw new IllegalArgumentException("not a safe link url");
        }
        return "<" + url + "|" + escape(label) + ">";
    }

    /**
     * Cuts already escaped text to at most {@code max} characters, ending with "…"; never inside an entity
     * such as {@code &amp;} or a surrogate pair, so the cut cannot produce broken markup.
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int amp = text.lastIndexOf('&', end - 1);
        if (amp >= 0 && amp >= end - 4 && text.indexOf(';', amp) >= end) {
            end = amp;
        }
        return text.substring(0, end) + "…";
    }
}
