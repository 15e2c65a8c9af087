package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Security groups with their ingress and egress rules. */
@ApplicationScoped
public class SecurityGroupCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::SecurityGroup";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        return Ec2Lookups.securityGroups(scope).values().stream().map(group -> {
            String id = (String) group.get("GroupId");
            Map<String, String> tags = AwsDocuments.tags(group.get("Tags"));
            String name = tags.getOrDefault("Name", (String) group.get("GroupName"));
            return new Resource(resourceType(), scope.accountId(), scope.region(),
                    scope.arn("ec2", "security-group/" + id), id, name, tags, group, Map.of());
        }).toList();
    }
}
