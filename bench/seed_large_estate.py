#!/usr/bin/env python3
"""Seed a moto emulator with a large, realistic AWS estate for the scan benchmark.

    python3 bench/seed_large_estate.py --endpoint http://127.0.0.1:15900 \
        [--resources 10000] [--regions us-east-2,sa-east-1] [--json-out estate.json] [--workers 8]

The estate is sized so that the scanner evaluates about --resources resources (the resource types it has
collectors for), split evenly over the regions; IAM users are global. The mix, as shares of --resources:

    EC2 instances           38 %  (standalone ones launched with run_instances in batches of <= 250,
                                   plus the members of the Auto Scaling groups)
    EBS volumes             46 %  (one root volume per instance - moto, like AWS, creates it with the
                                   instance - plus 6 % attached data volumes, made in the same
                                   run_instances calls through BlockDeviceMappings, and 2 % unattached)
    security groups          8 %  (with ingress rules; includes each VPC's default group)
    Elastic IPs              2 %  (half of them associated with an instance)
    IAM users                2 %  (global; console users with and without MFA, access keys, groups)
    VPCs                     1 %  (includes the default VPC; 3 subnets per VPC, flow logs on ~70 %)
    RDS DB instances         1 %
    Auto Scaling groups      1 %  (1-5 instances each, launch templates)
    S3 buckets               1 %  (created in their region; most hardened, some not)
    + 2 site-to-site VPN connections per region, and the IAM account itself.

About 5-10 % of each type carries a finding (open SSH, IMDSv1, unencrypted volume, single-AZ database...),
so the scan has findings to open. Everything is created in batch calls where the API has one
(run_instances with MaxCount in the hundreds, data volumes through BlockDeviceMappings, tags through
TagSpecifications, flow logs for 25 VPCs per call); everything else goes through a thread pool.

It prints exactly what it created per region and type, what the describes then report (moto's defaults
included: default VPC, default security groups, root volumes), and writes the same as JSON (--json-out,
and on stdout after the line "ESTATE_JSON"). The benchmark's AWS call budget is computed from that JSON.

Only ever talks to an emulator: the endpoint must answer moto's /moto-api/. Run it against a fresh moto:
it does not check for an estate already there.
"""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

DEFAULT_REGIONS = ["us-east-2", "sa-east-1"]
SHORT = {"us-east-2": "oh", "sa-east-1": "sp"}
BATCH = 250                       # run_instances MaxCount per call
INSTANCE_TYPES = ["m5.large", "t3.medium", "c5.xlarge", "r5.large", "t3.small", "m5.xlarge", "m4.large", "c5.large"]
PREVIOUS_GENERATION = "m3.medium"  # the rule ec2-instance-previous-generation flags it
APPS = ["erp", "orders", "crm", "billing", "web", "api", "reporting", "batch", "search", "auth"]

# shares of --resources (see the module docstring)
SHARE = {"instance": 0.38, "data-volume": 0.06, "loose-volume": 0.02, "security-group": 0.08, "vpc": 0.01,
         "elastic-ip": 0.02, "db-instance": 0.01, "auto-scaling-group": 0.01, "s3-bucket": 0.01, "iam-user": 0.02}
VPN_PER_REGION = 2


def tags(name, app="shared", env="prod", **extra):
    t = {"Name": name, "Application": app, "Environment": env, "Owner": f"{app}-team", "plumbline-bench": "estate"}
    t.update(extra)
    return [{"Key": k, "Value": str(v)} for k, v in t.items()]


def tag_spec(*types, name, app="shared", **extra):
    return [{"ResourceType": t, "Tags": tags(name, app, **extra)} for t in types]


def check_emulator(endpoint):
    try:
        with urllib.request.urlopen(endpoint.rstrip("/") + "/moto-api/", timeout=10) as resp:
            ok = resp.status == 200 and b"moto" in resp.read(20000).lower()
    except urllib.error.HTTPError:
        ok = False
    except (urllib.error.URLError, OSError) as e:
        raise SystemExit(f"cannot reach the emulator at {endpoint}: {e}")
    if not ok:
        raise SystemExit(f"{endpoint} does not look like moto (no /moto-api/); refusing to seed")


def split(total, parts):
    """total spread over parts as evenly as possible (the first parts get the remainder)."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


class Plan:
    """How many of each thing one region gets, derived from --resources."""

    def __init__(self, resources, regions):
        n = len(regions)
        per = lambda kind: split(round(SHARE[kind] * resources), n)  # noqa: E731
        self.iam_users = round(SHARE["iam-user"] * resources)
        self.regions = {}
        for i, region in enumerate(regions):
            r = {kind: per(kind)[i] for kind in SHARE if kind != "iam-user"}
            r["vpc"] = max(2, r["vpc"])                         # the default VPC + at least one of ours
            r["auto-scaling-group"] = max(1, r["auto-scaling-group"])
            # ASG sizes cycle 1..5 (mean 3); the ASGs' instances are part of the instance share
            r["asg-sizes"] = [1 + (k * 3) % 5 for k in range(r["auto-scaling-group"])]
            asg_instances = sum(r["asg-sizes"])
            r["standalone-instance"] = max(0, r["instance"] - asg_instances)
            r["data-volume"] = min(r["data-volume"], r["standalone-instance"])
            # every VPC comes with a default security group: create the rest
            r["created-security-group"] = max(0, r["security-group"] - r["vpc"])
            r["associated-elastic-ip"] = min(r["elastic-ip"] // 2, r["standalone-instance"])
            r["vpn-connection"] = VPN_PER_REGION
            self.regions[region] = r


class Seeder:
    def __init__(self, endpoint, workers):
        self.endpoint = endpoint.rstrip("/")
        self.session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
        self.config = Config(retries={"max_attempts": 5, "mode": "standard"}, connect_timeout=10, read_timeout=600,
                             max_pool_connections=max(10, workers * 2))
        self.pool = ThreadPoolExecutor(workers)
        self.created = defaultdict(Counter)   # region ("global" for IAM) -> type -> count
        self.lock = threading.Lock()
        self._clients = {}
        self.timings = {}

    def client(self, service, region):
        key = (service, region)
        with self.lock:
            if key not in self._clients:
                self._clients[key] = self.session.client(service, region_name=region, endpoint_url=self.endpoint,
                                                         config=self.config)
            return self._clients[key]

    def note(self, region, kind, n=1):
        with self.lock:
            self.created[region][kind] += n

    def each(self, fn, items):
        """fn(item) for every item on the pool; returns the results in order; the first failure is raised."""
        return list(self.pool.map(fn, items))

    # ------------------------------------------------------------------ global: IAM
    def seed_iam(self, users):
        iam = self.client("iam", "us-east-1")
        iam.update_account_password_policy(MinimumPasswordLength=14, RequireSymbols=True, RequireNumbers=True,
                                           RequireUppercaseCharacters=True, RequireLowercaseCharacters=True,
                                           AllowUsersToChangePassword=True, MaxPasswordAge=90, PasswordReusePrevention=24)
        self.note("global", "iam:password-policy")
        groups = {"Admins": "arn:aws:iam::aws:policy/AdministratorAccess",
                  "Developers": "arn:aws:iam::aws:policy/PowerUserAccess",
                  "ReadOnly": "arn:aws:iam::aws:policy/ReadOnlyAccess",
                  "DBA": "arn:aws:iam::aws:policy/AmazonRDSFullAccess",
                  "Support": "arn:aws:iam::aws:policy/AWSSupportAccess"}
        for group, policy in groups.items():
            iam.create_group(GroupName=group)
            iam.attach_group_policy(GroupName=group, PolicyArn=policy)
            self.note("global", "iam:group")
        names = list(groups)

        def user(i):
            console = i % 5 < 3                  # 60 % console users
            name = f"{'user' if console else 'svc'}-{i:05d}"
            iam.create_user(UserName=name, Tags=[{"Key": "Team", "Value": APPS[i % len(APPS)]}])
            if i % 10 != 9:                      # 90 % in a group
                iam.add_user_to_group(GroupName=names[0 if i % 40 == 0 else 1 + i % (len(names) - 1)], UserName=name)
            if console:
                iam.create_login_profile(UserName=name, Password="Bench-Passw0rd!x")
                if i % 7 != 0:                   # ~15 % of console users without MFA: findings
                    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]["SerialNumber"]
                    iam.enable_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1="123456",
                                          AuthenticationCode2="654321")
            else:
                iam.create_access_key(UserName=name)
            if i % 97 == 5:                      # a few with AdministratorAccess attached directly: findings
                iam.attach_user_policy(UserName=name, PolicyArn=groups["Admins"])

        self.each(user, range(users))
        self.note("global", "iam:user", users)

    # ------------------------------------------------------------------ regional
    def seed_region(self, region, r, account):
        t0 = time.monotonic()
        ec2 = self.client("ec2", region)
        short = SHORT.get(region, region.replace("-", ""))
        octet = 10 + list(SHORT).index(region) * 100 if region in SHORT else 200
        image = ec2.describe_images(Owners=["amazon"], MaxResults=5)["Images"][0]
        ami, root = image["ImageId"], image.get("RootDeviceName") or "/dev/xvda"
        azs = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]][:3]

        # VPCs (the default VPC is one of them) and 3 subnets each
        def vpc(k):
            cidr = f"10.{(octet + k) % 256}.0.0/16" if k < 150 else f"172.{16 + k % 16}.0.0/16"
            app = APPS[k % len(APPS)]
            vpc_id = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=tag_spec("vpc", name=f"{app}-vpc-{short}-{k:03d}",
                                                                                 app=app))["Vpc"]["VpcId"]
            base = cidr.rsplit(".", 2)[0]
            subnets = [ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"{base}.{16 * j}.0/20", AvailabilityZone=az,
                                         TagSpecifications=tag_spec("subnet", name=f"{app}-{short}-{k:03d}-{j}",
                                                                    app=app))["Subnet"]["SubnetId"]
                       for j, az in enumerate(azs)]
            return vpc_id, app, subnets

        vpcs = self.each(vpc, range(r["vpc"] - 1))
        self.note(region, "ec2:vpc", len(vpcs))
        self.note(region, "ec2:subnet", sum(len(v[2]) for v in vpcs))

        # flow logs on ~70 % of our VPCs, into one log bucket per region (25 VPCs per call)
        s3 = self.client("s3", region)
        log_bucket = f"bench-flow-logs-{short}-{account}"
        s3.create_bucket(Bucket=log_bucket, CreateBucketConfiguration={"LocationConstraint": region})
        self.harden_bucket(s3, log_bucket, "network", policy=True)
        logged = [v[0] for k, v in enumerate(vpcs) if k % 10 < 7]
        for i in range(0, len(logged), 25):
            ids = ec2.create_flow_logs(ResourceIds=logged[i:i + 25], ResourceType="VPC", TrafficType="ALL",
                                       LogDestinationType="s3", LogDestination=f"arn:aws:s3:::{log_bucket}")["FlowLogIds"]
            self.note(region, "ec2:flow-log", len(ids))

        # security groups, spread over our VPCs, each with its ingress rules (one authorize call)
        def sg(k):
            vpc_id, app, _ = vpcs[k % len(vpcs)]
            kind = ["web", "app", "db", "cache", "internal"][k % 5]
            perms = {
                "web": [(443, 443, "0.0.0.0/0"), (80, 80, "0.0.0.0/0")],
                "app": [(8080, 8080, "10.0.0.0/8"), (8443, 8443, "10.0.0.0/8")],
                "db": [(5432, 5432, "10.0.0.0/8"), (3306, 3306, "10.0.0.0/8")],
                "cache": [(6379, 6379, "10.0.0.0/8")],
                "internal": [(0, 65535, "10.0.0.0/8")],
            }[kind]
            if k % 33 == 7:                      # ~3 %: SSH open to the world (finding)
                perms = perms + [(22, 22, "0.0.0.0/0")]
            if k % 71 == 13:                     # ~1.4 %: RDP open to the world (finding)
                perms = perms + [(3389, 3389, "0.0.0.0/0")]
            name = f"{app}-{kind}-sg-{short}-{k:04d}"
            gid = ec2.create_security_group(GroupName=name, Description=f"{kind} tier of {app}", VpcId=vpc_id,
                                            TagSpecifications=tag_spec("security-group", name=name, app=app))["GroupId"]
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": lo, "ToPort": hi, "IpRanges": [{"CidrIp": cidr}]} for lo, hi, cidr in perms])
            return vpc_id, gid

        groups = self.each(sg, range(r["created-security-group"]))
        self.note(region, "ec2:security-group", len(groups))
        groups_by_vpc = defaultdict(list)
        for vpc_id, gid in groups:
            groups_by_vpc[vpc_id].append(gid)
        self.timings[f"{region}: network"] = time.monotonic() - t0

        # standalone instances: run_instances batches of <= BATCH, each in one subnet with that VPC's groups;
        # the first batches also get a data volume (BlockDeviceMappings), 1 in 5 of those unencrypted
        t1 = time.monotonic()
        batches, left, data_left, b = [], r["standalone-instance"], r["data-volume"], 0
        while left > 0:
            size = min(BATCH, left, data_left) if data_left > 0 else min(BATCH, left)
            batches.append((b, size, data_left > 0))
            data_left -= size if data_left > 0 else 0
            left -= size
            b += 1

        def launch(batch):
            b, size, with_data = batch
            vpc_id, app, subnets = vpcs[(b * 7) % len(vpcs)]
            sgs = groups_by_vpc.get(vpc_id, [])[:2]
            itype = PREVIOUS_GENERATION if b % 9 == 8 else INSTANCE_TYPES[b % len(INSTANCE_TYPES)]
            mappings = [{"DeviceName": root, "Ebs": {"VolumeSize": 16, "VolumeType": "gp3", "Encrypted": True}}]
            if with_data:
                mappings.append({"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 100, "VolumeType": "gp3",
                                                                   "Encrypted": b % 5 != 4}})
            kw = dict(ImageId=ami, MinCount=size, MaxCount=size, InstanceType=itype, SubnetId=subnets[b % len(subnets)],
                      BlockDeviceMappings=mappings,
                      MetadataOptions={"HttpTokens": "optional" if b % 6 == 5 else "required", "HttpEndpoint": "enabled"},
                      TagSpecifications=tag_spec("instance", "volume", name=f"{app}-{itype}-{short}-b{b:02d}", app=app))
            if sgs:
                kw["SecurityGroupIds"] = sgs
            ids = [i["InstanceId"] for i in ec2.run_instances(**kw)["Instances"]]
            return ids, len(mappings)

        launched = self.each(launch, batches)
        instance_ids = [i for ids, _ in launched for i in ids]
        self.note(region, "ec2:instance", len(instance_ids))
        self.note(region, "ec2:run-instances-call", len(batches))
        self.note(region, "ec2:volume (root, with its instance)", len(instance_ids))
        self.note(region, "ec2:volume (data, attached)", sum(len(ids) for ids, m in launched if m == 2))
        self.timings[f"{region}: instances"] = time.monotonic() - t1

        # unattached volumes (create_volume has no batch form); 1 in 4 unencrypted
        def volume(k):
            ec2.create_volume(AvailabilityZone=azs[k % len(azs)], Size=50 + 50 * (k % 4), VolumeType="gp3",
                              Encrypted=k % 4 != 3,
                              TagSpecifications=tag_spec("volume", name=f"restore-tmp-{short}-{k:04d}",
                                                         app=APPS[k % len(APPS)]))

        self.each(volume, range(r["loose-volume"]))
        self.note(region, "ec2:volume (unattached)", r["loose-volume"])

        # Elastic IPs; the first half associated with instances
        def eip(k):
            alloc = ec2.allocate_address(Domain="vpc", TagSpecifications=tag_spec("elastic-ip", name=f"eip-{short}-{k:04d}"))
            if k < r["associated-elastic-ip"]:
                ec2.associate_address(AllocationId=alloc["AllocationId"], InstanceId=instance_ids[k * 7 % len(instance_ids)])

        self.each(eip, range(r["elastic-ip"]))
        self.note(region, "ec2:elastic-ip", r["elastic-ip"])
        self.note(region, "ec2:elastic-ip (associated)", r["associated-elastic-ip"])

        # Auto Scaling groups on a handful of launch templates
        t2 = time.monotonic()
        asg = self.client("autoscaling", region)
        templates = []
        for k in range(5):
            name = f"bench-lt-{short}-{k}"
            ec2.create_launch_template(LaunchTemplateName=name, LaunchTemplateData={
                "ImageId": ami, "InstanceType": INSTANCE_TYPES[k],
                "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"}})
            templates.append(name)
        self.note(region, "ec2:launch-template", len(templates))

        def group(k):
            vpc_id, app, subnets = vpcs[(k * 3) % len(vpcs)]
            size = r["asg-sizes"][k]
            asg.create_auto_scaling_group(
                AutoScalingGroupName=f"{app}-asg-{short}-{k:03d}",
                LaunchTemplate={"LaunchTemplateName": templates[k % len(templates)], "Version": "$Latest"},
                MinSize=size, MaxSize=size * 2, DesiredCapacity=size,
                # 1 in 6 in a single subnet (AZ): a finding
                VPCZoneIdentifier=",".join(subnets[:1] if k % 6 == 1 else subnets),
                HealthCheckType="EC2" if k % 4 == 3 else "ELB", HealthCheckGracePeriod=300,
                Tags=[{"Key": "Application", "Value": app, "PropagateAtLaunch": True}])
            return size

        sizes = self.each(group, range(r["auto-scaling-group"]))
        self.note(region, "autoscaling:group", len(sizes))
        self.note(region, "ec2:instance (ASG members)", sum(sizes))
        self.note(region, "ec2:volume (root, with its instance)", sum(sizes))
        self.timings[f"{region}: asg"] = time.monotonic() - t2

        # RDS
        t3 = time.monotonic()
        rds = self.client("rds", region)

        def db(k):
            app = APPS[k % len(APPS)]
            engine = "postgres" if k % 3 else "mysql"
            rds.create_db_instance(
                DBInstanceIdentifier=f"{app}-db-{short}-{k:03d}", Engine=engine,
                DBInstanceClass=["db.m5.large", "db.r5.large", "db.t3.medium"][k % 3], AllocatedStorage=100,
                MasterUsername="dbadmin", MasterUserPassword="Bench-Passw0rd-123",
                MultiAZ=k % 8 != 3, StorageEncrypted=k % 10 != 7, BackupRetentionPeriod=1 if k % 12 == 5 else 7,
                DeletionProtection=k % 9 != 2, AutoMinorVersionUpgrade=k % 11 != 4, PubliclyAccessible=False,
                Tags=tags(f"{app}-db-{short}-{k:03d}", app))

        self.each(db, range(r["db-instance"]))
        self.note(region, "rds:db-instance", r["db-instance"])
        self.timings[f"{region}: rds"] = time.monotonic() - t3

        # S3 buckets in this region (the flow-log bucket is one of them); 1 in 10 left unhardened
        t4 = time.monotonic()

        def bucket(k):
            app = APPS[k % len(APPS)]
            name = f"bench-{app}-{short}-{k:04d}-{account}"
            s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
            if k % 10 != 3:
                self.harden_bucket(s3, name, app, policy=k % 5 == 0)

        self.each(bucket, range(max(0, r["s3-bucket"] - 1)))
        self.note(region, "s3:bucket", r["s3-bucket"])
        self.timings[f"{region}: s3"] = time.monotonic() - t4

        # site-to-site VPN: one healthy, one with a tunnel down (the emulator reads the tag)
        vpc_id = vpcs[0][0]
        vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
        ec2.attach_vpn_gateway(VpcId=vpc_id, VpnGatewayId=vgw)
        for k in range(r["vpn-connection"]):
            cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp=f"198.51.100.{10 + k + octet % 100}",
                                              BgpAsn=65000 + k)["CustomerGateway"]["CustomerGatewayId"]
            vpn = ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw, VpnGatewayId=vgw,
                                            Options={"StaticRoutesOnly": True})["VpnConnection"]["VpnConnectionId"]
            ec2.create_tags(Resources=[vpn], Tags=tags(f"vpn-{short}-{k}", "network") + [
                {"Key": "emulator:tunnel-status", "Value": "UP,DOWN" if k == 0 else "UP,UP"}])
        self.note(region, "ec2:vpn-connection", r["vpn-connection"])
        self.timings[f"{region}: total"] = time.monotonic() - t0

    def harden_bucket(self, s3, name, app, policy=False):
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": "Application", "Value": app}]})
        if policy:
            s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
                "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))

    # ------------------------------------------------------------------ what is there now (describes)
    def inventory(self, regions, full=False):
        """Counts as the scanner's collectors see them (what the scan should evaluate), moto's defaults included.

        moto 5.2.1 serializes DescribeInstances / DescribeVolumes responses slowly (several ms per instance, ~2-3 ms
        per volume, single process): describing ~2,000 instances and ~2,300 volumes per region took 448 s on the busy
        benchmark machine. So unless full=True these two are counted the cheap way: instances with
        DescribeInstanceStatus (IncludeAllInstances), volumes as instances (one root volume each, as created) + the
        data volumes the run_instances calls asked for + the unattached ones (DescribeVolumes status=available),
        reservations as run_instances calls + Auto Scaling groups (moto launches each group's instances in one
        reservation). Everything else is described.
        """
        out = {}
        for region in regions:
            ec2, c = self.client("ec2", region), {}

            def pages(op, key, token="NextToken", **kw):
                items, kw = [], dict(kw)
                while True:
                    page = getattr(ec2, op)(**kw)
                    items += page[key]
                    if not page.get(token):
                        return items
                    kw[token] = page[token]

            if full:
                reservations = pages("describe_instances", "Reservations")
                c["AWS::EC2::Instance"] = len([i for rv in reservations for i in rv["Instances"]
                                               if i["State"]["Name"] != "terminated"])
                c["ec2:reservations"] = len(reservations)
                c["AWS::EC2::Volume"] = len(pages("describe_volumes", "Volumes"))
            else:
                made = self.created[region]
                statuses = pages("describe_instance_status", "InstanceStatuses", IncludeAllInstances=True)
                c["AWS::EC2::Instance"] = len([s for s in statuses if s["InstanceState"]["Name"] != "terminated"])
                c["ec2:reservations"] = made["ec2:run-instances-call"] + made["autoscaling:group"]
                unattached = len(pages("describe_volumes", "Volumes",
                                       Filters=[{"Name": "status", "Values": ["available"]}]))
                c["AWS::EC2::Volume"] = c["AWS::EC2::Instance"] + made["ec2:volume (data, attached)"] + unattached
            c["AWS::EC2::SecurityGroup"] = len(pages("describe_security_groups", "SecurityGroups"))
            c["AWS::EC2::VPC"] = len(pages("describe_vpcs", "Vpcs"))
            c["ec2:flow-logs"] = len(pages("describe_flow_logs", "FlowLogs"))
            c["ec2:subnets"] = len(pages("describe_subnets", "Subnets"))
            c["AWS::EC2::EIP"] = len(ec2.describe_addresses()["Addresses"])
            c["AWS::EC2::VPNConnection"] = len([v for v in ec2.describe_vpn_connections()["VpnConnections"]
                                                if v["State"] != "deleted"])
            asg = self.client("autoscaling", region)
            groups, kw = [], {}
            while True:
                page = asg.describe_auto_scaling_groups(MaxRecords=100, **kw)
                groups += page["AutoScalingGroups"]
                if not page.get("NextToken"):
                    break
                kw["NextToken"] = page["NextToken"]
            c["AWS::AutoScaling::AutoScalingGroup"] = len(groups)
            rds = self.client("rds", region)
            dbs, kw = [], {}
            while True:
                page = rds.describe_db_instances(MaxRecords=100, **kw)
                dbs += page["DBInstances"]
                if not page.get("Marker"):
                    break
                kw["Marker"] = page["Marker"]
            c["AWS::RDS::DBInstance"] = len(dbs)
            out[region] = c
        s3 = self.client("s3", "us-east-1")
        buckets = s3.list_buckets()["Buckets"]
        by_region = Counter((s3.get_bucket_location(Bucket=b["Name"])["LocationConstraint"] or "us-east-1") for b in buckets)
        for region in regions:
            out[region]["AWS::S3::Bucket"] = by_region.get(region, 0)
        iam = self.client("iam", "us-east-1")
        details = iam.get_account_authorization_details(Filter=["User", "Group"])
        out["global"] = {"AWS::IAM::User": len(details["UserDetailList"]), "iam:groups": len(details["GroupDetailList"]),
                         "AWS::IAM::Account": 1, "s3:buckets (all regions)": len(buckets)}
        return out


EVALUATED = ["AWS::EC2::Instance", "AWS::EC2::Volume", "AWS::EC2::SecurityGroup", "AWS::EC2::VPC", "AWS::EC2::EIP",
             "AWS::EC2::VPNConnection", "AWS::AutoScaling::AutoScalingGroup", "AWS::RDS::DBInstance", "AWS::S3::Bucket",
             "AWS::IAM::User", "AWS::IAM::Account"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint", required=True, help="moto endpoint, e.g. http://127.0.0.1:15900")
    ap.add_argument("--resources", type=int, default=10000, help="about how many resources the scan evaluates")
    ap.add_argument("--regions", default=",".join(DEFAULT_REGIONS))
    ap.add_argument("--workers", type=int, default=8, help="concurrent calls (default %(default)s)")
    ap.add_argument("--json-out", help="also write the JSON summary to this file")
    ap.add_argument("--full-inventory", action="store_true",
                    help="count instances and volumes with full DescribeInstances/DescribeVolumes (slow on moto at scale)")
    args = ap.parse_args(argv)
    if args.resources < 200:
        ap.error("--resources must be at least 200")
    regions = [r.strip() for r in args.regions.split(",") if r.strip()]
    check_emulator(args.endpoint)

    plan = Plan(args.resources, regions)
    seeder = Seeder(args.endpoint, args.workers)
    account = seeder.client("sts", "us-east-1").get_caller_identity()["Account"]
    print(f"seeding ~{args.resources} resources into {args.endpoint} (account {account}), regions {', '.join(regions)}",
          flush=True)
    t0 = time.monotonic()
    # IAM and the regions in parallel: different moto backends, so the calls interleave safely
    with ThreadPoolExecutor(len(regions) + 1) as top:
        futures = [top.submit(seeder.seed_iam, plan.iam_users)]
        futures += [top.submit(seeder.seed_region, region, plan.regions[region], account) for region in regions]
        for f in futures:
            f.result()
    seeding = time.monotonic() - t0
    seeder.timings["iam+regions (wall)"] = seeding
    t1 = time.monotonic()
    present = seeder.inventory(regions, full=args.full_inventory)
    inventory_s = time.monotonic() - t1

    scopes = regions + ["global"]
    kinds = sorted({k for s in scopes for k in seeder.created[s]})
    width = max(len(k) for k in kinds + EVALUATED + ["ec2:reservations"])
    print(f"\n== Created by this run (API calls that create them; exact)")
    print(f"  {'type':<{width}}  " + "  ".join(f"{s:>10}" for s in scopes))
    for k in kinds:
        print(f"  {k:<{width}}  " + "  ".join(f"{seeder.created[s].get(k, 0):>10}" for s in scopes))
    print("\n== Present after seeding (describes; moto's defaults included), as the scanner's collectors list them"
          + ("" if args.full_inventory else "\n   (instances via DescribeInstanceStatus; volumes = instances + data + "
             "unattached; reservations = run_instances calls + ASGs: see Seeder.inventory)"))
    rows = EVALUATED + ["ec2:reservations", "ec2:flow-logs", "ec2:subnets", "iam:groups", "s3:buckets (all regions)"]
    print(f"  {'type':<{width}}  " + "  ".join(f"{s:>10}" for s in scopes))
    for k in rows:
        print(f"  {k:<{width}}  " + "  ".join(f"{present[s].get(k, 0):>10}" for s in scopes))
    total = sum(present[s].get(k, 0) for s in scopes for k in EVALUATED)
    print(f"  {'total evaluable':<{width}}  {total:>10}")
    print(f"\nseeding took {seeding:.1f}s (+ {inventory_s:.1f}s inventory); phases: "
          + ", ".join(f"{k} {v:.1f}s" for k, v in seeder.timings.items()))
    summary = {
        "endpoint": args.endpoint, "account": account, "regions": regions, "requestedResources": args.resources,
        "created": {s: dict(seeder.created[s]) for s in scopes},
        "present": present,
        "evaluableResources": total,
        "seedingSeconds": round(seeding, 2),
        "inventorySeconds": round(inventory_s, 2),
        "inventory": "full" if args.full_inventory else "quick",
        "phaseSeconds": {k: round(v, 2) for k, v in seeder.timings.items()},
    }
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(summary, f, indent=2)
    print("ESTATE_JSON")
    print(json.dumps(summary))
    seeder.pool.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
