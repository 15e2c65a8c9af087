package io.plumbline.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The case study's four risks, planted in moto beside compliant twins, found by a full scan through the
 * real collectors — and only where they are.
 */
@QuarkusTest
class CaseStudyScanTest extends EmptyAccountTest {

    private static final String OHIO = "us-east-2";
    private static final String SAO_PAULO = "sa-east-1";

    @Test
    void shouldFindTheFourCaseStudyRisksWithSpecificTexts() {
        try (RdsClient rdsSp = Moto.rds(SAO_PAULO); RdsClient rdsOh = Moto.rds(OHIO); Ec2Client ec2 = Moto.ec2(OHIO)) {
            database(rdsSp, "crm-db", false, true);
            database(rdsSp, "billing-db", true, true);
            database(rdsOh, "erp-db", true, false);
            String bastion = instance(ec2, "bastion-oh", securityGroup(ec2, "bastion-sg", 22));
            String web = instance(ec2, "web-oh-1", securityGroup(ec2, "web-sg", 443));
            // moto has no VPN tunnel telemetry: the scanner sees a recorded AWS answer instead
            faults.record("DescribeVpnConnections", "/aws/ec2/DescribeVpnConnections-one-tunnel-down.xml");

            JsonPath scan = ScannerApi.scan(List.of(OHIO, SAO_PAULO), List.of("rds-instance-multi-az",
                    "rds-instance-storage-encrypted", "ec2-instance-public-unrestricted-ingress", "vpn-tunnel-down"));

            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(scan.getInt("resourcesEvaluated")).isGreaterThanOrEqualTo(5);
            assertThat(scan.getList("errors")).isEmpty();
            Map<String, String> open = openFindings();
            assertThat(open).containsOnlyKeys("rds-instance-multi-az/crm-db", "rds-instance-storage-encrypted/erp-db",
                    "ec2-instance-public-unrestricted-ingress/" + bastion, "vpn-tunnel-down/vpn-0c1e8b3f2a9d4e561");
            assertThat(open.get("rds-instance-multi-az/crm-db"))
                    .startsWith("RDS instance crm-db in sa-east-1 is deployed in a single Availability Zone");
            assertThat(open.get("rds-instance-storage-encrypted/erp-db")).startsWith("RDS instance erp-db in us-east-2 stores its");
            assertThat(open.get("ec2-instance-public-unrestricted-ingress/" + bastion))
                    .contains("bastion-oh (" + bastion + ") in us-east-2 has public IP")
                    .contains("(bastion-sg) allows TCP 22 from 0.0.0.0/0 and ::/0");
            assertThat(open.get("vpn-tunnel-down/vpn-0c1e8b3f2a9d4e561"))
                    .contains("vpn-0c1e8b3f2a9d4e561 (vpn-datacenter-sp)")
                    .contains("tunnel 54.94.17.200 DOWN: IPSEC IS DOWN");
            assertThat(open).doesNotContainKey("ec2-instance-public-unrestricted-ingress/" + web);
        }
    }

    private static Map<String, String> openFindings() {
        JsonPath findings = ScannerApi.findings("status=OPEN");
        List<String> rules = findings.getList("ruleId");
        List<String> ids = findings.getList("resourceId");
        List<String> messages = findings.getList("message");
        Map<String, String> byKey = new java.util.HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            byKey.put(rules.get(i) + "/" + ids.get(i), messages.get(i));
        }
        return byKey;
    }

    private static void database(RdsClient rds, String name, boolean multiAz, boolean encrypted) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass("db.t3.medium")
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").multiAZ(multiAz)
                .storageEncrypted(encrypted));
    }

    private static String securityGroup(Ec2Client ec2, String name, int port) {
        String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
        String id = ec2.createSecurityGroup(r -> r.groupName(name).description(name).vpcId(vpc)).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(port).toPort(port).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
                .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build()));
        return id;
    }

    private static String instance(Ec2Client ec2, String name, String securityGroup) {
        String subnet = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets().get(0).subnetId();
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1).maxCount(1)
                .subnetId(subnet).securityGroupIds(securityGroup)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Name").value(name).build()).build()))
                .instances().get(0).instanceId();
    }
}
