package io.plumbline.remediation.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.remediation.audit.AuditLog;
import io.plumbline.remediation.config.RemediationConfig;
import io.plumbline.remediation.proposal.Decision;
import io.plumbline.remediation.proposal.ProposalService;
import io.plumbline.remediation.proposal.RemediationRunner;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Slack's interactivity endpoint. Signature (constant time), 5-minute window and replay guard first — a request
 * failing any of them is answered 401 and changes nothing; then the decision (or Undo, for an approver of the
 * action), answered at once; the fix and the undo run later.
 */
@Path("/slack/interactions")
public class SlackInteractionResource {

    private static final Logger LOG = Logger.getLogger(SlackInteractionResource.class);
    static final long WINDOW_SECONDS = 300;
    private static final Set<String> BUTTONS = Set.of(SlackMessages.APPROVE, SlackMessages.REJECT, SlackMessages.UNDO);

    private final RemediationConfig.Slack config;
    private final ReplayGuard replays;
    private final ProposalService proposals;
    private final RemediationRunner runner;
    private final SlackApprovals slack;
    private final AuditLog audit;
    /** Undo and the replies to the clicking user run here: Slack wants its answer within 3 s. */
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public SlackInteractionResource(RemediationConfig config, ReplayGuard replays, ProposalService proposals,
            RemediationRunner runner, SlackApprovals slack, AuditLog audit) {
        this.config = config.slack();
        this.replays = replays;
        this.proposals = proposals;
        this.runner = runner;
        this.slack = slack;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response interact(@HeaderParam("X-Slack-Signature") String signature,
            @HeaderParam("X-Slack-Request-Timestamp") String timestamp, String body) {
        String raw = body == null ? "" : body;
        long ts;
        try {
            ts = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            return unauthorized("missing or malformed X-Slack-Request-Timestamp");
        }
        if (config.signingSecret().isEmpty()) {
            return unauthorized("no signing secret is configured");
        }
        long now = System.currentTimeMillis() / 1000;
        if (Math.abs(now - ts) > WINDOW_SECONDS) {
            return unauthorized("stale request: timestamp " + ts + " is more than 5 minutes from now");
        }
        if (!SlackSignature.matches(config.signingSecret().get(), timestamp.trim(), raw, signature)) {
            return unauthorized("signature does not match");
        }
        if (!replays.firstSeen(signature, ts)) {
            return unauthorized("replayed request: this signature was already used");
        }
        JsonNode payload;
        try {
            payload = EventJson.mapper().readTree(formField(raw, "payload"));
        } catch (Exception e) {
            return Response.status(400).entity(Map.of("text", "no interaction payload")).build();
        }
        String user = payload.path("user").path("id").asText(null);
        JsonNode action = payload.path("actions").path(0);
        String actionId = action.path("action_id").asText("");
        if (!"block_actions".equals(payload.path("type").asText()) || !BUTTONS.contains(actionId)) {
            return Response.ok(Map.of("text", "nothing to do")).build();
        }
        String actor = "slack:" + user;
        String value = action.path("value").asText(null);
        String responseUrl = payload.path("response_url").asText(null);
        String text = SlackMessages.UNDO.equals(actionId) ? undo(value, actor, responseUrl)
                : decide(value, actor, SlackMessages.APPROVE.equals(actionId), responseUrl);
        return Response.ok(Map.of("text", text)).build();
    }

    private String decide(String proposalId, String actor, boolean approve, String responseUrl) {
        String text = switch (proposals.decide(proposalId, actor, approve, false)) {
            case Decision.Approved approved -> {
                runner.executeLater(approved.proposal().id);
                yield "Approved: applying " + approved.proposal().actionId + " to " + approved.proposal().resourceId + ".";
            }
            case Decision.Pending pending -> "Approval recorded (" + pending.approvals().size() + " of " + pending.needed()
                    + "): " + pending.proposal().actionId + " runs once a different approver approves too.";
            case Decision.Rejected rejected -> "Rejected: nothing will be changed.";
            case Decision.Refused refused -> "Refused: " + refused.reason();
        };
        replyLater(responseUrl, () -> text);
        return text;
    }

    /** A refused click is answered at once; an accepted one is undone in the background and its outcome sent then. */
    private String undo(String proposalId, String actor, String responseUrl) {
        return switch (proposals.requestUndo(proposalId, actor)) {
            case ProposalService.UndoRequest.Refused refused -> {
                replyLater(responseUrl, () -> "Refused: " + refused.reason());
                yield "Refused: " + refused.reason();
            }
            case ProposalService.UndoRequest.Accepted accepted -> {
                replyLater(responseUrl, () -> switch (runner.undo(accepted.proposal().id, actor)) {
                    case RemediationRunner.Undo.RolledBack done -> "Undone: " + done.detail() + ".";
                    case RemediationRunner.Undo.Refused refused -> "Refused: " + refused.reason();
                });
                yield "Undoing " + accepted.proposal().actionId + " on " + accepted.proposal().resourceId + ".";
            }
        };
    }

    /** Works out the text off the request thread and sends it to the clicking user (ephemeral, via response_url). */
    private void replyLater(String responseUrl, Supplier<String> text) {
        background.submit(() -> {
            String answer;
            try {
                answer = text.get();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Slack interaction failed");
                answer = "Failed: " + e.getMessage();
            }
            if (responseUrl != null && !responseUrl.isBlank()) {
                try {
                    slack.reply(responseUrl, answer);
                } catch (Exception e) {
                    LOG.debugf("reply to the Slack user not sent: %s", e.getMessage());
                }
            }
        });
    }

    private Response unauthorized(String reason) {
        audit.refused("slack", null, "slack interaction", reason);
        return Response.status(401).entity(Map.of("error", reason)).build();
    }

    /** One field of the raw form body (the body itself must stay raw: it is what the signature covers). */
    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("no " + name + " field");
    }
}
