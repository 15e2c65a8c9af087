package io.plumbline.ticketing.sink.pagerduty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** PagerDuty through the Events API v2; enabled when {@code routing-key} is set. */
@ConfigMapping(prefix = "plumbline.ticketing.pagerduty")
public interface PagerDutyConfig {

    /** The 32-character integration (or event orchestration) key of the service to page. */
    Optional<String> routingKey();

    @WithDefault("https://events.pagerduty.com")
    URI baseUrl();

    /** PagerDuty severity (critical, error, warning, info) per severity, overriding the defaults. */
    Map<String, String> severity();

    @WithDefault("10s")
    Duration timeout();
}
