package io.plumbline.ticketing.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.ticketing.config.TicketingConfig;
import io.plumbline.ticketing.incident.IncidentService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * OpsGenie's (or JSM Operations') outgoing webhook. Unsigned by the vendor, so it must carry the shared secret
 * ({@code X-Plumbline-Token} header or basic-auth password). Acknowledge → ACKNOWLEDGED everywhere; a human's
 * close is recorded and told to the other destinations; Plumbline's own closes echo back harmlessly.
 */
@Path("/webhooks/opsgenie")
public class OpsGenieWebhookResource {

    private final IncidentService incidents;
    private final InboundLog inbound;
    private final TicketingConfig.Inbound config;

    public OpsGenieWebhookResource(IncidentService incidents, InboundLog inbound, TicketingConfig config) {
        this.incidents = incidents;
        this.inbound = inbound;
        this.config = config.inbound();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpsGenie / JSM Operations alert actions: Acknowledge and Close")
    public Response receive(@HeaderParam("X-Plumbline-Token") String token,
                            @HeaderParam("Authorization") String authorization, byte[] body) {
        if (!Secrets.sharedSecretMatches(config.opsgenie().webhookSecret(), token, authorization)) {
            return Response.status(401).entity(new WebhookAnswer("refused", "missing or wrong shared secret")).build();
        }
        JsonNode event;
        try {
            event = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return Response.status(400).entity(new WebhookAnswer("refused", "body is not JSON")).build();
        }
        String action = event.path("action").asText("");
        String alias = event.path("alert").path("alias").asText("");
        String actor = event.path("alert").path("username").asText(null);
        if (alias.isEmpty() || !(action.equals("Acknowledge") || action.equals("Close"))) {
            return Response.ok(new WebhookAnswer("ignored", "action " + action + " is not tracked")).build();
        }
        String key = HexFormat.of().formatHex(Secrets.hmacSha256("opsgenie", body));
        WebhookAnswer answer = QuarkusTransaction.requiringNew().call(() -> {
            if (!inbound.firstTime("opsgenie", key)) {
                return new WebhookAnswer("duplicate", "delivery already applied");
            }
            IncidentService.HumanOutcome outcome = action.equals("Acknowledge")
                    ? incidents.acknowledgedByHuman(alias, "opsgenie", actor)
                    : incidents.noteFromHuman(alias, "opsgenie", actor,
                            "The OpsGenie alert was closed" + (actor == null ? "" : " by " + actor)
                                    + " while the findings still fail");
            return new WebhookAnswer(outcome.name().toLowerCase(Locale.ROOT), alias);
        });
        return Response.ok(answer).build();
    }
}
