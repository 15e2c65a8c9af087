package io.plumbline.remediation.action;

/**
 * What AWS said when the plan's write call was made with {@code DryRun=true}; recorded in the plan so approvers and
 * the API see it.
 *
 * @param call the write call, e.g. {@code ec2:RevokeSecurityGroupIngress}
 * @param detail AWS's answer in short, e.g. {@code DryRunOperation: would succeed}
 */
public record DryRun(Result result, String call, String detail) {

    public enum Result {
        /** AWS answered {@code DryRunOperation}: the role may make the call and the request is valid. */
        WOULD_SUCCEED,
        /** AWS answered {@code UnauthorizedOperation}: the remediation role lacks the permission. */
        UNAUTHORIZED,
        /** The API has no DryRun parameter (RDS, DynamoDB, KMS, CloudTrail, ELBv2, S3): the plan rests on Describe calls. */
        NOT_AVAILABLE
    }

    static DryRun notAvailable(String call) {
        return new DryRun(Result.NOT_AVAILABLE, call, call + " has no DryRun parameter; the plan is computed from the resource as described");
    }
}
