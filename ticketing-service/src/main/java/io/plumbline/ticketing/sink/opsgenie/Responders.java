package io.plumbline.ticketing.sink.opsgenie;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.ticketing.sink.VendorHttp;
import java.util.List;
import java.util.Locale;

/** Responder entries such as {@code team:platform} or {@code user:alice@example.com} as OpsGenie responder objects. */
final class Responders {

    private Responders() {}

    /** @throws IllegalArgumentException naming the first entry that is not {@code <type>:<name>} */
    static ArrayNode parse(List<String> entries) {
        ArrayNode responders = VendorHttp.json().createArrayNode();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String type = colon < 0 ? "" : entry.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String name = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("responder '" + entry + "' is not <type>:<name>");
            }
            ObjectNode responder = responders.addObject().put("type", type);
            switch (type) {
                // Users are addressed by their login e-mail, the others by name.
                case "user" -> responder.put("username", name);
                case "team", "escalation", "schedule" -> responder.put("name", name);
                default -> throw new IllegalArgumentException(
                        "responder '" + entry + "' has type '" + type + "'; expected team, user, escalation or schedule");
            }
        }
        return responders;
    }
}
