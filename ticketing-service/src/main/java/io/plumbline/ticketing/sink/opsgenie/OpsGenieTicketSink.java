package io.plumbline.ticketing.sink.opsgenie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.TicketSink;
import io.plumbline.ticketing.sink.VendorHttp;
import io.plumbline.ticketing.sink.IncidentPlainText;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * OpsGenie (or JSM Operations) alerts addressed by alias = the incident's correlation key. OpsGenie deduplicates
 * on the alias, so a create whose answer was lost is simply sent again: an open alert only has its count raised.
 */
@Startup
@ApplicationScoped
public class OpsGenieTicketSink implements TicketSink {

    static final String PREFIX = "plumbline.ticketing.opsgenie.";
    private static final Map<String, String> PRIORITY = Map.of(
            "CRITICAL", "P1", "HIGH", "P2", "MEDIUM", "P3", "LOW", "P4", "INFORMATIONAL", "P5");
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
    private static final String SOURCE = "Plumbline";

    private final String authorization;
    private final String alerts;
    private final Map<String, String> priority;
    private final ArrayNode defaultResponders;
    private final VendorHttp http;

    @Inject
    public OpsGenieTicketSink(OpsGenieConfig config) {
        this.authorization = config.apiKey().filter(k -> !k.isBlank()).map(k -> "GenieKey " + k.trim()).orElse(null);
        this.alerts = baseUrl(config.baseUrl()) + config.flavour().alertsPath();
        this.priority = priorities(config.priority());
        try {
            this.defaultResponders = Responders.parse(config.responders().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "responders: " + e.getMessage());
        }
        this.http = new VendorHttp(config.timeout());
    }

    @Override
    public String destination() {
        return "opsgenie";
    }

    @Override
    public boolean enabled() {
        return authorization != null;
    }

    @Override
    public SinkOutcome deliver(SinkRequest request) {
        String alias = request.incident().correlationKey();
        if (alias.length() > 512) {
            return SinkOutcome.rejected("correlation key is longer than OpsGenie's 512-character alias");
        }
        try {
            return switch (request.action()) {
                // A re-sent create is safe: an open alert with this alias only has its count raised.
                case OPEN, REOPEN -> create(request, alias);
                case RESOLVE, SUPPRESS -> act(request, alias, "close");
                case ACKNOWLEDGE -> act(request, alias, "acknowledge");
                case UPDATE, COMMENT -> act(request, alias, "notes");
            };
        } catch (IOException e) {
            return VendorHttp.unreachable("OpsGenie " + request.action().name().toLowerCase(Locale.ROOT), e);
        }
    }

    private SinkOutcome create(SinkRequest request, String alias) throws IOException {
        ObjectNode body;
        try {
            body = alert(request, alias);
        } catch (IllegalArgumentException e) {
            return SinkOutcome.rejected("OpsGenie route target: " + e.getMessage());
        }
        VendorHttp.Reply reply = http.send(authorized(URI.create(alerts)).POST(VendorHttp.body(body)).build());
        if (!reply.ok()) {
            return reply.failure("OpsGenie alert create", error(reply));
        }
        return SinkOutcome.delivered(new ExternalTicket(alias, reply.json().path("requestId").asText(null), null));
    }

    /** close, acknowledge or notes on the alert with this alias. */
    private SinkOutcome act(SinkRequest request, String alias, String verb) throws IOException {
        String note = IncidentPlainText.truncate(request.note().isBlank() ? "Updated by Plumbline" : request.note(), 25_000);
        ObjectNode body = VendorHttp.json().createObjectNode().put("user", SOURCE).put("source", SOURCE).put("note", note);
        URI uri = URI.create(alerts + "/" + encode(alias) + "/" + verb + "?identifierType=alias");
        VendorHttp.Reply reply = http.send(authorized(uri).POST(VendorHttp.body(body)).build());
        if (!reply.ok()) {
            return reply.failure("OpsGenie alert " + verb, error(reply));
        }
        return SinkOutcome.delivered(request.ticket()
                .orElseGet(() -> new ExternalTicket(alias, reply.json().path("requestId").asText(null), null)));
    }

    private ObjectNode alert(SinkRequest request, String alias) {
        IncidentContent incident = request.incident();
        String severity = Optional.ofNullable(incident.severity()).orElse("").toUpperCase(Locale.ROOT);
        List<String> targetResponders = request.target().opsGenieResponders();
        ObjectNode body = VendorHttp.json().createObjectNode()
                .put("message", IncidentPlainText.shorten(incident.title(), 130))
                .put("alias", alias)
                .put("description", IncidentPlainText.render(incident, 15_000))
                .put("priority", priority.getOrDefault(severity, "P3"))
                .put("source", SOURCE);
        body.set("responders", targetResponders.isEmpty() ? defaultResponders.deepCopy() : Responders.parse(targetResponders));
        ArrayNode tags = body.putArray("tags");
        tags(incident).forEach(tags::add);
        ObjectNode details = body.putObject("details");
        detail(details, "account", incident.accountId());
        detail(details, "region", incident.region());
        detail(details, "rule", incident.ruleId());
        detail(details, "question", incident.question());
        detail(details, "bestPractice", incident.bestPractice());
        Objects.requireNonNullElse(incident.resources(), List.<IncidentContent.AffectedResource>of()).stream().map(IncidentContent.AffectedResource::arn).filter(a -> a != null && !a.isBlank())
                .findFirst().ifPresent(arn -> body.put("entity", IncidentPlainText.shorten(arn, 512)));
        return body;
    }

    /** At most 20 tags of at most 50 chars, without blanks (OpsGenie's limits). */
    private static Set<String> tags(IncidentContent incident) {
        return Stream.of("plumbline", incident.pillar(), incident.severity(), incident.region(), incident.ruleId())
                .filter(t -> t != null && !t.isBlank())
                .map(t -> IncidentPlainText.shorten(t.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-"), 50))
                .limit(20)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void detail(ObjectNode details, String key, String value) {
        if (value != null && !value.isBlank()) {
            // Details share an 8,000-character budget; five keys of at most 1,000 stay well inside it.
            details.put(key, IncidentPlainText.shorten(value, 1000));
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return http.request(uri).header("Authorization", authorization);
    }

    /** OpsGenie errors: {@code {"message": "...", "errors": {"field": "..."}, "requestId": "..."}}. */
    private static String error(VendorHttp.Reply reply) {
        JsonNode json = reply.json();
        StringBuilder text = new StringBuilder(json.path("message").asText(""));
        json.path("errors").properties().forEach(e -> text.append(text.isEmpty() ? "" : "; ").append(e.getValue().asText()));
        return text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String baseUrl(URI url) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + "base-url must be an http(s) URL such as https://api.opsgenie.com");
        }
        return url.toString().replaceAll("/+$", "");
    }

    private static Map<String, String> priorities(Map<String, String> overrides) {
        Map<String, String> priorities = new HashMap<>(PRIORITY);
        overrides.forEach((severity, value) -> {
            String name = severity.toUpperCase(Locale.ROOT);
            if (!PRIORITY.containsKey(name)) {
                throw new IllegalArgumentException(PREFIX + "priority." + severity + ": unknown severity (CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL)");
            }
            if (!PRIORITIES.contains(value.trim().toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException(PREFIX + "priority." + severity + " must be P1, P2, P3, P4 or P5");
            }
            priorities.put(name, value.trim().toUpperCase(Locale.ROOT));
        });
        return Map.copyOf(priorities);
    }
}
