package io.plumbline.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A second account reached through STS AssumeRole (moto keeps each account's resources apart), scanned
 * with the current one; each finding carries its own account.
 */
@QuarkusTest
@TestProfile(MultiAccountScanTest.TwoAccounts.class)
class MultiAccountScanTest extends EmptyAccountTest {

    private static final String OTHER_ACCOUNT = "111122223333";
    private static final String ROLE = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/plumbline-audit";

    public static class TwoAccounts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("plumbline.scanner.accounts[0].role-arn", ROLE,
                    "plumbline.scanner.accounts[0].external-id", "plumbline-test",
                    "plumbline.scanner.accounts[0].regions", "sa-east-1");
        }
    }

    @Test
    void shouldScanEveryConfiguredAccountAndAttributeFindingsToTheirAccount() {
        try (RdsClient current = Moto.rds("sa-east-1"); RdsClient other = rdsIn(OTHER_ACCOUNT, "sa-east-1")) {
            database(current, "crm-db");
            database(other, "partner-db");

            JsonPath scan = ScannerApi.scan(List.of(), List.of("rds-instance-multi-az"));

            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
            JsonPath open = ScannerApi.findings("status=OPEN");
            assertThat(open.getList("resourceId")).containsExactlyInAnyOrder("crm-db", "partner-db");
            assertThat(ScannerApi.findings("accountId=" + OTHER_ACCOUNT).getList("resourceId")).containsExactly("partner-db");
            assertThat(ScannerApi.findings("accountId=123456789012").getList("resourceId")).containsExactly("crm-db");
            assertThat(ScannerApi.findings("accountId=" + OTHER_ACCOUNT).getString("[0].resourceArn"))
                    .contains(":" + OTHER_ACCOUNT + ":");
        }
    }

    /** A client acting in {@code account}, through the same AssumeRole the scanner uses. */
    private static RdsClient rdsIn(String account, String region) {
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            Credentials credentials = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("test-setup")).credentials();
            return RdsClient.builder().region(Region.of(region)).endpointOverride(URI.create(Moto.endpoint()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                    .build();
        }
    }

    private static void database(RdsClient rds, String name) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass("db.t3.medium")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").multiAZ(false)
                .storageEncrypted(true));
    }
}
