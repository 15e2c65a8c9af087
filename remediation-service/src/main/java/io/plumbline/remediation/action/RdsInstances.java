package io.plumbline.remediation.action;

import io.plumbline.remediation.aws.AwsClients;
import io.plumbline.remediation.config.RemediationConfig;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** What the actions on an RDS DB instance share: finding the instance, and when none of them may touch it. */
final class RdsInstances {

    private RdsInstances() {}

    /** The instance identifier: the finding's resource id, else the last part of its ARN. */
    static String name(Target target) {
        if (target.resourceId() != null && !target.resourceId().isBlank()) {
            return target.resourceId();
        }
        return target.resourceArn().substring(target.resourceArn().lastIndexOf(':') + 1);
    }

    /** The instance as RDS describes it now; throws DbInstanceNotFoundException when it does not exist. */
    static DBInstance describe(AwsClients aws, Target target, String name) {
        return aws.rds(target).describeDBInstances(r -> r.dbInstanceIdentifier(name)).dbInstances().getFirst();
    }

    /**
     * Why an instance setting must not be changed here, or null: an Aurora member's {@code setting} is the
     * cluster's, a read replica follows its source ({@code refuseReplicas}), and only an {@code available}
     * instance is modified.
     */
    static String refusal(DBInstance db, String setting, boolean refuseReplicas) {
        if (db.dbClusterIdentifier() != null) {
            return "DB instance " + db.dbInstanceIdentifier() + " is a member of Aurora cluster " + db.dbClusterIdentifier()
                    + ": " + setting + " is the cluster's, not the instance's";
        }
        if (refuseReplicas && db.readReplicaSourceDBInstanceIdentifier() != null) {
            return "DB instance " + db.dbInstanceIdentifier() + " is a read replica of " + db.readReplicaSourceDBInstanceIdentifier();
        }
        if (!"available".equals(db.dbInstanceStatus())) {
            return "DB instance " + db.dbInstanceIdentifier() + " is " + db.dbInstanceStatus() + ", not available";
        }
        return null;
    }

    /** The action's {@code apply-immediately} setting (default: the next maintenance window). */
    static boolean applyImmediately(RemediationConfig config, String actionId) {
        RemediationConfig.Action action = config.actions().get(actionId);
        return action != null && action.applyImmediately();
    }
}
