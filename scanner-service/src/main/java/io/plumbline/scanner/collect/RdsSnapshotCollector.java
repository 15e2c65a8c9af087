package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * Manual DB snapshots of the account (DescribeDBSnapshots, SnapshotType manual; automated snapshots cannot be
 * shared and follow their instance's encryption). Who may restore a snapshot is only returned by
 * DescribeDBSnapshotAttributes, which takes one snapshot per call and has no batch form, so each snapshot
 * costs one extra call; its attributes go to {@code related.attributes}.
 */
@ApplicationScoped
public class RdsSnapshotCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::RDS::DBSnapshot";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        RdsClient rds = scope.clients().rds(scope.account(), scope.region());
        List<Resource> out = new ArrayList<>();
        for (DBSnapshot snapshot : rds.describeDBSnapshotsPaginator(r -> r.snapshotType("manual").maxRecords(100)).dbSnapshots()) {
            String id = snapshot.dbSnapshotIdentifier();
            Map<String, Object> data = AwsDocuments.toMap(snapshot);
            Map<String, String> tags = AwsDocuments.tags(data.get("TagList"));
            List<Map<String, Object>> attributes = AwsDocuments.toMaps(rds.describeDBSnapshotAttributes(r -> r.dbSnapshotIdentifier(id))
                    .dbSnapshotAttributesResult().dbSnapshotAttributes());
            String arn = snapshot.dbSnapshotArn() != null ? snapshot.dbSnapshotArn() : scope.arn("rds", "snapshot:" + id);
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, id, id, tags, data,
                    Map.of("attributes", attributes)));
        }
        return out;
    }
}
