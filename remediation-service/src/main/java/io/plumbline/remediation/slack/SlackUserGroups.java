package io.plumbline.remediation.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.remediation.config.RemediationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Who is in a Slack user group ({@code usergroups.users.list}, bot scope {@code usergroups:read}). Members are
 * remembered for {@code slack.usergroup-cache-ttl}; a click waits at most {@code slack.usergroup-timeout} for Slack,
 * and any answer that is not a member list (ok:false, 429, HTTP error, silence) is {@link Membership.Unknown}.
 * A map with fetch times rather than a cache library: failures must never be remembered, only member lists.
 */
@ApplicationScoped
public class SlackUserGroups {

    /** Whether a user is in one of the groups; Unknown when Slack could not say. */
    public sealed interface Membership {
        record Member(String group) implements Membership {}

        record NotMember() implements Membership {}

        record Unknown(String reason) implements Membership {}
    }

    private record Members(Set<String> users, Instant fetchedAt) {}

    /** One group's answer from Slack. */
    private sealed interface Lookup {
        record Listed(Set<String> users) implements Lookup {}

        record Failed(String reason) implements Lookup {}
    }

    private static final String METHOD = "usergroups.users.list";
    /** When Slack sends 429 without a usable Retry-After. */
    private static final long DEFAULT_RETRY_SECONDS = 60;

    private final HttpClient http;
    private final RemediationConfig.Slack config;
    private final Clock clock;
    private final Map<String, Members> cache = new ConcurrentHashMap<>();
    /** Slack asked (429 Retry-After) not to call this method before then; every app instance learns it for itself. */
    private volatile Instant quietUntil = Instant.MIN;

    @Inject
    public SlackUserGroups(RemediationConfig config) {
        this(config.slack(), Clock.systemUTC());
    }

    SlackUserGroups(RemediationConfig.Slack config, Clock clock) {
        this.config = config;
        this.clock = clock;
        // HTTP/1.1: the default HTTP/2 tries an h2c upgrade on plain http (stand-ins), which can stall past the timeout
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.usergroupTimeout()).build();
    }

    /** Remembered member lists first; the groups not remembered are asked for at once, all within one timeout. */
    public Membership membership(String userId, List<String> groups) {
        Instant now = clock.instant();
        Set<String> unknown = new LinkedHashSet<>();
        for (String group : groups) {
            Members members = cache.get(group);
            if (members != null && members.fetchedAt().plus(config.usergroupCacheTtl()).isAfter(now)) {
                if (members.users().contains(userId)) {
                    return new Membership.Member(group);
                }
            } else {
                unknown.add(group);
            }
        }
        if (unknown.isEmpty()) {
            return new Membership.NotMember();
        }
        if (config.botToken().isEmpty()) {
            return new Membership.Unknown("no slack.bot-token is configured to read user group " + String.join(", ", unknown));
        }
        if (now.isBefore(quietUntil)) {
            return new Membership.Unknown("Slack is rate-limiting " + METHOD + "; retry after "
                    + Math.max(1, Duration.between(now, quietUntil).toSeconds()) + " s");
        }
        Map<String, CompletableFuture<HttpResponse<String>>> calls = new LinkedHashMap<>();
        for (String group : unknown) {
            calls.put(group, http.sendAsync(request(group), HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + config.usergroupTimeout().toNanos();
        String doubt = null;
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> call : calls.entrySet()) {
            switch (lookup(call.getKey(), call.getValue(), deadline)) {
                case Lookup.Listed listed when listed.users().contains(userId) -> {
                    calls.values().forEach(f -> f.cancel(true));
                    return new Membership.Member(call.getKey());
                }
                case Lookup.Listed listed -> { }
                case Lookup.Failed failed -> doubt = doubt == null ? failed.reason() : doubt;
            }
        }
        return doubt == null ? new Membership.NotMember() : new Membership.Unknown(doubt);
    }

    /** The group's members (remembered), or why Slack did not give them. */
    private Lookup lookup(String group, CompletableFuture<HttpResponse<String>> call, long deadline) {
        String silence = "Slack did not answer " + METHOD + " for " + group + " within " + config.usergroupTimeout().toMillis() + " ms";
        HttpResponse<String> response;
        try {
            response = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Lookup.Failed(silence);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lookup.Failed("interrupted while asking Slack for the members of " + group);
        } catch (ExecutionException e) { // the request's own timeout (the same one) may fire first
            return new Lookup.Failed(e.getCause() instanceof HttpTimeoutException ? silence
                    : "Slack " + METHOD + " for " + group + " failed: " + e.getCause().getClass().getSimpleName());
        }
        if (response.statusCode() == 429) {
            long wait = retryAfterSeconds(response);
            quietUntil = clock.instant().plusSeconds(wait);
            return new Lookup.Failed("Slack is rate-limiting " + METHOD + " (HTTP 429); retry after " + wait + " s");
        }
        if (response.statusCode() != 200) {
            return new Lookup.Failed("Slack " + METHOD + " for " + group + " answered HTTP " + response.statusCode());
        }
        JsonNode body;
        try {
            body = EventJson.mapper().readTree(response.body());
        } catch (Exception e) {
            return new Lookup.Failed("Slack " + METHOD + " for " + group + " answered something that is not JSON");
        }
        if (!body.path("ok").asBoolean(false) || !body.path("users").isArray()) {
            String needed = body.path("needed").asText("");
            return new Lookup.Failed("Slack " + METHOD + " refused for " + group + ": "
                    + body.path("error").asText("no member list") + (needed.isEmpty() ? "" : " (the bot token needs " + needed + ")"));
        }
        Set<String> users = new HashSet<>();
        body.path("users").forEach(u -> users.add(u.asText()));
        cache.put(group, new Members(Set.copyOf(users), clock.instant()));
        return new Lookup.Listed(users);
    }

    private HttpRequest request(String group) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl().replaceAll("/+$", "") + "/api/" + METHOD + "?usergroup="
                        + URLEncoder.encode(group, StandardCharsets.UTF_8)))
                .timeout(config.usergroupTimeout())
                .header("Authorization", "Bearer " + config.botToken().get())
                .GET().build();
    }

    private static long retryAfterSeconds(HttpResponse<String> response) {
        try {
            return Math.max(1, Long.parseLong(response.headers().firstValue("Retry-After").orElse("").trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_SECONDS;
        }
    }
}
