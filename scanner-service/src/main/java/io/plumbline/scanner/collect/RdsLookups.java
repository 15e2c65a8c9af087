package io.plumbline.scanner.collect;

import java.util.List;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** RDS calls shared between collectors of one scope. */
final class RdsLookups {

    private RdsLookups() {}

    /** Every DB instance of the scope (DescribeDBInstances, paginated), for instances and for cluster members. */
    static List<DBInstance> instances(CollectionScope scope) {
        return scope.memo("rds:DescribeDBInstances", () -> scope.clients().rds(scope.account(), scope.region())
                .describeDBInstancesPaginator(r -> r.maxRecords(100)).dbInstances().stream().toList());
    }
}
