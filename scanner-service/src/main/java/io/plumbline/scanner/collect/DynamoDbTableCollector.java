package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;

/**
 * DynamoDB tables. ListTables only names them and DynamoDB has no batch describe, so each table costs a
 * DescribeTable and a DescribeContinuousBackups call (PITR state, in {@code related.continuousBackups}); tags
 * would cost a third call per table and no rule needs them, so they are not read. For tables encrypted with a
 * KMS key, one ListAliases per Region tells the AWS managed key aws/dynamodb from customer keys
 * ({@code related.kmsKeyManager}: AWS or CUSTOMER).
 */
@ApplicationScoped
public class DynamoDbTableCollector implements ResourceCollector {

    private static final Logger LOG = Logger.getLogger(DynamoDbTableCollector.class);
    private static final String AWS_MANAGED_ALIAS = "alias/aws/dynamodb";

    @Override
    public String resourceType() {
        return "AWS::DynamoDB::Table";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        DynamoDbClient dynamo = scope.clients().client(scope.account(), scope.region(), DynamoDbClient::builder);
        List<Resource> out = new ArrayList<>();
        AwsManagedKey awsManagedKey = null;
        for (String tableName : dynamo.listTablesPaginator(r -> r.limit(100)).tableNames()) {
            TableDescription table;
            Map<String, Object> continuousBackups;
            try {
                table = dynamo.describeTable(r -> r.tableName(tableName)).table();
                continuousBackups = AwsDocuments.toMap(dynamo.describeContinuousBackups(r -> r.tableName(tableName))
                        .continuousBackupsDescription());
            } catch (ResourceNotFoundException deletedMeanwhile) {
                continue;
            }
            Map<String, Object> related = new HashMap<>();
            related.put("continuousBackups", continuousBackups);
            if (table.sseDescription() != null && table.sseDescription().sseType() == SSEType.KMS
                    && table.sseDescription().kmsMasterKeyArn() != null) {
                if (awsManagedKey == null) {
                    awsManagedKey = awsManagedKey(scope);
                }
                awsManagedKey.manager(table.sseDescription().kmsMasterKeyArn()).ifPresent(m -> related.put("kmsKeyManager", m));
            }
            String arn = table.tableArn() != null ? table.tableArn() : scope.arn("dynamodb", "table/" + tableName);
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, tableName, tableName, Map.of(),
                    AwsDocuments.toMap(table), related));
        }
        return out;
    }

    /** The key behind alias/aws/dynamodb in one Region; {@code known} is false when KMS refused to list aliases. */
    private record AwsManagedKey(boolean known, String keyId) {

        /** AWS or CUSTOMER for the key in {@code keyArn}; empty when it cannot be told. */
        Optional<String> manager(String keyArn) {
            if (!known) {
                return Optional.empty();
            }
            String id = keyArn.substring(keyArn.lastIndexOf('/') + 1);
            return Optional.of(id.equals(keyId) ? "AWS" : "CUSTOMER");
        }
    }

    private static AwsManagedKey awsManagedKey(CollectionScope scope) {
        try {
            return scope.memo("kms:ListAliases:" + AWS_MANAGED_ALIAS, () -> {
                KmsClient kms = scope.clients().client(scope.account(), scope.region(), KmsClient::builder);
                for (AliasListEntry alias : kms.listAliasesPaginator(r -> r.limit(100)).aliases()) {
                    if (AWS_MANAGED_ALIAS.equals(alias.aliasName()) && alias.targetKeyId() != null) {
                        return new AwsManagedKey(true, alias.targetKeyId());
                    }
                }
                return new AwsManagedKey(true, null);
            });
        } catch (AwsServiceException e) {
            // only the opt-in customer-managed-key rule needs this; PITR and the other rules still decide without it
            LOG.warnf("KMS ListAliases failed in %s (%s): DynamoDB key owners left undetermined", scope.region(),
                    e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : e.getMessage());
            return new AwsManagedKey(false, null);
        }
    }
}
