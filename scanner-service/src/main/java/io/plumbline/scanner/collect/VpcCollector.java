package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** VPCs, each with the flow logs attached to it in {@code related.flowLogs} (one listing, not one call per VPC). */
@ApplicationScoped
public class VpcCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::VPC";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        Ec2Client ec2 = scope.clients().ec2(scope.account(), scope.region());
        Map<String, List<Map<String, Object>>> flowLogs = new HashMap<>();
        for (FlowLog flowLog : ec2.describeFlowLogsPaginator(r -> r.maxResults(1000)).flowLogs()) {
            flowLogs.computeIfAbsent(flowLog.resourceId(), k -> new ArrayList<>()).add(AwsDocuments.toMap(flowLog));
        }
        List<Resource> out = new ArrayList<>();
        for (Vpc vpc : ec2.describeVpcsPaginator(r -> r.maxResults(1000)).vpcs()) {
            Map<String, Object> data = AwsDocuments.toMap(vpc);
            Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), scope.arn("ec2", "vpc/" + vpc.vpcId()),
                    vpc.vpcId(), tags.get("Name"), tags, data,
                    Map.of("flowLogs", flowLogs.getOrDefault(vpc.vpcId(), List.of()))));
        }
        return out;
    }
}
