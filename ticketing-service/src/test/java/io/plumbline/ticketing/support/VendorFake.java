package io.plumbline.ticketing.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful fake of a vendor API on WireMock: every request goes to {@link #handle}, which enforces the vendor's
 * contract (auth, body shape, status codes) against in-memory state. WireMock's journal counts and shows the calls;
 * {@link #goDown()} and {@link #rateLimitNext} simulate an outage and throttling.
 */
public abstract class VendorFake implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;

    protected VendorFake() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Dispatcher()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    /** Answers one request; called for every request while the fake is up and not throttling. */
    protected abstract ResponseDefinition handle(Request request);

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    /** Every request received so far (including refused ones), oldest first. */
    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList().reversed();
    }

    public int requestCount() {
        return server.getAllServeEvents().size();
    }

    public void clearRequests() {
        server.resetRequests();
    }

    /** Connections are reset until {@link #comeBack()}: the destination is unreachable. */
    public void goDown() {
        down.set(true);
    }

    public void comeBack() {
        down.set(false);
    }

    /** The next {@code count} requests get 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(int count, int seconds) {
        retryAfterSeconds = seconds;
        throttled.set(count);
    }

    @Override
    public void close() {
        server.stop();
    }

    protected static ResponseDefinition json(int status, Object body) {
        try {
            return new ResponseDefinitionBuilder().withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static ResponseDefinition status(int status) {
        return new ResponseDefinitionBuilder().withStatus(status).build();
    }

    protected static JsonNode body(Request request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            return null;
        }
    }

    private final class Dispatcher implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (down.get()) {
                return new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new ResponseDefinitionBuilder().withStatus(429)
                        .withHeader("Retry-After", String.valueOf(retryAfterSeconds))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"rate limited\"}").build();
            }
            synchronized (VendorFake.this) {
                return handle(event.getRequest());
            }
        }

        @Override
        public String getName() {
            return "vendor-fake";
        }
    }
}
