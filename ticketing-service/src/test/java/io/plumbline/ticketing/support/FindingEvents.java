package io.plumbline.ticketing.support;

import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Finding events as the scanner publishes them (valid against the schema), for one test estate. */
public final class FindingEvents {

    public static final String REGION = "sa-east-1";
    private static volatile String account = "111122223333";

    private FindingEvents() {}

    /**
     * Gives the next events a fresh account: incidents group by rule × account × region, so tests that each
     * start with a new account never share an incident (or a ticket on a fake) with an earlier test.
     */
    public static String newAccount() {
        account = String.valueOf(100_000_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextLong(899_999_999_999L));
        return account;
    }

    public static String account() {
        return account;
    }

    /** The case study's single-AZ RDS finding for the instance {@code name}. */
    public static FindingEvent rdsSingleAz(String name, FindingEvent.State state, long sequence) {
        return event("rds-instance-multi-az", "HIGH", "RELIABILITY", "REL10", "REL10-BP01",
                "arn:aws:rds:" + REGION + ":" + account + ":db:" + name, "AWS::RDS::DBInstance", name, name,
                "RDS instance not deployed across Availability Zones",
                "RDS instance " + name + " in " + REGION + " is deployed in a single Availability Zone", state, sequence);
    }

    /** An EC2 instance with world-open TCP ingress; {@code severity} chooses the route. */
    public static FindingEvent openIngress(String name, String severity, FindingEvent.State state, long sequence) {
        String id = "i-" + HexFormat.of().formatHex(sha(name), 0, 8).substring(0, 17 - 2);
        return event("ec2-public-instance-open-ingress", severity, "SECURITY", "SEC5", "SEC5-BP01",
                "arn:aws:ec2:" + REGION + ":" + account + ":instance/" + id, "AWS::EC2::Instance", id, name,
                "EC2 instance with a public IP allows TCP from anywhere",
                "EC2 instance " + name + " (" + id + ") has a public IP and allows TCP from 0.0.0.0/0", state, sequence);
    }

    public static FindingEvent event(String ruleId, String severity, String pillar, String question, String bestPractice,
                                     String arn, String type, String id, String name, String title, String message,
                                     FindingEvent.State state, long sequence) {
        String fingerprint = HexFormat.of().formatHex(sha(ruleId + "|" + account + "|" + REGION + "|" + arn));
        Instant now = Instant.now();
        return new FindingEvent(UUID.randomUUID().toString(), FindingEvent.SCHEMA_VERSION, fingerprint, state, sequence,
                ruleId, severity, pillar, question, bestPractice, "HIGH", account, REGION,
                new FindingEvent.ResourceRef(arn, type, id, name, Map.of("team", "payments")),
                title, message, "Losing the Availability Zone takes the workload down.",
                List.of("Enable Multi-AZ on the instance.", "Apply the change in the next maintenance window."),
                null, "scan-1", now.minusSeconds(60), now);
    }

    /** The same event as published again (a scanner retry): new event id, same sequence. */
    public static FindingEvent resent(FindingEvent event) {
        return new FindingEvent(UUID.randomUUID().toString(), event.version(), event.fingerprint(), event.state(),
                event.sequence(), event.ruleId(), event.severity(), event.pillar(), event.question(), event.bestPractice(),
                event.impact(), event.accountId(), event.region(), event.resource(), event.title(), event.message(),
                event.risk(), event.remediation(), event.autoFix(), event.scanId(), event.firstSeenAt(), event.observedAt());
    }

    public static String json(FindingEvent event) {
        String json = EventJson.write(event);
        if (!EventJson.findingEventProblems(json).isEmpty()) {
            throw new IllegalStateException("test event breaks the contract: " + EventJson.findingEventProblems(json));
        }
        return json;
    }

    private static byte[] sha(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
