package io.plumbline.ticketing.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.ticketing.config.TicketingConfig;
import io.plumbline.ticketing.incident.IncidentService.Closure;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/** What every inbound webhook shares: reading the body, applying a delivery once, and what a human's closure means. */
@ApplicationScoped
public class WebhookIntake {

    private final TicketingConfig.Inbound config;

    public WebhookIntake(TicketingConfig config) {
        this.config = config.inbound();
    }

    static Optional<JsonNode> json(byte[] body) {
        try {
            return Optional.ofNullable(EventJson.mapper().readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Response answer(int status, String outcome, String detail) {
        return Response.status(status).entity(new WebhookAnswer(outcome, detail)).build();
    }

    /** The delivery's own id when the vendor sends one, else a digest of the body (a retry repeats it byte for byte). */
    static String deliveryKey(String vendorId, String source, byte[] body) {
        return vendorId != null && !vendorId.isBlank() ? vendorId : HexFormat.of().formatHex(Secrets.hmacSha256(source, body));
    }

    /** Applies {@code work} in one transaction with the record that this delivery was applied, unless it already was. */
    Response once(String source, String deliveryKey, Supplier<WebhookAnswer> work) {
        WebhookAnswer answer = QuarkusTransaction.requiringNew().call(() ->
                firstTime(source, deliveryKey) ? work.get() : new WebhookAnswer("duplicate", "delivery already applied"));
        return Response.ok(answer).build();
    }

    /** A human's closure by its Jira resolution or ServiceNow close code (case-insensitive, as configured). */
    Closure closure(String resolution) {
        if (resolution == null) {
            return Closure.DONE;
        }
        if (config.riskAcceptedResolutions().stream().anyMatch(r -> r.equalsIgnoreCase(resolution))) {
            return Closure.RISK_ACCEPTED;
        }
        if (config.falsePositiveResolutions().stream().anyMatch(r -> r.equalsIgnoreCase(resolution))) {
            return Closure.FALSE_POSITIVE;
        }
        return Closure.DONE;
    }

    TicketingConfig.Inbound config() {
        return config;
    }

    /** Records that {@code (source, key)} was applied, in the caller's transaction; false if it already was. */
    public static boolean firstTime(String source, String key) {
        return Panache.getEntityManager().createNativeQuery(
                        "insert into {h-schema}inbound_event (source, event_key, received_at) values (?1, ?2, now()) "
                                + "on conflict do nothing")
                .setParameter(1, source).setParameter(2, key).executeUpdate() == 1;
    }
}
