package io.plumbline.ticketing.sink.jira;

/** JQL string literals: every value put in a query goes through {@link #quote} so it can only ever be a value. */
final class Jql {

    private Jql() {}

    /** A double-quoted JQL string; backslash first so the escapes added for quotes are not escaped again. */
    static String quote(String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return "\"" + escaped + "\"";
    }

    /** The query that finds an incident's issue by its correlation label. */
    static String byLabel(String label) {
        return "labels = " + quote(label);
    }
}
