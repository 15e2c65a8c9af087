package io.plumbline.ticketing.support;

import io.plumbline.contracts.FindingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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

/** The real broker's findings topic of this test run (and its dead-letter topic), as the scanner would write it. */
public final class FindingsTopic {

    private FindingsTopic() {}

    public static String bootstrap() {
        return System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
    }

    public static String topic() {
        return ConfigProvider.getConfig().getValue("mp.messaging.incoming.findings.topic", String.class);
    }

    public static String deadLetterTopic() {
        return ConfigProvider.getConfig().getValue("mp.messaging.outgoing.findings-dlq.topic", String.class);
    }

    public static void publish(FindingEvent... events) {
        publish(List.of(events));
    }

    public static void publish(List<FindingEvent> events) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (FindingEvent event : events) {
                producer.send(new ProducerRecord<>(topic(), event.fingerprint(), FindingEvents.json(event)));
            }
            producer.flush();
        }
    }

    /** Publishes a raw record, e.g. one that breaks the contract. */
    public static void publishRaw(String key, String value) {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic(), key, value));
            producer.flush();
        }
    }

    /** Publishes a {@code remediation-events} record (key = fingerprint) as the remediation service would. */
    public static void publishRemediation(String key, String value) {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(ConfigProvider.getConfig()
                    .getValue("mp.messaging.incoming.remediation-events.topic", String.class), key, value));
            producer.flush();
        }
    }

    /** Every record on the dead-letter topic so far. */
    public static List<ConsumerRecord<String, String>> deadLetters() {
        return readAll(deadLetterTopic());
    }

    /** Every record on the remediation dead-letter topic so far. */
    public static List<ConsumerRecord<String, String>> remediationDeadLetters() {
        return readAll(ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.remediation-events.dead-letter-queue.topic", String.class));
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            for (int empty = 0; empty < 3; ) {
                var batch = consumer.poll(Duration.ofMillis(300));
                if (batch.isEmpty()) {
                    empty++;
                }
                batch.forEach(records::add);
            }
            return records;
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props);
    }
}
