package io.plumbline.scanner.collect;

import io.plumbline.scanner.aws.AwsDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnState;

/**
 * VPC-wide EC2 listings shared by the collectors of one scope (VPCs, VPN gateways, VPN connections), each made
 * once per scope through {@link CollectionScope#memo} and kept in the API's shape (member names as in the API).
 * Every call is a paginated (or, for VPN connections, single) list call for the whole Region, never one per VPC.
 */
final class NetworkLookups {

    private NetworkLookups() {}

    private static Ec2Client ec2(CollectionScope scope) {
        return scope.clients().ec2(scope.account(), scope.region());
    }

    /** ec2:DescribeSubnets, all subnets of the scope. */
    static List<Map<String, Object>> subnets(CollectionScope scope) {
        return scope.memo("ec2:DescribeSubnets", () -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Subnet subnet : ec2(scope).describeSubnetsPaginator(r -> r.maxResults(1000)).subnets()) {
                out.add(AwsDocuments.toMap(subnet));
            }
            return List.copyOf(out);
        });
    }

    /** ec2:DescribeRouteTables, all route tables of the scope (routes and associations included). */
    static List<Map<String, Object>> routeTables(CollectionScope scope) {
        return scope.memo("ec2:DescribeRouteTables", () -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (RouteTable table : ec2(scope).describeRouteTablesPaginator(r -> r.maxResults(100)).routeTables()) {
                out.add(AwsDocuments.toMap(table));
            }
            return List.copyOf(out);
        });
    }

    /** ec2:DescribeNatGateways, without the deleted ones (AWS keeps listing those for about an hour). */
    static List<Map<String, Object>> natGateways(CollectionScope scope) {
        return scope.memo("ec2:DescribeNatGateways", () -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (NatGateway nat : ec2(scope).describeNatGatewaysPaginator(r -> r.maxResults(1000)).natGateways()) {
                if (nat.state() != NatGatewayState.DELETED && nat.state() != NatGatewayState.DELETING) {
                    out.add(AwsDocuments.toMap(nat));
                }
            }
            return List.copyOf(out);
        });
    }

    /** ec2:DescribeVpcEndpoints, all endpoints (gateway and interface) of the scope. */
    static List<Map<String, Object>> vpcEndpoints(CollectionScope scope) {
        return scope.memo("ec2:DescribeVpcEndpoints", () -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (VpcEndpoint endpoint : ec2(scope).describeVpcEndpointsPaginator(r -> r.maxResults(1000)).vpcEndpoints()) {
                out.add(AwsDocuments.toMap(endpoint));
            }
            return List.copyOf(out);
        });
    }

    /** ec2:DescribeVpnConnections (a single, unpaginated call), without the deleted connections. */
    static List<VpnConnection> vpnConnections(CollectionScope scope) {
        return scope.memo("ec2:DescribeVpnConnections", () -> ec2(scope).describeVpnConnections().vpnConnections().stream()
                .filter(vpn -> vpn.state() != VpnState.DELETED)
                .toList());
    }

    /** The entries of {@code items} whose {@code key} equals {@code value}. */
    static List<Map<String, Object>> where(List<Map<String, Object>> items, String key, String value) {
        return items.stream().filter(item -> value.equals(item.get(key))).toList();
    }
}
