package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * Turns on automatic key rotation for an enabled, customer managed, symmetric KMS key with KMS-generated material;
 * undo turns rotation off again. The key id and ARN stay the same, nothing is re-encrypted.
 */
@ApplicationScoped
@Identifier(KmsEnableRotation.ID)
public class KmsEnableRotation implements RemediationAction {

    public static final String ID = "kms-enable-rotation";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;

    public KmsEnableRotation(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<String> permissions() {
        return List.of("kms:DescribeKey", "kms:ListAliases", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation",
                "kms:DisableKeyRotation");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "kms-key-rotation-enabled".equals(ruleId);
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public PlanOutcome plan(Target target) {
        String keyId = keyId(target);
        KmsClient kms = aws.kms(target);
        KeyMetadata key;
        try {
            key = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
        } catch (NotFoundException e) {
            return PlanOutcome.refuse("KMS key " + keyId + " does not exist");
        }
        String refusal = refusal(kms, key);
        if (refusal != null) {
            return PlanOutcome.refuse(refusal);
        }
        ObjectNode before = state(kms, key);
        ObjectNode request = JSON.objectNode().put("KeyId", key.arn());
        return new PlanOutcome.Planned(new Plan(ID, version(), target, "kms:EnableKeyRotation", request, before,
                before.deepCopy().put("KeyRotationEnabled", true),
                "Enable automatic key rotation on KMS key " + key.keyId()));
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        return rotate(plan, true);
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        return rotate(plan, false);
    }

    private ApplyOutcome rotate(Plan plan, boolean enabled) {
        String keyId = plan.request().path("KeyId").asText();
        KmsClient kms = aws.kms(plan.target());
        try {
            KeyMetadata key = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
            if (enabled) {
                String refusal = refusal(kms, key);
                if (refusal != null) {
                    return new ApplyOutcome.Failed("precondition no longer holds: " + refusal);
                }
            }
            ObjectNode before = state(kms, key);
            if (enabled) {
                kms.enableKeyRotation(r -> r.keyId(keyId));
            } else {
                kms.disableKeyRotation(r -> r.keyId(keyId));
            }
            return new ApplyOutcome.Applied(before, state(kms, kms.describeKey(r -> r.keyId(keyId)).keyMetadata()));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    /** Why the key must not be changed, or null. */
    private static String refusal(KmsClient kms, KeyMetadata key) {
        String name = "KMS key " + key.keyId();
        if (key.keyManager() == KeyManagerType.AWS || awsManagedAlias(kms, key)) {
            return name + " is AWS managed: AWS rotates it, its rotation cannot be changed";
        }
        if (key.keySpec() != KeySpec.SYMMETRIC_DEFAULT) {
            return name + " is " + key.keySpecAsString() + ": only symmetric encryption keys rotate automatically";
        }
        if (key.origin() != null && key.origin() != OriginType.AWS_KMS) {
            return name + " has key material from " + key.originAsString() + ": only KMS-generated material rotates automatically";
        }
        if (key.keyState() != KeyState.ENABLED) {
            return name + " is " + key.keyStateAsString() + ", not Enabled";
        }
        if (Boolean.TRUE.equals(kms.getKeyRotationStatus(r -> r.keyId(key.arn())).keyRotationEnabled())) {
            return name + " already rotates automatically";
        }
        return null;
    }

    private static boolean awsManagedAlias(KmsClient kms, KeyMetadata key) {
        return kms.listAliasesPaginator(r -> r.keyId(key.keyId())).aliases().stream()
                .anyMatch(a -> a.aliasName() != null && a.aliasName().startsWith("alias/aws/"));
    }

    private static ObjectNode state(KmsClient kms, KeyMetadata key) {
        ObjectNode node = JSON.objectNode().put("KeyId", key.keyId()).put("KeyState", key.keyStateAsString())
                .put("KeyManager", key.keyManagerAsString()).put("KeySpec", key.keySpecAsString());
        if (key.keyState() == KeyState.ENABLED && key.keySpec() == KeySpec.SYMMETRIC_DEFAULT) {
            node.put("KeyRotationEnabled",
                    Boolean.TRUE.equals(kms.getKeyRotationStatus(r -> r.keyId(key.arn())).keyRotationEnabled()));
        }
        return node;
    }

    private static String keyId(Target target) {
        if (target.resourceArn() != null && target.resourceArn().startsWith("arn:") && target.resourceArn().contains(":key/")) {
            return target.resourceArn();
        }
        return target.resourceId();
    }
}
