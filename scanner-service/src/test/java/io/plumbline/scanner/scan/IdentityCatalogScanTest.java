package io.plumbline.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.VPCRegion;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;

/**
 * The identity, audit, key, serverless, DNS and storage rules against resources planted in moto, each risk beside a
 * compliant twin, through a full scan with the real collectors. Recorded AWS answers stand in where moto cannot
 * produce the data: the IAM credential report (credential use cannot be backdated) and Lambda's
 * ListFunctionUrlConfigs (not implemented by moto 5.2.1). S3 Control's account-level Block Public Access is moto's
 * own (path-style, as the scanner calls it).
 */
@QuarkusTest
class IdentityCatalogScanTest extends EmptyAccountTest {

    private static final String OHIO = "us-east-2";
    private static final String VIRGINIA = "us-east-1";
    private static final String ACCOUNT = "123456789012";
    private static final String ALLOW_ALL = """
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowAll","Effect":"Allow","Action":"*","Resource":"*"}]}""";

    @Inject
    CallLog calls;

    /** Counts the scanner's own AWS calls by operation (test only; the scanner's clients pick up every interceptor bean). */
    @Singleton
    public static class CallLog implements ExecutionInterceptor {

        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }

        int count(String operation) {
            AtomicInteger count = counts.get(operation);
            return count == null ? 0 : count.get();
        }

        void clear() {
            counts.clear();
        }
    }

    @BeforeEach
    void forgetCalls() {
        calls.clear();
    }

    @Test
    void shouldFindIdentityRisksFromOneAuthorizationListing() {
        try (IamClient iam = Moto.iam()) {
            String godmode = iam.createPolicy(r -> r.policyName("godmode").policyDocument(ALLOW_ALL)).policy().arn();
            iam.createPolicy(r -> r.policyName("spare-admin").policyDocument(ALLOW_ALL));
            String deploy = iam.createPolicy(r -> r.policyName("scoped-deploy").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],
                    "Resource":"arn:aws:s3:::acme-artifacts/*"}]}""")).policy().arn();
            iam.createUser(r -> r.userName("alice"));
            iam.attachUserPolicy(r -> r.userName("alice").policyArn(godmode));
            iam.createGroup(r -> r.groupName("developers"));
            iam.attachGroupPolicy(r -> r.groupName("developers").policyArn(deploy));
            iam.createUser(r -> r.userName("bob"));
            iam.addUserToGroup(r -> r.groupName("developers").userName("bob"));
            iam.createUser(r -> r.userName("ci-bot"));
            iam.createAccessKey(r -> r.userName("ci-bot"));
            iam.createGroup(r -> r.groupName("support"));
            iam.attachGroupPolicy(r -> r.groupName("support").policyArn("arn:aws:iam::aws:policy/AWSSupportAccess"));
            role(iam, "app-ec2", """
                    {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""");
            role(iam, "debug-anyone", """
                    {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}""");
            role(iam, "vendor-monitoring", """
                    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}""");
            role(iam, "vendor-billing", """
                    {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole",
                     "Condition":{"StringEquals":{"sts:ExternalId":"8c2f61d0-acme"}}}""");
            // moto cannot backdate credential use: the scanner reads a recorded report generated 2025-06-01
            faults.record("GetCredentialReport", "/aws/iam/GetCredentialReport-unused-credentials.xml");

            JsonPath scan = ScannerApi.scan(List.of(OHIO), List.of("iam-user-unused-credentials", "iam-user-direct-policies",
                    "iam-policy-admin-wildcard", "iam-role-trusts-any-principal", "iam-role-cross-account-without-external-id",
                    "iam-support-access-role"));

            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(scan.getList("errors")).isEmpty();
            Map<String, String> open = openFindings();
            assertThat(open).containsOnlyKeys("iam-user-unused-credentials/alice", "iam-user-unused-credentials/ci-bot",
                    "iam-user-direct-policies/alice", "iam-policy-admin-wildcard/godmode", "iam-role-trusts-any-principal/debug-anyone",
                    "iam-role-cross-account-without-external-id/vendor-monitoring", "iam-support-access-role/" + ACCOUNT);
            assertThat(open.get("iam-user-unused-credentials/alice")).isEqualTo("IAM user alice has credentials unused for more "
                    + "than 90 days: console password last used 2025-01-10T00:00:00+00:00 (142 days before the report); nobody "
                    + "would notice if someone else started using them, and they still grant all of the user's permissions.");
            assertThat(open.get("iam-user-unused-credentials/ci-bot"))
                    .contains("active access key 1 never used since it was created 2024-11-01T00:00:00+00:00 (212 days)");
            assertThat(open.get("iam-user-direct-policies/alice")).contains(": managed policy godmode;");
            assertThat(open.get("iam-policy-admin-wildcard/godmode"))
                    .startsWith("IAM policy godmode allows every action on every resource (statement AllowAll of version v1) "
                            + "and is attached to 1 user(s), group(s) or role(s)");
            assertThat(open.get("iam-role-trusts-any-principal/debug-anyone"))
                    .startsWith("IAM role debug-anyone can be assumed by any AWS principal in any account (Principal *)");
            assertThat(open.get("iam-role-cross-account-without-external-id/vendor-monitoring"))
                    .startsWith("IAM role vendor-monitoring can be assumed from AWS account(s) 999988887777 without an sts:ExternalId");
            assertThat(open.get("iam-support-access-role/" + ACCOUNT))
                    .contains("holds AWSSupportAccess (it is attached only to groups without members: support)");
            // users, roles, policies and the account come from one shared listing
            assertThat(calls.count("GetAccountAuthorizationDetails")).isEqualTo(1);
        }
    }

    @Test
    void shouldFindAuditKeyAndStorageRisks() {
        try (S3Client s3 = Moto.s3(OHIO); S3Client s3Virginia = Moto.s3(VIRGINIA); KmsClient kms = client(KmsClient.builder(), OHIO);
                CloudTrailClient trails = client(CloudTrailClient.builder(), OHIO);
                CloudTrailClient trailsVirginia = client(CloudTrailClient.builder(), VIRGINIA)) {
            // keys
            String appData = kms.createKey(r -> r.description("Application data")).keyMetadata().arn();
            kms.createAlias(r -> r.aliasName("alias/app-data").targetKeyId(appData));
            kms.enableKeyRotation(r -> r.keyId(appData));
            String billing = kms.createKey(r -> r.description("Billing database")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/billing").targetKeyId(billing));
            kms.createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.SIGN_VERIFY).description("Release signing"));
            String oldOrders = kms.createKey(r -> r.description("Old orders")).keyMetadata().keyId();
            kms.scheduleKeyDeletion(r -> r.keyId(oldOrders).pendingWindowInDays(7));
            // trails: a logging multi-region trail homed outside the scanned region covers the account
            s3Virginia.createBucket(r -> r.bucket("acme-cloudtrail"));
            trailsVirginia.createTrail(r -> r.name("org").s3BucketName("acme-cloudtrail").isMultiRegionTrail(true)
                    .enableLogFileValidation(true));
            trailsVirginia.startLogging(r -> r.name("org"));
            trails.createTrail(r -> r.name("audit").s3BucketName("acme-cloudtrail").enableLogFileValidation(true).kmsKeyId(appData)
                    .cloudWatchLogsLogGroupArn("arn:aws:logs:us-east-2:" + ACCOUNT + ":log-group:audit-trail:*")
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + ACCOUNT + ":role/CloudTrail_CloudWatchLogs_Role"));
            trails.startLogging(r -> r.name("audit"));
            trails.createTrail(r -> r.name("legacy").s3BucketName("acme-cloudtrail"));
            // buckets
            bucket(s3, "acme-logs");
            // Principal {"AWS":"*"} here: moto's PutBucketLogging check fails on a target policy with Principal "*"
            s3.putBucketPolicy(r -> r.bucket("acme-logs").policy(tlsOnly("acme-logs", "{\"AWS\":\"*\"}", """
                    ,{"Sid":"S3ServerAccessLogs","Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},
                      "Action":"s3:PutObject","Resource":"arn:aws:s3:::acme-logs/*"}""")));
            bucket(s3, "acme-secure");
            s3.putBucketPolicy(r -> r.bucket("acme-secure").policy(tlsOnly("acme-secure", "\"*\"", "")));
            s3.putBucketVersioning(r -> r.bucket("acme-secure").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            s3.putBucketLifecycleConfiguration(r -> r.bucket("acme-secure").lifecycleConfiguration(l -> l.rules(rule -> rule
                    .id("expire-noncurrent").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                    .noncurrentVersionExpiration(e -> e.noncurrentDays(30)))));
            s3.putBucketLogging(r -> r.bucket("acme-secure").bucketLoggingStatus(b -> b.loggingEnabled(
                    l -> l.targetBucket("acme-logs").targetPrefix("acme-secure/"))));
            bucket(s3, "acme-loose");
            s3.putBucketPolicy(r -> r.bucket("acme-loose").policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},
                    "Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-loose/*"}]}"""));
            s3.putBucketVersioning(r -> r.bucket("acme-loose").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            accountPublicAccessBlock(true);

            JsonPath scan = ScannerApi.scan(List.of(OHIO), List.of("cloudtrail-multi-region-logging", "cloudtrail-log-file-validation",
                    "cloudtrail-kms-encryption", "cloudtrail-cloudwatch-logs", "cloudtrail-trail-logging", "kms-key-rotation-enabled",
                    "kms-key-pending-deletion", "s3-account-public-access-block", "s3-bucket-tls-enforced",
                    "s3-bucket-versioned-lifecycle", "s3-bucket-access-logging"));

            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(scan.getList("errors")).isEmpty();
            Map<String, String> open = openFindings();
            assertThat(open).containsOnlyKeys("cloudtrail-log-file-validation/legacy", "cloudtrail-kms-encryption/legacy",
                    "cloudtrail-cloudwatch-logs/legacy", "cloudtrail-trail-logging/legacy", "kms-key-rotation-enabled/" + billing,
                    "kms-key-pending-deletion/" + oldOrders, "s3-bucket-tls-enforced/acme-loose", "s3-bucket-versioned-lifecycle/acme-loose",
                    "s3-bucket-access-logging/acme-loose", "s3-bucket-access-logging/acme-logs");
            assertThat(open.get("cloudtrail-trail-logging/legacy")).startsWith("CloudTrail trail legacy in us-east-2 is not logging;");
            assertThat(open.get("cloudtrail-kms-encryption/legacy")).contains("writes its log files to s3://acme-cloudtrail without SSE-KMS");
            assertThat(open.get("kms-key-rotation-enabled/" + billing))
                    .startsWith("KMS key billing (" + billing + ") in us-east-2, described as \"Billing database\", has automatic key "
                            + "rotation turned off");
            assertThat(open.get("kms-key-pending-deletion/" + oldOrders))
                    .startsWith("KMS key " + oldOrders + " in us-east-2, described as \"Old orders\", is scheduled for deletion on ");
            assertThat(open.get("s3-bucket-tls-enforced/acme-loose"))
                    .startsWith("S3 bucket acme-loose in us-east-2 has a bucket policy without a statement denying requests");
            assertThat(open.get("s3-bucket-versioned-lifecycle/acme-loose"))
                    .contains("(versioning Enabled, no lifecycle configuration)");
        }
    }

    @Test
    void shouldFindAnAccountWithoutMultiRegionTrailOrAccountPublicAccessBlock() {
        try (S3Client s3 = Moto.s3(OHIO); CloudTrailClient trails = client(CloudTrailClient.builder(), OHIO)) {
            bucket(s3, "acme-cloudtrail-ohio");
            trails.createTrail(r -> r.name("ohio-only").s3BucketName("acme-cloudtrail-ohio"));
            trails.startLogging(r -> r.name("ohio-only"));

            JsonPath scan = ScannerApi.scan(List.of(OHIO), List.of("cloudtrail-multi-region-logging", "s3-account-public-access-block"));

            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(scan.getList("errors")).isEmpty();
            Map<String, String> open = openFindings();
            assertThat(open).containsOnlyKeys("cloudtrail-multi-region-logging/" + ACCOUNT, "s3-account-public-access-block/" + ACCOUNT);
            assertThat(open.get("cloudtrail-multi-region-logging/" + ACCOUNT)).startsWith("AWS account " + ACCOUNT
                    + " has no multi-region CloudTrail trail that is logging all management events (trails: ohio-only "
                    + "[single-region in us-east-2]);");
            assertThat(open.get("s3-account-public-access-block/" + ACCOUNT))
                    .startsWith("AWS account " + ACCOUNT + " has no account-level S3 Block Public Access configuration;");
        }
    }

    @Test
    void shouldFindServerlessAndDnsRisks() {
        try (IamClient iam = Moto.iam(); LambdaClient lambda = client(LambdaClient.builder(), OHIO);
                Route53Client route53 = client(Route53Client.builder(), "aws-global"); Ec2Client ec2 = Moto.ec2(OHIO)) {
            String role = iam.createRole(r -> r.roleName("lambda-exec").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},
                    "Action":"sts:AssumeRole"}]}""")).role().arn();
            function(lambda, "legacy-report", Runtime.PYTHON3_8, role);
            function(lambda, "public-webhook", Runtime.PYTHON3_12, role);
            function(lambda, "orders-worker", Runtime.PYTHON3_12, role);
            // moto has no ListFunctionUrlConfigs, and its ListFunctionEventInvokeConfigs writes LastModified as an ISO string
            // the SDK cannot read (the API sends epoch seconds): recorded answers stand in. Each answers every function; the
            // collector keeps a config only for the function (or qualifier) its FunctionArn names. They give public-webhook
            // a URL with AuthType NONE, and public-webhook and orders-worker (alias live) an on-failure destination.
            faults.record("ListFunctionUrlConfigs", "/aws/lambda/ListFunctionUrlConfigs-public-webhook.json");
            faults.record("ListFunctionEventInvokeConfigs", "/aws/lambda/ListFunctionEventInvokeConfigs-on-failure.json");

            String healthCheck = route53.createHealthCheck(r -> r.callerReference("app-primary").healthCheckConfig(c -> c
                    .type(HealthCheckType.HTTPS).fullyQualifiedDomainName("primary.example.com").port(443).resourcePath("/health")))
                    .healthCheck().id();
            String example = zoneId(route53.createHostedZone(r -> r.name("example.com").callerReference("example")).hostedZone().id());
            failover(route53, example, "app.example.com", "primary", ResourceRecordSetFailover.PRIMARY, "203.0.113.10", healthCheck);
            failover(route53, example, "app.example.com", "secondary", ResourceRecordSetFailover.SECONDARY, "203.0.113.20", null);
            logGroup("/aws/route53/example.com");
            route53.createQueryLoggingConfig(r -> r.hostedZoneId(example)
                    .cloudWatchLogsLogGroupArn("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/aws/route53/example.com:*"));
            String shop = zoneId(route53.createHostedZone(r -> r.name("shop.example").callerReference("shop")).hostedZone().id());
            failover(route53, shop, "shop.example", "main", ResourceRecordSetFailover.PRIMARY, "203.0.113.30", null);
            failover(route53, shop, "shop.example", "standby", ResourceRecordSetFailover.SECONDARY, "203.0.113.40", null);
            String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
            route53.createHostedZone(r -> r.name("corp.internal").callerReference("corp").hostedZoneConfig(c -> c.privateZone(true))
                    .vpc(v -> v.vpcId(vpc).vpcRegion(VPCRegion.US_EAST_2)));

            JsonPath scan = ScannerApi.scan(List.of(OHIO), List.of("lambda-deprecated-runtime", "lambda-async-failure-destination",
                    "lambda-function-url-public", "route53-failover-health-check", "route53-public-zone-query-logging"));

            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(scan.getList("errors")).isEmpty();
            Map<String, String> open = openFindings();
            assertThat(open).containsOnlyKeys("lambda-deprecated-runtime/legacy-report", "lambda-async-failure-destination/legacy-report",
                    "lambda-function-url-public/public-webhook", "route53-failover-health-check/" + shop,
                    "route53-public-zone-query-logging/" + shop);
            assertThat(open.get("lambda-deprecated-runtime/legacy-report"))
                    .startsWith("Lambda function legacy-report in us-east-2 runs on the deprecated runtime python3.8;");
            assertThat(open.get("lambda-function-url-public/public-webhook")).contains(
                    "has a function URL without authentication: https://x3bq7lk2hv5jw4mzd6cyn5e2pu0ifgte.lambda-url.us-east-2.on.aws/;");
            assertThat(open.get("route53-failover-health-check/" + shop)).isEqualTo("Route 53 hosted zone shop.example. (" + shop
                    + ") has primary failover record(s) without a health check: shop.example. A (set main); they are always "
                    + "treated as healthy, so DNS never fails over to the secondary when the primary is down.");
            assertThat(open.get("route53-public-zone-query-logging/" + shop))
                    .startsWith("Route 53 public hosted zone shop.example. (" + shop + ", ");
        }
    }

    private static Map<String, String> openFindings() {
        JsonPath findings = ScannerApi.findings("status=OPEN");
        List<String> rules = findings.getList("ruleId");
        List<String> ids = findings.getList("resourceId");
        List<String> messages = findings.getList("message");
        Map<String, String> byKey = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            byKey.put(rules.get(i) + "/" + ids.get(i), messages.get(i));
        }
        return byKey;
    }

    private static <B extends AwsClientBuilder<B, C>, C> C client(B builder, String region) {
        return builder.region(Region.of(region))
                .endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    private static void role(IamClient iam, String name, String statement) {
        iam.createRole(r -> r.roleName(name)
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}"));
    }

    private static void bucket(S3Client s3, String name) {
        s3.createBucket(r -> r.bucket(name).createBucketConfiguration(c -> c.locationConstraint(OHIO)));
    }

    private static String tlsOnly(String bucket, String principal, String moreStatements) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":%2$s,"Action":"s3:*",
                "Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}%3$s]}"""
                .formatted(bucket, principal, moreStatements);
    }

    /** S3 Control through moto's path-style route (the SDK's s3control client would put the account in the host name). */
    private static void accountPublicAccessBlock(boolean on) {
        send("PUT", "/v20180820/configuration/publicAccessBlock", "s3", VIRGINIA, Map.of("x-amz-account-id", ACCOUNT,
                "Content-Type", "application/xml"), """
                <PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">
                <BlockPublicAcls>%1$s</BlockPublicAcls><IgnorePublicAcls>%1$s</IgnorePublicAcls>
                <BlockPublicPolicy>%1$s</BlockPublicPolicy><RestrictPublicBuckets>%1$s</RestrictPublicBuckets>
                </PublicAccessBlockConfiguration>""".formatted(on));
    }

    /** A CloudWatch Logs group in us-east-1, where Route 53 query logging needs it (the build has no Logs client). */
    private static void logGroup(String name) {
        send("POST", "/", "logs", VIRGINIA, Map.of("X-Amz-Target", "Logs_20140328.CreateLogGroup",
                "Content-Type", "application/x-amz-json-1.1"), "{\"logGroupName\":\"" + name + "\"}");
    }

    /** moto reads the service and region from the credential scope and does not check signatures. */
    private static void send(String method, String path, String service, String region, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Moto.endpoint() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20250601/" + region + "/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0");
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void function(LambdaClient lambda, String name, Runtime runtime, String role) {
        lambda.createFunction(r -> r.functionName(name).runtime(runtime).role(role).handler("handler.handle")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("handler.py", "def handle(event, context):\n    return event\n")))));
    }

    private static byte[] zip(String file, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(file));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void failover(Route53Client route53, String zone, String name, String setId, ResourceRecordSetFailover role,
            String address, String healthCheck) {
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c.action(ChangeAction.CREATE)
                .resourceRecordSet(s -> s.name(name).type(RRType.A).setIdentifier(setId).failover(role).ttl(60L)
                        .resourceRecords(v -> v.value(address)).healthCheckId(healthCheck)))));
    }

    private static String zoneId(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
