package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;

/** Network ACLs with their entries and subnet associations (one paginated DescribeNetworkAcls per scope). */
@ApplicationScoped
public class NetworkAclCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::NetworkAcl";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Resource> out = new ArrayList<>();
        for (NetworkAcl acl : scope.clients().ec2(scope.account(), scope.region())
                .describeNetworkAclsPaginator(r -> r.maxResults(1000)).networkAcls()) {
            Map<String, Object> data = AwsDocuments.toMap(acl);
            Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(),
                    scope.arn("ec2", "network-acl/" + acl.networkAclId()), acl.networkAclId(), tags.get("Name"), tags, data,
                    Map.of()));
        }
        return out;
    }
}
