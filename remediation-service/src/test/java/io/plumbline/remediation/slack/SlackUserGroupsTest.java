package io.plumbline.remediation.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.plumbline.remediation.config.RemediationConfig;
import io.plumbline.remediation.slack.SlackUserGroups.Membership;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approver groups against a stand-in Slack that enforces the bot token: members are remembered for the TTL only,
 * and every answer that is not a member list — ok:false, 429 Retry-After, silence — is a doubt, never a yes.
 */
class SlackUserGroupsTest {

    private static final String TOKEN = "xoxb-test";
    private static final String METHOD = "/api/usergroups.users.list";

    /** A clock the test moves by hand, so the TTL and Retry-After are checked without waiting. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private WireMockServer slack;
    private final HandClock clock = new HandClock();
    private SlackUserGroups groups;

    @BeforeEach
    void start() {
        slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slack.start();
        slack.stubFor(get(urlPathEqualTo(METHOD)).atPriority(10).willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        groups = new SlackUserGroups(config(Map.of("plumbline.remediation.slack.usergroup-timeout", "2s")), clock);
        warmUp();
    }

    /** WireMock's first answer in a JVM is slow on a busy machine; that is not what these tests measure. */
    private void warmUp() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(URI.create(slack.baseUrl() + METHOD + "?usergroup=S0WARMUP")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        slack.stop();
    }

    private RemediationConfig.Slack config(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>();
        properties.put("plumbline.remediation.slack.bot-token", TOKEN);
        properties.put("plumbline.remediation.slack.base-url", slack.baseUrl());
        properties.putAll(extra);
        return new SmallRyeConfigBuilder().withMapping(RemediationConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(RemediationConfig.class).slack();
    }

    /** Answers only a request carrying the bot token and naming the group. */
    private static MappingBuilder group(String id) {
        return get(urlPathEqualTo(METHOD)).atPriority(1).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("usergroup", equalTo(id));
    }

    private int calls() {
        return slack.findAll(getRequestedFor(urlPathEqualTo(METHOD)).withQueryParam("usergroup", equalTo("S0DBAS"))).size();
    }

    @Test
    void shouldFindMembersAndAskSlackAgainOnlyAfterTheTtl() {
        slack.stubFor(group("S0DBAS").willReturn(okJson("{\"ok\":true,\"users\":[\"U0DBA1\",\"U0DBA2\"]}")));
        assertThat(groups.membership("U0DBA1", List.of("S0DBAS"))).isEqualTo(new Membership.Member("S0DBAS"));
        assertThat(groups.membership("U0OTHER", List.of("S0DBAS"))).isEqualTo(new Membership.NotMember());
        assertThat(calls()).as("the second answer came from memory").isEqualTo(1);

        clock.now = clock.now.plusSeconds(61);
        slack.stubFor(group("S0DBAS").willReturn(okJson("{\"ok\":true,\"users\":[\"U0OTHER\"]}")));
        assertThat(groups.membership("U0OTHER", List.of("S0DBAS"))).isEqualTo(new Membership.Member("S0DBAS"));
        assertThat(groups.membership("U0DBA1", List.of("S0DBAS"))).as("removed from the group").isEqualTo(new Membership.NotMember());
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void shouldDoubtWhenSlackAnswersOkFalseAndAskAgainNextTime() {
        slack.stubFor(group("S0DBAS").willReturn(okJson(
                "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"usergroups:read\",\"provided\":\"chat:write\"}")));
        Membership answer = groups.membership("U0DBA1", List.of("S0DBAS"));
        assertThat(answer).isInstanceOf(Membership.Unknown.class);
        assertThat(((Membership.Unknown) answer).reason())
                .isEqualTo("Slack usergroups.users.list refused for S0DBAS: missing_scope (the bot token needs usergroups:read)");
        assertThat(groups.membership("U0DBA1", List.of("S0DBAS"))).isInstanceOf(Membership.Unknown.class);
        assertThat(calls()).as("a refusal is never remembered").isEqualTo(2);
    }

    @Test
    void shouldWaitAsSlacksRetryAfterSaysBeforeAskingAgain() {
        slack.stubFor(group("S0DBAS").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        assertThat(groups.membership("U0DBA1", List.of("S0DBAS")))
                .isEqualTo(new Membership.Unknown("Slack is rate-limiting usergroups.users.list (HTTP 429); retry after 30 s"));
        clock.now = clock.now.plusSeconds(10);
        assertThat(groups.membership("U0DBA1", List.of("S0DBAS")))
                .isEqualTo(new Membership.Unknown("Slack is rate-limiting usergroups.users.list; retry after 20 s"));
        assertThat(calls()).as("no call while Slack asked to wait").isEqualTo(1);

        clock.now = clock.now.plusSeconds(21);
        slack.stubFor(group("S0DBAS").willReturn(okJson("{\"ok\":true,\"users\":[\"U0DBA1\"]}")));
        assertThat(groups.membership("U0DBA1", List.of("S0DBAS"))).isEqualTo(new Membership.Member("S0DBAS"));
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void shouldDoubtWhenSlackDoesNotAnswerInTime() {
        SlackUserGroups impatient = new SlackUserGroups(config(Map.of("plumbline.remediation.slack.usergroup-timeout", "300ms")), clock);
        slack.stubFor(group("S0DBAS").willReturn(okJson("{\"ok\":true,\"users\":[\"U0DBA1\"]}").withFixedDelay(3000)));
        assertThat(impatient.membership("U0DBA1", List.of("S0DBAS")))
                .isEqualTo(new Membership.Unknown("Slack did not answer usergroups.users.list for S0DBAS within 300 ms"));
    }

    @Test
    void shouldDoubtWhenOneGroupFailsUnlessAnotherNamesTheUser() {
        slack.stubFor(group("S0DBAS").willReturn(okJson("{\"ok\":true,\"users\":[\"U0DBA1\"]}")));
        slack.stubFor(group("S0GONE").willReturn(okJson("{\"ok\":false,\"error\":\"no_such_subteam\"}")));
        assertThat(groups.membership("U0DBA1", List.of("S0GONE", "S0DBAS"))).isEqualTo(new Membership.Member("S0DBAS"));
        assertThat(groups.membership("U0OTHER", List.of("S0GONE", "S0DBAS")))
                .isEqualTo(new Membership.Unknown("Slack usergroups.users.list refused for S0GONE: no_such_subteam"));
    }

    @Test
    void shouldSendTheBotTokenOrBeRefused() {
        SlackUserGroups wrongToken = new SlackUserGroups(config(Map.of("plumbline.remediation.slack.bot-token", "xoxb-wrong",
                "plumbline.remediation.slack.usergroup-timeout", "2s")), clock);
        slack.stubFor(group("S0DBAS").willReturn(okJson("{\"ok\":true,\"users\":[\"U0DBA1\"]}")));
        assertThat(wrongToken.membership("U0DBA1", List.of("S0DBAS")))
                .isEqualTo(new Membership.Unknown("Slack usergroups.users.list refused for S0DBAS: invalid_auth"));
        assertThat(groups.membership("U0DBA1", List.of("S0DBAS"))).isEqualTo(new Membership.Member("S0DBAS"));
    }
}
