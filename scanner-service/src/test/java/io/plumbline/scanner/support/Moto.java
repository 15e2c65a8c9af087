package io.plumbline.scanner.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The moto emulator the local stack runs; tests arrange AWS state through it with the real SDK over HTTP. */
public final class Moto {

    private Moto() {}

    public static String endpoint() {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalStateException("AWS_ENDPOINT_URL is not set: run the tests with bin/test, which starts moto");
        }
        return endpoint;
    }

    /** Forgets every resource, so each test starts from an empty account. */
    public static void reset() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode());
            }
        } catch (Exception e) {
            throw new IllegalStateException("moto is not reachable at " + endpoint(), e);
        }
    }

    public static Ec2Client ec2(String region) {
        return configure(Ec2Client.builder(), region).build();
    }

    public static RdsClient rds(String region) {
        return configure(RdsClient.builder(), region).build();
    }

    public static IamClient iam() {
        return configure(IamClient.builder(), "aws-global").build();
    }

    public static S3Client s3(String region) {
        return configure(S3Client.builder(), region).forcePathStyle(true).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region) {
        return builder.region(Region.of(region))
                .endpointOverride(URI.create(endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }
}
