package io.plumbline.ticketing.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.ticketing.delivery.Ticket;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.incident.IncidentService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
    private final WebhookIntake intake;

    public JiraWebhookResource(IncidentService incidents, WebhookIntake intake) {
        this.incidents = incidents;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Jira issue updates: done as risk accepted → SUPPRESSED, false positive → FALSE_POSITIVE, done while failing → reopened")
    public Response receive(@HeaderParam("X-Hub-Signature") String signature,
                            @HeaderParam("X-Atlassian-Webhook-Identifier") String deliveryId, byte[] body) {
        if (!Secrets.hubSignatureMatches(intake.config().jira().webhookSecret(), signature, body)) {
            return WebhookIntake.answer(401, "refused", "missing or invalid X-Hub-Signature");
        }
        JsonNode event = WebhookIntake.json(body).orElse(null);
        if (event == null) {
            return WebhookIntake.answer(400, "refused", "body is not JSON");
        }
        String issueKey = event.path("issue").path("key").asText("");
        boolean statusChanged = false;
        for (JsonNode item : event.path("changelog").path("items")) {
            statusChanged |= "status".equals(item.path("field").asText()) || "resolution".equals(item.path("field").asText());
        }
        if (!"jira:issue_updated".equals(event.path("webhookEvent").asText()) || !statusChanged || issueKey.isEmpty()) {
            return WebhookIntake.answer(200, "ignored", "not a status change");
        }
        JsonNode fields = event.path("issue").path("fields");
        boolean done = "done".equals(fields.path("status").path("statusCategory").path("key").asText());
        String resolution = fields.path("resolution").path("name").asText(null);
        String actor = event.path("user").path("displayName").asText(null);
        return intake.once("jira", WebhookIntake.deliveryKey(deliveryId, "jira", body), () -> {
            Optional<String> correlation = correlationKey(issueKey, fields);
            if (correlation.isEmpty()) {
                return new WebhookAnswer("ignored", "not a Plumbline issue");
            }
            IncidentService.HumanOutcome outcome = done
                    ? incidents.closedByHuman(correlation.get(), "jira", actor, intake.closure(resolution), resolution,
                            intake.config().riskAcceptedFor(), intake.config().reopenWhenStillFailing())
                    : incidents.reopenedByHuman(correlation.get(), "jira", actor);
            return new WebhookAnswer(outcome.name().toLowerCase(Locale.ROOT), issueKey);
        });
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
