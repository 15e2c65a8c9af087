package io.plumbline.ticketing.sink.servicenow;

import io.plumbline.ticketing.sink.IncidentPlainText;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ServiceNow incidents through the Table API. The incident carries the correlation key in {@code correlation_id},
 * so a create whose answer was lost is found again instead of duplicated.
 */
@Startup
@ApplicationScoped
public class ServiceNowTicketSink implements TicketSink {

    static final String PREFIX = "plumbline.ticketing.servicenow.";
    private static final String TABLE = "/api/now/table/incident";
    private static final Map<String, Integer> IMPACT = Map.of("CRITICAL", 1, "HIGH", 1, "MEDIUM", 2, "LOW", 3, "INFORMATIONAL", 3);
    private static final Map<String, Integer> URGENCY = Map.of("CRITICAL", 1, "HIGH", 2, "MEDIUM", 2, "LOW", 3, "INFORMATIONAL", 3);
    private static final String STATE_IN_PROGRESS = "2";
    private static final String STATE_RESOLVED = "6";

    private final ServiceNowConfig config;
    private final String instance;
    private final String authorization;
    private final Map<String, Integer> impact;
    private final Map<String, Integer> urgency;
    private final VendorHttp http;

    @Inject
    public ServiceNowTicketSink(ServiceNowConfig config) {
        this.config = config;
        this.instance = config.instanceUrl().map(ServiceNowTicketSink::instance).orElse(null);
        this.authorization = instance == null ? null : authorization(config);
        this.impact = levels(IMPACT, config.impact(), "impact");
        this.urgency = levels(URGENCY, config.urgency(), "urgency");
        this.http = new VendorHttp(config.timeout());
    }

    @Override
    public String destination() {
        return "servicenow";
    }

    @Override
    public boolean enabled() {
        return instance != null;
    }

    @Override
    public SinkOutcome deliver(SinkRequest request) {
        try {
            ExternalTicket ticket;
            if (request.ticket().isPresent()) {
                ticket = request.ticket().get();
            } else {
                SinkOutcome opened = findOrCreate(request);
                if (!(opened instanceof SinkOutcome.Delivered delivered)) {
                    return opened;
                }
                ticket = delivered.ticket();
            }
            // Without a ticket the step still applies to the one just found or created (e.g. resolve it).
            return request.action() == DeliveryAction.OPEN ? SinkOutcome.delivered(ticket) : update(request, ticket);
        } catch (IOException e) {
            return VendorHttp.unreachable("ServiceNow " + request.action().name().toLowerCase(Locale.ROOT), e);
        }
    }

    private SinkOutcome findOrCreate(SinkRequest request) throws IOException {
        IncidentContent incident = request.incident();
        if (request.outcomeUnknown()) {
            // '^' joins conditions in an encoded query: a key carrying it could widen the search to other incidents.
            if (incident.correlationKey().indexOf('^') >= 0) {
                return SinkOutcome.rejected("correlation key is not usable in a ServiceNow query");
            }
            URI search = URI.create(instance + TABLE + "?sysparm_query=" + encode("correlation_id=" + incident.correlationKey())
                    + "&sysparm_limit=1&sysparm_fields=sys_id,number");
            VendorHttp.Reply found = http.send(authorized(search).GET().build());
            if (!found.ok()) {
                return found.failure("ServiceNow incident search", error(found));
            }
            JsonNode first = found.json().path("result").path(0);
            if (first.hasNonNull("sys_id")) {
                return SinkOutcome.delivered(ticket(first));
            }
        }
        VendorHttp.Reply created = http.send(authorized(URI.create(instance + TABLE))
                .POST(VendorHttp.body(incidentFields(request))).build());
        if (!created.ok()) {
            return created.failure("ServiceNow incident create", error(created));
        }
        JsonNode result = created.json().path("result");
        // A 2xx without a record (a proxy page, say) is no proof of creation: retry, looking the incident up first.
        return result.hasNonNull("sys_id") ? SinkOutcome.delivered(ticket(result))
                : SinkOutcome.failed("ServiceNow incident create answered HTTP " + created.status() + " without a sys_id");
    }

    private SinkOutcome update(SinkRequest request, ExternalTicket ticket) throws IOException {
        ObjectNode fields = VendorHttp.json().createObjectNode();
        String note = request.note().isBlank() ? "Updated by Plumbline" : request.note();
        switch (request.action()) {
            case UPDATE, ACKNOWLEDGE, COMMENT -> fields.put("work_notes", journal(note));
            case RESOLVE -> fields.put("state", STATE_RESOLVED).put("close_code", config.closeCode()).put("close_notes", note);
            case SUPPRESS -> fields.put("state", STATE_RESOLVED).put("close_code", config.riskAcceptedCloseCode())
                    .put("close_notes", note);
            case REOPEN -> fields.put("state", STATE_IN_PROGRESS).put("work_notes", journal(note));
            case OPEN -> throw new IllegalStateException("open is not an update");
        }
        URI uri = URI.create(instance + TABLE + "/" + encode(ticket.id()));
        VendorHttp.Reply reply = http.send(authorized(uri).method("PATCH", VendorHttp.body(fields)).build());
        if (!reply.ok()) {
            return reply.failure("ServiceNow incident " + request.action().name().toLowerCase(Locale.ROOT), error(reply));
        }
        return SinkOutcome.delivered(ticket);
    }

    private ObjectNode incidentFields(SinkRequest request) {
        IncidentContent incident = request.incident();
        String severity = Optional.ofNullable(incident.severity()).orElse("").toUpperCase(Locale.ROOT);
        ObjectNode fields = VendorHttp.json().createObjectNode()
                .put("short_description", IncidentPlainText.shorten(incident.title(), 160))
                .put("description", IncidentPlainText.render(incident, 4000))
                .put("impact", String.valueOf(impact.getOrDefault(severity, 3)))
                .put("urgency", String.valueOf(urgency.getOrDefault(severity, 3)))
                .put("category", config.category())
                .put("correlation_id", incident.correlationKey())
                .put("correlation_display", "Plumbline");
        request.target().serviceNowAssignmentGroup().or(config::assignmentGroup)
                .ifPresent(group -> fields.put("assignment_group", group));
        return fields;
    }

    private ExternalTicket ticket(JsonNode record) {
        String sysId = record.path("sys_id").asText();
        return new ExternalTicket(record.path("number").asText(sysId), sysId,
                instance + "/nav_to.do?uri=incident.do?sys_id=" + encode(sysId));
    }

    private HttpRequest.Builder authorized(URI uri) {
        return http.request(uri).header("Authorization", authorization);
    }

    /** The error envelope's message and detail: {@code {"error":{"message","detail"},"status":"failure"}}. */
    private static String error(VendorHttp.Reply reply) {
        JsonNode error = reply.json().path("error");
        String message = error.path("message").asText("");
        String detail = error.path("detail").asText("");
        return detail.isBlank() || detail.equals(message) ? message : message + " (" + detail + ")";
    }

    /** Journal fields render {@code [code]…[/code]} as HTML; AWS text must stay text. */
    private static String journal(String text) {
        return text.replaceAll("(?i)\\[(/?code)]", "[ $1 ]");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String instance(URI url) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + "instance-url must be an http(s) URL such as https://acme.service-now.com");
        }
        return url.toString().replaceAll("/+$", "");
    }

    private static String authorization(ServiceNowConfig config) {
        if (config.oauthToken().filter(t -> !t.isBlank()).isPresent()) {
            return "Bearer " + config.oauthToken().get();
        }
        String user = config.username().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                PREFIX + "username (with " + PREFIX + "password) or " + PREFIX + "oauth-token is required when "
                        + PREFIX + "instance-url is set"));
        String password = config.password().filter(p -> !p.isEmpty()).orElseThrow(() -> new IllegalArgumentException(
                PREFIX + "password is required when " + PREFIX + "username is set"));
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Integer> levels(Map<String, Integer> defaults, Map<String, Integer> overrides, String key) {
        Map<String, Integer> levels = new HashMap<>(defaults);
        overrides.forEach((severity, level) -> {
            String name = severity.toUpperCase(Locale.ROOT);
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException(PREFIX + key + "." + severity + ": unknown severity (CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL)");
            }
            if (level < 1 || level > 3) {
                throw new IllegalArgumentException(PREFIX + key + "." + severity + " must be 1, 2 or 3");
            }
            levels.put(name, level);
        });
        return Map.copyOf(levels);
    }
}
