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
 * OpsGenie's (or JSM Operations') outgoing webhook. Unsigned by the vendor, so it must carry the shared secret
 * ({@code X-Plumbline-Token} header or basic-auth password). Acknowledge → ACKNOWLEDGED everywhere; a human's
 * close is recorded and told to the other destinations; Plumbline's own closes echo back harmlessly.
 */
@Path("/webhooks/opsgenie")
public class OpsGenieWebhookResource {

    private final IncidentService incidents;
    private final WebhookIntake intake;

    public OpsGenieWebhookResource(IncidentService incidents, WebhookIntake intake) {
        this.incidents = incidents;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpsGenie / JSM Operations alert actions: Acknowledge and Close")
    public Response receive(@HeaderParam("X-Plumbline-Token") String token,
                            @HeaderParam("Authorization") String authorization, byte[] body) {
        if (!Secrets.sharedSecretMatches(intake.config().opsgenie().webhookSecret(), token, authorization)) {
            return WebhookIntake.answer(401, "refused", "missing or wrong shared secret");
        }
        JsonNode event = WebhookIntake.json(body).orElse(null);
        if (event == null) {
            return WebhookIntake.answer(400, "refused", "body is not JSON");
        }
        String action = event.path("action").asText("");
        String alias = event.path("alert").path("alias").asText("");
        String actor = event.path("alert").path("username").asText(null);
        if (alias.isEmpty() || !(action.equals("Acknowledge") || action.equals("Close"))) {
            return WebhookIntake.answer(200, "ignored", "action " + action + " is not tracked");
        }
        return intake.once("opsgenie", WebhookIntake.deliveryKey(null, "opsgenie", body), () -> {
            IncidentService.HumanOutcome outcome = action.equals("Acknowledge")
                    ? incidents.acknowledgedByHuman(alias, "opsgenie", actor)
                    : incidents.noteFromHuman(alias, "opsgenie", actor,
                            "The OpsGenie alert was closed" + (actor == null ? "" : " by " + actor)
                                    + " while the findings still fail");
            return new WebhookAnswer(outcome.name().toLowerCase(Locale.ROOT), alias);
        });
    }
}
