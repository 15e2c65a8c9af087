package io.plumbline.benchmarks;

import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a deterministic estate's OPEN finding events to a topic, as the scanner would, for the ticketing
 * benchmark (bench/ticketing-throughput.sh). Event {@code i} is always the same finding (rule {@code i % rules},
 * region by parity, resource {@code i}), so publishing the first N again is a rescan that changes nothing.
 *
 * <pre>java -cp benchmarks.jar io.plumbline.benchmarks.FindingsLoad BOOTSTRAP TOPIC COUNT [RULES [GROUP [FIRST]]]</pre>
 * publishes events FIRST (default 0) to FIRST + COUNT - 1.
 * With COUNT 0 it only creates the topic (3 partitions). With GROUP, it waits (before the clock starts) until that
 * consumer group has every partition of the topic assigned, so a rebalance is not counted as the service's time.
 */
public final class FindingsLoad {

    private static final String ACCOUNT = "123456789012";
    private static final List<String> REGIONS = List.of("us-east-2", "sa-east-1");
    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");

    private FindingsLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FindingsLoad BOOTSTRAP TOPIC COUNT [RULES [GROUP [FIRST]]]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        int rules = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        ensureTopic(bootstrap, topic);
        if (args.length > 4) {
            awaitAssignment(bootstrap, topic, args[4]);
        }
        int first = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        // the events are written before the clock starts: the figure is the service's, not this generator's JSON
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            FindingEvent event = event(i, rules);
            records.add(new ProducerRecord<>(topic, event.fingerprint(), EventJson.write(event)));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.partitionsFor(topic); // connect first: the clock starts with the first event, not the JVM
            long start = System.nanoTime();
            System.out.println("sending-from-epoch-ms " + System.currentTimeMillis());
            for (ProducerRecord<String, String> record : records) {
                producer.send(record);
            }
            producer.flush();
            System.out.printf("published %d finding events to %s in %.2f s%n", count, topic, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void ensureTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitAssignment(String bootstrap, String topic, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                long assigned = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group)
                        .members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(p -> p.topic().equals(topic)).count();
                if (assigned >= partitions) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consumer group " + group + " has " + assigned + " of " + partitions
                            + " partitions of " + topic + " after 120 s");
                }
                Thread.sleep(100);
            }
        }
    }

    static FindingEvent event(int i, int rules) {
        String rule = "bench-rule-" + (i % rules);
        String region = REGIONS.get((i / rules) % 2);
        String id = "i-" + String.format("%017x", i);
        String arn = "arn:aws:ec2:" + region + ":" + ACCOUNT + ":instance/" + id;
        Instant now = Instant.now();
        return new FindingEvent(UUID.randomUUID().toString(), FindingEvent.SCHEMA_VERSION,
                sha256(rule + "|" + ACCOUNT + "|" + region + "|" + arn), FindingEvent.State.OPEN, 1, rule,
                SEVERITIES.get(i % rules % SEVERITIES.size()), "RELIABILITY", "REL10", "REL10-BP01", "HIGH", ACCOUNT, region,
                new FindingEvent.ResourceRef(arn, "AWS::EC2::Instance", id, "bench-" + i, Map.of("team", "bench")),
                "Benchmark check " + rule, "EC2 instance bench-" + i + " (" + id + ") in " + region + " fails " + rule,
                "Benchmark risk.", List.of("Fix it."), null, "bench-scan", now, now);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
