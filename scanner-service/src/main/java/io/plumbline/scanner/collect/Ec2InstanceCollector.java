package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

/** EC2 instances, each with its security groups' rules in {@code related.securityGroups}. */
@ApplicationScoped
public class Ec2InstanceCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::Instance";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        Map<String, Map<String, Object>> groups = Ec2Lookups.securityGroups(scope);
        List<Resource> out = new ArrayList<>();
        for (Reservation reservation : scope.clients().ec2(scope.account(), scope.region())
                .describeInstancesPaginator(r -> r.maxResults(1000)).reservations()) {
            for (Instance instance : reservation.instances()) {
                if (instance.state() != null && instance.state().name() == InstanceStateName.TERMINATED) {
                    continue;
                }
                Map<String, Object> data = AwsDocuments.toMap(instance);
                Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
                // moto (and ENI-launched instances) may leave the instance-level list empty: read the interfaces too
                List<Map<String, Object>> instanceGroups = instance.securityGroups().stream()
                        .map(GroupIdentifier::groupId)
                        .distinct()
                        .map(groups::get)
                        .filter(Objects::nonNull)
                        .toList();
                if (instanceGroups.isEmpty()) {
                    instanceGroups = instance.networkInterfaces().stream()
                            .flatMap(eni -> eni.groups().stream())
                            .map(GroupIdentifier::groupId)
                            .distinct()
                            .map(groups::get)
                            .filter(Objects::nonNull)
                            .toList();
                }
                out.add(new Resource(resourceType(), scope.accountId(), scope.region(),
                        scope.arn("ec2", "instance/" + instance.instanceId()), instance.instanceId(),
                        tags.get("Name"), tags, data, Map.of("securityGroups", instanceGroups)));
            }
        }
        return out;
    }
}
