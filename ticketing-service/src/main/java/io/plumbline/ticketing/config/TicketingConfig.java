package io.plumbline.ticketing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ticketing service's own settings: routes, delivery, inbound webhooks. Each destination has its own mapping
 * next to its sink ({@code plumbline.ticketing.jira.*}, {@code .slack.*}, …). Checked at start-up, naming the key.
 */
@ConfigMapping(prefix = "plumbline.ticketing")
public interface TicketingConfig {

    /**
     * Routes, first match wins, e.g. {@code plumbline.ticketing.routes[0].match.severities=CRITICAL,HIGH}.
     * None configured: critical/high → OpsGenie + Jira + Slack; medium → Jira + Slack; low → Jira
     * (each only where that destination is configured).
     */
    List<Route> routes();

    Delivery delivery();

    Inbound inbound();

    /** How often expired suppressions and accepted risks are looked at again. */
    @WithDefault("60s")
    Duration suppressionCheck();

    interface Route {
        String name();

        Match match();

        /** {@code rule}: one incident per rule × account × region (lists the resources); {@code resource}: per resource. */
        @WithDefault("rule")
        String grouping();

        /** Destination names: jira, servicenow, opsgenie, slack, pagerduty. */
        List<String> destinations();

        Optional<String> jiraProject();

        Optional<String> jiraIssueType();

        Optional<String> servicenowAssignmentGroup();

        Optional<List<String>> opsgenieResponders();

        Optional<String> slackChannel();
    }

    /** Every listed criterion must hold; an absent one matches anything. Rules, accounts and regions take globs. */
    interface Match {
        Optional<Set<String>> severities();

        Optional<Set<String>> pillars();

        Optional<List<String>> rules();

        Optional<List<String>> accounts();

        Optional<List<String>> regions();

        /** Resource tags that must be present with these values, e.g. {@code match.tags.env=prod}. */
        Map<String, String> tags();
    }

    interface Delivery {
        /** How often each destination's worker looks for due deliveries. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries claimed per round per destination. */
        @WithDefault("50")
        @Min(1)
        @Max(1000)
        int batchSize();

        /** Failed attempts before a delivery is dead-lettered (rate limiting does not count). */
        @WithDefault("30")
        @Min(1)
        int maxAttempts();

        /** First retry delay; doubled per attempt, with jitter, up to {@code backoff-max}. */
        @WithDefault("2s")
        Duration backoffBase();

        @WithDefault("15m")
        Duration backoffMax();

        /** A claimed delivery is offered again after this long if its worker died mid-call. */
        @WithDefault("2m")
        Duration lease();

        /** Requests per second per destination (Slack: per channel); {@code default-rate} for the others. */
        Map<String, Double> rates();

        @WithDefault("10")
        double defaultRate();
    }

    interface Inbound {
        Jira jira();

        SharedSecret opsgenie();

        SharedSecret servicenow();

        /** What a human's closure means, by Jira resolution name (case-insensitive) or ServiceNow close code. */
        @WithDefault("Won't Do,Won't Fix,Risk Accepted")
        List<String> riskAcceptedResolutions();

        @WithDefault("False Positive,Not a Bug,Invalid")
        List<String> falsePositiveResolutions();

        /** How long a risk accepted from a ticket stays suppressed before the incident is checked again. */
        @WithDefault("90d")
        Duration riskAcceptedFor();

        /** A ticket closed by a human while its findings still fail is reopened with a "still failing" comment. */
        @WithDefault("true")
        boolean reopenWhenStillFailing();
    }

    interface Jira {
        /** The secret of the Jira webhook ({@code X-Hub-Signature: sha256=…}); no secret = the endpoint refuses all. */
        Optional<String> webhookSecret();
    }

    interface SharedSecret {
        /** Sent by the vendor in the {@code X-Plumbline-Token} header (or as the basic-auth password). */
        Optional<String> webhookSecret();
    }
}
