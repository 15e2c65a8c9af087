package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * VPCs with what rules need to judge their topology, all from Region-wide list calls (never one per VPC):
 * {@code related.flowLogs} (DescribeFlowLogs), {@code related.subnets}, {@code related.routeTables},
 * {@code related.natGateways}, {@code related.endpoints} (DescribeSubnets / DescribeRouteTables /
 * DescribeNatGateways / DescribeVpcEndpoints, memoised in {@link NetworkLookups}) and, for the default VPC only,
 * {@code related.networkInterfaces} (one DescribeNetworkInterfaces filtered by its vpc-id).
 * Calls per scope: DescribeVpcs, DescribeFlowLogs, DescribeSubnets, DescribeRouteTables, DescribeNatGateways,
 * DescribeVpcEndpoints (each paginated), plus DescribeNetworkInterfaces when a default VPC exists.
 */
@ApplicationScoped
public class VpcCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::VPC";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        Ec2Client ec2 = scope.clients().ec2(scope.account(), scope.region());
        Map<String, List<Map<String, Object>>> flowLogs = new HashMap<>();
        for (FlowLog flowLog : ec2.describeFlowLogsPaginator(r -> r.maxResults(1000)).flowLogs()) {
            flowLogs.computeIfAbsent(flowLog.resourceId(), k -> new ArrayList<>()).add(AwsDocuments.toMap(flowLog));
        }
        List<Map<String, Object>> subnets = NetworkLookups.subnets(scope);
        List<Map<String, Object>> routeTables = NetworkLookups.routeTables(scope);
        List<Map<String, Object>> natGateways = NetworkLookups.natGateways(scope);
        List<Map<String, Object>> endpoints = NetworkLookups.vpcEndpoints(scope);
        List<Resource> out = new ArrayList<>();
        for (Vpc vpc : ec2.describeVpcsPaginator(r -> r.maxResults(1000)).vpcs()) {
            Map<String, Object> data = AwsDocuments.toMap(vpc);
            Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
            Map<String, Object> related = new HashMap<>();
            related.put("flowLogs", flowLogs.getOrDefault(vpc.vpcId(), List.of()));
            related.put("subnets", NetworkLookups.where(subnets, "VpcId", vpc.vpcId()));
            related.put("routeTables", NetworkLookups.where(routeTables, "VpcId", vpc.vpcId()));
            related.put("natGateways", NetworkLookups.where(natGateways, "VpcId", vpc.vpcId()));
            related.put("endpoints", NetworkLookups.where(endpoints, "VpcId", vpc.vpcId()));
            if (Boolean.TRUE.equals(vpc.isDefault())) {
                related.put("networkInterfaces", networkInterfaces(ec2, vpc.vpcId()));
            }
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), scope.arn("ec2", "vpc/" + vpc.vpcId()),
                    vpc.vpcId(), tags.get("Name"), tags, data, related));
        }
        return out;
    }

    private static List<Map<String, Object>> networkInterfaces(Ec2Client ec2, String vpcId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (NetworkInterface eni : ec2.describeNetworkInterfacesPaginator(
                r -> r.filters(f -> f.name("vpc-id").values(vpcId)).maxResults(1000)).networkInterfaces()) {
            out.add(AwsDocuments.toMap(eni));
        }
        return out;
    }
}
