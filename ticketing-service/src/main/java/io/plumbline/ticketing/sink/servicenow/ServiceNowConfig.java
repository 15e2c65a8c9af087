package io.plumbline.ticketing.sink.servicenow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The ServiceNow destination; it is enabled when {@code instance-url} is set. */
@ConfigMapping(prefix = "plumbline.ticketing.servicenow")
public interface ServiceNowConfig {

    /** e.g. {@code https://acme.service-now.com}. */
    Optional<URI> instanceUrl();

    /** Basic auth user (with {@code password}); or use {@code oauth-token}. */
    Optional<String> username();

    Optional<String> password();

    /** OAuth bearer token, instead of a user and password. */
    Optional<String> oauthToken();

    /** Default assignment group (name or sys_id); a route's target overrides it. */
    Optional<String> assignmentGroup();

    @WithDefault("Cloud Compliance")
    String category();

    /** Impact (1 high … 3 low) per severity, overriding the defaults, e.g. {@code impact.MEDIUM=1}. */
    Map<String, Integer> impact();

    /** Urgency (1 high … 3 low) per severity, overriding the defaults. */
    Map<String, Integer> urgency();

    /** Resolution code of incidents whose findings are all fixed. */
    @WithDefault("Solved (Permanently)")
    String closeCode();

    /** Resolution code of incidents closed because the risk was accepted. */
    @WithDefault("Risk Accepted")
    String riskAcceptedCloseCode();

    @WithDefault("10s")
    Duration timeout();
}
