package io.plumbline.scanner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every scanner setting, checked at start-up; a bad value fails the start naming its key. */
@ConfigMapping(prefix = "plumbline.scanner")
public interface ScannerConfig {

    /** Regions scanned when a scan request names none. */
    @WithDefault("us-east-2,sa-east-1")
    @NotEmpty
    List<@Pattern(regexp = "^[a-z]{2}(-gov)?-[a-z]+-\\d$", message = "is not an AWS region name") String> regions();

    /** Role assumed in the scanned account; empty means the SDK's default credentials are used as they are. */
    Optional<String> assumeRoleArn();

    /** External id required by the role's trust policy, if any. */
    Optional<String> externalId();

    /** Whether the account of the default credentials (or of {@code assume-role-arn}) is scanned too. */
    @WithDefault("true")
    boolean scanCurrentAccount();

    /** Further accounts, each reached through a role, e.g. {@code plumbline.scanner.accounts[0].role-arn}. */
    List<Account> accounts();

    /** Cron expression for scheduled scans (Quarkus cron syntax), or {@code off}. */
    @WithDefault("off")
    String schedule();

    /** Collectors of one (account, region, service) running at once. */
    @WithDefault("2")
    @Min(1)
    @Max(16)
    int perServiceConcurrency();

    /** Client-side pacing in requests per second per (account, region, service), below the AWS throttling buckets. */
    Map<String, @Min(1) Integer> pacing();

    /** Requests per second for services not listed in {@code pacing}. */
    @WithDefault("10")
    @Min(1)
    int defaultPacing();

    interface Account {
        /** The role to assume in that account. */
        String roleArn();

        Optional<String> externalId();

        /** Regions to scan there; {@code all} means every region enabled in the account; empty = {@code regions}. */
        Optional<List<String>> regions();
    }

    /** Collectors running at once; AWS throttles fan-out, so keep it modest. */
    @WithDefault("4")
    @Min(1)
    @Max(32)
    int collectorConcurrency();

    /** Attempts per AWS call (SDK STANDARD retry mode, with backoff and jitter). */
    @WithDefault("6")
    @Min(1)
    @Max(20)
    int awsMaxAttempts();

    /** How long one AWS answer may take; large unpaginated listings (and emulators) can be slow. */
    @WithDefault("60s")
    java.time.Duration awsReadTimeout();

    /** S3 path-style addressing, needed by emulators such as moto. */
    @WithDefault("false")
    boolean s3PathStyle();

    Rules rules();

    Outbox outbox();

    interface Rules {
        /** Rule ids switched off. */
        Optional<Set<String>> disabled();

        /** Per-rule parameter overrides, e.g. {@code plumbline.scanner.rules.parameters.rds-instance-backup-retention.minimumDays=14}. */
        Map<String, Map<String, String>> parameters();
    }

    interface Outbox {
        /** How often the relay looks for events that could not be sent right after their scan. */
        @WithDefault("5s")
        java.time.Duration interval();

        /** Events sent to Kafka per relay round. */
        @WithDefault("500")
        @Min(1)
        int batchSize();
    }
}
