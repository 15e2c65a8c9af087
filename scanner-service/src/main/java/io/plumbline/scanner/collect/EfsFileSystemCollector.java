package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.FileSystemNotFoundException;
import software.amazon.awssdk.services.efs.model.PolicyNotFoundException;

/**
 * EFS file systems: DescribeFileSystems, paginated (tags included). The automatic backup setting is only
 * returned by DescribeBackupPolicy, one file system per call with no batch form, so each file system costs one
 * extra call; the policy goes to {@code related.backupPolicy} and is absent when there is none (PolicyNotFound).
 */
@ApplicationScoped
public class EfsFileSystemCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::EFS::FileSystem";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        EfsClient efs = scope.clients().client(scope.account(), scope.region(), EfsClient::builder);
        List<Resource> out = new ArrayList<>();
        for (FileSystemDescription fs : efs.describeFileSystemsPaginator(r -> r.maxItems(100)).fileSystems()) {
            String id = fs.fileSystemId();
            Map<String, Object> related;
            try {
                related = Map.of("backupPolicy", AwsDocuments.toMap(efs.describeBackupPolicy(r -> r.fileSystemId(id)).backupPolicy()));
            } catch (PolicyNotFoundException noPolicy) {
                related = Map.of();
            } catch (FileSystemNotFoundException deletedMeanwhile) {
                continue;
            }
            Map<String, Object> data = AwsDocuments.toMap(fs);
            String arn = fs.fileSystemArn() != null ? fs.fileSystemArn() : scope.arn("elasticfilesystem", "file-system/" + id);
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, id, fs.name(),
                    AwsDocuments.tags(data.get("Tags")), data, related));
        }
        return out;
    }
}
