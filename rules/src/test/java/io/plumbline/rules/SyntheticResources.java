package io.plumbline.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resources shaped like the collectors' output (API member names, nested maps and lists, tags) for a mid-sized
 * account: most of them compliant, some not, deterministic so runs compare. Shared (test jar) with the benchmarks.
 */
public final class SyntheticResources {

    static final String ACCOUNT = "210987654321";
    static final String REGION = "eu-west-1";

    private SyntheticResources() {}

    public static List<Resource> all() {
        List<Resource> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            out.add(rdsInstance(i));
        }
        for (int i = 0; i < 60; i++) {
            out.add(ec2Instance(i));
        }
        for (int i = 0; i < 30; i++) {
            out.add(securityGroupResource(i));
        }
        for (int i = 0; i < 30; i++) {
            out.add(ebsVolume(i));
        }
        for (int i = 0; i < 20; i++) {
            out.add(s3Bucket(i));
        }
        return out;
    }

    /** A DescribeDBInstances entry: every 5th single-AZ, every 7th an Aurora member, every 11th a read replica. */
    static Resource rdsInstance(int i) {
        String id = "orders-db-" + i;
        boolean aurora = i % 7 == 3;
        String engine = aurora ? "aurora-postgresql" : (i % 2 == 0 ? "postgres" : "mysql");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DBInstanceIdentifier", id);
        d.put("DBInstanceClass", i % 3 == 0 ? "db.r6g.large" : "db.m6g.xlarge");
        d.put("Engine", engine);
        d.put("DBInstanceStatus", "available");
        d.put("MasterUsername", "admin");
        d.put("DBName", "orders");
        d.put("Endpoint", map("Address", id + ".c9akciq32.eu-west-1.rds.amazonaws.com", "Port", engine.contains("postgres") ? 5432 : 3306,
                "HostedZoneId", "Z29XKXDKYMONMX"));
        d.put("AllocatedStorage", 200 + i);
        d.put("InstanceCreateTime", "2023-0" + (1 + i % 9) + "-14T09:21:44.120Z");
        d.put("PreferredBackupWindow", "02:00-02:30");
        d.put("BackupRetentionPeriod", i % 9 == 4 ? 1 : 14);
        d.put("VpcSecurityGroups", List.of(map("VpcSecurityGroupId", "sg-0db" + i, "Status", "active")));
        d.put("DBParameterGroups", List.of(map("DBParameterGroupName", "default." + engine, "ParameterApplyStatus", "in-sync")));
        d.put("AvailabilityZone", "eu-west-1" + "abc".charAt(i % 3));
        d.put("DBSubnetGroup", map("DBSubnetGroupName", "db-private", "DBSubnetGroupDescription", "private subnets",
                "VpcId", "vpc-0a1b2c3d", "SubnetGroupStatus", "Complete",
                "Subnets", List.of(
                        map("SubnetIdentifier", "subnet-01", "SubnetAvailabilityZone", map("Name", "eu-west-1a"), "SubnetStatus", "Active"),
                        map("SubnetIdentifier", "subnet-02", "SubnetAvailabilityZone", map("Name", "eu-west-1b"), "SubnetStatus", "Active"),
                        map("SubnetIdentifier", "subnet-03", "SubnetAvailabilityZone", map("Name", "eu-west-1c"), "SubnetStatus", "Active"))));
        d.put("PreferredMaintenanceWindow", "sun:03:00-sun:03:30");
        d.put("PendingModifiedValues", Map.of());
        d.put("LatestRestorableTime", "2025-06-01T08:55:00Z");
        d.put("MultiAZ", i % 5 != 0);
        d.put("EngineVersion", engine.contains("postgres") ? "16.3" : "8.0.36");
        d.put("AutoMinorVersionUpgrade", i % 13 != 6);
        if (i % 11 == 5 && !aurora) {
            d.put("ReadReplicaSourceDBInstanceIdentifier", "orders-db-0");
        }
        d.put("ReadReplicaDBInstanceIdentifiers", List.of());
        d.put("LicenseModel", engine.contains("postgres") ? "postgresql-license" : "general-public-license");
        d.put("OptionGroupMemberships", List.of(map("OptionGroupName", "default:" + engine, "Status", "in-sync")));
        d.put("PubliclyAccessible", i % 17 == 8);
        d.put("StorageType", "gp3");
        d.put("Iops", 3000);
        d.put("StorageThroughput", 125);
        if (aurora) {
            d.put("DBClusterIdentifier", "orders-cluster-" + (i / 7));
        }
        d.put("StorageEncrypted", i % 6 != 1);
        d.put("KmsKeyId", "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/3f1a2b7c-1111-2222-3333-444455556666");
        d.put("DbiResourceId", "db-ABCDEFGHIJKLMNOPQRSTUV" + i);
        d.put("CACertificateIdentifier", "rds-ca-rsa2048-g1");
        d.put("CopyTagsToSnapshot", true);
        d.put("MonitoringInterval", 60);
        d.put("DBInstanceArn", "arn:aws:rds:eu-west-1:" + ACCOUNT + ":db:" + id);
        d.put("IAMDatabaseAuthenticationEnabled", false);
        d.put("PerformanceInsightsEnabled", true);
        d.put("DeletionProtection", i % 4 != 2);
        d.put("TagList", List.of(map("Key", "team", "Value", "orders"), map("Key", "env", "Value", "prod")));
        d.put("CustomerOwnedIpEnabled", false);
        d.put("BackupTarget", "region");
        d.put("NetworkType", "IPV4");
        d.put("CertificateDetails", map("CAIdentifier", "rds-ca-rsa2048-g1", "ValidTill", "2026-06-01T00:00:00Z"));
        return new Resource("AWS::RDS::DBInstance", ACCOUNT, REGION, (String) d.get("DBInstanceArn"), id, id,
                Map.of("team", "orders", "env", "prod"), CelValues.normalizeMap(d), Map.of());
    }

    /**
     * A DescribeInstances entry with its three security groups of five rules each in {@code related.securityGroups};
     * two in three have a public IP, every 8th opens SSH to the world, every 4th has IMDSv1 left on.
     */
    static Resource ec2Instance(int i) {
        String id = String.format("i-0%015x", 0xabc000L + i);
        boolean isPublic = i % 3 != 2;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("AmiLaunchIndex", 0);
        d.put("ImageId", "ami-0c1c30571d2dae5c9");
        d.put("InstanceId", id);
        d.put("InstanceType", i % 10 == 7 ? "m4.large" : "m7g.large");
        d.put("KeyName", "ops");
        d.put("LaunchTime", "2025-05-2" + (i % 9) + "T10:11:12Z");
        d.put("Monitoring", map("State", "disabled"));
        d.put("Placement", map("AvailabilityZone", "eu-west-1" + "abc".charAt(i % 3), "GroupName", "", "Tenancy", "default"));
        d.put("PrivateDnsName", "ip-10-0-1-" + i + ".eu-west-1.compute.internal");
        d.put("PrivateIpAddress", "10.0.1." + i);
        d.put("ProductCodes", List.of());
        d.put("PublicDnsName", isPublic ? "ec2-54-1-2-" + i + ".eu-west-1.compute.amazonaws.com" : "");
        if (isPublic) {
            d.put("PublicIpAddress", "54.1.2." + i);
        }
        d.put("State", map("Code", 16, "Name", "running"));
        d.put("StateTransitionReason", "");
        d.put("SubnetId", "subnet-0" + (i % 3));
        d.put("VpcId", "vpc-0a1b2c3d");
        d.put("Architecture", "arm64");
        d.put("BlockDeviceMappings", List.of(map("DeviceName", "/dev/xvda",
                "Ebs", map("AttachTime", "2025-05-20T10:11:13Z", "DeleteOnTermination", true, "Status", "attached", "VolumeId", "vol-0" + i))));
        d.put("ClientToken", "");
        d.put("EbsOptimized", true);
        d.put("EnaSupport", true);
        d.put("Hypervisor", "xen");
        d.put("IamInstanceProfile", map("Arn", "arn:aws:iam::" + ACCOUNT + ":instance-profile/web", "Id", "AIPAEXAMPLE" + i));
        List<Map<String, Object>> groupIds = new ArrayList<>();
        List<Object> groups = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            String groupId = "sg-0" + i + "-" + g;
            groupIds.add(map("GroupName", "web-" + g, "GroupId", groupId));
            groups.add(securityGroup(groupId, "web-" + g, i * 3 + g, g == 1 && i % 8 == 3));
        }
        d.put("NetworkInterfaces", List.of(map("Attachment", map("AttachmentId", "eni-attach-" + i, "DeviceIndex", 0, "Status", "attached"),
                "Description", "", "Groups", groupIds, "MacAddress", "06:1d:2c:3b:4a:" + (10 + i % 80),
                "NetworkInterfaceId", "eni-0" + i, "OwnerId", ACCOUNT, "PrivateIpAddress", "10.0.1." + i, "SourceDestCheck", true,
                "Status", "in-use", "SubnetId", "subnet-0" + (i % 3), "VpcId", "vpc-0a1b2c3d", "InterfaceType", "interface")));
        d.put("RootDeviceName", "/dev/xvda");
        d.put("RootDeviceType", "ebs");
        d.put("SecurityGroups", groupIds);
        d.put("SourceDestCheck", true);
        d.put("Tags", List.of(map("Key", "Name", "Value", "web-" + i), map("Key", "env", "Value", "prod")));
        d.put("VirtualizationType", "hvm");
        d.put("CpuOptions", map("CoreCount", 2, "ThreadsPerCore", 1));
        d.put("HibernationOptions", map("Configured", false));
        d.put("MetadataOptions", map("State", "applied", "HttpTokens", i % 4 == 1 ? "optional" : "required",
                "HttpPutResponseHopLimit", 2, "HttpEndpoint", "enabled", "HttpProtocolIpv6", "disabled", "InstanceMetadataTags", "disabled"));
        d.put("EnclaveOptions", map("Enabled", false));
        d.put("PlatformDetails", "Linux/UNIX");
        d.put("UsageOperation", "RunInstances");
        d.put("MaintenanceOptions", map("AutoRecovery", "default"));
        d.put("CurrentInstanceBootMode", "uefi");
        return new Resource("AWS::EC2::Instance", ACCOUNT, REGION, "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":instance/" + id, id,
                "web-" + i, Map.of("Name", "web-" + i, "env", "prod"), CelValues.normalizeMap(d),
                CelValues.normalizeMap(Map.of("securityGroups", groups)));
    }

    /** The security group as its own resource; every 10th opens an admin port to the world. */
    static Resource securityGroupResource(int i) {
        String groupId = "sg-0standalone" + i;
        Map<String, Object> d = securityGroup(groupId, i == 0 ? "default" : "app-" + i, i, i % 10 == 4);
        return new Resource("AWS::EC2::SecurityGroup", ACCOUNT, REGION, "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":security-group/" + groupId,
                groupId, (String) d.get("GroupName"), Map.of(), CelValues.normalizeMap(d), Map.of());
    }

    /** A DescribeSecurityGroups entry with five ingress rules: HTTPS/HTTP to the world, the rest internal. */
    static Map<String, Object> securityGroup(String groupId, String name, int n, boolean sshOpenToWorld) {
        List<Object> ingress = List.of(
                map("IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                        "IpRanges", List.of(map("CidrIp", "0.0.0.0/0", "Description", "https")),
                        "Ipv6Ranges", List.of(map("CidrIpv6", "::/0")), "PrefixListIds", List.of(), "UserIdGroupPairs", List.of()),
                map("IpProtocol", "tcp", "FromPort", 80, "ToPort", 80,
                        "IpRanges", List.of(map("CidrIp", "0.0.0.0/0")), "Ipv6Ranges", List.of(), "PrefixListIds", List.of(),
                        "UserIdGroupPairs", List.of()),
                map("IpProtocol", "tcp", "FromPort", 22, "ToPort", 22,
                        "IpRanges", sshOpenToWorld
                                ? List.of(map("CidrIp", "10.0.0.0/8"), map("CidrIp", "0.0.0.0/0"))
                                : List.of(map("CidrIp", "10.0.0.0/8", "Description", "vpn")),
                        "Ipv6Ranges", List.of(), "PrefixListIds", List.of(), "UserIdGroupPairs", List.of()),
                map("IpProtocol", "tcp", "FromPort", 8080, "ToPort", 8090,
                        "IpRanges", List.of(), "Ipv6Ranges", List.of(), "PrefixListIds", List.of(),
                        "UserIdGroupPairs", List.of(map("GroupId", "sg-0lb", "UserId", ACCOUNT))),
                map("IpProtocol", "-1",
                        "IpRanges", List.of(), "Ipv6Ranges", List.of(), "PrefixListIds", List.of(),
                        "UserIdGroupPairs", List.of(map("GroupId", groupId, "UserId", ACCOUNT))));
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("Description", "group " + n);
        g.put("GroupName", name);
        g.put("IpPermissions", ingress);
        g.put("OwnerId", ACCOUNT);
        g.put("GroupId", groupId);
        g.put("IpPermissionsEgress", List.of(map("IpProtocol", "-1", "IpRanges", List.of(map("CidrIp", "0.0.0.0/0")),
                "Ipv6Ranges", List.of(), "PrefixListIds", List.of(), "UserIdGroupPairs", List.of())));
        g.put("VpcId", "vpc-0a1b2c3d");
        g.put("SecurityGroupArn", "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":security-group/" + groupId);
        return CelValues.normalizeMap(g);
    }

    /** A DescribeVolumes entry; every 6th unattached, every 9th unencrypted. */
    static Resource ebsVolume(int i) {
        String id = "vol-0" + i;
        boolean attached = i % 6 != 0;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Attachments", attached
                ? List.of(map("AttachTime", "2025-05-20T10:11:13Z", "Device", "/dev/xvda", "InstanceId", "i-0" + i,
                        "State", "attached", "VolumeId", id, "DeleteOnTermination", true))
                : List.of());
        d.put("AvailabilityZone", "eu-west-1a");
        d.put("CreateTime", "2025-05-20T10:11:10Z");
        d.put("Encrypted", i % 9 != 2);
        d.put("Size", 100);
        d.put("SnapshotId", "");
        d.put("State", attached ? "in-use" : "available");
        d.put("VolumeId", id);
        d.put("Iops", 3000);
        d.put("VolumeType", "gp3");
        d.put("MultiAttachEnabled", false);
        d.put("Throughput", 125);
        return new Resource("AWS::EC2::Volume", ACCOUNT, REGION, "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":volume/" + id, id, null,
                Map.of(), CelValues.normalizeMap(d), Map.of());
    }

    /** A bucket with its encryption, versioning and public access block in {@code related}. */
    static Resource s3Bucket(int i) {
        String name = "acme-data-" + i;
        Map<String, Object> related = new LinkedHashMap<>();
        related.put("encryption", map("Rules", List.of(map("ApplyServerSideEncryptionByDefault",
                map("SSEAlgorithm", i % 5 == 0 ? "AES256" : "aws:kms"), "BucketKeyEnabled", true))));
        related.put("versioning", i % 4 == 3 ? Map.of() : map("Status", "Enabled"));
        if (i % 7 != 6) {
            related.put("publicAccessBlock", map("BlockPublicAcls", true, "IgnorePublicAcls", true,
                    "BlockPublicPolicy", true, "RestrictPublicBuckets", true));
        }
        return new Resource("AWS::S3::Bucket", ACCOUNT, REGION, "arn:aws:s3:::" + name, name, name, Map.of("team", "data"),
                CelValues.normalizeMap(map("Name", name, "CreationDate", "2022-01-10T08:00:00Z", "Region", REGION)),
                CelValues.normalizeMap(related));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; k < keysAndValues.length; k += 2) {
            out.put((String) keysAndValues[k], keysAndValues[k + 1]);
        }
        return out;
    }
}
