package io.plumbline.ticketing.sink.opsgenie;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpsGenie alerts, or their successor JSM Operations (same payloads, other paths); enabled when {@code api-key} is set.
 */
@ConfigMapping(prefix = "plumbline.ticketing.opsgenie")
public interface OpsGenieConfig {

    /** The API integration's key, sent as {@code Authorization: GenieKey <key>}. */
    Optional<String> apiKey();

    @WithDefault("OPSGENIE")
    Flavour flavour();

    /** https://api.opsgenie.com, https://api.eu.opsgenie.com (EU) or, for JSM, https://api.atlassian.com. */
    @WithDefault("https://api.opsgenie.com")
    URI baseUrl();

    /** Priority (P1–P5) per severity, overriding the defaults, e.g. {@code priority.MEDIUM=P2}. */
    Map<String, String> priority();

    /** Default responders: {@code team:<name>}, {@code user:<email>}, {@code escalation:<name>}, {@code schedule:<name>}. */
    Optional<List<String>> responders();

    @WithDefault("10s")
    Duration timeout();

    enum Flavour {
        OPSGENIE("/v2/alerts"),
        JSM("/jsm/ops/integration/v2/alerts");

        private final String alertsPath;

        Flavour(String alertsPath) {
            this.alertsPath = alertsPath;
        }

        public String alertsPath() {
            return alertsPath;
        }
    }
}
