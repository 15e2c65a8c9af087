package io.plumbline.remediation.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.kms.KmsClient;

/** SDK clients on the tests' moto emulator for DynamoDB, KMS, CloudTrail and ELBv2. */
public final class MotoClients {

    private MotoClients() {}

    public static DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), Moto.REGION).build();
    }

    public static KmsClient kms() {
        return configure(KmsClient.builder(), Moto.REGION).build();
    }

    public static CloudTrailClient cloudTrail(String region) {
        return configure(CloudTrailClient.builder(), region).build();
    }

    public static ElasticLoadBalancingV2Client elbv2() {
        return configure(ElasticLoadBalancingV2Client.builder(), Moto.REGION).build();
    }

    /** An S3 bucket in us-east-1 (a trail's destination), created with a plain path-style PUT: moto checks no signature. */
    public static void bucket(String name) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(Moto.endpoint() + "/" + name)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto CreateBucket answered " + response.statusCode() + ": " + response.body());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create bucket " + name + " in moto", e);
        }
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region) {
        return builder.region(Region.of(region))
                .endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }
}
