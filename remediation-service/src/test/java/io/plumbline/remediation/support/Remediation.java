package io.plumbline.remediation.support;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.proposal.ProposalService;
import io.plumbline.remediation.slack.SlackSignature;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the tests do from outside: publish findings, click Slack buttons (signed), read the API and the fakes. */
public final class Remediation {

    private Remediation() {}

    public static FindingEvent finding(String ruleId, String accountId, String arn, String id, Map<String, String> tags) {
        Instant now = Instant.now();
        return new FindingEvent(UUID.randomUUID().toString(), FindingEvent.SCHEMA_VERSION, fingerprint(),
                FindingEvent.State.OPEN, 1, ruleId, "HIGH", "RELIABILITY", "REL10", "REL10-BP01", "HIGH", accountId, Moto.REGION,
                new FindingEvent.ResourceRef(arn, "AWS::RDS::DBInstance", id, id, tags), "title <b>&", "message", "risk",
                List.of("fix it"), null, "scan-1", now, now);
    }

    /**
     * A fresh account id: the blast radius counts executions per account in the shared test database, so each test
     * gets an account of its own (moto serves every account the same).
     */
    public static String account() {
        return String.valueOf(200_000_000_000L + (long) (Math.random() * 99_999_999_999L));
    }

    /** A fresh fingerprint in the contract's shape (64 hex digits). */
    public static String fingerprint() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 64);
    }

    public static void publish(FindingEvent event) {
        String topic = ConfigProvider.getConfig().getValue("mp.messaging.incoming.findings.topic", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RemediationFakes.bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, event.fingerprint(), EventJson.write(event)));
            producer.flush();
        }
    }

    /** The states published on this run's remediation-events topic for one fingerprint, in order (checked against the record key). */
    public static List<String> publishedStates(String fingerprint) {
        String topic = ConfigProvider.getConfig().getValue("mp.messaging.outgoing.remediation-events.topic", String.class);
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RemediationFakes.bootstrap(),
                org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringDeserializer.class.getName(),
                org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringDeserializer.class.getName()))) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic, java.time.Duration.ofSeconds(10)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> states = new java.util.ArrayList<>();
            for (int empty = 0; empty < 3; ) {
                var batch = consumer.poll(java.time.Duration.ofMillis(300));
                if (batch.isEmpty()) {
                    empty++;
                }
                for (var record : batch) {
                    if (fingerprint.equals(record.key())) {
                        try {
                            var node = EventJson.mapper().readTree(record.value());
                            if (fingerprint.equals(node.path("fingerprint").asText()) && node.hasNonNull("eventId")
                                    && node.hasNonNull("proposalId") && node.hasNonNull("at")) {
                                states.add(node.path("state").asText());
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
            return states;
        }
    }

    /** A PROPOSED fix, by the action for {@code ruleId}, of a fresh single-AZ instance {@code name} in {@code account}. */
    public static String proposeOnNewDatabase(ProposalService proposals, String ruleId, String name, String account) {
        String arn = Moto.singleAzDatabase(name);
        ProposalService.Proposed outcome = proposals.onFinding(finding(ruleId, account, arn, name, Map.of()));
        assertThat(outcome).isInstanceOf(ProposalService.Proposed.Created.class);
        return ((ProposalService.Proposed.Created) outcome).proposal().id.toString();
    }

    public static String state(String proposalId) {
        return given().when().get("/api/v1/proposals/" + proposalId).then().statusCode(200).extract().path("state");
    }

    /** The proposal's refusals in the audit log, newest first. */
    public static List<String> refusals(String proposalId) {
        return given().queryParam("proposalId", proposalId).when().get("/api/v1/audit").then().statusCode(200).extract()
                .jsonPath().getList("outcome", String.class).stream().filter(o -> o.startsWith("REFUSED")).toList();
    }

    /** A block_actions payload as Slack sends it, form-encoded; answers later reach {@link #replies(String)}. */
    public static String clickBody(String userId, String actionId, String proposalId) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + userId + "\",\"username\":\"ops\"},"
                + "\"trigger_id\":\"" + UUID.randomUUID() + "\","
                + "\"response_url\":\"" + slackUrl() + "/actions/response/" + URLEncoder.encode(proposalId, StandardCharsets.UTF_8)
                + "\","
                + "\"container\":{\"type\":\"message\",\"message_ts\":\"1700000000.000100\",\"channel_id\":\"C0REMEDY\"},"
                + "\"actions\":[{\"action_id\":\"" + actionId + "\",\"block_id\":\"plumbline_decision\",\"value\":\""
                + proposalId + "\",\"type\":\"button\"}]}";
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    public static Response click(String body, long timestamp, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp));
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return request.body(body).when().post("/slack/interactions");
    }

    /** A correctly signed click, made now. */
    public static Response signedClick(String userId, String actionId, String proposalId) {
        String body = clickBody(userId, actionId, proposalId);
        long now = Instant.now().getEpochSecond();
        return click(body, now, SlackSignature.sign(RemediationFakes.SIGNING_SECRET, String.valueOf(now), body));
    }

    /** What the service told the clicking users of one proposal through response_url, oldest first. */
    public static List<String> replies(String proposalId) {
        return slack().find(postRequestedFor(urlPathEqualTo("/actions/response/" + proposalId))).stream().map(r -> {
                    try {
                        return EventJson.mapper().readTree(r.getBodyAsString()).path("text").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    public static String slackUrl() {
        return ConfigProvider.getConfig().getValue("plumbline.remediation.slack.base-url", String.class);
    }

    public static WireMock slack() {
        URI uri = URI.create(slackUrl());
        return new WireMock(uri.getHost(), uri.getPort());
    }

    public static WireMock scanner() {
        URI uri = URI.create(ConfigProvider.getConfig().getValue("plumbline.remediation.scanner-url", String.class));
        return new WireMock(uri.getHost(), uri.getPort());
    }
}
