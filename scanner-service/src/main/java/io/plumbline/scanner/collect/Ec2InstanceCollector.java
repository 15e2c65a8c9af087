package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * EC2 instances. {@code related}: {@code securityGroups} (their rules, from the memoised DescribeSecurityGroups),
 * {@code instanceType} (the type's DescribeInstanceTypes entry: EBS optimization support, limits...) and
 * {@code collectedAt} (when the instances were listed, ISO-8601: rules measure ages against it, CEL has no "now").
 * Calls per scope: DescribeInstances (paginated), DescribeSecurityGroups (memoised) and DescribeInstanceTypes for
 * the distinct types in use, 100 types per request.
 */
@ApplicationScoped
public class Ec2InstanceCollector implements ResourceCollector {

    private static final int TYPE_BATCH = 100;

    @Override
    public String resourceType() {
        return "AWS::EC2::Instance";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        Map<String, Map<String, Object>> groups = Ec2Lookups.securityGroups(scope);
        Ec2Client ec2 = scope.clients().ec2(scope.account(), scope.region());
        String collectedAt = Instant.now().toString();
        List<Instance> instances = new ArrayList<>();
        for (Reservation reservation : ec2.describeInstancesPaginator(r -> r.maxResults(1000)).reservations()) {
            for (Instance instance : reservation.instances()) {
                if (instance.state() == null || instance.state().name() != InstanceStateName.TERMINATED) {
                    instances.add(instance);
                }
            }
        }
        Map<String, Map<String, Object>> types = instanceTypes(ec2, instances);
        List<Resource> out = new ArrayList<>();
        for (Instance instance : instances) {
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
            Map<String, Object> related = new HashMap<>();
            related.put("securityGroups", instanceGroups);
            related.put("collectedAt", collectedAt);
            Map<String, Object> type = types.get(instance.instanceTypeAsString());
            if (type != null) {
                related.put("instanceType", type);
            }
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(),
                    scope.arn("ec2", "instance/" + instance.instanceId()), instance.instanceId(),
                    tags.get("Name"), tags, data, related));
        }
        return out;
    }

    /** DescribeInstanceTypes for the distinct types of {@code instances}, by type name. */
    private static Map<String, Map<String, Object>> instanceTypes(Ec2Client ec2, List<Instance> instances) {
        List<String> distinct = new ArrayList<>(instances.stream()
                .map(Instance::instanceTypeAsString)
                .filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += TYPE_BATCH) {
            List<String> batch = distinct.subList(from, Math.min(from + TYPE_BATCH, distinct.size()));
            for (InstanceTypeInfo info : ec2.describeInstanceTypesPaginator(r -> r.instanceTypesWithStrings(batch)).instanceTypes()) {
                out.put(info.instanceTypeAsString(), AwsDocuments.toMap(info));
            }
        }
        return out;
    }
}
