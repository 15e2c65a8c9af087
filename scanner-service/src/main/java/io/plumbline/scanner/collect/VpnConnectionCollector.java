package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

/**
 * Site-to-site VPN connections with their tunnels' telemetry ({@code VgwTelemetry}); the DescribeVpnConnections
 * call is memoised per scope and shared with {@link VpnGatewayCollector}.
 */
@ApplicationScoped
public class VpnConnectionCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::VPNConnection";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Resource> out = new ArrayList<>();
        for (VpnConnection vpn : NetworkLookups.vpnConnections(scope)) {
            Map<String, Object> data = AwsDocuments.toMap(vpn);
            Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(),
                    scope.arn("ec2", "vpn-connection/" + vpn.vpnConnectionId()), vpn.vpnConnectionId(), tags.get("Name"),
                    tags, data, Map.of()));
        }
        return out;
    }
}
