package io.plumbline.remediation.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * WireMock for Slack (enforcing the bot token and Slack's {@code ok:false} envelope; {@code usergroups.users.list}
 * knows {@link #DBA_GROUP}) and for the scanner, an enabled policy, and this run's own findings, remediation-events
 * and dead-letter topics on the real broker. Pass {@code enabled=false}
 * as an init arg for the default, switched-off policy.
 */
public class RemediationFakes implements QuarkusTestResourceLifecycleManager {

    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    public static final String BOT_TOKEN = "xoxb-remediation-test";
    public static final String CHANNEL = "C0REMEDY";
    public static final String APPROVER = "U0APPROVER";
    public static final String SECOND = "U0SECOND";
    public static final String API_TOKEN = "remediation-api-token";
    /** A Slack user group allowed to approve rds-enable-multi-az, and one of its members (not an approver by name). */
    public static final String DBA_GROUP = "S0DBAS";
    public static final String DBA = "U0DBA1";

    private WireMockServer slack;
    private WireMockServer scanner;
    private boolean enabled = true;

    @Override
    public void init(Map<String, String> initArgs) {
        enabled = !"false".equals(initArgs.get("enabled"));
    }

    @Override
    public Map<String, String> start() {
        slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slack.start();
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(10)
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"1700000000.000100\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/chat.update")).atPriority(10)
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/chat.update")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"1700000000.000100\"}")));
        slack.stubFor(post(urlPathMatching("/actions/response/.*")).willReturn(aResponse().withStatus(200)));
        slack.stubFor(get(urlPathEqualTo("/api/usergroups.users.list")).atPriority(10)
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        slack.stubFor(get(urlPathEqualTo("/api/usergroups.users.list")).atPriority(9)
                .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
                .willReturn(okJson("{\"ok\":false,\"error\":\"no_such_subteam\"}")));
        slack.stubFor(get(urlPathEqualTo("/api/usergroups.users.list")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN)).withQueryParam("usergroup", equalTo(DBA_GROUP))
                .willReturn(okJson("{\"ok\":true,\"users\":[\"" + DBA + "\",\"U0DBA2\"]}")));
        scanner = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        scanner.start();
        scanner.stubFor(get(urlPathEqualTo("/api/v1/findings")).atPriority(10)
                .willReturn(okJson("[]")));
        scanner.stubFor(post(urlPathEqualTo("/api/v1/scans")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"scan-1\",\"status\":\"RUNNING\"}")));

        String run = UUID.randomUUID().toString().substring(0, 8);
        String findings = "remediation-test-findings-" + run;
        String events = "remediation-test-events-" + run;
        String deadLetters = "remediation-test-findings-dlq-" + run;
        createTopics(findings, events, deadLetters);

        Map<String, String> config = new HashMap<>();
        config.put("mp.messaging.incoming.findings.topic", findings);
        config.put("mp.messaging.incoming.findings.group.id", "remediation-test-" + run);
        config.put("mp.messaging.outgoing.remediation-events.topic", events);
        config.put("mp.messaging.outgoing.remediation-findings-dlq.topic", deadLetters);
        config.put("plumbline.remediation.enabled", String.valueOf(enabled));
        config.put("plumbline.remediation.slack.signing-secret", SIGNING_SECRET);
        config.put("plumbline.remediation.slack.bot-token", BOT_TOKEN);
        config.put("plumbline.remediation.slack.channel", CHANNEL);
        config.put("plumbline.remediation.slack.base-url", slack.baseUrl());
        config.put("plumbline.remediation.scanner-url", scanner.baseUrl());
        config.put("plumbline.remediation.api-token", API_TOKEN);
        config.put("plumbline.remediation.verification.interval", "200ms");
        config.put("plumbline.remediation.verification.attempts", "50");
        for (String action : new String[] {"rds-enable-multi-az", "sg-restrict-world-ingress"}) {
            config.put("plumbline.remediation.actions." + action + ".enabled", "true");
            config.put("plumbline.remediation.actions." + action + ".approvers", APPROVER + "," + SECOND);
        }
        config.put("plumbline.remediation.actions.rds-enable-multi-az.apply-immediately", "true");
        config.put("plumbline.remediation.actions.rds-enable-multi-az.approver-groups", DBA_GROUP);
        config.put("plumbline.remediation.actions.rds-enable-deletion-protection.enabled", "true");
        config.put("plumbline.remediation.actions.rds-enable-deletion-protection.approvers", APPROVER + "," + SECOND);
        config.put("plumbline.remediation.actions.rds-enable-deletion-protection.two-person", "true");
        config.put("plumbline.remediation.actions.rds-set-backup-retention.enabled", "true");
        config.put("plumbline.remediation.actions.rds-set-backup-retention.approvers", APPROVER);
        config.put("plumbline.remediation.actions.rds-set-backup-retention.tags.team", "data");
        config.put("plumbline.remediation.actions.rds-set-backup-retention.tags.env", "prod");
        // each test stubs the group answer it needs: nothing remembered between them (SlackUserGroupsTest covers the TTL)
        config.put("plumbline.remediation.slack.usergroup-cache-ttl", "0s");
        config.put("plumbline.remediation.slack.usergroup-timeout", "2s");
        return config;
    }

    @Override
    public void stop() {
        if (slack != null) {
            slack.stop();
        }
        if (scanner != null) {
            scanner.stop();
        }
    }

    public static String bootstrap() {
        return System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    }

    private static void createTopics(String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(java.util.Arrays.stream(topics).map(t -> new NewTopic(t, Optional.of(3), Optional.empty())).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topics on " + bootstrap(), e);
        }
    }
}
