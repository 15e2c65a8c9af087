package io.plumbline.ticketing.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Jira: Cloud on {@code /rest/api/3} (Basic email:token, ADF) and Data Center on {@code /rest/api/2}
 * (Bearer PAT, wiki markup). Enforces the contract of docs REFERENCE "Jira Cloud REST v3": 410 on the removed
 * search, 400 on labels with spaces and on a Cloud description that is not ADF, transitions looked up per workflow.
 */
public final class FakeJira extends VendorFake {

    /** The workflow: statuses and their categories, and the (deliberately non-obvious) transition into each. */
    public enum Status {
        TO_DO("To Do", "new", "11", "Back to backlog"),
        IN_PROGRESS("In Progress", "indeterminate", "21", "Start work"),
        DONE("Done", "done", "31", "Close");

        public final String label;
        public final String category;
        final String transitionId;
        final String transitionName;

        Status(String label, String category, String transitionId, String transitionName) {
            this.label = label;
            this.category = category;
            this.transitionId = transitionId;
            this.transitionName = transitionName;
        }
    }

    /** One issue as Jira holds it; {@code description} and comments are ADF nodes (Cloud) or wiki strings (DC). */
    public static final class Issue {
        public final String id;
        public final String key;
        public final JsonNode fields;
        public final List<JsonNode> comments = new ArrayList<>();
        public Status status = Status.TO_DO;

        Issue(String id, String key, JsonNode fields) {
            this.id = id;
            this.key = key;
            this.fields = fields;
        }

        public String summary() {
            return fields.path("summary").asText();
        }

        public List<String> labels() {
            List<String> labels = new ArrayList<>();
            fields.path("labels").forEach(l -> labels.add(l.asText()));
            return labels;
        }

        public String priority() {
            return fields.path("priority").path("name").asText();
        }

        public String project() {
            return fields.path("project").path("key").asText();
        }

        public String issueType() {
            return fields.path("issuetype").path("name").asText();
        }

        public JsonNode description() {
            return fields.path("description");
        }

        /** The description's text: ADF text nodes joined (blocks on their own lines), or the wiki markup as sent. */
        public String descriptionText() {
            return plain(description());
        }

        /** Each comment's text, ADF flattened like {@link #descriptionText()}. */
        public List<String> commentTexts() {
            return comments.stream().map(FakeJira::plain).toList();
        }
    }

    private static final Pattern ISSUE_PATH = Pattern.compile("/rest/api/([23])/issue/([^/?]+)(/comment|/transitions)?");
    private static final Pattern LABEL_JQL = Pattern.compile("labels = \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> PROJECTS = Set.of("OPS", "SEC");

    private final String basic;
    private final String bearer;
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    private final List<String> jqlReceived = new ArrayList<>();
    private int creates;
    private int nextId = 10000;

    /** Cloud accepts Basic base64(email:apiToken); Data Center accepts Bearer personalAccessToken. */
    public FakeJira(String email, String apiToken, String personalAccessToken) {
        this.basic = "Basic " + Base64.getEncoder()
                .encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
        this.bearer = "Bearer " + personalAccessToken;
    }

    public synchronized Optional<Issue> issue(String key) {
        return Optional.ofNullable(issues.get(key));
    }

    public synchronized List<Issue> issues() {
        return List.copyOf(issues.values());
    }

    public synchronized Status status(String key) {
        return issues.get(key).status;
    }

    /** Moves an issue as a human would in the UI. */
    public synchronized void setStatus(String key, Status status) {
        issues.get(key).status = status;
    }

    public synchronized int createCount() {
        return creates;
    }

    /** Every JQL query received by any search endpoint, in order. */
    public synchronized List<String> jqlReceived() {
        return List.copyOf(jqlReceived);
    }

    @Override
    protected ResponseDefinition handle(Request request) {
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        boolean cloud = path.startsWith("/rest/api/3/");
        if (!cloud && !path.startsWith("/rest/api/2/")) {
            return error(404, "Not found");
        }
        if (!(cloud ? basic : bearer).equals(request.getHeader("Authorization"))) {
            return json(401, Map.of("errorMessages", List.of("You are not authenticated. Authentication required to perform this operation.")));
        }
        RequestMethod method = request.getMethod();
        if (cloud && path.equals("/rest/api/3/search")) {
            return error(410, "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.");
        }
        if (cloud && path.equals("/rest/api/3/search/jql")) {
            String jql = method.equals(RequestMethod.POST) ? Optional.ofNullable(body(request))
                    .map(b -> b.path("jql").asText(null)).orElse(null) : query(url, "jql");
            return search(jql, true);
        }
        if (!cloud && path.equals("/rest/api/2/search") && method.equals(RequestMethod.GET)) {
            return search(query(url, "jql"), false);
        }
        if (path.equals("/rest/api/" + (cloud ? 3 : 2) + "/issue") && method.equals(RequestMethod.POST)) {
            return create(body(request), cloud);
        }
        Matcher m = ISSUE_PATH.matcher(path);
        if (!m.matches()) {
            return error(404, "Not found");
        }
        Issue issue = issues.get(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        if (issue == null) {
            return error(404, "Issue does not exist or you do not have permission to see it.");
        }
        String sub = m.group(3) == null ? "" : m.group(3);
        return switch (sub + " " + method.getName()) {
            case " GET" -> json(200, issueJson(issue));
            case "/comment POST" -> comment(issue, body(request), cloud);
            case "/transitions GET" -> json(200, Map.of("transitions", transitions(issue)));
            case "/transitions POST" -> transition(issue, body(request));
            default -> error(405, "Method not allowed");
        };
    }

    private ResponseDefinition create(JsonNode body, boolean cloud) {
        JsonNode fields = body == null ? null : body.get("fields");
        if (fields == null || !fields.isObject()) {
            return error(400, "Can not deserialize instance of fields");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String project = fields.path("project").path("key").asText("");
        if (!PROJECTS.contains(project)) {
            errors.put("project", "valid project is required");
        }
        if (fields.path("issuetype").path("name").asText("").isBlank() && !fields.path("issuetype").has("id")) {
            errors.put("issuetype", "valid issue type is required");
        }
        String summary = fields.path("summary").asText("");
        if (summary.isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.length() > 255) {
            errors.put("summary", "Summary must be less than 255 characters.");
        } else if (summary.contains("\n") || summary.contains("\r")) {
            errors.put("summary", "Field 'summary' cannot contain newline");
        }
        for (JsonNode label : fields.path("labels")) {
            if (!label.isTextual() || label.asText().matches(".*\\s.*") || label.asText().isEmpty()) {
                errors.put("labels", "The label '" + label.asText() + "' contains spaces which is invalid.");
            }
        }
        JsonNode description = fields.path("description");
        if (!description.isMissingNode()) {
            if (cloud && !isAdf(description)) {
                errors.put("description", "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
            } else if (!cloud && !description.isTextual()) {
                errors.put("description", "Operation value must be a string");
            }
        }
        if (!errors.isEmpty()) {
            return json(400, Map.of("errorMessages", List.of(), "errors", errors));
        }
        creates++;
        int n = counters.merge(project, 1, Integer::sum);
        Issue issue = new Issue(String.valueOf(++nextId), project + "-" + n, fields.deepCopy());
        issues.put(issue.key, issue);
        return json(201, Map.of("id", issue.id, "key", issue.key, "self", baseUrl() + "/rest/api/3/issue/" + issue.id));
    }

    private ResponseDefinition search(String jql, boolean cloud) {
        if (jql == null) {
            return error(400, "The 'jql' parameter is required.");
        }
        jqlReceived.add(jql);
        Matcher m = LABEL_JQL.matcher(jql);
        if (!m.matches()) {
            return error(400, "Error in the JQL Query: this fake understands only labels = \"…\"");
        }
        String label = m.group(1).replaceAll("\\\\(.)", "$1");
        List<Map<String, Object>> found = issues.values().stream().filter(i -> i.labels().contains(label))
                .map(this::issueJson).toList();
        return cloud ? json(200, Map.of("issues", found, "isLast", true))
                : json(200, Map.of("startAt", 0, "maxResults", 50, "total", found.size(), "issues", found));
    }

    private ResponseDefinition comment(Issue issue, JsonNode body, boolean cloud) {
        JsonNode comment = body == null ? null : body.get("body");
        if (comment == null || (cloud ? !isAdf(comment) : !comment.isTextual())) {
            return error(400, cloud ? "Comment body is not valid! (expected ADF)" : "Comment body can not be empty!");
        }
        issue.comments.add(comment.deepCopy());
        return json(201, Map.of("id", String.valueOf(issue.comments.size()), "body", comment));
    }

    private ResponseDefinition transition(Issue issue, JsonNode body) {
        String id = body == null ? "" : body.path("transition").path("id").asText("");
        for (Status target : Status.values()) {
            if (target != issue.status && target.transitionId.equals(id)) {
                issue.status = target;
                return status(204);
            }
        }
        return error(400, "Transition id '" + id + "' is not valid for this issue.");
    }

    private List<Map<String, Object>> transitions(Issue issue) {
        List<Map<String, Object>> offered = new ArrayList<>();
        for (Status target : Status.values()) {
            if (target != issue.status) {
                offered.add(Map.of("id", target.transitionId, "name", target.transitionName,
                        "to", statusJson(target), "isAvailable", true));
            }
        }
        return offered;
    }

    private Map<String, Object> issueJson(Issue issue) {
        return Map.of("id", issue.id, "key", issue.key,
                "fields", Map.of("labels", issue.labels(), "status", statusJson(issue.status)));
    }

    private static Map<String, Object> statusJson(Status status) {
        return Map.of("name", status.label, "statusCategory", Map.of("key", status.category));
    }

    /** doc / version 1 / content, every node typed, every text node non-empty. */
    private static boolean isAdf(JsonNode doc) {
        return doc.isObject() && "doc".equals(doc.path("type").asText()) && doc.path("version").asInt() == 1
                && doc.path("content").isArray() && wellFormed(doc.path("content"));
    }

    private static boolean wellFormed(JsonNode nodes) {
        for (JsonNode node : nodes) {
            if (!node.path("type").isTextual()) {
                return false;
            }
            if ("text".equals(node.path("type").asText())
                    && (!node.path("text").isTextual() || node.path("text").asText().isEmpty())) {
                return false;
            }
            if (node.has("content") && !(node.get("content").isArray() && wellFormed(node.get("content")))) {
                return false;
            }
        }
        return true;
    }

    private static String plain(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder out = new StringBuilder();
        flatten(node, out);
        return out.toString();
    }

    private static void flatten(JsonNode node, StringBuilder out) {
        switch (node.path("type").asText()) {
            case "text" -> out.append(node.path("text").asText());
            case "hardBreak" -> out.append('\n');
            default -> {
                node.path("content").forEach(child -> flatten(child, out));
                if (Set.of("paragraph", "heading").contains(node.path("type").asText())) {
                    out.append('\n');
                }
            }
        }
    }

    private static String query(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static ResponseDefinition error(int status, String message) {
        return json(status, Map.of("errorMessages", List.of(message), "errors", Map.of()));
    }
}
