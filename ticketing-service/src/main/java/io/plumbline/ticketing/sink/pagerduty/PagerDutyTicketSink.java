package io.plumbline.ticketing.sink.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.IncidentContent.AffectedResource;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.TicketSink;
import io.plumbline.ticketing.sink.VendorHttp;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * PagerDuty alerts through Events v2, keyed by dedup_key = the incident's correlation key; re-sending an event is
 * harmless because PagerDuty deduplicates on that key.
 */
@Startup
@ApplicationScoped
public class PagerDutyTicketSink implements TicketSink {

    static final String PREFIX = "plumbline.ticketing.pagerduty.";
    private static final Map<String, String> SEVERITY = Map.of(
            "CRITICAL", "critical", "HIGH", "error", "MEDIUM", "warning", "LOW", "info", "INFORMATIONAL", "info");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    // custom_details is for triage, not an inventory; the payload must stay under PagerDuty's 512 KB.
    private static final int MAX_RESOURCES = 100;

    private final String routingKey;
    private final URI enqueue;
    private final Map<String, String> severity;
    private final VendorHttp http;

    @Inject
    public PagerDutyTicketSink(PagerDutyConfig config) {
        this.routingKey = config.routingKey().map(String::trim).filter(k -> !k.isEmpty()).orElse(null);
        if (routingKey != null && routingKey.length() != 32) {
            throw new IllegalArgumentException(PREFIX + "routing-key must be the 32-character integration key");
        }
        this.enqueue = URI.create(baseUrl(config.baseUrl()) + "/v2/enqueue");
        this.severity = severities(config.severity());
        this.http = new VendorHttp(config.timeout());
    }

    @Override
    public String destination() {
        return "pagerduty";
    }

    @Override
    public boolean enabled() {
        return routingKey != null;
    }

    @Override
    public SinkOutcome deliver(SinkRequest request) {
        String dedupKey = request.incident().correlationKey();
        if (dedupKey.length() > 255) {
            return SinkOutcome.rejected("correlation key is longer than PagerDuty's 255-character dedup_key");
        }
        ExternalTicket ticket = request.ticket().orElseGet(() -> new ExternalTicket(dedupKey, null, null));
        String eventAction = switch (request.action()) {
            case OPEN, REOPEN -> "trigger";
            case RESOLVE, SUPPRESS -> "resolve";
            case ACKNOWLEDGE -> "acknowledge";
            // Events carry no comments: nothing to send, the alert stays as it is.
            case UPDATE, COMMENT -> null;
        };
        if (eventAction == null) {
            return SinkOutcome.delivered(ticket);
        }
        ObjectNode event = VendorHttp.json().createObjectNode()
                .put("routing_key", routingKey).put("event_action", eventAction).put("dedup_key", dedupKey);
        if (eventAction.equals("trigger")) {
            event.put("client", "Plumbline");
            event.set("payload", payload(request.incident()));
        }
        try {
            VendorHttp.Reply reply = http.send(http.request(enqueue).POST(VendorHttp.body(event)).build());
            if (!reply.ok()) {
                return reply.failure("PagerDuty " + eventAction, error(reply));
            }
            return SinkOutcome.delivered(ticket);
        } catch (IOException e) {
            return VendorHttp.unreachable("PagerDuty " + eventAction, e);
        }
    }

    private ObjectNode payload(IncidentContent incident) {
        String level = Optional.ofNullable(incident.severity()).orElse("").toUpperCase(Locale.ROOT);
        ObjectNode payload = VendorHttp.json().createObjectNode()
                .put("summary", shorten(incident.title(), 1024))
                .put("source", source(incident))
                .put("severity", severity.getOrDefault(level, "warning"));
        if (incident.ruleId() != null) {
            payload.put("class", incident.ruleId());
        }
        if (incident.pillar() != null) {
            payload.put("group", incident.pillar());
        }
        ObjectNode details = payload.putObject("custom_details")
                .put("severity", incident.severity())
                .put("pillar", incident.pillar())
                .put("question", incident.question())
                .put("bestPractice", incident.bestPractice())
                .put("account", incident.accountId())
                .put("region", incident.region())
                .put("risk", incident.risk());
        List<AffectedResource> resources = Objects.requireNonNullElse(incident.resources(), List.of());
        ArrayNode listed = details.putArray("resources");
        resources.stream().limit(MAX_RESOURCES).forEach(r -> listed.addObject()
                .put("arn", r.arn()).put("name", r.name()).put("status", r.status()).put("message", r.message()));
        if (resources.size() > MAX_RESOURCES) {
            details.put("moreResources", resources.size() - MAX_RESOURCES);
        }
        ArrayNode steps = details.putArray("remediation");
        Objects.requireNonNullElse(incident.remediation(), List.<String>of()).forEach(steps::add);
        return payload;
    }

    /** Where the problem is: {@code <account>/<region>}, PagerDuty's required "source". */
    private static String source(IncidentContent incident) {
        String where = Stream.of(incident.accountId(), incident.region()).filter(v -> v != null && !v.isBlank())
                .collect(Collectors.joining("/"));
        return where.isEmpty() ? "aws" : where;
    }

    /** PagerDuty errors: {@code {"status":"invalid event","message":"Event object is invalid","errors":[...]}}. */
    private static String error(VendorHttp.Reply reply) {
        JsonNode json = reply.json();
        StringBuilder text = new StringBuilder(json.path("message").asText(""));
        json.path("errors").forEach(e -> text.append(text.isEmpty() ? "" : "; ").append(e.asText()));
        return text.toString();
    }

    private static String shorten(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 2)) ? max - 2 : max - 1;
        return value.substring(0, end) + "…";
    }

    private static String baseUrl(URI url) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + "base-url must be an http(s) URL such as https://events.pagerduty.com");
        }
        return url.toString().replaceAll("/+$", "");
    }

    private static Map<String, String> severities(Map<String, String> overrides) {
        Map<String, String> severities = new HashMap<>(SEVERITY);
        overrides.forEach((name, value) -> {
            String key = name.toUpperCase(Locale.ROOT);
            String level = value.trim().toLowerCase(Locale.ROOT);
            if (!SEVERITY.containsKey(key)) {
                throw new IllegalArgumentException(PREFIX + "severity." + name + ": unknown severity (CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL)");
            }
            if (!SEVERITIES.contains(level)) {
                throw new IllegalArgumentException(PREFIX + "severity." + name + " must be critical, error, warning or info");
            }
            severities.put(key, level);
        });
        return Map.copyOf(severities);
    }
}
