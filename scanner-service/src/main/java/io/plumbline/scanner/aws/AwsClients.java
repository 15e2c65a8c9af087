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
    private final SdkHttpClient http = ApacheHttpClient.builder()
            .maxConnections(50)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final List<ExecutionInterceptor> interceptors;
    private volatile AwsAccount defaultAccount;

    /** {@code interceptors}: any {@link ExecutionInterceptor} beans (none in production; tests use them for recorded responses). */
    public AwsClients(ScannerConfig config, @All List<ExecutionInterceptor> interceptors) {
        this.config = config;
        this.interceptors = List.copyOf(interceptors);
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
            StsClient sts = configure(StsClient.builder(), Region.US_EAST_1, base).build();
            credentials = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(r -> {
                        r.roleArn(config.assumeRoleArn().get()).roleSessionName("plumbline-scanner");
                        config.externalId().ifPresent(r::externalId);
                    })
                    .build();
        }
        try (StsClient sts = configure(StsClient.builder(), Region.US_EAST_1, credentials).build()) {
            String accountId = sts.getCallerIdentity().account();
            return new AwsAccount(accountId, credentials);
        }
    }

    public long callCount() {
        return calls.total();
    }

    public Ec2Client ec2(AwsAccount account, String region) {
        return cached("ec2", account, region, () -> configure(Ec2Client.builder(), Region.of(region), account.credentials()).build());
    }

    public RdsClient rds(AwsAccount account, String region) {
        return cached("rds", account, region, () -> configure(RdsClient.builder(), Region.of(region), account.credentials()).build());
    }

    public AutoScalingClient autoScaling(AwsAccount account, String region) {
        return cached("autoscaling", account, region,
                () -> configure(AutoScalingClient.builder(), Region.of(region), account.credentials()).build());
    }

    public IamClient iam(AwsAccount account) {
        return cached("iam", account, "global",
                () -> configure(IamClient.builder(), Region.AWS_GLOBAL, account.credentials()).build());
    }

    public S3Client s3(AwsAccount account, String region) {
        return cached("s3", account, region, () -> configure(S3Client.builder(), Region.of(region), account.credentials())
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
        String service = fresh.getClass().getName();
        return cached(service, account, region, () -> configure(fresh, Region.of(region), account.credentials()).build());
    }

    @SuppressWarnings("unchecked")
    private <T extends SdkClient> T cached(String service, AwsAccount account, String region, Supplier<T> factory) {
        return (T) clients.computeIfAbsent(service + '|' + account.accountId() + '|' + region, key -> factory.get());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region, AwsCredentialsProvider credentials) {
        builder.region(region).credentialsProvider(credentials);
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        builder.overrideConfiguration(o -> o
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.awsMaxAttempts()).build())
                .executionInterceptors(concat(calls, interceptors)));
        return builder;
    }

    private static List<ExecutionInterceptor> concat(ExecutionInterceptor first, List<ExecutionInterceptor> rest) {
        List<ExecutionInterceptor> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @PreDestroy
    void close() {
        clients.values().forEach(SdkClient::close);
        http.close();
    }
}
