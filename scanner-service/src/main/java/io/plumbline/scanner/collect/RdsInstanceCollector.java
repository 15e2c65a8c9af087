package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** RDS DB instances (Aurora members included; rules decide what applies to them). */
@ApplicationScoped
public class RdsInstanceCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::RDS::DBInstance";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Resource> out = new ArrayList<>();
        for (DBInstance db : RdsLookups.instances(scope)) {
            Map<String, Object> data = AwsDocuments.toMap(db);
            Map<String, String> tags = AwsDocuments.tags(data.get("TagList"));
            String arn = db.dbInstanceArn() != null ? db.dbInstanceArn() : scope.arn("rds", "db:" + db.dbInstanceIdentifier());
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, db.dbInstanceIdentifier(),
                    db.dbInstanceIdentifier(), tags, data, Map.of()));
        }
        return out;
    }
}
