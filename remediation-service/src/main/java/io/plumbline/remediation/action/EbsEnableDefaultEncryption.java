package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Turns on EBS encryption by default for the finding's account and Region, so every new volume (and every copy
 * of an unencrypted snapshot) is encrypted. The existing unencrypted volume is not changed: it still needs the
 * snapshot-copy procedure of the rule. Undo turns the default off again.
 */
@ApplicationScoped
@Identifier(EbsEnableDefaultEncryption.ID)
public class EbsEnableDefaultEncryption implements RemediationAction {

    public static final String ID = "ebs-enable-default-encryption";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;

    public EbsEnableDefaultEncryption(AwsClients aws) {
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
        return List.of("ec2:GetEbsEncryptionByDefault", "ec2:EnableEbsEncryptionByDefault", "ec2:DisableEbsEncryptionByDefault");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "ebs-volume-encrypted".equals(ruleId);
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public PlanOutcome plan(Target target) {
        boolean enabled;
        try {
            enabled = enabled(aws.ec2(target));
        } catch (RuntimeException e) {
            return PlanOutcome.refuse("cannot read EBS encryption by default in " + target.region() + ": " + e.getMessage());
        }
        if (enabled) {
            return PlanOutcome.refuse("EBS encryption by default is already enabled in account " + target.accountId()
                    + ", region " + target.region());
        }
        ObjectNode request = JSON.objectNode().put("Region", target.region());
        Plan plan = new Plan(ID, version(), target, "ec2:EnableEbsEncryptionByDefault", request,
                state(false), state(true),
                "Enable EBS encryption by default in account " + target.accountId() + ", region " + target.region()
                        + " (new volumes only; the existing volume " + target.resourceId()
                        + " stays unencrypted until it is copied to an encrypted one)");
        return Ec2DryRun.check(plan, List.of(() -> aws.ec2(target).enableEbsEncryptionByDefault(r -> r.dryRun(true))));
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        Ec2Client ec2 = aws.ec2(plan.target());
        try {
            boolean before = enabled(ec2);
            if (before) {
                return new ApplyOutcome.Failed("precondition no longer holds: EBS encryption by default is already enabled in "
                        + plan.target().region());
            }
            ec2.enableEbsEncryptionByDefault(r -> {});
            return new ApplyOutcome.Applied(state(before), state(enabled(ec2)));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        Ec2Client ec2 = aws.ec2(plan.target());
        try {
            boolean before = enabled(ec2);
            if (plan.before().path("EbsEncryptionByDefault").asBoolean(false)) {
                ec2.enableEbsEncryptionByDefault(r -> {});
            } else {
                ec2.disableEbsEncryptionByDefault(r -> {});
            }
            return new ApplyOutcome.Applied(state(before), state(enabled(ec2)));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    private static boolean enabled(Ec2Client ec2) {
        return Boolean.TRUE.equals(ec2.getEbsEncryptionByDefault(r -> {}).ebsEncryptionByDefault());
    }

    private static ObjectNode state(boolean enabled) {
        return JSON.objectNode().put("EbsEncryptionByDefault", enabled);
    }
}
