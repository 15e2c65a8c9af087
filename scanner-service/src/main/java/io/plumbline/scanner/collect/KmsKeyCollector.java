package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * Customer managed KMS keys of one region (AWS managed keys are AWS's to manage and are left out).
 *
 * <p>Calls: ListKeys and ListAliases (paginated, once per region). ListKeys says nothing but the key id, so
 * the rest needs per-key calls, which KMS offers no batch form of: keys targeted by an {@code alias/aws/...}
 * alias are AWS managed and skipped without any call; every other key costs one DescribeKey (KeyManager,
 * KeySpec, KeyState, Origin), and enabled customer managed symmetric keys with KMS-generated material (the
 * only ones whose rotation can be turned on) one GetKeyRotationStatus. Tags are not collected (that would be
 * one more ListResourceTags per key). moto lists only the keys created in it, while its ListAliases adds
 * {@code alias/aws/...} aliases pointing at keys it does not have; they are simply not matched.
 * {@code resource}: KeyMetadata. {@code related}: aliases (alias names), rotation (GetKeyRotationStatus).
 */
@ApplicationScoped
public class KmsKeyCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::KMS::Key";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        KmsClient kms = scope.clients().client(scope.account(), scope.region(), KmsClient::builder);
        Map<String, List<String>> aliases = new HashMap<>();
        Set<String> awsManaged = new HashSet<>();
        for (AliasListEntry alias : kms.listAliasesPaginator(r -> r.limit(100)).aliases()) {
            if (alias.targetKeyId() == null) {
                continue;
            }
            aliases.computeIfAbsent(alias.targetKeyId(), k -> new ArrayList<>()).add(alias.aliasName());
            if (alias.aliasName().startsWith("alias/aws/")) {
                awsManaged.add(alias.targetKeyId());
            }
        }
        List<Resource> out = new ArrayList<>();
        for (KeyListEntry key : kms.listKeysPaginator(r -> r.limit(1000)).keys()) {
            if (awsManaged.contains(key.keyId())) {
                continue;
            }
            KeyMetadata metadata = kms.describeKey(r -> r.keyId(key.keyArn())).keyMetadata();
            if (metadata.keyManager() != KeyManagerType.CUSTOMER) {
                continue;
            }
            Map<String, Object> related = new HashMap<>();
            List<String> names = aliases.getOrDefault(key.keyId(), List.of()).stream().sorted().toList();
            related.put("aliases", names);
            if (metadata.keyState() == KeyState.ENABLED && metadata.keySpec() == KeySpec.SYMMETRIC_DEFAULT
                    && metadata.origin() == OriginType.AWS_KMS) {
                related.put("rotation", AwsDocuments.toMap(kms.getKeyRotationStatus(r -> r.keyId(key.keyArn()))));
            }
            String name = names.isEmpty() ? key.keyId() : names.get(0).substring("alias/".length());
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), key.keyArn(), key.keyId(), name,
                    Map.of(), AwsDocuments.toMap(metadata), related));
        }
        return out;
    }
}
