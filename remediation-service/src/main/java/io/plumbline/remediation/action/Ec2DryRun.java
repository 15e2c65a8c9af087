package io.plumbline.remediation.action;

import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Makes a plan's EC2 write calls with {@code DryRun=true} (EC2 is the only API of the catalog's write calls that has
 * the flag). AWS then checks the caller's permission and the request without changing anything, and always answers
 * with an error: {@code DryRunOperation} means it would succeed.
 */
final class Ec2DryRun {

    private static final int DETAIL_LIMIT = 500;

    private Ec2DryRun() {}

    /**
     * The plan with the dry run's answer, or a refusal. A missing permission keeps the proposal, with a warning in its
     * summary: findings are published only when their state changes, so a refused proposal would not come back once
     * the role's policy is fixed, while the warning tells the approvers what to fix first (an approval made before
     * that fails safely). Any other error means the call itself would fail whoever approves it: refused.
     */
    static PlanOutcome check(Plan plan, List<Runnable> dryRunCalls) {
        for (Runnable call : dryRunCalls) {
            try {
                call.run();
                return PlanOutcome.refuse(plan.call() + " with DryRun=true was answered as if applied; not proposing a change"
                        + " that cannot be checked first");
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if ("DryRunOperation".equals(code)) {
                    continue;
                }
                if ("UnauthorizedOperation".equals(code)) {
                    DryRun dryRun = new DryRun(DryRun.Result.UNAUTHORIZED, plan.call(),
                            "UnauthorizedOperation: missing " + plan.call() + " (" + shorten(e.awsErrorDetails().errorMessage()) + ")");
                    return new PlanOutcome.Planned(plan.with(dryRun, plan.summary() + ". WARNING: the dry run was refused"
                            + " (UnauthorizedOperation): the remediation role in account " + plan.target().accountId()
                            + " lacks " + plan.call() + "; approving fails until its policy allows it (GET /api/v1/iam-policy)"));
                }
                return PlanOutcome.refuse(plan.call() + " with DryRun=true failed: " + code + ": "
                        + shorten(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()));
            } catch (SdkClientException e) {
                return PlanOutcome.refuse("cannot dry-run " + plan.call() + ": " + shorten(e.getMessage()));
            }
        }
        return new PlanOutcome.Planned(plan.with(new DryRun(DryRun.Result.WOULD_SUCCEED, plan.call(),
                "DryRunOperation: would succeed"), plan.summary()));
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > DETAIL_LIMIT ? text.substring(0, DETAIL_LIMIT) + "…" : text;
    }
}
