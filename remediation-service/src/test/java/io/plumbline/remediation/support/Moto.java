package io.plumbline.remediation.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.rds.RdsClient;

/** The tests' moto emulator ({@code AWS_ENDPOINT_URL}); tests arrange and check AWS state through it with the real SDK. */
public final class Moto {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

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

    public static Ec2Client ec2() {
        return configure(Ec2Client.builder()).build();
    }

    public static RdsClient rds() {
        return configure(RdsClient.builder()).build();
    }

    /** A single-AZ PostgreSQL instance, available at once in moto. */
    public static String singleAzDatabase(String name) {
        try (RdsClient rds = rds()) {
            return rds.createDBInstance(r -> r.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass("db.t3.micro")
                    .allocatedStorage(20).masterUsername("app").masterUserPassword("secret-password").multiAZ(false))
                    .dbInstance().dbInstanceArn();
        }
    }

    public static boolean multiAz(String name) {
        try (RdsClient rds = rds()) {
            return Boolean.TRUE.equals(rds.describeDBInstances(r -> r.dbInstanceIdentifier(name)).dbInstances().getFirst().multiAZ());
        }
    }

    /** A group with 0.0.0.0/0 on 22, 10.0.0.0/8 on 22 and 0.0.0.0/0 on 443. */
    public static String exposedGroup(Ec2Client ec2) {
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String group = ec2.createSecurityGroup(r -> r.groupName("web").description("web").vpcId(vpc)).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(
                tcp(22, "0.0.0.0/0"), tcp(22, "10.0.0.0/8"), tcp(443, "0.0.0.0/0")));
        return group;
    }

    public static IpPermission tcp(int port, String cidr) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(IpRange.builder().cidrIp(cidr).build()).build();
    }

    /** Each (protocol, port, cidr) the group lets in. */
    public static Set<String> rules(Ec2Client ec2, String group) {
        Set<String> rules = new TreeSet<>();
        for (IpPermission p : ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().getFirst().ipPermissions()) {
            p.ipRanges().forEach(r -> rules.add(p.ipProtocol() + "/" + p.fromPort() + "-" + p.toPort() + " " + r.cidrIp()));
            p.ipv6Ranges().forEach(r -> rules.add(p.ipProtocol() + "/" + p.fromPort() + "-" + p.toPort() + " " + r.cidrIpv6()));
        }
        return rules;
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.region(Region.of(REGION))
                .endpointOverride(URI.create(endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }
}
