package io.plumbline.remediation.aws;

import io.plumbline.remediation.action.Target;
import io.plumbline.remediation.config.RemediationConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One SDK client per (account, service, region). An account with a {@code plumbline.remediation.accounts} entry is
 * reached through its remediation role (STS AssumeRole, refreshed by the SDK before the session expires); any other
 * account uses the SDK default credentials chain — never the scanner's role. Endpoints follow {@code AWS_ENDPOINT_URL}.
 */
@ApplicationScoped
public class AwsClients {

    private final SdkHttpClient http = ApacheHttpClient.builder()
            .maxConnections(10)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    private final AwsCredentialsProvider defaultCredentials = DefaultCredentialsProvider.builder().build();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final Map<String, StsAssumeRoleCredentialsProvider> roles = new ConcurrentHashMap<>();
    private final RemediationConfig config;

    public AwsClients(RemediationConfig config) {
        this.config = config;
    }

    /** A role configured for the wrong account would change another account's resources: refuse to start. */
    void check(@Observes StartupEvent event) {
        config.accounts().forEach((account, entry) -> {
            String key = "plumbline.remediation.accounts.\"" + account + "\"";
            if (!account.matches("\\d{12}")) {
                throw new IllegalStateException(key + ": the key is not a 12-digit AWS account id");
            }
            Optional<String> roleAccount;
            try {
                roleAccount = Arn.fromString(entry.roleArn()).accountId();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(key + ".role-arn is not an ARN");
            }
            if (!roleAccount.filter(account::equals).isPresent()) {
                throw new IllegalStateException(key + ".role-arn names a role in account " + roleAccount.orElse("(none)")
                        + ", not in " + account);
            }
        });
    }

    public Ec2Client ec2(Target target) {
        return client("ec2", target.accountId(), target.region(), Ec2Client::builder);
    }

    public RdsClient rds(Target target) {
        return client("rds", target.accountId(), target.region(), RdsClient::builder);
    }

    public DynamoDbClient dynamoDb(Target target) {
        return client("dynamodb", target.accountId(), target.region(), DynamoDbClient::builder);
    }

    public KmsClient kms(Target target) {
        return client("kms", target.accountId(), target.region(), KmsClient::builder);
    }

    public CloudTrailClient cloudTrail(Target target) {
        return client("cloudtrail", target.accountId(), target.region(), CloudTrailClient::builder);
    }

    public ElasticLoadBalancingV2Client elbv2(Target target) {
        return client("elbv2", target.accountId(), target.region(), ElasticLoadBalancingV2Client::builder);
    }

    public S3Client s3(Target target) {
        return client("s3", target.accountId(), target.region(),
                () -> S3Client.builder().forcePathStyle(config.s3PathStyle()));
    }

    /** STS with the account's credentials: {@code GetCallerIdentity} tells which identity the actions run as. */
    public StsClient sts(String accountId, String region) {
        return client("sts", accountId, region, StsClient::builder);
    }

    /** The one way a client is built: shared HTTP pool, standard retries, the account's credentials. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            String service, String accountId, String region, Supplier<B> builder) {
        String key = service + "|" + accountId + "|" + region;
        @SuppressWarnings("unchecked")
        C existing = (C) clients.get(key);
        if (existing != null) {
            return existing;
        }
        AwsCredentialsProvider credentials = credentials(accountId, region); // outside computeIfAbsent: it may build a client itself
        @SuppressWarnings("unchecked")
        C client = (C) clients.computeIfAbsent(key, k -> builder.get()
                .region(Region.of(region))
                .httpClient(http)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build());
        return client;
    }

    private AwsCredentialsProvider credentials(String accountId, String region) {
        RemediationConfig.Account account = accountId == null ? null : config.accounts().get(accountId);
        if (account == null) { // no entry (or the STS client that assumes the roles): the default chain
            return defaultCredentials;
        }
        // STS in the target's own region; the provider refreshes the session in the background before it expires
        return roles.computeIfAbsent(accountId + "|" + region, k -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(client("sts-assume-role", null, region, StsClient::builder))
                .refreshRequest(r -> {
                    r.roleArn(account.roleArn()).roleSessionName(account.sessionName());
                    account.externalId().ifPresent(r::externalId);
                })
                .asyncCredentialUpdateEnabled(true)
                .build());
    }

    @PreDestroy
    void close() {
        clients.values().forEach(SdkClient::close);
        roles.values().forEach(StsAssumeRoleCredentialsProvider::close);
        http.close();
    }
}
