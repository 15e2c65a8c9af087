package io.plumbline.ticketing.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ServiceNow's Table API for incidents: Basic or Bearer auth, 201 on insert, 200 on query and update, the
 * {@code {"error":{message,detail},"status":"failure"}} envelope, and the data policy that resolving needs
 * close_code and close_notes. Work notes are kept as a journal per incident.
 */
public class FakeServiceNow extends VendorFake {

    private static final String TABLE = "/api/now/table/incident";
    private static final Set<String> LEVELS = Set.of("1", "2", "3");
    private static final Set<String> STATES = Set.of("1", "2", "3", "6", "7", "8");

    private final String basic;
    private final String bearer;
    private final Map<String, ObjectNode> incidents = new LinkedHashMap<>();
    private final Map<String, List<String>> workNotes = new LinkedHashMap<>();
    private int nextNumber = 10001;

    public FakeServiceNow(String username, String password, String oauthToken) {
        this.basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.bearer = "Bearer " + oauthToken;
    }

    @Override
    protected ResponseDefinition handle(Request request) {
        String auth = request.getHeader("Authorization");
        if (!basic.equals(auth) && !bearer.equals(auth)) {
            return error(401, "User Not Authenticated", "Required to provide Auth information");
        }
        String path = URI.create(request.getUrl()).getPath();
        String method = request.getMethod().getName();
        if (path.equals(TABLE) && method.equals("POST")) {
            return insert(body(request));
        }
        if (path.equals(TABLE) && method.equals("GET")) {
            return query(request);
        }
        if (path.startsWith(TABLE + "/") && method.equals("PATCH")) {
            return update(path.substring(TABLE.length() + 1), body(request));
        }
        return error(400, "Requested URI does not represent any resource", path);
    }

    private ResponseDefinition insert(JsonNode body) {
        if (body == null || !body.isObject()) {
            return error(400, "Exception while reading request", "The payload is not valid JSON.");
        }
        String shortDescription = body.path("short_description").asText("");
        if (shortDescription.isBlank() || shortDescription.length() > 160) {
            return error(400, "Operation Failed", "short_description is mandatory and at most 160 characters");
        }
        for (String level : List.of("impact", "urgency")) {
            if (body.has(level) && !LEVELS.contains(body.path(level).asText())) {
                return error(400, "Operation Failed", level + " must be 1, 2 or 3");
            }
        }
        String sysId = HexFormat.of().formatHex(random16());
        ObjectNode record = JSON.createObjectNode();
        body.properties().forEach(e -> {
            if (!e.getKey().equals("work_notes")) {
                record.put(e.getKey(), e.getValue().asText());
            }
        });
        record.put("sys_id", sysId).put("number", "INC" + String.format("%07d", nextNumber++)).put("state", "1");
        incidents.put(sysId, record);
        workNotes.put(sysId, new ArrayList<>());
        return json(201, Map.of("result", record));
    }

    private ResponseDefinition query(Request request) {
        QueryParameter query = request.queryParameter("sysparm_query");
        if (!query.isPresent() || !query.firstValue().startsWith("correlation_id=") || query.firstValue().contains("^")) {
            return error(400, "Invalid query", "this fake answers correlation_id=<value> only");
        }
        String correlationId = query.firstValue().substring("correlation_id=".length());
        QueryParameter limitParam = request.queryParameter("sysparm_limit");
        int limit = limitParam.isPresent() ? Integer.parseInt(limitParam.firstValue()) : Integer.MAX_VALUE;
        List<ObjectNode> found = incidents.values().stream()
                .filter(r -> r.path("correlation_id").asText().equals(correlationId)).limit(limit).toList();
        return json(200, Map.of("result", found));
    }

    private ResponseDefinition update(String sysId, JsonNode body) {
        ObjectNode record = incidents.get(sysId);
        if (record == null) {
            return error(404, "No Record found", "Record doesn't exist or ACL restricts the record retrieval");
        }
        if (body == null || !body.isObject()) {
            return error(400, "Exception while reading request", "The payload is not valid JSON.");
        }
        if (body.has("state") && !STATES.contains(body.path("state").asText())) {
            return error(400, "Operation Failed", "state " + body.path("state").asText() + " is not a choice");
        }
        ObjectNode next = record.deepCopy();
        body.properties().forEach(e -> {
            if (!e.getKey().equals("work_notes")) {
                next.put(e.getKey(), e.getValue().asText());
            }
        });
        String state = next.path("state").asText();
        // The out-of-the-box data policy: a resolved or closed incident needs a resolution code and notes.
        if ((state.equals("6") || state.equals("7"))
                && (next.path("close_code").asText("").isBlank() || next.path("close_notes").asText("").isBlank())) {
            return error(400, "Data Policy Exception: ",
                    "The following fields are mandatory: Resolution code, Resolution notes");
        }
        incidents.put(sysId, next);
        Optional.ofNullable(body.get("work_notes")).map(JsonNode::asText).filter(n -> !n.isBlank())
                .ifPresent(workNotes.get(sysId)::add);
        return json(200, Map.of("result", next));
    }

    private static byte[] random16() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static ResponseDefinition error(int status, String message, String detail) {
        return json(status, Map.of("error", Map.of("message", message, "detail", detail), "status", "failure"));
    }

    /** Every incident, in creation order. */
    public synchronized List<ObjectNode> incidents() {
        return incidents.values().stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized ObjectNode incident(String sysId) {
        return incidents.get(sysId).deepCopy();
    }

    public synchronized List<String> workNotes(String sysId) {
        return List.copyOf(workNotes.get(sysId));
    }

    /** An incident created outside this test's sink call (e.g. by an attempt whose answer was lost). */
    public synchronized ObjectNode seed(Map<String, String> fields) {
        ObjectNode body = JSON.createObjectNode();
        fields.forEach(body::put);
        insert(body);
        return incidents().getLast();
    }
}
