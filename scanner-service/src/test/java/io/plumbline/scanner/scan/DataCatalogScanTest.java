package io.plumbline.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.Tag;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The data-store and backup rules against moto: each risky resource is planted beside a compliant twin, and a
 * scan through the real collectors opens findings for exactly the risky ones. What moto cannot hold (AWS Backup
 * selections, vault recovery points) comes from recorded AWS responses.
 */
@QuarkusTest
class DataCatalogScanTest extends EmptyAccountTest {

    private static final String OHIO = "us-east-2";
    private static final String SAO_PAULO = "sa-east-1";

    @Test
    void shouldFindExactlyTheRiskyDataStoresAndTheRegionWithoutBackupPlan() {
        String uploads;
        String scratch;
        try (RdsClient rds = Moto.rds(OHIO);
                DynamoDbClient dynamo = client(DynamoDbClient.builder(), OHIO);
                ElastiCacheClient elastiCache = client(ElastiCacheClient.builder(), OHIO);
                EfsClient efs = client(EfsClient.builder(), OHIO);
                BackupClient backup = client(BackupClient.builder(), OHIO)) {
            // Aurora: "orders" spread over two zones and hardened, "reports" a lone unencrypted writer
            cluster(rds, "orders", "aurora-postgresql", true);
            clusterInstance(rds, "orders-1", "orders", "aurora-postgresql", "us-east-2a");
            clusterInstance(rds, "orders-2", "orders", "aurora-postgresql", "us-east-2b");
            cluster(rds, "reports", "aurora-mysql", false);
            clusterInstance(rds, "reports-1", "reports", "aurora-mysql", "us-east-2a");
            // RDS instances and manual snapshots: crm-db is on db.m4 and its export snapshot is public
            instance(rds, "crm-db", "db.m4.large", false);
            instance(rds, "billing-db", "db.m7g.large", true);
            rds.createDBSnapshot(r -> r.dbInstanceIdentifier("crm-db").dbSnapshotIdentifier("crm-db-export"));
            rds.modifyDBSnapshotAttribute(r -> r.dbSnapshotIdentifier("crm-db-export").attributeName("restore").valuesToAdd("all"));
            rds.createDBSnapshot(r -> r.dbInstanceIdentifier("billing-db").dbSnapshotIdentifier("billing-db-final"));
            // DynamoDB: on-demand, protected, PITR on versus fixed 100/100 capacity with nothing on
            table(dynamo, "orders", true);
            table(dynamo, "carts", false);
            // ElastiCache: two nodes with failover, encryption and backups versus a bare single node
            elastiCache.createReplicationGroup(r -> r.replicationGroupId("sessions").replicationGroupDescription("sessions")
                    .engine("valkey").cacheNodeType("cache.t4g.small").numCacheClusters(2)
                    .automaticFailoverEnabled(true).multiAZEnabled(true).atRestEncryptionEnabled(true)
                    .transitEncryptionEnabled(true).transitEncryptionMode("required").snapshotRetentionLimit(7));
            elastiCache.createReplicationGroup(r -> r.replicationGroupId("legacy-cache").replicationGroupDescription("legacy")
                    .engine("redis").cacheNodeType("cache.t4g.small").numCacheClusters(1));
            // EFS: a compliant Regional file system, an unencrypted one without backups, and a One Zone one
            fileSystem(efs, "shared", true, true, null);
            uploads = fileSystem(efs, "uploads", false, false, null);
            scratch = fileSystem(efs, "scratch", true, true, "us-east-2a");
            // AWS Backup: a plan in Ohio whose selection moto cannot store (recorded answer); none in Sao Paulo
            backup.createBackupPlan(r -> r.backupPlan(p -> p.backupPlanName("daily-35d").rules(rule -> rule.ruleName("daily")
                    .targetBackupVaultName("Default").scheduleExpression("cron(0 5 ? * * *)"))));
            faults.record("ListBackupSelections", "/aws/backup/ListBackupSelections-one-tag-selection.json");
        }

        JsonPath scan = ScannerApi.scan(List.of(OHIO, SAO_PAULO), List.of(
                "rds-cluster-multi-az", "rds-cluster-storage-encrypted", "rds-cluster-deletion-protection",
                "rds-instance-previous-generation", "rds-snapshot-public", "rds-snapshot-encrypted",
                "dynamodb-table-pitr", "dynamodb-table-deletion-protection", "dynamodb-table-fixed-capacity",
                "elasticache-replication-group-multi-az", "elasticache-replication-group-encryption-at-rest",
                "elasticache-replication-group-encryption-in-transit", "elasticache-replication-group-backup-retention",
                "efs-file-system-encrypted", "efs-file-system-backup-policy", "efs-file-system-one-zone",
                "backup-plan-in-region"));

        assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(scan.getList("errors")).isEmpty();
        Map<String, String> open = openFindings();
        assertThat(open).containsOnlyKeys(
                "rds-cluster-multi-az/reports", "rds-cluster-storage-encrypted/reports", "rds-cluster-deletion-protection/reports",
                "rds-instance-previous-generation/crm-db", "rds-snapshot-public/crm-db-export", "rds-snapshot-encrypted/crm-db-export",
                "dynamodb-table-pitr/carts", "dynamodb-table-deletion-protection/carts", "dynamodb-table-fixed-capacity/carts",
                "elasticache-replication-group-multi-az/legacy-cache", "elasticache-replication-group-encryption-at-rest/legacy-cache",
                "elasticache-replication-group-encryption-in-transit/legacy-cache",
                "elasticache-replication-group-backup-retention/legacy-cache",
                "efs-file-system-encrypted/" + uploads, "efs-file-system-backup-policy/" + uploads, "efs-file-system-one-zone/" + scratch,
                "backup-plan-in-region/" + SAO_PAULO);
        assertThat(open.get("rds-cluster-multi-az/reports"))
                .startsWith("DB cluster reports (aurora-mysql) in us-east-2 has a single DB instance, reports-1 in us-east-2a;");
        assertThat(open.get("rds-instance-previous-generation/crm-db")).contains("runs on db.m4.large, a previous-generation (m4)");
        assertThat(open.get("rds-snapshot-public/crm-db-export"))
                .startsWith("Manual DB snapshot crm-db-export of crm-db (postgres, 20 GiB) in us-east-2 is public");
        assertThat(open.get("dynamodb-table-fixed-capacity/carts")).contains("(100 read and 100 write capacity units");
        assertThat(open.get("dynamodb-table-pitr/carts")).contains("has point-in-time recovery DISABLED");
        assertThat(open.get("elasticache-replication-group-multi-az/legacy-cache"))
                .contains("legacy-cache (redis, 1 node) in us-east-2 has automatic failover disabled and Multi-AZ disabled");
        assertThat(open.get("efs-file-system-backup-policy/" + uploads))
                .startsWith("EFS file system uploads (" + uploads + ") in us-east-2 has automatic backups not configured");
        assertThat(open.get("efs-file-system-one-zone/" + scratch)).contains("uses One Zone storage in us-east-2a only");
        assertThat(open.get("backup-plan-in-region/" + SAO_PAULO)).startsWith("Region sa-east-1 of account ").contains("has no AWS Backup plan");
    }

    @Test
    void shouldFindTheUnlockedVaultThatHoldsRecoveryPoints() {
        // moto's vaults never hold recovery points: the scanner sees a recorded ListBackupVaults answer with an
        // unlocked vault holding 412 points, a locked one, and the empty Default vault
        faults.record("ListBackupVaults", "/aws/backup/ListBackupVaults-locked-unlocked-empty.json");

        JsonPath scan = ScannerApi.scan(List.of(OHIO), List.of("backup-vault-lock"));

        assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(scan.getList("errors")).isEmpty();
        Map<String, String> open = openFindings();
        assertThat(open).containsOnlyKeys("backup-vault-lock/prod-vault");
        assertThat(open.get("backup-vault-lock/prod-vault"))
                .startsWith("Backup vault prod-vault in us-east-2 holds 412 recovery points and has no vault lock");
    }

    private static Map<String, String> openFindings() {
        JsonPath findings = ScannerApi.findings("status=OPEN");
        List<String> rules = findings.getList("ruleId");
        List<String> ids = findings.getList("resourceId");
        List<String> messages = findings.getList("message");
        Map<String, String> byKey = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            byKey.put(rules.get(i) + "/" + ids.get(i), messages.get(i));
        }
        return byKey;
    }

    private static void cluster(RdsClient rds, String name, String engine, boolean hardened) {
        rds.createDBCluster(r -> r.dbClusterIdentifier(name).engine(engine).masterUsername("admin")
                .masterUserPassword("not-a-secret-1").storageEncrypted(hardened).deletionProtection(hardened)
                .backupRetentionPeriod(hardened ? 7 : 1).copyTagsToSnapshot(hardened).enableIAMDatabaseAuthentication(hardened));
    }

    private static void clusterInstance(RdsClient rds, String name, String cluster, String engine, String zone) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(name).dbClusterIdentifier(cluster).engine(engine)
                .dbInstanceClass("db.r6g.large").availabilityZone(zone));
    }

    private static void instance(RdsClient rds, String name, String instanceClass, boolean encrypted) {
        rds.createDBInstance(r -> r.dbInstanceIdentifier(name).engine("postgres").dbInstanceClass(instanceClass)
                .allocatedStorage(20).masterUsername("admin").masterUserPassword("not-a-secret-1").storageEncrypted(encrypted));
    }

    private static void table(DynamoDbClient dynamo, String name, boolean hardened) {
        dynamo.createTable(r -> {
            r.tableName(name)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .deletionProtectionEnabled(hardened);
            if (hardened) {
                r.billingMode(BillingMode.PAY_PER_REQUEST);
            } else {
                r.billingMode(BillingMode.PROVISIONED).provisionedThroughput(t -> t.readCapacityUnits(100L).writeCapacityUnits(100L));
            }
        });
        if (hardened) {
            dynamo.updateContinuousBackups(r -> r.tableName(name).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        }
    }

    private static String fileSystem(EfsClient efs, String name, boolean encrypted, boolean backup, String oneZone) {
        return efs.createFileSystem(r -> r.creationToken(name).encrypted(encrypted).backup(backup).availabilityZoneName(oneZone)
                .tags(Tag.builder().key("Name").value(name).build())).fileSystemId();
    }

    private static <B extends AwsClientBuilder<B, C>, C> C client(B builder, String region) {
        return builder.region(Region.of(region))
                .endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }
}
