package io.plumbline.ticketing.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.ticketing.config.TicketingConfig;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * ServiceNow has no webhook registration: a Business Rule's outbound REST message pushes the changed incident
 * here ({@code sys_id, number, state, close_code, correlation_id, sys_updated_by}) with the shared secret.
 * States 6 Resolved / 7 Closed map like Jira's done (by close code); 1 New / 2 In Progress after that, a reopen.
 */
@Path("/webhooks/servicenow")
public class ServiceNowWebhookResource {

    private final IncidentService incidents;
    private final InboundLog inbound;
    private final TicketingConfig.Inbound config;

    public ServiceNowWebhookResource(IncidentService incidents, InboundLog inbound, TicketingConfig config) {
        this.incidents = incidents;
        this.inbound = inbound;
        this.config = config.inbound();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "ServiceNow incident changes pushed by a Business Rule")
    public Response receive(@HeaderParam("X-Plumbline-Token") String token,
                            @HeaderParam("Authorization") String authorization, byte[] body) {
        if (!Secrets.sharedSecretMatches(config.servicenow().webhookSecret(), token, authorization)) {
            return Response.status(401).entity(new WebhookAnswer("refused", "missing or wrong shared secret")).build();
        }
        JsonNode change;
        try {
            change = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return Response.status(400).entity(new WebhookAnswer("refused", "body is not JSON")).build();
        }
        String correlation = change.path("correlation_id").asText("");
        String state = change.path("state").asText("");
        String closeCode = change.path("close_code").asText(null);
        String actor = change.path("sys_updated_by").asText(null);
        if (correlation.isEmpty() || state.isEmpty()) {
            return Response.ok(new WebhookAnswer("ignored", "no correlation_id or state")).build();
        }
        String key = HexFormat.of().formatHex(Secrets.hmacSha256("servicenow", body));
        boolean closed = state.equals("6") || state.equals("7");
        WebhookAnswer answer = QuarkusTransaction.requiringNew().call(() -> {
            if (!inbound.firstTime("servicenow", key)) {
                return new WebhookAnswer("duplicate", "delivery already applied");
            }
            IncidentService.HumanOutcome outcome = closed
                    ? incidents.closedByHuman(correlation, "servicenow", actor, closure(closeCode), closeCode,
                            config.riskAcceptedFor(), config.reopenWhenStillFailing())
                    : state.equals("1") || state.equals("2")
                            ? incidents.reopenedByHuman(correlation, "servicenow", actor)
                            : IncidentService.HumanOutcome.RECORDED;
            return new WebhookAnswer(outcome.name().toLowerCase(Locale.ROOT), change.path("number").asText(""));
        });
        return Response.ok(answer).build();
    }

    private Closure closure(String closeCode) {
        if (closeCode == null) {
            return Closure.DONE;
        }
        if (config.riskAcceptedResolutions().stream().anyMatch(r -> r.equalsIgnoreCase(closeCode))) {
            return Closure.RISK_ACCEPTED;
        }
        if (config.falsePositiveResolutions().stream().anyMatch(r -> r.equalsIgnoreCase(closeCode))) {
            return Closure.FALSE_POSITIVE;
        }
        return Closure.DONE;
    }
}
