package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Address;

/** Elastic IP addresses (DescribeAddresses is a single, unpaginated call). */
@ApplicationScoped
public class ElasticIpCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::EIP";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Resource> out = new ArrayList<>();
        for (Address address : scope.clients().ec2(scope.account(), scope.region()).describeAddresses().addresses()) {
            Map<String, Object> data = AwsDocuments.toMap(address);
            Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
            String id = address.allocationId() != null ? address.allocationId() : address.publicIp();
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(),
                    scope.arn("ec2", "elastic-ip/" + id), id, tags.getOrDefault("Name", address.publicIp()), tags, data, Map.of()));
        }
        return out;
    }
}
