package io.plumbline.ticketing.sink.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The Slack destination: a bot token ({@code xoxb-…}, never logged) and the default channel. */
@ConfigMapping(prefix = "plumbline.ticketing.slack")
public interface SlackConfig {

    /** The bot token; the destination is enabled iff it is set. Needs chat:write and channels:history. */
    Optional<String> botToken();

    @WithDefault("https://slack.com")
    String baseUrl();

    /**
     * The channel incidents go to unless their route names another: an id such as {@code C0123ABC} (preferred: a
     * retry after an unknown outcome can then find its earlier post, conversations.history takes ids only) or {@code #name}.
     */
    Optional<String> channel();

    @WithDefault("10s")
    Duration timeout();
}
