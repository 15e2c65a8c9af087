package io.plumbline.scanner.collect;

import io.plumbline.scanner.aws.AwsDocuments;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** EC2 calls shared between collectors of one scope. */
final class Ec2Lookups {

    private Ec2Lookups() {}

    /** Every security group of the scope by id, in the DescribeSecurityGroups shape. */
    static Map<String, Map<String, Object>> securityGroups(CollectionScope scope) {
        return scope.memo("ec2:DescribeSecurityGroups", () -> {
            Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
            for (SecurityGroup group : scope.clients().ec2(scope.account(), scope.region())
                    .describeSecurityGroupsPaginator(r -> r.maxResults(1000)).securityGroups()) {
                groups.put(group.groupId(), AwsDocuments.toMap(group));
            }
            return groups;
        });
    }
}
