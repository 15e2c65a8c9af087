package io.plumbline.ticketing.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.ticketing.config.TicketingConfig;
import io.plumbline.ticketing.delivery.Ticket;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.incident.IncidentService;
import io.plumbline.ticketing.incident.IncidentService.Closure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Jira's "issue updated" webhook. Verified by its HMAC signature; a retry of a delivery already applied, or the
 * echo of a change Plumbline itself made, changes nothing.
 */
@Path("/webhooks/jira")
public class JiraWebhookResource {

    private final IncidentService incidents;
    private final InboundLog inbound;
    private final TicketingConfig.Inbound config;

    public JiraWebhookResource(IncidentService incidents, InboundLog inbound, TicketingConfig config) {
        this.incidents = incidents;
        this.inbound = inbound;
        this.config = config.inbound();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Jira issue updates: done as risk accepted → SUPPRESSED, false positive → FALSE_POSITIVE, done while failing → reopened")
    public Response receive(@HeaderParam("X-Hub-Signature") String signature,
                            @HeaderParam("X-Atlassian-Webhook-Identifier") String deliveryId, byte[] body) {
        if (!Secrets.hubSignatureMatches(config.jira().webhookSecret(), signature, body)) {
            return Response.status(401).entity(new WebhookAnswer("refused", "missing or invalid X-Hub-Signature")).build();
        }
        JsonNode event;
        try {
            event = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return Response.status(400).entity(new WebhookAnswer("refused", "body is not JSON")).build();
        }
        String issueKey = event.path("issue").path("key").asText("");
        boolean statusChanged = false;
        for (JsonNode item : event.path("changelog").path("items")) {
            statusChanged |= "status".equals(item.path("field").asText()) || "resolution".equals(item.path("field").asText());
        }
        if (!"jira:issue_updated".equals(event.path("webhookEvent").asText()) || !statusChanged || issueKey.isEmpty()) {
            return Response.ok(new WebhookAnswer("ignored", "not a status change")).build();
        }
        String key = deliveryId != null && !deliveryId.isBlank() ? deliveryId
                : HexFormat.of().formatHex(Secrets.hmacSha256("jira", body));
        JsonNode fields = event.path("issue").path("fields");
        boolean done = "done".equals(fields.path("status").path("statusCategory").path("key").asText());
        String resolution = fields.path("resolution").path("name").asText(null);
        String actor = event.path("user").path("displayName").asText(null);
        WebhookAnswer answer = QuarkusTransaction.requiringNew().call(() -> {
            if (!inbound.firstTime("jira", key)) {
                return new WebhookAnswer("duplicate", "delivery already applied");
            }
            Optional<String> correlation = correlationKey(issueKey, fields);
            if (correlation.isEmpty()) {
                return new WebhookAnswer("ignored", "not a Plumbline issue");
            }
            IncidentService.HumanOutcome outcome = done
                    ? incidents.closedByHuman(correlation.get(), "jira", actor, closure(resolution), resolution,
                            config.riskAcceptedFor(), config.reopenWhenStillFailing())
                    : incidents.reopenedByHuman(correlation.get(), "jira", actor);
            return new WebhookAnswer(outcome.name().toLowerCase(Locale.ROOT), issueKey);
        });
        return Response.ok(answer).build();
    }

    private Closure closure(String resolution) {
        if (resolution == null) {
            return Closure.DONE;
        }
        if (config.riskAcceptedResolutions().stream().anyMatch(r -> r.equalsIgnoreCase(resolution))) {
            return Closure.RISK_ACCEPTED;
        }
        if (config.falsePositiveResolutions().stream().anyMatch(r -> r.equalsIgnoreCase(resolution))) {
            return Closure.FALSE_POSITIVE;
        }
        return Closure.DONE;
    }

    /** The ledger knows which incident owns the issue; a Plumbline label is the fallback (e.g. a moved issue). */
    private static Optional<String> correlationKey(String issueKey, JsonNode fields) {
        Optional<Ticket> ticket = Ticket.find("destination = 'jira' and externalKey = ?1", issueKey).firstResultOptional();
        if (ticket.isPresent()) {
            return Optional.ofNullable(Incident.<Incident>findById(ticket.get().incidentId)).map(i -> i.correlationKey);
        }
        for (JsonNode label : fields.path("labels")) {
            String text = label.asText();
            if (text.startsWith("plumbline-") && text.length() > "plumbline-".length()) {
                return Optional.of(text.substring("plumbline-".length()));
            }
        }
        return Optional.empty();
    }
}
