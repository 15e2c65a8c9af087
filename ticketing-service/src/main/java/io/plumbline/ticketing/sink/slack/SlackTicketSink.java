package io.plumbline.ticketing.sink.slack;

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
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Slack: one message per incident in the route's channel, edited in place on every change, with each change's
 * note as a reply in the message's thread. The ticket is (key = message ts, id = channel id).
 */
@ApplicationScoped
@Startup // a token without a channel fails start-up, not the first delivery
public class SlackTicketSink implements TicketSink {

    private static final Logger LOG = Logger.getLogger(SlackTicketSink.class);

    /** Errors a retry cannot fix: dead letter. */
    private static final Set<String> REJECTED = Set.of("invalid_auth", "not_authed", "account_inactive",
            "token_revoked", "channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "invalid_blocks",
            "message_not_found", "missing_scope");
    /** Slack's own transient failures: retry with backoff. */
    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout");
    /** How far back a retry looks for its own earlier post: retries come within minutes, 200 messages is plenty. */
    private static final int HISTORY_WINDOW = 200;

    private final SlackConfig config;
    private final VendorHttp http;

    @Inject
    public SlackTicketSink(SlackConfig config) {
        if (config.botToken().isPresent()) {
            if (!config.botToken().get().startsWith("xoxb-")) {
                throw new IllegalStateException("plumbline.ticketing.slack.bot-token must be a Slack bot token (xoxb-…)");
            }
            if (config.channel().filter(c -> !c.isBlank()).isEmpty()) {
                throw new IllegalStateException(
                        "plumbline.ticketing.slack.channel must be set when plumbline.ticketing.slack.bot-token is set");
            }
        }
        this.config = config;
        this.http = new VendorHttp(config.timeout());
    }

    @Override
    public String destination() {
        return "slack";
    }

    @Override
    public boolean enabled() {
        return config.botToken().isPresent();
    }

    /** Slack allows about one message per second per channel. */
    @Override
    public String rateScope(SinkRequest request) {
        return request.ticket().map(ExternalTicket::id).orElseGet(() -> channel(request));
    }

    @Override
    public SinkOutcome deliver(SinkRequest request) {
        if (!enabled()) {
            return SinkOutcome.rejected("Slack is not configured (plumbline.ticketing.slack.bot-token)");
        }
        if (request.ticket().isEmpty()) {
            // the fresh message already shows the current state; a thread reply that failed here would lose its ts
            return open(request);
        }
        ExternalTicket ticket = request.ticket().get();
        SinkOutcome updated = update(ticket, request.incident());
        if (request.action() == DeliveryAction.OPEN || !(updated instanceof SinkOutcome.Delivered)) {
            return updated;
        }
        return reply(ticket, request.note());
    }

    private SinkOutcome open(SinkRequest request) {
        String channel = channel(request);
        if (request.outcomeUnknown()) {
            Answer history = history(channel);
            if (history.ok()) {
                Optional<ExternalTicket> previous = find(history.json(), channel, request.incident().correlationKey());
                if (previous.isPresent()) {
                    return update(previous.get(), request.incident());
                }
            } else if (history.failure() instanceof SinkOutcome.Rejected rejected) {
                // history needs a channel id and channels:history; without them a duplicate beats a dead letter
                LOG.warnf("Slack: cannot look for an earlier post of incident %d, posting again (%s)",
                        request.incident().id(), rejected.reason());
            } else {
                return history.failure();
            }
        }
        SlackMessages.Message message = SlackMessages.incident(request.incident());
        ObjectNode body = VendorHttp.json().createObjectNode().put("channel", channel).put("text", message.text());
        body.set("blocks", message.blocks());
        body.set("metadata", message.metadata());
        Answer posted = post("chat.postMessage", body);
        if (!posted.ok()) {
            return posted.failure();
        }
        return SinkOutcome.delivered(new ExternalTicket(posted.json().path("ts").asText(),
                posted.json().path("channel").asText(channel), null));
    }

    private SinkOutcome update(ExternalTicket ticket, IncidentContent incident) {
        SlackMessages.Message message = SlackMessages.incident(incident);
        ObjectNode body = VendorHttp.json().createObjectNode()
                .put("channel", ticket.id()).put("ts", ticket.key()).put("text", message.text());
        body.set("blocks", message.blocks());
        body.set("metadata", message.metadata());
        Answer updated = post("chat.update", body);
        return updated.ok() ? SinkOutcome.delivered(ticket) : updated.failure();
    }

    private SinkOutcome reply(ExternalTicket ticket, String note) {
        ObjectNode body = VendorHttp.json().createObjectNode()
                .put("channel", ticket.id()).put("thread_ts", ticket.key())
                .put("text", SlackText.truncate(SlackText.escape(note), SlackMessages.SECTION_LIMIT));
        Answer replied = post("chat.postMessage", body);
        return replied.ok() ? SinkOutcome.delivered(ticket) : replied.failure();
    }

    /** The newest message of ours about this incident, recognised by its metadata or its context marker. */
    private static Optional<ExternalTicket> find(JsonNode history, String channel, String correlationKey) {
        String marker = SlackMessages.marker(correlationKey);
        for (JsonNode message : history.path("messages")) {
            JsonNode metadata = message.path("metadata");
            boolean ours = SlackMessages.EVENT_TYPE.equals(metadata.path("event_type").asText())
                    && correlationKey.equals(metadata.path("event_payload").path("correlation_key").asText());
            for (JsonNode block : message.path("blocks")) {
                for (JsonNode element : block.path("elements")) {
                    ours |= "context".equals(block.path("type").asText()) && marker.equals(element.path("text").asText());
                }
            }
            if (ours) {
                return Optional.of(new ExternalTicket(message.path("ts").asText(), channel, null));
            }
        }
        return Optional.empty();
    }

    private String channel(SinkRequest request) {
        return request.target().slackChannel().filter(c -> !c.isBlank()).orElseGet(() -> config.channel().orElse(""));
    }

    private Answer post(String method, ObjectNode body) {
        return send(method, request(method, "").POST(VendorHttp.body(body)).build());
    }

    private Answer history(String channel) {
        String query = "?channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                + "&limit=" + HISTORY_WINDOW + "&include_all_metadata=true";
        return send("conversations.history", request("conversations.history", query).GET().build());
    }

    private HttpRequest.Builder request(String method, String query) {
        return http.request(URI.create(config.baseUrl().replaceAll("/+$", "") + "/api/" + method + query))
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + config.botToken().orElseThrow());
    }

    /** Slack answers its errors with HTTP 200 and {@code ok:false}; only throttling and outages use the status. */
    private Answer send(String method, HttpRequest request) {
        String what = "Slack " + method;
        VendorHttp.Reply reply;
        try {
            reply = http.send(request);
        } catch (IOException e) {
            return Answer.failed(VendorHttp.unreachable(what, e));
        }
        if (!reply.ok()) {
            return Answer.failed(reply.failure(what, null));
        }
        JsonNode json = reply.json();
        if (!json.path("ok").isBoolean()) {
            return Answer.failed(SinkOutcome.failed(what + " answered HTTP " + reply.status() + " without a Slack answer"));
        }
        if (json.path("ok").asBoolean()) {
            return new Answer(json, null);
        }
        String error = json.path("error").asText("unknown_error");
        if (error.equals("ratelimited")) {
            return Answer.failed(SinkOutcome.rateLimited(reply.retryAfter()));
        }
        if (TRANSIENT.contains(error)) {
            return Answer.failed(SinkOutcome.failed(what + ": " + error));
        }
        // REJECTED lists the expected ones; an unknown error code is a request Slack will keep refusing
        return Answer.failed(SinkOutcome.rejected(what + ": " + error + (REJECTED.contains(error) ? "" : " (unexpected)")));
    }

    /** One Slack answer: the JSON when {@code ok}, else the outcome it means. */
    private record Answer(JsonNode json, SinkOutcome failure) {

        static Answer failed(SinkOutcome failure) {
            return new Answer(null, failure);
        }

        boolean ok() {
            return failure == null;
        }
    }
}
