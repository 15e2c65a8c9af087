package io.plumbline.remediation.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.action.ActionCatalog;
import io.plumbline.remediation.action.RemediationAction;
import io.plumbline.remediation.support.RemediationFakes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The IAM policy printed for the remediation role matches what the enabled actions (or all of them) call. */
@QuarkusTest
@WithTestResource(RemediationFakes.class)
class IamPolicyTest {

    @Inject
    ActionCatalog catalog;

    @Test
    void shouldGrantExactlyWhatTheEnabledActionsDeclare() {
        JsonPath policy = given().when().get("/api/v1/iam-policy").then().statusCode(200).extract().jsonPath();

        assertThat(policy.getString("Version")).isEqualTo("2012-10-17");
        // the test configuration (RemediationFakes) enables these four actions only
        List<String> sids = policy.getList("Statement.Sid", String.class);
        assertThat(sids).containsExactly("RdsEnableDeletionProtection", "RdsEnableMultiAz", "RdsSetBackupRetention",
                "SgRestrictWorldIngress");
        assertThat(policy.getList("Statement[" + sids.indexOf("SgRestrictWorldIngress") + "].Action", String.class))
                .containsExactly("ec2:AuthorizeSecurityGroupIngress", "ec2:DescribeInstances", "ec2:DescribeSecurityGroups",
                        "ec2:RevokeSecurityGroupIngress");
        assertThat(policy.getList("Statement.Effect", String.class)).containsOnly("Allow");
        assertThat(policy.getList("Statement.Action.flatten()", String.class)).doesNotContain("kms:EnableKeyRotation");
    }

    @Test
    void shouldGrantEveryActionsPermissionsWithAll() {
        JsonPath policy = given().queryParam("all", true).when().get("/api/v1/iam-policy").then().statusCode(200).extract().jsonPath();

        List<String> sids = policy.getList("Statement.Sid", String.class);
        assertThat(sids).hasSize(catalog.ids().size()).contains("KmsEnableRotation", "S3BlockPublicAccess", "EbsEnableDefaultEncryption");
        for (String id : catalog.ids()) {
            RemediationAction action = catalog.byId(id).orElseThrow();
            int index = sids.indexOf(IamPolicy.sid(id));
            assertThat(policy.getList("Statement[" + index + "].Action", String.class)).as(id)
                    .containsExactlyElementsOf(new TreeSet<>(action.permissions()));
        }
    }

    @Test
    void shouldHintTheTrustPolicyOfEachAccountsRole() {
        JsonPath hint = given().queryParam("principal", "arn:aws:iam::999999999999:role/plumbline-remediation-runner")
                .when().get("/api/v1/iam-policy/trust").then().statusCode(200).extract().jsonPath();

        assertThat(hint.getString("trustPolicy.Statement[0].Principal.AWS")).isEqualTo("arn:aws:iam::999999999999:role/plumbline-remediation-runner");
        assertThat(hint.getString("trustPolicy.Statement[0].Action")).isEqualTo("sts:AssumeRole");
        assertThat(hint.getMap("trustPolicy.Statement[0].Condition.StringEquals")).containsKey("sts:ExternalId");
        assertThat(hint.getList("assumeRolePolicy.Statement[0].Resource", String.class))
                .containsExactly("arn:aws:iam::111111111111:role/plumbline-remediation-test");
        assertThat(hint.getString("accounts[0].accountId")).isEqualTo("111111111111");
        assertThat(hint.getBoolean("accounts[0].externalIdRequired")).isTrue();
        assertThat(hint.prettify()).as("the external id itself is not shown").doesNotContain("plumbline-test-external-id");
    }
}
