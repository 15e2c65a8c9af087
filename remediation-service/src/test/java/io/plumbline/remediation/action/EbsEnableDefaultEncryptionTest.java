package io.plumbline.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.remediation.support.Moto;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** ebs-enable-default-encryption against moto: the Region's default is switched on, and undo switches it off. */
@QuarkusTest
class EbsEnableDefaultEncryptionTest {

    @Inject
    @Identifier(EbsEnableDefaultEncryption.ID)
    RemediationAction action;

    @BeforeEach
    void reset() {
        Moto.reset();
    }

    private static Target target() {
        return new Target(Moto.ACCOUNT, Moto.REGION, "arn:aws:ec2:us-east-1:123456789012:volume/vol-0123456789abcdef0",
                "vol-0123456789abcdef0", "ebs-volume-encrypted");
    }

    private static boolean encryptionByDefault(Ec2Client ec2) {
        return Boolean.TRUE.equals(ec2.getEbsEncryptionByDefault(r -> {}).ebsEncryptionByDefault());
    }

    @Test
    void shouldPlanApplyAndUndoEncryptionByDefault() {
        try (Ec2Client ec2 = Moto.ec2()) {
            assertThat(encryptionByDefault(ec2)).isFalse();
            PlanOutcome outcome = action.plan(target());
            assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
            Plan plan = ((PlanOutcome.Planned) outcome).plan();
            assertThat(plan.call()).isEqualTo("ec2:EnableEbsEncryptionByDefault");
            assertThat(plan.before().path("EbsEncryptionByDefault").asBoolean()).isFalse();
            assertThat(plan.after().path("EbsEncryptionByDefault").asBoolean()).isTrue();
            assertThat(plan.dryRun().result()).as("EnableEbsEncryptionByDefault takes DryRun").isEqualTo(DryRun.Result.WOULD_SUCCEED);
            assertThat(plan.dryRun().detail()).isEqualTo("DryRunOperation: would succeed");
            assertThat(encryptionByDefault(ec2)).as("a plan and its dry run change nothing").isFalse();

            ApplyOutcome applied = action.apply(plan);
            assertThat(applied).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(((ApplyOutcome.Applied) applied).after().path("EbsEncryptionByDefault").asBoolean()).isTrue();
            assertThat(encryptionByDefault(ec2)).isTrue();

            assertThat(action.undo(plan)).isInstanceOf(ApplyOutcome.Applied.class);
            assertThat(encryptionByDefault(ec2)).isFalse();
        }
    }

    @Test
    void shouldRefuseARegionWhereEncryptionByDefaultIsAlreadyOn() {
        try (Ec2Client ec2 = Moto.ec2()) {
            ec2.enableEbsEncryptionByDefault(r -> {});
            assertThat(action.plan(target()))
                    .isInstanceOfSatisfying(PlanOutcome.Refusal.class, r -> assertThat(r.reason()).contains("already enabled"));
            assertThat(encryptionByDefault(ec2)).isTrue();
        }
    }

    @Test
    void shouldDeclareItsPermissions() {
        assertThat(action.permissions()).containsExactly("ec2:GetEbsEncryptionByDefault", "ec2:EnableEbsEncryptionByDefault",
                "ec2:DisableEbsEncryptionByDefault");
        assertThat(action.appliesTo("ebs-volume-encrypted")).isTrue();
    }
}
