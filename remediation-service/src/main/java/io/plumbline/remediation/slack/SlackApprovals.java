package io.plumbline.remediation.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.remediation.config.RemediationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Posts and updates proposal messages in Slack ({@code chat.postMessage}, {@code chat.update}). */
@ApplicationScoped
public class SlackApprovals {

    /** Where a message was posted. */
    public record Posted(String channel, String ts) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RemediationConfig.Slack config;

    public SlackApprovals(RemediationConfig config) {
        this.config = config.slack();
    }

    public boolean configured() {
        return config.botToken().isPresent() && config.channel().isPresent();
    }

    public Optional<Posted> post(String text, String blocksJson) throws Exception {
        if (!configured()) {
            return Optional.empty();
        }
        ObjectNode body = EventJson.mapper().createObjectNode().put("channel", config.channel().get()).put("text", text);
        body.set("blocks", EventJson.mapper().readTree(blocksJson));
        JsonNode answer = call("chat.postMessage", body);
        return Optional.of(new Posted(answer.path("channel").asText(), answer.path("ts").asText()));
    }

    public void update(String channel, String ts, String text, String blocksJson) throws Exception {
        if (!configured() || channel == null || ts == null) {
            return;
        }
        ObjectNode body = EventJson.mapper().createObjectNode().put("channel", channel).put("ts", ts).put("text", text);
        body.set("blocks", EventJson.mapper().readTree(blocksJson));
        call("chat.update", body);
    }

    /** An ephemeral answer to the user who clicked, through the interaction's response_url. */
    public void reply(String responseUrl, String text) throws Exception {
        ObjectNode body = EventJson.mapper().createObjectNode().put("response_type", "ephemeral")
                .put("replace_original", false).put("text", SlackMessages.escape(text));
        http.send(HttpRequest.newBuilder(URI.create(responseUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private JsonNode call(String method, ObjectNode body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(config.baseUrl().replaceAll("/+$", "")
                        + "/api/" + method)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + config.botToken().get())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Slack " + method + " answered HTTP " + response.statusCode());
        }
        JsonNode answer = EventJson.mapper().readTree(response.body());
        if (!answer.path("ok").asBoolean(false)) {
            throw new IllegalStateException("Slack " + method + " refused: " + answer.path("error").asText("unknown error"));
        }
        return answer;
    }
}
