package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * ElastiCache (Valkey and Redis OSS) replication groups: DescribeReplicationGroups, paginated. Tags would take
 * one ListTagsForResource call per group and no rule needs them, so they are not read.
 */
@ApplicationScoped
public class ElastiCacheReplicationGroupCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::ElastiCache::ReplicationGroup";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        ElastiCacheClient elastiCache = scope.clients().client(scope.account(), scope.region(), ElastiCacheClient::builder);
        List<Resource> out = new ArrayList<>();
        for (ReplicationGroup group : elastiCache.describeReplicationGroupsPaginator(r -> r.maxRecords(100)).replicationGroups()) {
            String id = group.replicationGroupId();
            String arn = group.arn() != null ? group.arn() : scope.arn("elasticache", "replicationgroup:" + id);
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, id, id, Map.of(),
                    AwsDocuments.toMap(group), Map.of()));
        }
        return out;
    }
}
