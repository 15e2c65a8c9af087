package io.plumbline.remediation.proposal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.Remediation;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Nothing read from {@code findings} is lost: broken records are dead-lettered with a reason, a database outage only delays. */
@QuarkusTest
@WithTestResource(RemediationFakes.class)
class DurableIntakeTest {

    @Inject
    EntityManager em;

    @AfterEach
    void databaseBack() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "drop trigger if exists test_database_down on remediation.proposal").executeUpdate());
    }

    @Test
    void shouldDeadLetterBrokenRecordsWithTheirReasonAndGoOnWithTheNext() {
        try (Ec2Client ec2 = Moto.ec2()) {
            String group = Moto.exposedGroup(ec2);
            FindingEvent good = Remediation.finding("security-group-world-ingress-admin-ports", Remediation.account(),
                    "arn:aws:ec2:us-east-1:123456789012:security-group/" + group, group, Map.of());
            FindingEvent other = Remediation.finding("rds-instance-multi-az", Remediation.account(), "arn:aws:rds:x", "x", Map.of());
            String futureVersion = EventJson.write(other).replace("\"version\":1", "\"version\":2");
            assertThat(futureVersion).contains("\"version\":2");
            String notJsonKey = Remediation.fingerprint();

            publish(notJsonKey, "{not json");
            publish(other.fingerprint(), futureVersion);
            publish(good.fingerprint(), EventJson.write(good));

            RemediationFlowTest.awaitProposal(good.fingerprint(), "PROPOSED");
            Map<String, ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
                    .until(DurableIntakeTest::deadLetters, d -> d.containsKey(notJsonKey) && d.containsKey(other.fingerprint()));

            assertThat(dead.get(notJsonKey).value()).isEqualTo("{not json");
            assertThat(reason(dead.get(notJsonKey))).startsWith("not JSON");
            assertThat(dead.get(other.fingerprint()).value()).as("the record is kept as it was").isEqualTo(futureVersion);
            assertThat(reason(dead.get(other.fingerprint()))).startsWith("does not match finding-event.v1").contains("version");
            assertThat(header(dead.get(other.fingerprint()), "plumbline-dlq-source"))
                    .startsWith(ConfigProvider.getConfig().getValue("mp.messaging.incoming.findings.topic", String.class) + "-");
            assertThat(dead).doesNotContainKey(good.fingerprint());
            assertThat(proposals(other.fingerprint())).isEmpty();
        }
    }

    @Test
    void shouldStoreTheProposalOnceTheDatabaseIsBackAndNotDeadLetterIt() {
        try (Ec2Client ec2 = Moto.ec2()) {
            String group = Moto.exposedGroup(ec2);
            FindingEvent finding = Remediation.finding("security-group-world-ingress-admin-ports", Remediation.account(),
                    "arn:aws:ec2:us-east-1:123456789012:security-group/" + group, group, Map.of());
            // the proposal table refuses every insert, as a database that is down or read-only would
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("""
                        create or replace function remediation.test_database_down() returns trigger language plpgsql as $$
                        begin
                            raise exception 'database unavailable (test)';
                        end $$""").executeUpdate();
                em.createNativeQuery("create trigger test_database_down before insert on remediation.proposal "
                        + "for each row execute function remediation.test_database_down()").executeUpdate();
            });
            double retriesBefore = retries();

            Remediation.publish(finding);
            await().atMost(Duration.ofSeconds(30)).until(() -> retries() >= retriesBefore + 2);
            assertThat(proposals(finding.fingerprint())).as("nothing stored while the database refuses").isEmpty();

            databaseBack();
            Map<String, Object> proposal = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> proposals(finding.fingerprint()), p -> p.size() == 1).getFirst();
            assertThat(proposal.get("state")).isEqualTo("PROPOSED");
            assertThat(Moto.rules(ec2, group)).as("a proposal changes nothing").hasSize(3);
            assertThat(deadLetters()).doesNotContainKey(finding.fingerprint());
        }
    }

    private static List<Map<String, Object>> proposals(String fingerprint) {
        return given().queryParam("fingerprint", fingerprint).when().get("/api/v1/proposals").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    private static double retries() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("plumbline_remediation_findings_store_retries_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void publish(String key, String value) {
        String topic = ConfigProvider.getConfig().getValue("mp.messaging.incoming.findings.topic", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RemediationFakes.bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    /** This run's dead-letter topic, by record key. */
    private static Map<String, ConsumerRecord<String, String>> deadLetters() {
        String topic = ConfigProvider.getConfig().getValue("mp.messaging.outgoing.remediation-findings-dlq.topic", String.class);
        Map<String, ConsumerRecord<String, String>> byKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RemediationFakes.bootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int empty = 0; empty < 3; ) {
                var batch = consumer.poll(Duration.ofMillis(300));
                if (batch.isEmpty()) {
                    empty++;
                }
                batch.forEach(r -> byKey.put(r.key(), r));
            }
        }
        return byKey;
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return header(record, "plumbline-dlq-reason");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
