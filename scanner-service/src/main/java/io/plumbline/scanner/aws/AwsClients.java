package io.plumbline.scanner.aws;

import io.plumbline.scanner.config.ScannerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import io.quarkus.arc.All;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One SDK client per (service, region, account), shared by every scan. Endpoints follow the SDK's own
 * {@code AWS_ENDPOINT_URL}; credentials and region follow its default chain unless a role is configured.
 */
@ApplicationScoped
public class AwsClients {

    private final ScannerConfig config;
    private final AwsCallCounter calls = new AwsCallCounter();
    private final SdkHttpClient http;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final List<ExecutionInterceptor> interceptors;
    private volatile AwsAccount defaultAccount;
    private volatile List<AwsAccount> configuredAccounts;

    /** {@code interceptors}: any {@link ExecutionInterceptor} beans (none in production; tests use them for recorded responses). */
    public AwsClients(ScannerConfig config, @All List<ExecutionInterceptor> interceptors) {
        this.config = config;
        this.interceptors = List.copyOf(interceptors);
        this.http = ApacheHttpClient.builder()
                .maxConnections(50)
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(config.awsReadTimeout())
                .build();
    }

    /** The account scanned by default: the configured role, or whoever the default credentials belong to. */
    public AwsAccount defaultAccount() {
        AwsAccount account = defaultAccount;
        if (account == null) {
            synchronized (this) {
                if (defaultAccount == null) {
                    defaultAccount = resolveDefaultAccount();
                }
                account = defaultAccount;
            }
        }
        return account;
    }

    private AwsAccount resolveDefaultAccount() {
        AwsCredentialsProvider base = DefaultCredentialsProvider.builder().build();
        AwsCredentialsProvider credentials = base;
        if (config.assumeRoleArn().isPresent()) {
            StsClient sts = configure(StsClient.builder(), Region.US_EAST_1, base, "none").build();
            credentials = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(r -> {
                        r.roleArn(config.assumeRoleArn().get()).roleSessionName("plumbline-scanner");
                        config.externalId().ifPresent(r::externalId);
                    })
                    .build();
        }
        try (StsClient sts = configure(StsClient.builder(), Region.US_EAST_1, credentials, "none").build()) {
            String accountId = sts.getCallerIdentity().account();
            return new AwsAccount(accountId, credentials, null);
        }
    }

    /** Every account a scan covers: the current one (unless switched off) and each configured role's. */
    public List<AwsAccount> accounts() {
        List<AwsAccount> accounts = configuredAccounts;
        if (accounts == null) {
            synchronized (this) {
                if (configuredAccounts == null) {
                    List<AwsAccount> resolved = new java.util.ArrayList<>();
                    if (config.scanCurrentAccount()) {
                        resolved.add(defaultAccount());
                    }
                    for (int i = 0; i < config.accounts().size(); i++) {
                        ScannerConfig.Account entry = config.accounts().get(i);
                        resolved.add(assume(entry.roleArn(), entry.externalId(), entry.regions().orElse(null),
                                "plumbline.scanner.accounts[" + i + "]"));
                    }
                    configuredAccounts = List.copyOf(resolved);
                }
                accounts = configuredAccounts;
            }
        }
        return accounts;
    }

    private AwsAccount assume(String roleArn, java.util.Optional<String> externalId, List<String> regions, String key) {
        AwsCredentialsProvider base = DefaultCredentialsProvider.builder().build();
        StsClient sts = configure(StsClient.builder(), Region.US_EAST_1, base, "none").build();
        AwsCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(roleArn).roleSessionName("plumbline-scanner");
                    externalId.ifPresent(r::externalId);
                })
                .build();
        try (StsClient identity = configure(StsClient.builder(), Region.US_EAST_1, credentials, "none").build()) {
            return new AwsAccount(identity.getCallerIdentity().account(), credentials, regions);
        } catch (RuntimeException e) {
            throw new IllegalStateException(key + ": cannot assume " + roleArn + ": " + e.getMessage(), e);
        }
    }

    /** Regions enabled in the account (opt-in regions only once opted in). */
    public List<String> enabledRegions(AwsAccount account) {
        return ec2(account, "us-east-1").describeRegions(r -> r.allRegions(false)).regions().stream()
                .map(software.amazon.awssdk.services.ec2.model.Region::regionName)
                .sorted()
                .toList();
    }

    public long callCount() {
        return calls.total();
    }

    public Ec2Client ec2(AwsAccount account, String region) {
        return cached("ec2", account, region, () -> configure(Ec2Client.builder(), Region.of(region), account.credentials(), "ec2").build());
    }

    public RdsClient rds(AwsAccount account, String region) {
        return cached("rds", account, region, () -> configure(RdsClient.builder(), Region.of(region), account.credentials(), "rds").build());
    }

    public AutoScalingClient autoScaling(AwsAccount account, String region) {
        return cached("autoscaling", account, region,
                () -> configure(AutoScalingClient.builder(), Region.of(region), account.credentials(), "autoscaling").build());
    }

    public IamClient iam(AwsAccount account) {
        return cached("iam", account, "global",
                () -> configure(IamClient.builder(), Region.AWS_GLOBAL, account.credentials(), "iam").build());
    }

    public S3Client s3(AwsAccount account, String region) {
        return cached("s3", account, region, () -> configure(S3Client.builder(), Region.of(region), account.credentials(), "s3")
                .forcePathStyle(config.s3PathStyle())
                .build());
    }

    /**
     * Any other service's client, e.g. {@code client(account, region, DynamoDbClient::builder)}; global services
     * (Route 53, CloudFront) pass {@code "aws-global"}.
     */
    public <C extends SdkClient, B extends AwsClientBuilder<B, C>> C client(AwsAccount account, String region,
            Supplier<B> builder) {
        B fresh = builder.get();
        // e.g. DefaultDynamoDbClientBuilder → dynamodb: the key for caching and pacing
        String service = fresh.getClass().getSimpleName().replace("Default", "").replace("ClientBuilder", "").toLowerCase(java.util.Locale.ROOT);
        return cached(service, account, region, () -> configure(fresh, Region.of(region), account.credentials(), service).build());
    }

    @SuppressWarnings("unchecked")
    private <T extends SdkClient> T cached(String service, AwsAccount account, String region, Supplier<T> factory) {
        return (T) clients.computeIfAbsent(service + '|' + account.accountId() + '|' + region, key -> factory.get());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region, AwsCredentialsProvider credentials,
            String service) {
        builder.region(region).credentialsProvider(credentials);
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        builder.overrideConfiguration(o -> o
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.awsMaxAttempts()).build())
                .executionInterceptors(concat(List.of(calls, new Pacer(config.pacing().getOrDefault(service, config.defaultPacing()))),
                        interceptors)));
        return builder;
    }

    private static List<ExecutionInterceptor> concat(List<ExecutionInterceptor> first, List<ExecutionInterceptor> rest) {
        List<ExecutionInterceptor> all = new java.util.ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    @PreDestroy
    void close() {
        clients.values().forEach(SdkClient::close);
        http.close();
    }
}
