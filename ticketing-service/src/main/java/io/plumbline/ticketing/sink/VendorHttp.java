package io.plumbline.ticketing.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The JSON-over-HTTPS calls every sink makes, on the JDK's HTTP client: sinks need each answer's raw status and
 * {@code Retry-After}, and their retries belong to the delivery outbox rather than to a client-side retry layer.
 * Never logs headers or bodies (they carry credentials and AWS text).
 */
public final class VendorHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final HttpClient client;
    private final Duration timeout;

    public VendorHttp(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** A request with the JSON content type and this client's timeout; add auth and the method. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    public static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
    }

    /** Sends; an I/O failure or timeout is thrown (the caller turns it into {@link SinkOutcome.Failed}). */
    public Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** One answer. */
    public record Reply(int status, String body, Optional<String> retryAfterHeader) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            if (body == null || body.isBlank()) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        /** {@code Retry-After} in seconds (the only form these vendors send), else 30 s. */
        public Duration retryAfter() {
            return retryAfterHeader.map(String::trim).filter(v -> v.matches("\\d{1,6}"))
                    .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                    .orElse(DEFAULT_RETRY_AFTER);
        }

        /**
         * The outcome of an answer that is not a success: 429 → rate limited; 5xx and 408 → transient;
         * other 4xx → rejected for good. {@code what} names the call; {@code detail} is the vendor's error text.
         */
        public SinkOutcome failure(String what, String detail) {
            String reason = what + " answered HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
            if (status == 429) {
                return SinkOutcome.rateLimited(retryAfter());
            }
            if (status >= 500 || status == 408) {
                return SinkOutcome.failed(reason);
            }
            return SinkOutcome.rejected(reason);
        }
    }

    /** The outcome of a call that got no answer. */
    public static SinkOutcome unreachable(String what, IOException e) {
        return SinkOutcome.failed(what + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
}
