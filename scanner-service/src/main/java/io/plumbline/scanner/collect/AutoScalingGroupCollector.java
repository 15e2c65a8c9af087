package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.autoscaling.model.ScheduledUpdateGroupAction;

/**
 * Auto Scaling groups with {@code related.scalingPolicies} and {@code related.scheduledActions}. Calls per scope:
 * DescribeAutoScalingGroups, DescribePolicies and DescribeScheduledActions, each paginated over the whole Region
 * (no group filter), so the cost does not grow with the number of groups.
 */
@ApplicationScoped
public class AutoScalingGroupCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::AutoScaling::AutoScalingGroup";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        AutoScalingClient autoScaling = scope.clients().autoScaling(scope.account(), scope.region());
        Map<String, List<Map<String, Object>>> policies = new HashMap<>();
        for (ScalingPolicy policy : autoScaling.describePoliciesPaginator(r -> r.maxRecords(100)).scalingPolicies()) {
            policies.computeIfAbsent(policy.autoScalingGroupName(), k -> new ArrayList<>()).add(AwsDocuments.toMap(policy));
        }
        Map<String, List<Map<String, Object>>> scheduled = new HashMap<>();
        for (ScheduledUpdateGroupAction action : autoScaling.describeScheduledActionsPaginator(r -> r.maxRecords(100))
                .scheduledUpdateGroupActions()) {
            scheduled.computeIfAbsent(action.autoScalingGroupName(), k -> new ArrayList<>()).add(AwsDocuments.toMap(action));
        }
        List<Resource> out = new ArrayList<>();
        for (AutoScalingGroup group : autoScaling.describeAutoScalingGroupsPaginator(r -> r.maxRecords(100)).autoScalingGroups()) {
            Map<String, Object> data = AwsDocuments.toMap(group);
            Map<String, String> tags = new LinkedHashMap<>();
            group.tags().forEach(tag -> tags.put(tag.key(), tag.value() == null ? "" : tag.value()));
            String arn = group.autoScalingGroupARN() != null ? group.autoScalingGroupARN()
                    : scope.arn("autoscaling", "autoScalingGroup:*:autoScalingGroupName/" + group.autoScalingGroupName());
            Map<String, Object> related = new HashMap<>();
            related.put("scalingPolicies", policies.getOrDefault(group.autoScalingGroupName(), List.of()));
            related.put("scheduledActions", scheduled.getOrDefault(group.autoScalingGroupName(), List.of()));
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, group.autoScalingGroupName(),
                    group.autoScalingGroupName(), tags, data, related));
        }
        return out;
    }
}
