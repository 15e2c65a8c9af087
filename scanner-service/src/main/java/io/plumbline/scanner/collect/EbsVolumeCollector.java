package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Volume;

/** EBS volumes. */
@ApplicationScoped
public class EbsVolumeCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EC2::Volume";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Resource> out = new ArrayList<>();
        for (Volume volume : scope.clients().ec2(scope.account(), scope.region())
                .describeVolumesPaginator(r -> r.maxResults(500)).volumes()) {
            Map<String, Object> data = AwsDocuments.toMap(volume);
            Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(),
                    scope.arn("ec2", "volume/" + volume.volumeId()), volume.volumeId(), tags.get("Name"), tags, data, Map.of()));
        }
        return out;
    }
}
