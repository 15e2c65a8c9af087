package io.plumbline.remediation.aws;

import io.plumbline.remediation.config.RemediationConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
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

/**
 * One SDK client per (service, region), with the remediation role's credentials (the SDK default chain, never the
 * scanner's). Endpoints follow the SDK's own {@code AWS_ENDPOINT_URL}.
 */
@ApplicationScoped
public class AwsClients {

    private final SdkHttpClient http = ApacheHttpClient.builder()
            .maxConnections(10)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final RemediationConfig config;

    public AwsClients(RemediationConfig config) {
        this.config = config;
    }

    public Ec2Client ec2(String region) {
        return (Ec2Client) clients.computeIfAbsent("ec2|" + region, k -> Ec2Client.builder()
                .region(Region.of(region)).httpClient(http).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build());
    }

    public RdsClient rds(String region) {
        return (RdsClient) clients.computeIfAbsent("rds|" + region, k -> RdsClient.builder()
                .region(Region.of(region)).httpClient(http).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build());
    }

    public DynamoDbClient dynamoDb(String region) {
        return (DynamoDbClient) clients.computeIfAbsent("dynamodb|" + region, k -> DynamoDbClient.builder()
                .region(Region.of(region)).httpClient(http).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build());
    }

    public KmsClient kms(String region) {
        return (KmsClient) clients.computeIfAbsent("kms|" + region, k -> KmsClient.builder()
                .region(Region.of(region)).httpClient(http).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build());
    }

    public CloudTrailClient cloudTrail(String region) {
        return (CloudTrailClient) clients.computeIfAbsent("cloudtrail|" + region, k -> CloudTrailClient.builder()
                .region(Region.of(region)).httpClient(http).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build());
    }

    public ElasticLoadBalancingV2Client elbv2(String region) {
        return (ElasticLoadBalancingV2Client) clients.computeIfAbsent("elbv2|" + region, k -> ElasticLoadBalancingV2Client.builder()
                .region(Region.of(region)).httpClient(http).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build());
    }

    public S3Client s3(String region) {
        return (S3Client) clients.computeIfAbsent("s3|" + region, k -> S3Client.builder()
                .region(Region.of(region)).httpClient(http).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .forcePathStyle(config.s3PathStyle())
                .build());
    }

    @PreDestroy
    void close() {
        clients.values().forEach(SdkClient::close);
        http.close();
    }
}
