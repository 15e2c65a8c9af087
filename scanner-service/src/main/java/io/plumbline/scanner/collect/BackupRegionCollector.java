package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupPlansListMember;

/**
 * AWS Backup coverage of a Region as one synthetic resource (ARN {@code arn:aws:backup:<region>:<account>:backup-plans},
 * id = the Region), so that the absence of plans can be a finding: ListBackupPlans in {@code BackupPlansList},
 * and each plan's ListBackupSelections in {@code related.selections} keyed by plan id. Selections are only
 * listed per plan (no batch form), so each plan costs one extra call.
 */
@ApplicationScoped
public class BackupRegionCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::Backup::Region";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        BackupClient backup = scope.clients().client(scope.account(), scope.region(), BackupClient::builder);
        List<Map<String, Object>> plans = new ArrayList<>();
        Map<String, Object> selections = new LinkedHashMap<>();
        for (BackupPlansListMember plan : backup.listBackupPlansPaginator(r -> r.maxResults(100)).backupPlansList()) {
            plans.add(AwsDocuments.toMap(plan));
            selections.put(plan.backupPlanId(), AwsDocuments.toMaps(backup.listBackupSelectionsPaginator(
                    r -> r.backupPlanId(plan.backupPlanId()).maxResults(100)).backupSelectionsList().stream().toList()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("BackupPlansList", plans);
        return List.of(new Resource(resourceType(), scope.accountId(), scope.region(), scope.arn("backup", "backup-plans"),
                scope.region(), scope.region(), Map.of(), data, Map.of("selections", selections)));
    }
}
