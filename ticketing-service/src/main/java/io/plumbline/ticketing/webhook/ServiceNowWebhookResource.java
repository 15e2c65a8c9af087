package io.plumbline.ticketing.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.ticketing.incident.IncidentService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
    private final WebhookIntake intake;

    public ServiceNowWebhookResource(IncidentService incidents, WebhookIntake intake) {
        this.incidents = incidents;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "ServiceNow incident changes pushed by a Business Rule")
    public Response receive(@HeaderParam("X-Plumbline-Token") String token,
                            @HeaderParam("Authorization") String authorization, byte[] body) {
        if (!Secrets.sharedSecretMatches(intake.config().servicenow().webhookSecret(), token, authorization)) {
            return WebhookIntake.answer(401, "refused", "missing or wrong shared secret");
        }
        JsonNode change = WebhookIntake.json(body).orElse(null);
        if (change == null) {
            return WebhookIntake.answer(400, "refused", "body is not JSON");
        }
        String correlation = change.path("correlation_id").asText("");
        String state = change.path("state").asText("");
        String closeCode = change.path("close_code").asText(null);
        String actor = change.path("sys_updated_by").asText(null);
        if (correlation.isEmpty() || state.isEmpty()) {
            return WebhookIntake.answer(200, "ignored", "no correlation_id or state");
        }
        boolean closed = state.equals("6") || state.equals("7");
        return intake.once("servicenow", WebhookIntake.deliveryKey(null, "servicenow", body), () -> {
            IncidentService.HumanOutcome outcome = closed
                    ? incidents.closedByHuman(correlation, "servicenow", actor, intake.closure(closeCode), closeCode,
                            intake.config().riskAcceptedFor(), intake.config().reopenWhenStillFailing())
                    : state.equals("1") || state.equals("2")
                            ? incidents.reopenedByHuman(correlation, "servicenow", actor)
                            : IncidentService.HumanOutcome.RECORDED;
            return new WebhookAnswer(outcome.name().toLowerCase(Locale.ROOT), change.path("number").asText(""));
        });
    }

}
