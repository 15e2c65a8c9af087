package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupVaultListMember;

/** AWS Backup vaults with their lock state and recovery point count: ListBackupVaults, paginated. */
@ApplicationScoped
public class BackupVaultCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::Backup::BackupVault";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        BackupClient backup = scope.clients().client(scope.account(), scope.region(), BackupClient::builder);
        List<Resource> out = new ArrayList<>();
        for (BackupVaultListMember vault : backup.listBackupVaultsPaginator(r -> r.maxResults(100)).backupVaultList()) {
            String name = vault.backupVaultName();
            String arn = vault.backupVaultArn() != null ? vault.backupVaultArn() : scope.arn("backup", "backup-vault:" + name);
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, name, name, Map.of(),
                    AwsDocuments.toMap(vault), Map.of()));
        }
        return out;
    }
}
