package io.plumbline.ticketing.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * OpsGenie's Alert API v2 and its successor JSM Operations (same payloads under {@code /jsm/ops/integration}):
 * {@code GenieKey} auth, 202 with a requestId, 422 on the documented limits, dedup of open alerts by alias
 * (only the count rises), and close / acknowledge / notes by alias.
 */
public class FakeOpsGenie extends VendorFake {

    public static final String OPSGENIE_ALERTS = "/v2/alerts";
    public static final String JSM_ALERTS = "/jsm/ops/integration/v2/alerts";
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
    private static final Set<String> RESPONDER_TYPES = Set.of("team", "user", "escalation", "schedule");

    /** One alert as OpsGenie holds it; {@code api} is the alerts path it was created through. */
    public record Alert(String id, String api, JsonNode created, String status, boolean acknowledged, int count,
                        List<String> notes) {}

    private final String apiKey;
    private final List<Alert> alerts = new ArrayList<>();

    public FakeOpsGenie(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    protected ResponseDefinition handle(Request request) {
        if (!("GenieKey " + apiKey).equals(request.getHeader("Authorization"))) {
            return error(401, "Could not authenticate", Map.of());
        }
        String path = URI.create(request.getUrl()).getPath();
        String api = path.startsWith(JSM_ALERTS) ? JSM_ALERTS : path.startsWith(OPSGENIE_ALERTS) ? OPSGENIE_ALERTS : null;
        if (api == null || !request.getMethod().getName().equals("POST")) {
            return error(404, "No such endpoint", Map.of());
        }
        JsonNode body = body(request);
        if (body == null || !body.isObject()) {
            return error(400, "Could not parse request body", Map.of());
        }
        String rest = path.substring(api.length());
        if (rest.isEmpty()) {
            return create(api, body);
        }
        String[] parts = rest.substring(1).split("/");
        QueryParameter identifierType = request.queryParameter("identifierType");
        if (parts.length != 2 || !identifierType.isPresent() || !identifierType.firstValue().equals("alias")) {
            return error(404, "Alert does not exist", Map.of());
        }
        return act(parts[0], parts[1], body);
    }

    private ResponseDefinition create(String api, JsonNode body) {
        Map<String, String> errors = new LinkedHashMap<>();
        String message = body.path("message").asText("");
        if (message.isBlank()) {
            errors.put("message", "Message can not be empty.");
        } else if (message.length() > 130) {
            errors.put("message", "Message can not be longer than 130 characters.");
        }
        if (body.path("alias").asText("").length() > 512) {
            errors.put("alias", "Alias can not be longer than 512 characters.");
        }
        if (body.path("description").asText("").length() > 15_000) {
            errors.put("description", "Description can not be longer than 15000 characters.");
        }
        if (body.has("priority") && !PRIORITIES.contains(body.path("priority").asText())) {
            errors.put("priority", "Priority should be one of [P1, P2, P3, P4, P5]");
        }
        if (body.path("tags").size() > 20) {
            errors.put("tags", "Tags can not be more than 20.");
        }
        body.path("tags").forEach(tag -> {
            if (tag.asText().length() > 50) {
                errors.put("tags", "Tag can not be longer than 50 characters.");
            }
        });
        body.path("responders").forEach(r -> {
            if (!RESPONDER_TYPES.contains(r.path("type").asText())
                    || !r.hasNonNull(r.path("type").asText().equals("user") ? "username" : "name")) {
                errors.put("responders", "Responder is not valid: " + r);
            }
        });
        if (!errors.isEmpty()) {
            return error(422, "Request body is not processable. Please check the errors.", errors);
        }
        String alias = body.path("alias").asText(message);
        Optional<Alert> open = open(alias);
        if (open.isPresent()) {
            Alert a = open.get();
            replace(a, new Alert(a.id(), a.api(), a.created(), a.status(), a.acknowledged(), a.count() + 1, a.notes()));
        } else {
            alerts.add(new Alert(UUID.randomUUID().toString(), api, body.deepCopy(), "open", false, 1, List.of()));
        }
        return accepted();
    }

    private ResponseDefinition act(String alias, String verb, JsonNode body) {
        String note = body.path("note").asText("");
        if (note.length() > 25_000) {
            return error(422, "Request body is not processable. Please check the errors.",
                    Map.of("note", "Note can not be longer than 25000 characters."));
        }
        if (verb.equals("notes") && note.isBlank()) {
            return error(422, "Request body is not processable. Please check the errors.",
                    Map.of("note", "Note can not be empty."));
        }
        if (!Set.of("close", "acknowledge", "notes").contains(verb)) {
            return error(404, "No such endpoint", Map.of());
        }
        // Processing is asynchronous: an unknown alias is still accepted (the request's status tells it failed).
        Optional<Alert> found = open(alias);
        found.ifPresent(a -> {
            List<String> notes = new ArrayList<>(a.notes());
            if (!note.isBlank()) {
                notes.add(note);
            }
            replace(a, new Alert(a.id(), a.api(), a.created(), verb.equals("close") ? "closed" : a.status(),
                    a.acknowledged() || verb.equals("acknowledge"), a.count(), List.copyOf(notes)));
        });
        return accepted();
    }

    private Optional<Alert> open(String alias) {
        return alerts.stream().filter(a -> a.status().equals("open") && a.created().path("alias").asText().equals(alias))
                .findFirst();
    }

    private void replace(Alert old, Alert next) {
        alerts.set(alerts.indexOf(old), next);
    }

    private static ResponseDefinition accepted() {
        return json(202, Map.of("result", "Request will be processed", "took", 0.01, "requestId", UUID.randomUUID().toString()));
    }

    private static ResponseDefinition error(int status, String message, Map<String, String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.put("took", 0.0);
        body.put("requestId", UUID.randomUUID().toString());
        return json(status, body);
    }

    /** Every alert, oldest first. */
    public synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** The newest alert with this alias. */
    public synchronized Alert alert(String alias) {
        return alerts.reversed().stream().filter(a -> a.created().path("alias").asText().equals(alias)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert with alias " + alias));
    }
}
