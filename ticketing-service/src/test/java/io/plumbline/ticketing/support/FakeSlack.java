package io.plumbline.ticketing.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's Web API as Plumbline uses it: {@code chat.postMessage} (top-level and thread replies), {@code chat.update}
 * and {@code conversations.history}, with a bot token, known channels, and errors answered as HTTP 200
 * {@code {ok:false, error}} like the real Slack.
 */
public final class FakeSlack extends VendorFake {

    /** One stored message; replies are the messages posted in its thread. */
    public static final class Message {
        private final String channel;
        private final String ts;
        private String text;
        private JsonNode blocks;
        private JsonNode metadata;
        private int edits;
        private final List<Message> replies = new ArrayList<>();

        private Message(String channel, String ts) {
            this.channel = channel;
            this.ts = ts;
        }

        public String channel() { return channel; }
        public String ts() { return ts; }
        public String text() { return text; }
        public JsonNode blocks() { return blocks; }
        public JsonNode metadata() { return metadata; }
        public int edits() { return edits; }
        public List<Message> replies() { return List.copyOf(replies); }

        /** The message as Slack stores it (text and blocks), for assertions on exactly what arrived. */
        public String json() {
            ObjectNode node = JSON.createObjectNode().put("ts", ts).put("text", text);
            node.set("blocks", blocks);
            return node.toString();
        }

        /** All text of the blocks, concatenated; for "does the message say X" assertions. */
        public String blocksText() {
            List<String> texts = new ArrayList<>();
            if (blocks != null) {
                blocks.findValues("text").forEach(t -> texts.add(t.isTextual() ? t.asText() : t.path("text").asText()));
            }
            return String.join("\n", texts);
        }
    }

    private final String token;
    private final Map<String, String> channelIds = new HashMap<>();
    private final Map<String, List<Message>> messages = new LinkedHashMap<>();
    private long nextTs = 1_700_000_000_000100L;
    private int posts;
    private int updates;
    private int historyReads;
    private String failNext;

    public FakeSlack(String token) {
        this.token = token;
    }

    /** A channel the bot is a member of, addressable by id, {@code name} or {@code #name}. */
    public synchronized FakeSlack channel(String id, String name) {
        channelIds.put(id, id);
        channelIds.put(name, id);
        channelIds.put("#" + name, id);
        messages.putIfAbsent(id, new ArrayList<>());
        return this;
    }

    /** The next call answers HTTP 200 {@code {ok:false, error}}. */
    public synchronized void failNext(String error) {
        failNext = error;
    }

    /** A human deleted the message. */
    public synchronized void delete(String channelId, String ts) {
        messages.get(channelId).removeIf(m -> m.ts.equals(ts));
    }

    /** Top-level messages of a channel, oldest first. */
    public synchronized List<Message> messages(String channelId) {
        return List.copyOf(messages.getOrDefault(channelId, List.of()));
    }

    public synchronized Optional<Message> message(String channelId, String ts) {
        return messages.getOrDefault(channelId, List.of()).stream().filter(m -> m.ts.equals(ts)).findFirst();
    }

    /** Successful chat.postMessage calls (messages and thread replies). */
    public synchronized int postCount() { return posts; }

    public synchronized int updateCount() { return updates; }

    public synchronized int historyReads() { return historyReads; }

    @Override
    protected ResponseDefinition handle(Request request) {
        String auth = request.containsHeader("Authorization") ? request.getHeader("Authorization") : null;
        if (auth == null) {
            return error("not_authed");
        }
        if (!auth.equals("Bearer " + token)) {
            return error("invalid_auth");
        }
        if (failNext != null) {
            String error = failNext;
            failNext = null;
            return error(error);
        }
        String path = request.getUrl().split("\\?", 2)[0];
        return switch (request.getMethod().getName() + " " + path) {
            case "POST /api/chat.postMessage" -> postMessage(body(request));
            case "POST /api/chat.update" -> update(body(request));
            case "GET /api/conversations.history" -> history(request);
            default -> json(404, Map.of("ok", false, "error", "unknown_method"));
        };
    }

    private ResponseDefinition postMessage(JsonNode body) {
        if (body == null || !body.isObject()) {
            return error("invalid_arguments");
        }
        String channel = channelIds.get(body.path("channel").asText());
        if (channel == null) {
            return error("channel_not_found");
        }
        Optional<String> problem = contentProblem(body);
        if (problem.isPresent()) {
            return error(problem.get());
        }
        Message message = new Message(channel, String.format("%d.%06d", nextTs / 1_000_000, nextTs % 1_000_000));
        nextTs += 100;
        store(message, body);
        if (body.hasNonNull("thread_ts")) {
            // stricter than Slack, which may post an unknown thread_ts as a top-level message
            Optional<Message> parent = message(channel, body.path("thread_ts").asText());
            if (parent.isEmpty()) {
                return error("thread_not_found");
            }
            parent.get().replies.add(message);
        } else {
            messages.get(channel).add(message);
        }
        posts++;
        return json(200, Map.of("ok", true, "channel", channel, "ts", message.ts,
                "message", Map.of("type", "message", "text", message.text)));
    }

    private ResponseDefinition update(JsonNode body) {
        if (body == null || !body.isObject()) {
            return error("invalid_arguments");
        }
        String channel = body.path("channel").asText();
        if (!messages.containsKey(channel)) { // chat.update takes the channel id only
            return error("channel_not_found");
        }
        Optional<Message> message = message(channel, body.path("ts").asText());
        if (message.isEmpty()) {
            return error("message_not_found");
        }
        Optional<String> problem = contentProblem(body);
        if (problem.isPresent()) {
            return error(problem.get());
        }
        store(message.get(), body);
        message.get().edits++;
        updates++;
        return json(200, Map.of("ok", true, "channel", channel, "ts", message.get().ts, "text", message.get().text));
    }

    private ResponseDefinition history(Request request) {
        String channel = request.queryParameter("channel").isPresent() ? request.queryParameter("channel").firstValue() : "";
        if (!messages.containsKey(channel)) { // ids only, like Slack
            return error("channel_not_found");
        }
        int limit = request.queryParameter("limit").isPresent()
                ? Integer.parseInt(request.queryParameter("limit").firstValue()) : 100;
        boolean withMetadata = request.queryParameter("include_all_metadata").isPresent()
                && request.queryParameter("include_all_metadata").firstValue().equals("true");
        ArrayNode list = JSON.createArrayNode();
        List<Message> stored = messages.get(channel);
        for (int i = stored.size() - 1; i >= 0 && list.size() < limit; i--) { // newest first
            Message m = stored.get(i);
            ObjectNode node = list.addObject().put("type", "message").put("ts", m.ts).put("text", m.text)
                    .put("bot_id", "B0PLUMBLINE");
            if (m.blocks != null) {
                node.set("blocks", m.blocks);
            }
            if (withMetadata && m.metadata != null) {
                node.set("metadata", m.metadata);
            }
        }
        historyReads++;
        ObjectNode answer = JSON.createObjectNode().put("ok", true).put("has_more", stored.size() > limit);
        answer.set("messages", list);
        return json(200, answer);
    }

    private static void store(Message message, JsonNode body) {
        message.text = body.path("text").asText(null);
        message.blocks = body.has("blocks") ? body.get("blocks") : null;
        if (body.has("metadata")) {
            message.metadata = body.get("metadata");
        }
    }

    /** Slack's checks on a message body: some text, and blocks it can render within its limits. */
    private static Optional<String> contentProblem(JsonNode body) {
        JsonNode blocks = body.get("blocks");
        if (!body.path("text").isTextual() && blocks == null) {
            return Optional.of("no_text");
        }
        if (body.path("text").asText().length() > 40_000) {
            return Optional.of("msg_too_long");
        }
        if (blocks == null) {
            return Optional.empty();
        }
        if (!blocks.isArray() || blocks.size() > 50) {
            return Optional.of("invalid_blocks");
        }
        for (JsonNode block : blocks) {
            if (!block.isObject() || !block.path("type").isTextual() || !textsFit(block)) {
                return Optional.of("invalid_blocks");
            }
        }
        return Optional.empty();
    }

    private static boolean textsFit(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "header" -> textObject(block.path("text"), "plain_text", 150);
            case "section" -> (!block.has("text") || textObject(block.get("text"), null, 3000))
                    && (block.has("text") || block.has("fields"))
                    && block.path("fields").size() <= 10
                    && allMatch(block.path("fields"), f -> textObject(f, null, 2000));
            case "context" -> block.path("elements").size() >= 1 && block.path("elements").size() <= 10
                    && allMatch(block.path("elements"), e -> textObject(e, null, 3000));
            case "divider" -> true;
            default -> false; // Plumbline sends nothing else
        };
    }

    private static boolean textObject(JsonNode node, String requiredType, int max) {
        String type = node.path("type").asText();
        boolean typeOk = requiredType == null ? type.equals("mrkdwn") || type.equals("plain_text") : type.equals(requiredType);
        return typeOk && node.path("text").isTextual() && !node.path("text").asText().isEmpty()
                && node.path("text").asText().length() <= max;
    }

    private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode node : array) {
            if (!test.test(node)) {
                return false;
            }
        }
        return true;
    }

    private static ResponseDefinition error(String code) {
        return json(200, Map.of("ok", false, "error", code));
    }
}
