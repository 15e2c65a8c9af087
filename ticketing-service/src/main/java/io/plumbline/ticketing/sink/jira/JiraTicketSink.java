package io.plumbline.ticketing.sink.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.ticketing.sink.DeliveryAction;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.TicketSink;
import io.plumbline.ticketing.sink.VendorHttp;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Jira Cloud (REST v3, ADF) and Data Center (REST v2, wiki markup): one issue per incident, found again by its
 * correlation label, commented on each step and moved through the workflow by status category.
 */
@Startup // built at start-up so missing credentials fail the boot, not the first delivery
@ApplicationScoped
public class JiraTicketSink implements TicketSink {

    static final String LABEL_PREFIX = "plumbline-";

    private final JiraConfig config;
    private final boolean cloud;
    private final String base;
    private final String api;
    private final VendorHttp http;
    private final String authorization; // a secret: never logged, never in a reason

    @Inject
    public JiraTicketSink(JiraConfig config) {
        config.validate();
        this.config = config;
        this.cloud = config.deployment() == JiraConfig.Deployment.CLOUD;
        this.base = config.baseUrl().map(u -> u.toString().replaceAll("/+$", "")).orElse("");
        this.api = base + (cloud ? "/rest/api/3" : "/rest/api/2");
        this.http = new VendorHttp(config.timeout());
        this.authorization = config.baseUrl().isEmpty() ? "" : cloud
                ? "Basic " + Base64.getEncoder().encodeToString(
                        (config.email().orElseThrow() + ":" + config.apiToken().orElseThrow()).getBytes(StandardCharsets.UTF_8))
                : "Bearer " + config.personalAccessToken().orElseThrow();
    }

    @Override
    public String destination() {
        return "jira";
    }

    @Override
    public boolean enabled() {
        return config.baseUrl().isPresent();
    }

    @Override
    public SinkOutcome deliver(SinkRequest request) {
        try {
            if (request.ticket().isPresent()) {
                return apply(request, request.ticket().get());
            }
            SinkOutcome opened = open(request);
            // a later step whose ticket is unknown still applies, to the issue just found or created
            if (request.action() == DeliveryAction.OPEN || !(opened instanceof SinkOutcome.Delivered delivered)) {
                return opened;
            }
            return apply(request, delivered.ticket());
        } catch (IOException e) {
            return VendorHttp.unreachable("Jira", e);
        }
    }

    private SinkOutcome apply(SinkRequest request, ExternalTicket ticket) throws IOException {
        return switch (request.action()) {
            case OPEN -> SinkOutcome.delivered(ticket);
            case UPDATE, ACKNOWLEDGE, COMMENT -> comment(request, ticket);
            case RESOLVE, SUPPRESS -> commentAndMove(request, ticket, true);
            case REOPEN -> commentAndMove(request, ticket, false);
        };
    }

    private SinkOutcome open(SinkRequest request) throws IOException {
        IncidentContent incident = request.incident();
        String label = LABEL_PREFIX + incident.correlationKey();
        if (request.outcomeUnknown()) {
            // search is eventually consistent: an issue created seconds ago may still be missed
            VendorHttp.Reply found = search(label);
            if (!found.ok()) {
                return failure("Jira issue search", found);
            }
            JsonNode first = found.json().path("issues").path(0);
            if (first.hasNonNull("key")) {
                return SinkOutcome.delivered(ticket(first.path("key").asText(), first.path("id").asText()));
            }
        }
        VendorHttp.Reply created = http.send(http.request(URI.create(api + "/issue"))
                .header("Authorization", authorization)
                .POST(VendorHttp.body(issue(request, label))).build());
        if (!created.ok()) {
            return failure("Jira issue create", created);
        }
        JsonNode json = created.json();
        if (!json.hasNonNull("key")) {
            return SinkOutcome.failed("Jira issue create answered HTTP " + created.status() + " without an issue key");
        }
        return SinkOutcome.delivered(ticket(json.path("key").asText(), json.path("id").asText()));
    }

    private VendorHttp.Reply search(String label) throws IOException {
        String jql = Jql.byLabel(label);
        if (cloud) {
            // the old /rest/api/3/search is gone (410): Cloud searches on /search/jql
            ObjectNode body = VendorHttp.json().createObjectNode().put("jql", jql).put("maxResults", 1);
            body.putArray("fields").add("status").add("labels");
            return http.send(http.request(URI.create(api + "/search/jql"))
                    .header("Authorization", authorization).POST(VendorHttp.body(body)).build());
        }
        String query = "?jql=" + URLEncoder.encode(jql, StandardCharsets.UTF_8).replace("+", "%20")
                + "&fields=status,labels&maxResults=1";
        return http.send(http.request(URI.create(api + "/search" + query))
                .header("Authorization", authorization).GET().build());
    }

    private ObjectNode issue(SinkRequest request, String label) {
        IncidentContent incident = request.incident();
        ObjectNode body = VendorHttp.json().createObjectNode();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("key", request.target().jiraProject()
                .filter(p -> !p.isBlank()).orElse(config.project()));
        fields.putObject("issuetype").put("name", request.target().jiraIssueType()
                .filter(t -> !t.isBlank()).orElse(config.issueType()));
        fields.put("summary", IssueText.summary(incident.title()));
        labels(label).forEach(fields.putArray("labels")::add);
        fields.putObject("priority").put("name", config.priority(incident.severity()));
        IssueText description = IssueText.description(incident);
        if (cloud) {
            fields.set("description", Adf.render(description));
        } else {
            fields.put("description", WikiMarkup.render(description));
        }
        return body;
    }

    /** Configured labels with their spaces turned to dashes (Jira refuses spaces), then the correlation label. */
    private Set<String> labels(String correlationLabel) {
        Set<String> labels = new LinkedHashSet<>();
        for (String configured : config.labels()) {
            String label = configured.strip().replaceAll("\\s+", "-");
            if (!label.isEmpty()) {
                labels.add(label);
            }
        }
        labels.add(correlationLabel);
        return labels;
    }

    private SinkOutcome comment(SinkRequest request, ExternalTicket ticket) throws IOException {
        IssueText text = IssueText.comment(request);
        ObjectNode body = VendorHttp.json().createObjectNode();
        if (cloud) {
            body.set("body", Adf.render(text));
        } else {
            body.put("body", WikiMarkup.render(text));
        }
        VendorHttp.Reply reply = http.send(http.request(issueUri(ticket, "/comment"))
                .header("Authorization", authorization).POST(VendorHttp.body(body)).build());
        return reply.ok() ? SinkOutcome.delivered(ticket) : failure("Jira comment on " + ticket.key(), reply);
    }

    /** Comments, then moves the issue into (or out of) a done-category status unless it is there already. */
    private SinkOutcome commentAndMove(SinkRequest request, ExternalTicket ticket, boolean toDone) throws IOException {
        SinkOutcome commented = comment(request, ticket);
        if (!(commented instanceof SinkOutcome.Delivered)) {
            return commented;
        }
        VendorHttp.Reply issue = http.send(http.request(issueUri(ticket, "?fields=status"))
                .header("Authorization", authorization).GET().build());
        if (!issue.ok()) {
            return failure("Jira issue " + ticket.key(), issue);
        }
        JsonNode status = issue.json().path("fields").path("status");
        boolean done = "done".equals(status.path("statusCategory").path("key").asText());
        if (done == toDone) {
            return SinkOutcome.delivered(ticket);
        }
        VendorHttp.Reply offered = http.send(http.request(issueUri(ticket, "/transitions"))
                .header("Authorization", authorization).GET().build());
        if (!offered.ok()) {
            return failure("Jira transitions of " + ticket.key(), offered);
        }
        Optional<String> transition = pickTransition(offered.json().path("transitions"), toDone);
        if (transition.isEmpty()) {
            return SinkOutcome.rejected("Jira workflow offers no transition from status '" + status.path("name").asText()
                    + "' of " + ticket.key() + " to a " + (toDone ? "done" : "not-done") + " status");
        }
        ObjectNode body = VendorHttp.json().createObjectNode();
        body.putObject("transition").put("id", transition.get());
        VendorHttp.Reply moved = http.send(http.request(issueUri(ticket, "/transitions"))
                .header("Authorization", authorization).POST(VendorHttp.body(body)).build());
        return moved.ok() ? SinkOutcome.delivered(ticket) : failure("Jira transition of " + ticket.key(), moved);
    }

    /** Transition ids differ per workflow: match on the target status category (reopen prefers "new" to "indeterminate"). */
    static Optional<String> pickTransition(JsonNode transitions, boolean toDone) {
        List<String> wanted = toDone ? List.of("done") : List.of("new", "indeterminate");
        for (String category : wanted) {
            for (JsonNode t : transitions) {
                if (category.equals(t.path("to").path("statusCategory").path("key").asText()) && t.hasNonNull("id")) {
                    return Optional.of(t.path("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    private URI issueUri(ExternalTicket ticket, String suffix) {
        return URI.create(api + "/issue/" + URLEncoder.encode(ticket.key(), StandardCharsets.UTF_8) + suffix);
    }

    private ExternalTicket ticket(String key, String id) {
        return new ExternalTicket(key, id, base + "/browse/" + key);
    }

    /** Maps a non-2xx answer, with Jira's own error text (it never echoes our credentials). */
    private static SinkOutcome failure(String what, VendorHttp.Reply reply) {
        JsonNode json = reply.json();
        List<String> parts = new ArrayList<>();
        json.path("errorMessages").forEach(m -> parts.add(m.asText()));
        json.path("errors").properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asText()));
        String detail = String.join("; ", parts);
        return reply.failure(what, detail.length() > 500 ? detail.substring(0, 500) + "…" : detail);
    }
}
