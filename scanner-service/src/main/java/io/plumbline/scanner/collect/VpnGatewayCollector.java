package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnGateway;
import software.amazon.awssdk.services.ec2.model.VpnState;

/**
 * Virtual private gateways, each with the VPN connections that end on it in {@code related.vpnConnections}
 * (deleting/deleted ones left out). Calls per scope: DescribeVpnGateways and DescribeVpnConnections (both single,
 * unpaginated calls; the connections are memoised and shared with {@link VpnConnectionCollector}).
 */
@ApplicationScoped
public class VpnGatewayCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::VPNGateway";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<VpnConnection> connections = NetworkLookups.vpnConnections(scope);
        List<Resource> out = new ArrayList<>();
        for (VpnGateway gateway : scope.clients().ec2(scope.account(), scope.region()).describeVpnGateways().vpnGateways()) {
            if (gateway.state() == VpnState.DELETED) {
                continue;
            }
            Map<String, Object> data = AwsDocuments.toMap(gateway);
            Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
            List<Map<String, Object>> own = connections.stream()
                    .filter(vpn -> Objects.equals(vpn.vpnGatewayId(), gateway.vpnGatewayId()))
                    .filter(vpn -> vpn.state() != VpnState.DELETING)
                    .map(AwsDocuments::toMap)
                    .toList();
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(),
                    scope.arn("ec2", "vpn-gateway/" + gateway.vpnGatewayId()), gateway.vpnGatewayId(), tags.get("Name"), tags,
                    data, Map.of("vpnConnections", own)));
        }
        return out;
    }
}
