package io.plumbline.ticketing.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Starts a contract-enforcing fake of every destination (Jira Cloud, ServiceNow, OpsGenie, Slack, PagerDuty),
 * points the service at them, and gives this test run its own findings and dead-letter topics on the real broker.
 */
public class DestinationFakes implements QuarkusTestResourceLifecycleManager {

    public static final String JIRA_EMAIL = "ops@example.com";
    public static final String JIRA_TOKEN = "jira-api-token";
    public static final String SLACK_TOKEN = "xoxb-test-token";
    public static final String SLACK_CHANNEL = "C0ALERTS";
    public static final String OPSGENIE_KEY = "opsgenie-api-key";
    public static final String SN_USER = "plumbline";
    public static final String SN_PASSWORD = "sn-password";
    public static final String PAGERDUTY_KEY = "R0UT1NGKEY0123456789ABCDEFGHIJKL";
    public static final String JIRA_WEBHOOK_SECRET = "jira-webhook-secret";
    public static final String OPSGENIE_WEBHOOK_SECRET = "opsgenie-webhook-secret";
    public static final String SERVICENOW_WEBHOOK_SECRET = "servicenow-webhook-secret";

    private FakeJira jira;
    private FakeSlack slack;
    private FakeOpsGenie opsgenie;
    private FakeServiceNow servicenow;
    private FakePagerDuty pagerduty;

    @Override
    public Map<String, String> start() {
        jira = new FakeJira(JIRA_EMAIL, JIRA_TOKEN, null);
        slack = new FakeSlack(SLACK_TOKEN).channel(SLACK_CHANNEL, "alerts");
        opsgenie = new FakeOpsGenie(OPSGENIE_KEY);
        servicenow = new FakeServiceNow(SN_USER, SN_PASSWORD, null);
        pagerduty = new FakePagerDuty(PAGERDUTY_KEY);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "ticketing-test-findings-" + run;
        createTopics(topic, topic + "-dlq", remediationTopic(run), remediationTopic(run) + "-dlq");

        Map<String, String> config = new HashMap<>();
        config.put("mp.messaging.incoming.findings.topic", topic);
        config.put("mp.messaging.incoming.findings.group.id", "ticketing-test-" + run);
        config.put("mp.messaging.outgoing.findings-dlq.topic", topic + "-dlq");
        config.put("mp.messaging.incoming.remediation-events.topic", remediationTopic(run));
        config.put("mp.messaging.incoming.remediation-events.dead-letter-queue.topic", remediationTopic(run) + "-dlq");
        config.put("plumbline.ticketing.jira.base-url", jira.baseUrl());
        config.put("plumbline.ticketing.jira.email", JIRA_EMAIL);
        config.put("plumbline.ticketing.jira.api-token", JIRA_TOKEN);
        config.put("plumbline.ticketing.slack.base-url", slack.baseUrl());
        config.put("plumbline.ticketing.slack.bot-token", SLACK_TOKEN);
        config.put("plumbline.ticketing.slack.channel", SLACK_CHANNEL);
        config.put("plumbline.ticketing.opsgenie.base-url", opsgenie.baseUrl());
        config.put("plumbline.ticketing.opsgenie.api-key", OPSGENIE_KEY);
        config.put("plumbline.ticketing.servicenow.instance-url", servicenow.baseUrl());
        config.put("plumbline.ticketing.servicenow.username", SN_USER);
        config.put("plumbline.ticketing.servicenow.password", SN_PASSWORD);
        config.put("plumbline.ticketing.pagerduty.base-url", pagerduty.baseUrl());
        config.put("plumbline.ticketing.pagerduty.routing-key", PAGERDUTY_KEY);
        config.put("plumbline.ticketing.inbound.jira.webhook-secret", JIRA_WEBHOOK_SECRET);
        config.put("plumbline.ticketing.inbound.opsgenie.webhook-secret", OPSGENIE_WEBHOOK_SECRET);
        config.put("plumbline.ticketing.inbound.servicenow.webhook-secret", SERVICENOW_WEBHOOK_SECRET);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        for (Object fake : List.of(jira, slack, opsgenie, servicenow, pagerduty)) {
            injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(InjectFake.class, fake.getClass()));
        }
    }

    @Override
    public void stop() {
        for (VendorFake fake : new VendorFake[] {jira, slack, opsgenie, servicenow, pagerduty}) {
            if (fake != null) {
                fake.close();
            }
        }
    }

    private static String remediationTopic(String run) {
        return "ticketing-test-remediation-" + run;
    }

    private static void createTopics(String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, FindingsTopic.bootstrap()))) {
            admin.createTopics(java.util.Arrays.stream(topics)
                            .map(t -> new NewTopic(t, Optional.of(3), Optional.empty())).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topics on " + FindingsTopic.bootstrap(), e);
        }
    }
}
