package io.plumbline.remediation.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The dry-run answers moto cannot give (it has no IAM enforcement and does not validate a dry-run request), replayed
 * from recorded EC2 error responses to the real SDK client: a missing permission is offered with a warning, any other
 * error is refused, DryRunOperation is recorded as "would succeed".
 */
class Ec2DryRunTest {

    private static final String UNAUTHORIZED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this \
            operation. User: arn:aws:sts::111111111111:assumed-role/plumbline-remediation/plumbline-remediation is not \
            authorized to perform: ec2:RevokeSecurityGroupIngress on resource: \
            arn:aws:ec2:us-east-1:111111111111:security-group/sg-0123456789abcdef0 because no identity-based policy allows \
            the ec2:RevokeSecurityGroupIngress action. Encoded authorization failure message: AbCdEf</Message></Error>\
            </Errors><RequestID>8f3b6c1e-0d2a-4b6e-9a51-2f0c7d1e4a10</RequestID></Response>""";
    private static final String NOT_FOUND = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>InvalidPermission.NotFound</Code><Message>The specified rule does not exist \
            in this security group.</Message></Error></Errors><RequestID>0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5</RequestID>\
            </Response>""";
    private static final String DRY_RUN_OK = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>DryRunOperation</Code><Message>Request would have succeeded, but DryRun flag \
            is set.</Message></Error></Errors><RequestID>5a6b7c8d-9e0f-1a2b-3c4d-5e6f7a8b9c0d</RequestID></Response>""";

    private static WireMockServer ec2Api;
    private static Ec2Client ec2;

    @BeforeAll
    static void start() {
        ec2Api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ec2Api.start();
        ec2Api.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("GroupId=sg-denied"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(UNAUTHORIZED)));
        ec2Api.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("GroupId=sg-gone"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(NOT_FOUND)));
        ec2Api.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("GroupId=sg-fine"))
                .willReturn(aResponse().withStatus(412).withHeader("Content-Type", "text/xml").withBody(DRY_RUN_OK)));
        ec2 = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(ec2Api.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        ec2Api.stop();
    }

    private static Plan plan() {
        return new Plan(SgRestrictWorldIngress.ID, 1, new Target("111111111111", "us-east-1", "arn", "sg-x", "rule"),
                "ec2:RevokeSecurityGroupIngress", JsonNodeFactory.instance.objectNode(), null, null, "Revoke 1 permission");
    }

    private static Runnable revoke(String group) {
        return () -> ec2.revokeSecurityGroupIngress(r -> r.dryRun(true).groupId(group));
    }

    @Test
    void shouldOfferAProposalWhoseDryRunLacksThePermissionWithAWarningNamingIt() {
        PlanOutcome outcome = Ec2DryRun.check(plan(), List.of(revoke("sg-fine"), revoke("sg-denied")));

        assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
        Plan plan = ((PlanOutcome.Planned) outcome).plan();
        assertThat(plan.dryRun().result()).isEqualTo(DryRun.Result.UNAUTHORIZED);
        assertThat(plan.dryRun().detail()).startsWith("UnauthorizedOperation: missing ec2:RevokeSecurityGroupIngress (You are not authorized");
        assertThat(plan.summary()).startsWith("Revoke 1 permission. WARNING: the dry run was refused (UnauthorizedOperation)")
                .contains("account 111111111111 lacks ec2:RevokeSecurityGroupIngress", "GET /api/v1/iam-policy");
        ec2Api.verify(postRequestedFor("sg-denied"));
    }

    @Test
    void shouldRefuseWhenTheDryRunSaysTheCallWouldFailForAnotherReason() {
        PlanOutcome outcome = Ec2DryRun.check(plan(), List.of(revoke("sg-gone")));

        assertThat(outcome).isEqualTo(PlanOutcome.refuse("ec2:RevokeSecurityGroupIngress with DryRun=true failed: "
                + "InvalidPermission.NotFound: The specified rule does not exist in this security group."));
    }

    @Test
    void shouldRecordThatEveryCallWouldSucceed() {
        Plan plan = ((PlanOutcome.Planned) Ec2DryRun.check(plan(), List.of(revoke("sg-fine"), revoke("sg-fine")))).plan();

        assertThat(plan.dryRun()).isEqualTo(new DryRun(DryRun.Result.WOULD_SUCCEED, "ec2:RevokeSecurityGroupIngress",
                "DryRunOperation: would succeed"));
        assertThat(plan.summary()).isEqualTo("Revoke 1 permission");
    }

    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder postRequestedFor(String group) {
        return com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/"))
                .withRequestBody(containing("DryRun=true")).withRequestBody(containing("GroupId=" + group));
    }
}
