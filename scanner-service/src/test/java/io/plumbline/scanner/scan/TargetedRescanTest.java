package io.plumbline.scanner.scan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/** Remediation verifies a fix by rescanning one resource: only that resource's findings may change. */
@QuarkusTest
class TargetedRescanTest extends EmptyAccountTest {

    @Test
    void shouldResolveOnlyTheRescannedResource() {
        try (RdsClient rds = Moto.rds("sa-east-1")) {
            database(rds, "crm-db");
            database(rds, "billing-db");
            ScannerApi.scan(List.of("sa-east-1"), List.of("rds-instance-multi-az", "rds-instance-deletion-protection"));
            assertThat(ScannerApi.findings("status=OPEN&ruleId=rds-instance-multi-az").getList("resourceId"))
                    .containsExactlyInAnyOrder("crm-db", "billing-db");
            String crmArn = rds.describeDBInstances(r -> r.dbInstanceIdentifier("crm-db")).dbInstances().get(0).dbInstanceArn();

            // both are fixed in AWS, but only crm-db is rescanned
            rds.modifyDBInstance(r -> r.dbInstanceIdentifier("crm-db").multiAZ(true).applyImmediately(true));
            rds.modifyDBInstance(r -> r.dbInstanceIdentifier("billing-db").multiAZ(true).applyImmediately(true));
            JsonPath rescan = ScannerApi.rescan(crmArn);

            assertThat(rescan.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(rescan.getString("resourceArn")).isEqualTo(crmArn);
            assertThat(rescan.getInt("resourcesEvaluated")).isEqualTo(1);
            assertThat(rescan.getList("regions")).containsExactly("sa-east-1");
            assertThat(ScannerApi.findings("ruleId=rds-instance-multi-az&resourceId=crm-db").getList("status"))
                    .containsExactly("RESOLVED");
            assertThat(ScannerApi.findings("ruleId=rds-instance-multi-az&status=OPEN").getList("resourceId"))
                    .as("billing-db was not rescanned, so it is not known to be fixed").containsExactly("billing-db");
            assertThat(ScannerApi.findings("ruleId=rds-instance-deletion-protection&status=OPEN").getList("resourceId"))
                    .as("the target's other failing rules stay open").contains("crm-db");
        }
    }

    @Test
    void shouldRefuseSomethingThatIsNotAnArn() {
        given().contentType(ContentType.JSON).body(Map.of("resourceArn", "crm-db"))
                .when().post("/api/v1/scans")
                .then().statusCode(400).body("error", containsString("'crm-db' is not an ARN"));
    }

    private static void database(RdsClient rds, String name) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass("db.t3.medium")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").multiAZ(false)
                .storageEncrypted(true));
    }
}
