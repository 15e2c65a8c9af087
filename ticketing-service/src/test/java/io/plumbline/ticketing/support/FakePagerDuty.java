package io.plumbline.ticketing.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PagerDuty's Events API v2: {@code POST /v2/enqueue}, the routing key in the body (no auth header), 400
 * "invalid event" on a missing or malformed field, 202 on success. Alerts are kept per dedup_key: a trigger on a
 * resolved key opens a new one, as PagerDuty does.
 */
public class FakePagerDuty extends VendorFake {

    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    /** One alert; {@code triggers} counts the trigger events deduplicated into it. */
    public record Alert(String dedupKey, String status, JsonNode payload, int triggers) {}

    private final String routingKey;
    private final List<Alert> alerts = new ArrayList<>();
    private final List<JsonNode> events = new ArrayList<>();

    public FakePagerDuty(String routingKey) {
        this.routingKey = routingKey;
    }

    @Override
    protected ResponseDefinition handle(Request request) {
        if (!URI.create(request.getUrl()).getPath().equals("/v2/enqueue") || !request.getMethod().getName().equals("POST")) {
            return json(404, Map.of("status", "not found", "message", "Not Found"));
        }
        JsonNode event = body(request);
        if (event == null || !event.isObject()) {
            return invalid("Event object is not valid JSON");
        }
        String key = event.path("routing_key").asText("");
        if (key.isBlank()) {
            return invalid("'routing_key' is missing or blank");
        }
        if (key.length() != 32) {
            return invalid("Length of 'routing_key' is incorrect (should be 32 characters)");
        }
        if (!key.equals(routingKey)) {
            return invalid("Invalid routing key");
        }
        String action = event.path("event_action").asText("");
        if (!ACTIONS.contains(action)) {
            return invalid("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
        }
        String dedupKey = event.path("dedup_key").asText("");
        if (dedupKey.isBlank() || dedupKey.length() > 255) {
            return invalid("'dedup_key' is missing or longer than 255 characters");
        }
        if (action.equals("trigger")) {
            JsonNode payload = event.path("payload");
            String summary = payload.path("summary").asText("");
            if (summary.isBlank() || summary.length() > 1024) {
                return invalid("'payload.summary' is missing or longer than 1024 characters");
            }
            if (payload.path("source").asText("").isBlank()) {
                return invalid("'payload.source' is missing or blank");
            }
            if (!SEVERITIES.contains(payload.path("severity").asText())) {
                return invalid("'payload.severity' is invalid (must be one of: critical, error, warning, info)");
            }
        }
        events.add(event.deepCopy());
        apply(action, dedupKey, event.path("payload"));
        return json(202, Map.of("status", "success", "message", "Event processed", "dedup_key", dedupKey));
    }

    private void apply(String action, String dedupKey, JsonNode payload) {
        int index = activeIndex(dedupKey);
        if (action.equals("trigger")) {
            if (index < 0) {
                alerts.add(new Alert(dedupKey, "triggered", payload.deepCopy(), 1));
            } else {
                Alert a = alerts.get(index);
                alerts.set(index, new Alert(dedupKey, a.status(), a.payload(), a.triggers() + 1));
            }
        } else if (index >= 0) {
            // Acknowledge or resolve of an unknown key is accepted and dropped, as PagerDuty does.
            Alert a = alerts.get(index);
            alerts.set(index, new Alert(dedupKey, action.equals("resolve") ? "resolved" : "acknowledged", a.payload(), a.triggers()));
        }
    }

    private int activeIndex(String dedupKey) {
        for (int i = alerts.size() - 1; i >= 0; i--) {
            if (alerts.get(i).dedupKey().equals(dedupKey) && !alerts.get(i).status().equals("resolved")) {
                return i;
            }
        }
        return -1;
    }

    private static ResponseDefinition invalid(String error) {
        return json(400, Map.of("status", "invalid event", "message", "Event object is invalid", "errors", List.of(error)));
    }

    /** Every alert, oldest first (a retriggered resolved key appears twice). */
    public synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** Every accepted event, oldest first. */
    public synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }
}
