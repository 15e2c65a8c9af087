package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.support.Moto;
import io.plumbline.remediation.support.MotoClients;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/** kms-enable-rotation against moto through the real SDK: plan, apply, undo, and the keys it refuses. */
@QuarkusTest
class KmsEnableRotationTest {

    @Inject
    @Identifier(KmsEnableRotation.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private static Target target(KeyMetadata key) {
        return new Target(Moto.ACCOUNT, Moto.REGION, key.arn(), key.keyId(), "kms-key-rotation-enabled");
    }

    private static boolean rotating(KmsClient kms, KeyMetadata key) {
        return kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled();
    }

    private void assertRefused(KeyMetadata key, String reason) {
        assertThat(action.plan(target(key)))
                .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains(reason));
    }

    @Test
    void shouldPlanApplyAndUndoKeyRotation() {
        try (KmsClient kms = MotoClients.kms()) {
            KeyMetadata key = kms.createKey(r -> r.description("orders")).keyMetadata();
            assertThat(rotating(kms, key)).isFalse();

            PlanOutcome outcome = action.plan(target(key));
            assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
            Plan plan = ((PlanOutcome.Planned) outcome).plan();
            assertThat(plan.call()).isEqualTo("kms:EnableKeyRotation");
            assertThat(plan.request().path("KeyId").asText()).isEqualTo(key.arn());
            assertThat(plan.before().path("KeyRotationEnabled").asBoolean()).isFalse();
            assertThat(plan.after().path("KeyRotationEnabled").asBoolean()).isTrue();
            assertThat(rotating(kms, key)).as("a plan changes nothing").isFalse();

            ApplyOutcome applied = action.apply(plan);
            assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(rotating(kms, key)).isTrue();
            assertThat(((ApplyOutcome.Applied) applied).after().path("KeyRotationEnabled").asBoolean()).isTrue();

            assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(rotating(kms, key)).isFalse();
        }
    }

    @Test
    void shouldRefuseAwsManagedAsymmetricDisabledPendingDeletionAndRotatingKeys() {
        try (KmsClient kms = MotoClients.kms()) {
            KeyMetadata awsManaged = kms.describeKey(r -> r.keyId("alias/aws/ebs")).keyMetadata();
            assertRefused(awsManaged, "AWS managed");

            KeyMetadata asymmetric = kms.createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata();
            assertRefused(asymmetric, "RSA_2048");

            KeyMetadata disabled = kms.createKey(r -> r.description("disabled")).keyMetadata();
            kms.disableKey(r -> r.keyId(disabled.keyId()));
            assertRefused(disabled, "Disabled");

            KeyMetadata deleting = kms.createKey(r -> r.description("deleting")).keyMetadata();
            kms.scheduleKeyDeletion(r -> r.keyId(deleting.keyId()).pendingWindowInDays(7));
            assertRefused(deleting, "PendingDeletion");

            KeyMetadata rotating = kms.createKey(r -> r.description("rotating")).keyMetadata();
            kms.enableKeyRotation(r -> r.keyId(rotating.keyId()));
            assertRefused(rotating, "already rotates");
            assertThat(rotating(kms, rotating)).isTrue();
        }
        assertThat(action.plan(new Target(Moto.ACCOUNT, Moto.REGION,
                "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
                "11111111-2222-3333-4444-555555555555", "kms-key-rotation-enabled")))
                .isInstanceOf(PlanOutcome.Refusal.class);
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).contains("kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation",
                "kms:DisableKeyRotation");
        assertThat(action.appliesTo("kms-key-rotation-enabled")).isTrue();
    }
}
