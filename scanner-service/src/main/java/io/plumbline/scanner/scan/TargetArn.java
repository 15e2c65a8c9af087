package io.plumbline.scanner.scan;

import java.util.Locale;
import java.util.Map;

/** Reads what a targeted rescan needs from an ARN: region, account, and which resource types it can be. */
record TargetArn(String arn, String service, String region, String accountId) {

    // ARN service namespace → prefix of the CloudFormation resource types it names
    private static final Map<String, String> TYPE_PREFIX = Map.ofEntries(
            Map.entry("ec2", "AWS::EC2::"),
            Map.entry("rds", "AWS::RDS::"),
            Map.entry("autoscaling", "AWS::AutoScaling::"),
            Map.entry("iam", "AWS::IAM::"),
            Map.entry("s3", "AWS::S3::"),
            Map.entry("elasticloadbalancing", "AWS::ElasticLoadBalancing"),
            Map.entry("dynamodb", "AWS::DynamoDB::"),
            Map.entry("kms", "AWS::KMS::"),
            Map.entry("cloudtrail", "AWS::CloudTrail::"),
            Map.entry("elasticfilesystem", "AWS::EFS::"),
            Map.entry("elasticache", "AWS::ElastiCache::"),
            Map.entry("lambda", "AWS::Lambda::"),
            Map.entry("route53", "AWS::Route53::"),
            Map.entry("backup", "AWS::Backup::"));

    static TargetArn parse(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[2].isEmpty()) {
            throw new IllegalArgumentException("resourceArn: '" + arn + "' is not an ARN");
        }
        return new TargetArn(arn, parts[2].toLowerCase(Locale.ROOT), parts[3], parts[4]);
    }

    boolean couldBe(String resourceType) {
        String prefix = TYPE_PREFIX.get(service);
        return prefix != null ? resourceType.startsWith(prefix)
                : resourceType.toLowerCase(Locale.ROOT).startsWith("aws::" + service + "::");
    }

    /** Global resources (IAM, S3) carry no region in their ARN. */
    boolean global() {
        return region.isEmpty();
    }
}
