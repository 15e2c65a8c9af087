package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Aurora and Multi-AZ DB clusters: DescribeDBClusters, plus the scope's DescribeDBInstances (shared with
 * {@link RdsInstanceCollector}) for each member's Availability Zone in {@code related.members}. The same API
 * also lists DocumentDB and Neptune clusters; they are skipped, the RDS rules' remediation does not fit them.
 */
@ApplicationScoped
public class RdsClusterCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::RDS::DBCluster";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        Map<String, List<Map<String, Object>>> members = new HashMap<>();
        for (DBInstance db : RdsLookups.instances(scope)) {
            if (db.dbClusterIdentifier() != null) {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("DBInstanceIdentifier", db.dbInstanceIdentifier());
                putIfPresent(member, "AvailabilityZone", db.availabilityZone());
                putIfPresent(member, "DBInstanceClass", db.dbInstanceClass());
                putIfPresent(member, "DBInstanceStatus", db.dbInstanceStatus());
                members.computeIfAbsent(db.dbClusterIdentifier(), k -> new ArrayList<>()).add(member);
            }
        }
        List<Resource> out = new ArrayList<>();
        for (DBCluster cluster : scope.clients().rds(scope.account(), scope.region())
                .describeDBClustersPaginator(r -> r.maxRecords(100)).dbClusters()) {
            if (!isRdsEngine(cluster.engine())) {
                continue;
            }
            Map<String, Object> data = AwsDocuments.toMap(cluster);
            Map<String, String> tags = AwsDocuments.tags(data.get("TagList"));
            String id = cluster.dbClusterIdentifier();
            String arn = cluster.dbClusterArn() != null ? cluster.dbClusterArn() : scope.arn("rds", "cluster:" + id);
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, id, id, tags, data,
                    Map.of("members", members.getOrDefault(id, List.of()))));
        }
        return out;
    }

    private static boolean isRdsEngine(String engine) {
        return engine == null || engine.startsWith("aurora") || engine.equals("mysql") || engine.equals("postgres");
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
