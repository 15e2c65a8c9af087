package io.plumbline.scanner.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the findings topic the scanner under test publishes to (its test topic), from "now" on, as a downstream service would. */
public final class FindingsTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    public FindingsTopic() {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
        ensureTopic(bootstrap);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Everything published until {@code quiet} passes with nothing new (or {@code max} elapses). */
    public List<ConsumerRecord<String, String>> drain(Duration quiet, Duration max) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(max);
        Instant lastSeen = Instant.now();
        while (Instant.now().isBefore(deadline) && Duration.between(lastSeen, Instant.now()).compareTo(quiet) < 0) {
            var batch = consumer.poll(Duration.ofMillis(200));
            if (!batch.isEmpty()) {
                batch.forEach(records::add);
                lastSeen = Instant.now();
            }
        }
        return records;
    }

    /** Creates the test topic on first use (the broker would otherwise create it only when the scanner first publishes). */
    private static void ensureTopic(String bootstrap) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS).contains(topic())) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic(), 3, (short) 1)))
                        .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create the test topic " + topic(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topic " + topic(), e);
        }
    }

    /** The topic the scanner publishes to in tests: its own, so test events never reach a demo's ticketing service. */
    public static String topic() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.messaging.outgoing.findings.topic", String.class);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
