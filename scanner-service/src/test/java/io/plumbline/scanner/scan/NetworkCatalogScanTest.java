package io.plumbline.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.MetricType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The networking, load-balancing and compute rules against moto: each risk is planted next to a compliant twin,
 * a scan runs through the real collectors and the REST API, and exactly the planted risks open findings.
 * Everything here is data moto serves itself; no recorded response is needed.
 */
@QuarkusTest
class NetworkCatalogScanTest extends EmptyAccountTest {

    private static final String OHIO = "us-east-2";
    private static final String AMI = "ami-12c6146b";

    private static final List<String> NETWORK_RULES = List.of(
            "vpc-subnets-single-az", "vpc-nat-gateway-per-az", "vpc-gateway-endpoint-missing", "vpc-default-vpc-in-use",
            "nacl-world-ingress-admin-ports", "vpn-gateway-single-connection",
            "elb-multi-az", "elb-cross-zone-disabled", "elb-access-logs-disabled", "elb-no-registered-instances",
            "elbv2-multi-az", "elbv2-cross-zone-disabled", "elbv2-deletion-protection", "elbv2-tls-policy-outdated",
            "elbv2-http-not-redirected", "elbv2-access-logs-disabled", "elbv2-no-registered-targets",
            "ec2-detailed-monitoring-disabled", "ec2-ebs-optimized-disabled", "ec2-instance-stopped-long",
            "ec2-instance-no-iam-role");

    @Test
    void shouldFindNetworkLoadBalancerAndInstanceRisksOnlyWhereTheyArePlanted() {
        try (Ec2Client ec2 = Moto.ec2(OHIO); IamClient iam = Moto.iam();
                ElasticLoadBalancingClient clb = client(ElasticLoadBalancingClient.builder());
                ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder())) {
            String profile = instanceProfile(iam);
            String certificate = iam.uploadServerCertificate(r -> r.serverCertificateName("shop-cert")
                    .certificateBody("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
                    .privateKey("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"))
                    .serverCertificateMetadata().arn();
            String defaultVpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();

            // single-zone VPC, no NAT: only its default (allow-all) NACL is at risk besides the zone
            String singleAz = vpc(ec2, "single-az-vpc", "10.10.0.0/16");
            subnet(ec2, singleAz, "10.10.1.0/24", "us-east-2a");

            // two zones, one NAT gateway in zone a serving the private subnets of both zones, no gateway
            // endpoints, a VPN gateway with a single connection
            String shop = vpc(ec2, "shop-vpc", "10.20.0.0/16");
            String shopPublicA = subnet(ec2, shop, "10.20.0.0/24", "us-east-2a");
            String shopAppA = subnet(ec2, shop, "10.20.1.0/24", "us-east-2a");
            String shopAppB = subnet(ec2, shop, "10.20.2.0/24", "us-east-2b");
            String shopNat = natGateway(ec2, shopPublicA);
            String shopPrivateRoutes = natRouteTable(ec2, shop, shopNat, shopAppA, shopAppB);
            String shopGateway = vpnGateway(ec2, shop, "shop-dc-gateway", "203.0.113.10");

            // the compliant twin: a NAT gateway per zone, S3 and DynamoDB gateway endpoints on both private
            // tables, SSH/RDP denied by the default NACL, two VPN connections on two customer gateways
            String ha = vpc(ec2, "ha-vpc", "10.30.0.0/16");
            String haPublicA = subnet(ec2, ha, "10.30.0.0/24", "us-east-2a");
            String haPublicB = subnet(ec2, ha, "10.30.10.0/24", "us-east-2b");
            String haAppA = subnet(ec2, ha, "10.30.1.0/24", "us-east-2a");
            String haAppB = subnet(ec2, ha, "10.30.2.0/24", "us-east-2b");
            String haRoutesA = natRouteTable(ec2, ha, natGateway(ec2, haPublicA), haAppA);
            String haRoutesB = natRouteTable(ec2, ha, natGateway(ec2, haPublicB), haAppB);
            for (String service : List.of("s3", "dynamodb")) {
                ec2.createVpcEndpoint(r -> r.vpcId(ha).vpcEndpointType(VpcEndpointType.GATEWAY)
                        .serviceName("com.amazonaws." + OHIO + "." + service).routeTableIds(haRoutesA, haRoutesB));
            }
            String haAcl = defaultAcl(ec2, ha);
            for (int port : List.of(22, 3389)) {
                ec2.createNetworkAclEntry(r -> r.networkAclId(haAcl).egress(false).ruleNumber(port == 22 ? 90 : 91)
                        .protocol("6").portRange(p -> p.from(port).to(port)).cidrBlock("0.0.0.0/0").ruleAction(RuleAction.DENY));
            }
            String haGateway = vpnGateway(ec2, ha, "ha-dc-gateway", "198.51.100.10", "198.51.100.20");

            // instances: a forgotten one in the default VPC (basic monitoring, no role), compliant ones in ha-vpc,
            // one m3.xlarge whose optional EBS optimization is off, one stopped a moment ago
            String legacy = instance(ec2, defaultSubnet(ec2), "legacy-app", "t3.micro", false, null, null);
            String web = instance(ec2, haAppA, "web-1", "m5.large", true, profile, null);
            String db = instance(ec2, haAppB, "db-legacy", "m3.xlarge", true, profile, false);
            String batch = instance(ec2, haAppA, "batch-1", "t3.micro", false, profile, null);
            ec2.stopInstances(r -> r.instanceIds(batch));

            // Classic Load Balancers (moto derives their zones only from AvailabilityZones, which puts them in
            // the default VPC's subnets; it creates no network interfaces for them)
            classicLoadBalancer(clb, "legacy-clb", List.of("us-east-2a"), false, false, null);
            classicLoadBalancer(clb, "api-clb", List.of("us-east-2a", "us-east-2b"), false, true, web);
            classicLoadBalancer(clb, "web-clb", List.of("us-east-2a", "us-east-2b"), true, true, web);

            // ALBs and NLBs in ha-vpc
            String webTargets = targetGroup(elb, "web-tg", ProtocolEnum.HTTP, ha, web);
            String webAlb = loadBalancer(elb, "web-alb", LoadBalancerTypeEnum.APPLICATION, haAppA, haAppB);
            listener(elb, webAlb, ProtocolEnum.HTTP, 80, null, null, Action.builder().type(ActionTypeEnum.REDIRECT)
                    .redirectConfig(c -> c.protocol("HTTPS").port("443").statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build());
            listener(elb, webAlb, ProtocolEnum.HTTPS, 443, certificate, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", forward(webTargets));
            attributes(elb, webAlb, Map.of("deletion_protection.enabled", "true", "access_logs.s3.enabled", "true",
                    "access_logs.s3.bucket", "shop-elb-logs"));

            String legacyTargets = targetGroup(elb, "legacy-tg", ProtocolEnum.HTTP, ha, null);
            String legacyAlb = loadBalancer(elb, "legacy-alb", LoadBalancerTypeEnum.APPLICATION, haAppA, haAppB);
            listener(elb, legacyAlb, ProtocolEnum.HTTP, 80, null, null, forward(legacyTargets));
            listener(elb, legacyAlb, ProtocolEnum.HTTPS, 443, certificate, null, forward(legacyTargets));

            loadBalancer(elb, "tcp-nlb", LoadBalancerTypeEnum.NETWORK, haAppA);

            String nlbTargets = targetGroup(elb, "nlb-tg", ProtocolEnum.TCP, ha, web);
            String zonalNlb = loadBalancer(elb, "zonal-nlb", LoadBalancerTypeEnum.NETWORK, haAppA, haAppB);
            listener(elb, zonalNlb, ProtocolEnum.TCP, 443, null, null, forward(nlbTargets));
            attributes(elb, zonalNlb, Map.of("deletion_protection.enabled", "true"));

            JsonPath scan = ScannerApi.scan(List.of(OHIO), NETWORK_RULES);

            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(scan.getList("errors")).isEmpty();
            Map<String, String> open = openFindings();
            String defaultVpcAcl = defaultAcl(ec2, defaultVpc);
            assertThat(open.keySet()).containsExactlyInAnyOrder(
                    "vpc-subnets-single-az/" + singleAz,
                    "vpc-nat-gateway-per-az/" + shop,
                    "vpc-gateway-endpoint-missing/" + shop,
                    "vpc-default-vpc-in-use/" + defaultVpc,
                    "nacl-world-ingress-admin-ports/" + defaultVpcAcl,
                    "nacl-world-ingress-admin-ports/" + defaultAcl(ec2, singleAz),
                    "nacl-world-ingress-admin-ports/" + defaultAcl(ec2, shop),
                    "vpn-gateway-single-connection/" + shopGateway,
                    "elb-multi-az/legacy-clb",
                    "elb-access-logs-disabled/legacy-clb",
                    "elb-no-registered-instances/legacy-clb",
                    "elb-cross-zone-disabled/api-clb",
                    "elbv2-http-not-redirected/legacy-alb",
                    "elbv2-tls-policy-outdated/legacy-alb",
                    "elbv2-deletion-protection/legacy-alb",
                    "elbv2-access-logs-disabled/legacy-alb",
                    "elbv2-no-registered-targets/legacy-alb",
                    "elbv2-multi-az/tcp-nlb",
                    "elbv2-deletion-protection/tcp-nlb",
                    "elbv2-no-registered-targets/tcp-nlb",
                    "elbv2-cross-zone-disabled/zonal-nlb",
                    "ec2-detailed-monitoring-disabled/" + legacy,
                    "ec2-instance-no-iam-role/" + legacy,
                    "ec2-ebs-optimized-disabled/" + db);

            assertThat(open.get("vpc-subnets-single-az/" + singleAz))
                    .startsWith("VPC " + singleAz + " (single-az-vpc) [10.10.0.0/16] in us-east-2 has its only subnet");
            assertThat(open.get("vpc-nat-gateway-per-az/" + shop))
                    .contains(shopAppB + " (us-east-2b) via " + shopNat + " in us-east-2a")
                    .doesNotContain(shopAppA);
            assertThat(open.get("vpc-gateway-endpoint-missing/" + shop))
                    .contains("s3 on " + shopPrivateRoutes + "; dynamodb on " + shopPrivateRoutes);
            assertThat(open.get("vpc-default-vpc-in-use/" + defaultVpc))
                    .contains("1 network interface(s), attached to instance(s) " + legacy);
            assertThat(open.get("nacl-world-ingress-admin-ports/" + defaultVpcAcl))
                    .contains("(the default ACL) of " + defaultVpc)
                    .contains("TCP 22 from 0.0.0.0/0 (rule 100, all traffic), TCP 3389 from 0.0.0.0/0 (rule 100, all traffic)");
            assertThat(open.get("vpn-gateway-single-connection/" + shopGateway))
                    .startsWith("Virtual private gateway " + shopGateway + " (shop-dc-gateway) of " + shop + " in us-east-2 has a single VPN connection");
            assertThat(open.get("elb-multi-az/legacy-clb"))
                    .startsWith("Classic Load Balancer legacy-clb in us-east-2 is enabled only in us-east-2a (subnet subnet-")
                    .endsWith("); if that zone fails, the load balancer and every instance behind it stop serving.");
            assertThat(open.get("elbv2-tls-policy-outdated/legacy-alb")).contains("HTTPS 443 (ELBSecurityPolicy-2016-08)");
            assertThat(open.get("elbv2-http-not-redirected/legacy-alb")).contains("port 80 (default action forward)");
            assertThat(open.get("elbv2-no-registered-targets/legacy-alb")).contains("its target group(s) legacy-tg and 2 listener(s)");
            assertThat(open.get("elbv2-multi-az/tcp-nlb"))
                    .startsWith("Network Load Balancer tcp-nlb in us-east-2 is enabled only in us-east-2a (subnet " + haAppA + ")");
            assertThat(open.get("elbv2-cross-zone-disabled/zonal-nlb")).contains("spans us-east-2a, us-east-2b");
            assertThat(open.get("ec2-ebs-optimized-disabled/" + db))
                    .startsWith("EC2 instance db-legacy (" + db + ") in us-east-2 runs on m3.xlarge, which supports EBS optimization");
            assertThat(open.get("ec2-instance-no-iam-role/" + legacy)).contains("legacy-app (" + legacy + ") in us-east-2 (running)");
            assertThat(open.keySet()).noneMatch(key -> key.endsWith("/" + ha) || key.endsWith("/" + haGateway) || key.endsWith("/" + haAcl)
                    || key.endsWith("/web-clb") || key.endsWith("/web-alb") || key.endsWith("/" + web) || key.endsWith("/" + batch));
        }
    }

    @Test
    void shouldFlagGroupsThatCannotOrDoNotScale() {
        try (Ec2Client ec2 = Moto.ec2(OHIO); AutoScalingClient autoScaling = client(AutoScalingClient.builder())) {
            String vpc = vpc(ec2, "asg-vpc", "10.40.0.0/16");
            String zones = subnet(ec2, vpc, "10.40.1.0/24", "us-east-2a") + "," + subnet(ec2, vpc, "10.40.2.0/24", "us-east-2b");
            autoScaling.createLaunchConfiguration(r -> r.launchConfigurationName("app-lc").imageId(AMI).instanceType("t3.micro"));
            group(autoScaling, "web-asg", 1, 4, zones);
            autoScaling.putScalingPolicy(r -> r.autoScalingGroupName("web-asg").policyName("cpu50").policyType("TargetTrackingScaling")
                    .targetTrackingConfiguration(t -> t.targetValue(50.0)
                            .predefinedMetricSpecification(m -> m.predefinedMetricType(MetricType.ASG_AVERAGE_CPU_UTILIZATION))));
            group(autoScaling, "nightly-asg", 0, 6, zones);
            autoScaling.putScheduledUpdateGroupAction(r -> r.autoScalingGroupName("nightly-asg").scheduledActionName("night-run")
                    .recurrence("0 22 * * *").desiredCapacity(3));
            group(autoScaling, "idle-asg", 1, 5, zones);
            group(autoScaling, "fixed-asg", 2, 2, zones);
            group(autoScaling, "bastion-asg", 1, 1, zones);

            JsonPath scan = ScannerApi.scan(List.of(OHIO), List.of("asg-no-scaling-policy", "asg-fixed-capacity"));

            assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
            assertThat(scan.getList("errors")).isEmpty();
            Map<String, String> open = openFindings();
            assertThat(open.keySet()).containsExactlyInAnyOrder("asg-no-scaling-policy/idle-asg", "asg-fixed-capacity/fixed-asg");
            assertThat(open.get("asg-no-scaling-policy/idle-asg")).startsWith(
                    "Auto Scaling group idle-asg in us-east-2 may run between 1 and 5 instances (desired 1) but has no scaling policy"
                            + " and no scheduled action");
            assertThat(open.get("asg-fixed-capacity/fixed-asg"))
                    .startsWith("Auto Scaling group fixed-asg in us-east-2 is pinned at 2 instances (MinSize = MaxSize)");
        }
    }

    // --- planting -------------------------------------------------------------------------------------

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

    private static <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.region(Region.of(OHIO))
                .endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    private static TagSpecification name(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build()).build();
    }

    private static String vpc(Ec2Client ec2, String name, String cidr) {
        return ec2.createVpc(r -> r.cidrBlock(cidr).tagSpecifications(name(ResourceType.VPC, name))).vpc().vpcId();
    }

    private static String subnet(Ec2Client ec2, String vpc, String cidr, String zone) {
        return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(zone)).subnet().subnetId();
    }

    private static String defaultSubnet(Ec2Client ec2) {
        return ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"),
                f -> f.name("availability-zone").values("us-east-2a"))).subnets().get(0).subnetId();
    }

    private static String defaultAcl(Ec2Client ec2, String vpc) {
        return ec2.describeNetworkAcls(r -> r.filters(f -> f.name("vpc-id").values(vpc), f -> f.name("default").values("true")))
                .networkAcls().get(0).networkAclId();
    }

    private static String natGateway(Ec2Client ec2, String publicSubnet) {
        String allocation = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        return ec2.createNatGateway(r -> r.subnetId(publicSubnet).allocationId(allocation)).natGateway().natGatewayId();
    }

    /** A route table sending 0.0.0.0/0 to {@code nat}, associated with {@code subnets}. */
    private static String natRouteTable(Ec2Client ec2, String vpc, String nat, String... subnets) {
        String table = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        for (String subnet : subnets) {
            ec2.associateRouteTable(r -> r.routeTableId(table).subnetId(subnet));
        }
        return table;
    }

    /** A virtual private gateway attached to {@code vpc} with one VPN connection per customer gateway address. */
    private static String vpnGateway(Ec2Client ec2, String vpc, String name, String... customerGatewayIps) {
        String gateway = ec2.createVpnGateway(r -> r.type(GatewayType.IPSEC_1)
                .tagSpecifications(name(ResourceType.VPN_GATEWAY, name))).vpnGateway().vpnGatewayId();
        ec2.attachVpnGateway(r -> r.vpcId(vpc).vpnGatewayId(gateway));
        for (String ip : customerGatewayIps) {
            String customer = ec2.createCustomerGateway(r -> r.type(GatewayType.IPSEC_1).publicIp(ip).bgpAsn(65000))
                    .customerGateway().customerGatewayId();
            ec2.createVpnConnection(r -> r.type("ipsec.1").customerGatewayId(customer).vpnGatewayId(gateway));
        }
        return gateway;
    }

    private static String instance(Ec2Client ec2, String subnet, String name, String type, boolean detailedMonitoring,
            String profileArn, Boolean ebsOptimized) {
        return ec2.runInstances(r -> {
            r.imageId(AMI).instanceType(type).minCount(1).maxCount(1).subnetId(subnet)
                    .monitoring(m -> m.enabled(detailedMonitoring))
                    .tagSpecifications(name(ResourceType.INSTANCE, name));
            if (profileArn != null) {
                r.iamInstanceProfile(p -> p.arn(profileArn));
            }
            if (ebsOptimized != null) {
                r.ebsOptimized(ebsOptimized);
            }
        }).instances().get(0).instanceId();
    }

    private static String instanceProfile(IamClient iam) {
        iam.createRole(r -> r.roleName("app-role").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}"));
        String arn = iam.createInstanceProfile(r -> r.instanceProfileName("app-profile")).instanceProfile().arn();
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("app-profile").roleName("app-role"));
        return arn;
    }

    private static void classicLoadBalancer(ElasticLoadBalancingClient clb, String name, List<String> zones, boolean crossZone,
            boolean accessLogs, String instance) {
        clb.createLoadBalancer(r -> r.loadBalancerName(name).availabilityZones(zones)
                .listeners(l -> l.protocol("HTTP").loadBalancerPort(80).instanceProtocol("HTTP").instancePort(8080)));
        clb.modifyLoadBalancerAttributes(r -> r.loadBalancerName(name).loadBalancerAttributes(a -> a
                .crossZoneLoadBalancing(c -> c.enabled(crossZone))
                .accessLog(l -> l.enabled(accessLogs).s3BucketName(accessLogs ? "shop-elb-logs" : null).emitInterval(60))));
        if (instance != null) {
            clb.registerInstancesWithLoadBalancer(r -> r.loadBalancerName(name).instances(i -> i.instanceId(instance)));
        }
    }

    private static String loadBalancer(ElasticLoadBalancingV2Client elb, String name, LoadBalancerTypeEnum type, String... subnets) {
        return elb.createLoadBalancer(r -> r.name(name).type(type).subnets(subnets)).loadBalancers().get(0).loadBalancerArn();
    }

    private static String targetGroup(ElasticLoadBalancingV2Client elb, String name, ProtocolEnum protocol, String vpc,
            String instance) {
        String arn = elb.createTargetGroup(r -> r.name(name).protocol(protocol).port(protocol == ProtocolEnum.TCP ? 443 : 80)
                .vpcId(vpc).targetType("instance")).targetGroups().get(0).targetGroupArn();
        if (instance != null) {
            elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id(instance)));
        }
        return arn;
    }

    private static Action forward(String targetGroup) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroup).build();
    }

    private static void listener(ElasticLoadBalancingV2Client elb, String lb, ProtocolEnum protocol, int port, String certificate,
            String sslPolicy, Action action) {
        elb.createListener(r -> {
            r.loadBalancerArn(lb).protocol(protocol).port(port).defaultActions(action);
            if (certificate != null) {
                r.certificates(c -> c.certificateArn(certificate));
            }
            if (sslPolicy != null) {
                r.sslPolicy(sslPolicy);
            }
        });
    }

    private static void attributes(ElasticLoadBalancingV2Client elb, String lb, Map<String, String> values) {
        Set<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute> attributes = values.entrySet().stream()
                .map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute.builder()
                        .key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toSet());
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb).attributes(attributes));
    }

    private static void group(AutoScalingClient autoScaling, String name, int min, int max, String subnets) {
        autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(name).launchConfigurationName("app-lc")
                .minSize(min).maxSize(max).desiredCapacity(min).vpcZoneIdentifier(subnets));
    }
}
