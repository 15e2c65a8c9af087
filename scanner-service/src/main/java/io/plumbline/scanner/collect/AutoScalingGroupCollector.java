package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/** Auto Scaling groups. */
@ApplicationScoped
public class AutoScalingGroupCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::AutoScaling::AutoScalingGroup";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Resource> out = new ArrayList<>();
        for (AutoScalingGroup group : scope.clients().autoScaling(scope.account(), scope.region())
                .describeAutoScalingGroupsPaginator(r -> r.maxRecords(100)).autoScalingGroups()) {
            Map<String, Object> data = AwsDocuments.toMap(group);
            Map<String, String> tags = new LinkedHashMap<>();
            group.tags().forEach(tag -> tags.put(tag.key(), tag.value() == null ? "" : tag.value()));
            String arn = group.autoScalingGroupARN() != null ? group.autoScalingGroupARN()
                    : scope.arn("autoscaling", "autoScalingGroup:*:autoScalingGroupName/" + group.autoScalingGroupName());
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, group.autoScalingGroupName(),
                    group.autoScalingGroupName(), tags, data, Map.of()));
        }
        return out;
    }
}
