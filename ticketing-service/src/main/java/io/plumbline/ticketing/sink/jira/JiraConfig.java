package io.plumbline.ticketing.sink.jira;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where and how the Jira destination files issues; the destination is enabled iff {@code base-url} is set. */
@ConfigMapping(prefix = JiraConfig.PREFIX)
public interface JiraConfig {

    String PREFIX = "plumbline.ticketing.jira";

    enum Deployment { CLOUD, DATA_CENTER }

    /** E.g. {@code https://acme.atlassian.net}; Data Center may carry a context path. */
    Optional<URI> baseUrl();

    @WithDefault("CLOUD")
    Deployment deployment();

    /** Cloud: the account of the API token. */
    Optional<String> email();

    /** Cloud: sent as Basic base64(email:api-token). */
    Optional<String> apiToken();

    /** Data Center: sent as {@code Authorization: Bearer}. */
    Optional<String> personalAccessToken();

    /** Project key used when the route names none. */
    @WithDefault("OPS")
    String project();

    @WithDefault("Task")
    String issueType();

    /** Overrides of the severity → Jira priority name mapping, e.g. {@code priorities.CRITICAL=P1}. */
    Map<String, String> priorities();

    @WithDefault("10s")
    Duration timeout();

    /** Labels put on every issue besides the correlation label. */
    @WithDefault("plumbline")
    List<String> labels();

    /** The Jira priority name of a finding severity: the configured override, else Jira's default scheme. */
    default String priority(String severity) {
        String key = severity == null ? "" : severity.trim().toUpperCase(Locale.ROOT);
        String configured = priorities().getOrDefault(severity, priorities().get(key));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return switch (key) {
            case "CRITICAL" -> "Highest";
            case "HIGH" -> "High";
            case "LOW" -> "Low";
            case "INFORMATIONAL" -> "Lowest";
            default -> "Medium";
        };
    }

    /** Fails start-up when the destination is enabled without the credentials of its deployment; names the key only. */
    default void validate() {
        if (baseUrl().isEmpty()) {
            return;
        }
        if (deployment() == Deployment.CLOUD) {
            require(email(), "email");
            require(apiToken(), "api-token");
        } else {
            require(personalAccessToken(), "personal-access-token");
        }
    }

    private void require(Optional<String> value, String key) {
        if (value.filter(v -> !v.isBlank()).isEmpty()) {
            throw new IllegalStateException(PREFIX + "." + key + " is required when " + PREFIX
                    + ".base-url is set (deployment " + deployment() + ")");
        }
    }
}
