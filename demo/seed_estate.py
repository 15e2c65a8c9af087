#!/usr/bin/env python3
"""Seed a moto emulator with the Plumbline demo estate.

The estate is modelled on the case study: an AWS Well-Architected review of a
company that runs its workloads in us-east-2 (Ohio: ERP, orders) and sa-east-1
(Sao Paulo: CRM, billing). Most resources are compliant; a handful carry the
four risks the review found, plus a few other common findings, so a Plumbline
scan of the emulator produces a realistic, explainable report.

    python3 demo/seed_estate.py --endpoint http://127.0.0.1:15000 \
        [--regions us-east-2,sa-east-1] [--scale 1] [--reset]

Idempotency: every region gets a marker VPC tagged plumbline-demo=estate-v1
(tagged "seeding" while the region is being built, flipped to "estate-v1" as
the last step). A region whose marker is present is skipped ("already
seeded"); a region left half-built by an interrupted run is refused, because
re-running would duplicate what was already made - use --reset (or restart
moto) and seed again. IAM and S3 are global: they are get-or-create per item.
All names are deterministic, so a reseed after a moto restart gives the same
names (only the ids AWS/moto generate differ).

This only ever talks to an emulator: it needs an endpoint, checks that the
endpoint answers moto's /moto-api/, and uses the dummy credentials "testing".
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

MARKER_KEY = "plumbline-demo"
MARKER_DONE = "estate-v1"
MARKER_PARTIAL = "seeding"       # marker value while a region is half-built
DEFAULT_REGIONS = ["us-east-2", "sa-east-1"]


# --------------------------------------------------------------------------
# The estate plan. Everything the seeder creates is described here; the code
# below only turns it into API calls. `risk` marks a planted finding; the
# summary lists them so the demo presenter knows what the scan should report.
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class AsgPlan:
    name: str
    app: str
    instance_type: str
    size: int                    # desired = min; max = size * 2 (scaled)
    port: int                    # target group port (web 80, apps 8080)
    path: Optional[str]          # ALB path rule; None = default action
    sg: str = "app-sg"


@dataclass(frozen=True)
class InstancePlan:
    name: str
    app: str
    instance_type: str
    tier: str                    # "public" or "app" subnets
    az_index: int
    sg: str
    imdsv2: bool                 # MetadataOptions.HttpTokens = required
    eip: bool = False            # associate an Elastic IP
    data_volume: Optional[tuple] = None  # (size GiB, encrypted)
    scaled: bool = False         # repeated --scale times (name-01, name-02...)
    risk: Optional[str] = None


@dataclass(frozen=True)
class DbPlan:
    identifier: str
    app: str
    engine: str                  # postgres | mysql
    multi_az: bool
    encrypted: bool
    backup_days: int
    deletion_protection: bool = True
    risk: Optional[str] = None


@dataclass(frozen=True)
class VpnPlan:
    name: str                    # Name tag of the VPN connection
    cgw_name: str
    cgw_ip: str                  # documentation range, never routable
    bgp_asn: int
    tunnel_status: str           # emulator:tunnel-status tag, read by the stack's moto patch
    risk: Optional[str] = None


@dataclass(frozen=True)
class BucketPlan:
    prefix: str                  # bucket = <prefix>-<account id>
    app: str
    hardened: bool = True        # public access block + versioning + SSE
    risk: Optional[str] = None


@dataclass(frozen=True)
class RegionPlan:
    region: str
    short: str                   # oh / sp: used in names, like the case study's teams did
    second_octet: int            # VPC is 10.<octet>.0.0/16
    asgs: list
    instances: list
    databases: list
    vpns: list
    buckets: list
    # volumes not attached to anything: (name, size, encrypted, risk)
    loose_volumes: list = field(default_factory=list)


def _common_instances(short: str, app: str) -> list:
    return [
        InstancePlan(f"bastion-{short}", "bastion", "t3.micro", "public", 0, "bastion-sg", imdsv2=True,
                     risk="SEC5 (case study): EC2 with a public IP and TCP 22 open to 0.0.0.0/0 and ::/0"),
        InstancePlan(f"admin-win-{short}", "admin", "t3.large", "public", 1, "admin-sg", imdsv2=False, eip=True,
                     risk="SEC5: RDP 3389 open to 0.0.0.0/0; SEC6: IMDSv1 allowed"),
        InstancePlan(f"partner-gw-{short}", "api", "t3.small", "public", 2, "web-sg", imdsv2=True, eip=True),
        InstancePlan(f"{app}-batch", app, "m5.large", "app", 0, "app-sg", imdsv2=True,
                     data_volume=(200, True), scaled=True),
        InstancePlan(f"reporting-{short}", "reporting", "r5.large", "app", 1, "app-sg", imdsv2=True,
                     data_volume=(100, True)),
        InstancePlan(f"legacy-reports-{short}", "reporting", "m3.medium", "app", 2, "app-sg", imdsv2=False,
                     data_volume=(50, False),
                     risk="PERF/COST: previous-generation m3.medium; SEC6: IMDSv1 allowed; "
                          "SEC8: unencrypted data volume"),
    ]


def _common_asgs(app_a: str, app_b: str) -> list:
    return [
        AsgPlan("web-asg", "web", "t3.medium", 4, 80, None, sg="web-sg"),
        AsgPlan("api-asg", "api", "t3.medium", 3, 8080, "/api/*"),
        AsgPlan(f"{app_a}-app-asg", app_a, "m5.large", 5, 8080, f"/{app_a}/*"),
        AsgPlan(f"{app_b}-app-asg", app_b, "m5.large", 3, 8080, f"/{app_b}/*"),
    ]


def _loose_volumes(short: str, app: str) -> list:
    return [
        (f"{app}-restore-tmp", 500, True, "COST: unattached EBS volume"),
        (f"scratch-{short}", 100, False, "COST: unattached EBS volume; SEC8: unencrypted"),
    ]


KNOWN_PLANS = {
    "us-east-2": RegionPlan(
        region="us-east-2", short="oh", second_octet=20,
        asgs=_common_asgs("erp", "orders"),
        instances=_common_instances("oh", "erp"),
        databases=[
            DbPlan("erp-db", "erp", "mysql", multi_az=True, encrypted=False, backup_days=7,
                   risk="SEC8 (case study): RDS storage not encrypted"),
            DbPlan("orders-db", "orders", "postgres", multi_az=True, encrypted=True, backup_days=7),
            DbPlan("reporting-db", "reporting", "postgres", multi_az=True, encrypted=True, backup_days=1,
                   deletion_protection=False,
                   risk="REL9: backup retention 1 day; no deletion protection"),
        ],
        vpns=[
            VpnPlan("vpn-datacenter-oh", "cgw-datacenter-oh", "198.51.100.10", 65010, "UP,DOWN",
                    risk="REL2 (case study): VPN to the data centre has one tunnel down (no redundancy)"),
            VpnPlan("vpn-partner-oh", "cgw-partner-oh", "198.51.100.20", 65020, "UP,UP"),
        ],
        buckets=[
            BucketPlan("erp-documents", "erp"),
            BucketPlan("orders-archive", "orders"),
            BucketPlan("web-static-oh", "web"),
            BucketPlan("alb-access-logs-oh", "web"),
            BucketPlan("audit-logs", "security"),
        ],
        loose_volumes=_loose_volumes("oh", "erp"),
    ),
    "sa-east-1": RegionPlan(
        region="sa-east-1", short="sp", second_octet=30,
        asgs=_common_asgs("crm", "billing"),
        instances=_common_instances("sp", "crm"),
        databases=[
            DbPlan("crm-db", "crm", "postgres", multi_az=False, encrypted=True, backup_days=7,
                   risk="REL10 (case study): RDS instance in a single Availability Zone"),
            DbPlan("billing-db", "billing", "postgres", multi_az=True, encrypted=True, backup_days=7),
        ],
        vpns=[
            VpnPlan("vpn-datacenter-sp", "cgw-datacenter-sp", "198.51.100.30", 65030, "UP,DOWN",
                    risk="REL2 (case study): VPN to the data centre has one tunnel down (no redundancy)"),
            VpnPlan("vpn-office-sp", "cgw-office-sp", "198.51.100.40", 65040, "UP,UP"),
        ],
        buckets=[
            BucketPlan("crm-attachments", "crm"),
            BucketPlan("billing-invoices", "billing"),
            BucketPlan("web-static-sp", "web"),
            BucketPlan("alb-access-logs-sp", "web"),
            BucketPlan("legacy-exports", "crm", hardened=False,
                       risk="S3: no public access block, no versioning, no default encryption"),
        ],
        loose_volumes=_loose_volumes("sp", "crm"),
    ),
}


def plan_for(region: str, index: int) -> RegionPlan:
    """Known case-study regions get their plan; any other region gets a generic copy
    (same network/EC2 findings, healthy databases and VPN) so --regions can grow the demo."""
    if region in KNOWN_PLANS:
        return KNOWN_PLANS[region]
    short = region.replace("-", "")          # e.g. euwest1: unique, deterministic
    return RegionPlan(
        region=region, short=short, second_octet=min(40 + 10 * index, 250),
        asgs=_common_asgs("app", "jobs"),
        instances=_common_instances(short, "app"),
        databases=[DbPlan("app-db", "app", "postgres", multi_az=True, encrypted=True, backup_days=7)],
        vpns=[VpnPlan(f"vpn-datacenter-{short}", f"cgw-datacenter-{short}", f"198.51.100.{100 + index}",
                      65100 + index, "UP,UP")],
        buckets=[BucketPlan(f"app-data-{short}", "app")],
        loose_volumes=_loose_volumes(short, "app"),
    )


# IAM is global (seeded once, get-or-create per item). Console users get a login profile,
# service users get access keys.
IAM_GROUPS = {
    # group -> AWS managed policies (customer policies are added below)
    "Admins": ["arn:aws:iam::aws:policy/AdministratorAccess"],
    "Developers": ["arn:aws:iam::aws:policy/PowerUserAccess"],
    "ReadOnly": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    "DBA": ["arn:aws:iam::aws:policy/AmazonRDSFullAccess"],
    "Finance": [],                        # gets billing-reports-read
}
IAM_CONSOLE_USERS = [
    # name, groups, virtual MFA enabled
    ("ana.souza", ["Admins"], True),
    ("bruno.lima", ["Developers"], True),
    ("carla.mendes", ["DBA"], True),
    ("diego.santos", ["Developers"], True),
    ("jen.walsh", ["ReadOnly", "Finance"], True),
    ("mike.ohara", ["Developers"], True),
    ("ricardo.alves", [], True),          # AdministratorAccess attached directly (risk)
    ("paula.costa", ["Developers"], False),   # risk: console without MFA
    ("tom.becker", ["ReadOnly"], False),      # risk: console without MFA
    ("luiz.ferreira", ["Finance"], False),    # risk: console without MFA
]
IAM_SERVICE_USERS = [
    # name, groups, number of access keys
    ("svc-crm-integration", [], 1),
    ("svc-erp-sync", [], 1),
    ("svc-billing-export", ["Finance"], 1),
    ("svc-ci-deploy", ["Developers"], 1),
    ("svc-legacy-ftp", [], 2),            # two keys: a rotation that was never finished
]
IAM_DIRECT_ADMIN = "ricardo.alves"
IAM_RISKS = [
    "SEC3: user ricardo.alves has AdministratorAccess attached directly",
    "SEC2: console users paula.costa, tom.becker, luiz.ferreira have no MFA",
    "SEC2: account password policy is weak (MinimumPasswordLength 8, no symbols, no expiry/reuse rules)",
    "SEC2: svc-legacy-ftp has two active access keys",
]


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def tags(name: str, app: str = "shared", env: str = "prod", **extra) -> list:
    base = {"Name": name, "Application": app, "Environment": env,
            "Owner": f"{app}-team", MARKER_KEY: MARKER_DONE}
    base.update(extra)
    return [{"Key": k, "Value": str(v)} for k, v in base.items()]


def tag_spec(resource_type: str, name: str, app: str = "shared", **extra) -> list:
    return [{"ResourceType": resource_type, "Tags": tags(name, app, **extra)}]


class Seeder:
    def __init__(self, endpoint: str):
        self.endpoint = endpoint.rstrip("/")
        self.session = boto3.session.Session(aws_access_key_id="testing",
                                             aws_secret_access_key="testing")
        self.config = Config(retries={"max_attempts": 3, "mode": "standard"},
                             connect_timeout=5, read_timeout=60)
        self.created = defaultdict(Counter)   # region -> resource type -> count
        self.risks = []                       # (region, text)
        self.workarounds = []                 # moto gaps hit while seeding
        self._clients = {}

    def client(self, service: str, region: str):
        # One client per (service, region): creating boto3 clients is the slow part here.
        key = (service, region)
        if key not in self._clients:
            self._clients[key] = self.session.client(service, region_name=region, endpoint_url=self.endpoint,
                                                     config=self.config)
        return self._clients[key]

    def note(self, region: str, kind: str, n: int = 1):
        self.created[region][kind] += n

    # ----------------------------------------------------------------------
    # Global: IAM
    # ----------------------------------------------------------------------
    def seed_iam(self, account: str):
        iam = self.client("iam", "us-east-1")

        def exists(call, **kw):
            try:
                call(**kw)
                return True
            except ClientError as e:
                if e.response["Error"]["Code"] in ("NoSuchEntity", "NoSuchEntityException"):
                    return False
                raise

        managed = self._managed_policy_resolver(iam, account, exists)

        # A weak password policy: the scan should flag it (SEC2). Only set when the account
        # has none, so a policy someone configured on purpose is left alone.
        weak = dict(MinimumPasswordLength=8, RequireSymbols=False, RequireNumbers=True,
                    RequireUppercaseCharacters=True, RequireLowercaseCharacters=True,
                    AllowUsersToChangePassword=True, HardExpiry=False)
        if not exists(iam.get_account_password_policy):
            iam.update_account_password_policy(**weak)
            self.note("global", "iam:password-policy")

        # Customer managed policies, least-privilege style.
        policies = {
            "billing-reports-read": '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
                                    '"Action":["s3:GetObject","s3:ListBucket"],'
                                    f'"Resource":["arn:aws:s3:::billing-invoices-{account}",'
                                    f'"arn:aws:s3:::billing-invoices-{account}/*"]}}]}}',
            "crm-app-access": '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
                              '"Action":["s3:GetObject","s3:PutObject"],'
                              f'"Resource":"arn:aws:s3:::crm-attachments-{account}/*"}}]}}',
            "erp-sync-access": '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
                               '"Action":["s3:GetObject","s3:PutObject"],'
                               f'"Resource":"arn:aws:s3:::erp-documents-{account}/*"}}]}}',
        }
        policy_arn = {}
        for pname, doc in policies.items():
            arn = f"arn:aws:iam::{account}:policy/{pname}"
            if not exists(iam.get_policy, PolicyArn=arn):
                iam.create_policy(PolicyName=pname, PolicyDocument=doc,
                                  Tags=tags(pname)[1:])  # IAM tags: skip Name, keep the rest
                self.note("global", "iam:policy")
            policy_arn[pname] = arn

        for group, policies_for_group in IAM_GROUPS.items():
            if not exists(iam.get_group, GroupName=group):
                iam.create_group(GroupName=group)
                for arn in policies_for_group:
                    iam.attach_group_policy(GroupName=group, PolicyArn=managed(arn))
                if group == "Finance":
                    iam.attach_group_policy(GroupName=group, PolicyArn=policy_arn["billing-reports-read"])
                self.note("global", "iam:group")

        # Roles the estate uses: EC2 instance role (+ profile), VPC flow logs delivery.
        ec2_trust = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
                     '{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}')
        flow_trust = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
                      '{"Service":"vpc-flow-logs.amazonaws.com"},"Action":"sts:AssumeRole"}]}')
        for role, trust, role_policies in [
            ("app-instance-role", ec2_trust, ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]),
            ("vpc-flow-logs-role", flow_trust, []),
        ]:
            if not exists(iam.get_role, RoleName=role):
                iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust, Tags=tags(role)[1:])
                for arn in role_policies:
                    iam.attach_role_policy(RoleName=role, PolicyArn=managed(arn))
                self.note("global", "iam:role")
        if not exists(iam.get_instance_profile, InstanceProfileName="app-instance-profile"):
            iam.create_instance_profile(InstanceProfileName="app-instance-profile")
            iam.add_role_to_instance_profile(InstanceProfileName="app-instance-profile",
                                             RoleName="app-instance-role")
            self.note("global", "iam:instance-profile")

        def make_user(name, groups):
            if exists(iam.get_user, UserName=name):
                return False
            iam.create_user(UserName=name, Tags=tags(name, "identity")[1:])
            for g in groups:
                iam.add_user_to_group(GroupName=g, UserName=name)
            self.note("global", "iam:user")
            return True

        for name, groups, mfa in IAM_CONSOLE_USERS:
            if not make_user(name, groups):
                continue
            iam.create_login_profile(UserName=name, Password="Demo-Passw0rd!", PasswordResetRequired=False)
            if mfa:
                # Virtual MFA: moto accepts any two 6-digit codes.
                device = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]
                serial = device["SerialNumber"]
                iam.enable_mfa_device(UserName=name, SerialNumber=serial,
                                      AuthenticationCode1="123456", AuthenticationCode2="654321")
                self.note("global", "iam:mfa-device")
            if name == IAM_DIRECT_ADMIN:
                iam.attach_user_policy(UserName=name,
                                       PolicyArn=managed("arn:aws:iam::aws:policy/AdministratorAccess"))
            if name == "jen.walsh":   # a console user who also scripts against the API
                iam.create_access_key(UserName=name)
                self.note("global", "iam:access-key")

        for name, groups, keys in IAM_SERVICE_USERS:
            if not make_user(name, groups):
                continue
            for _ in range(keys):
                iam.create_access_key(UserName=name)
                self.note("global", "iam:access-key")
            own = {"svc-crm-integration": "crm-app-access", "svc-erp-sync": "erp-sync-access"}.get(name)
            if own:
                iam.attach_user_policy(UserName=name, PolicyArn=policy_arn[own])

    # Minimal documents for the stand-ins used when moto has no AWS managed policies.
    STAND_IN_DOCS = {
        "AdministratorAccess": '[{"Effect":"Allow","Action":"*","Resource":"*"}]',
        "PowerUserAccess": '[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],'
                           '"Resource":"*"}]',
        "ReadOnlyAccess": '[{"Effect":"Allow","Action":["*:Describe*","*:Get*","*:List*"],"Resource":"*"}]',
        "AmazonRDSFullAccess": '[{"Effect":"Allow","Action":["rds:*"],"Resource":"*"}]',
        "AmazonSSMManagedInstanceCore": '[{"Effect":"Allow","Action":["ssm:UpdateInstanceInformation",'
                                        '"ssmmessages:*","ec2messages:*"],"Resource":"*"}]',
    }

    def _managed_policy_resolver(self, iam, account: str, exists):
        """moto_server only knows AWS managed policies (arn:aws:iam::aws:policy/...) when it was
        started with MOTO_IAM_LOAD_MANAGED_POLICIES=true. Without it, attach customer managed
        stand-ins with the same name and an equivalent document, and say so."""
        if exists(iam.get_policy, PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess"):
            return lambda arn: arn
        self.workarounds.append(
            "moto has no AWS managed policies (start moto_server with MOTO_IAM_LOAD_MANAGED_POLICIES=true); "
            f"IAM uses customer managed stand-ins arn:aws:iam::{account}:policy/<same name> instead")

        def resolve(arn: str) -> str:
            name = arn.rsplit("/", 1)[1]
            local = f"arn:aws:iam::{account}:policy/{name}"
            if not exists(iam.get_policy, PolicyArn=local):
                iam.create_policy(PolicyName=name, Description=f"moto stand-in for the AWS managed {name}",
                                  PolicyDocument='{"Version":"2012-10-17","Statement":%s}'
                                                 % self.STAND_IN_DOCS[name])
                self.note("global", "iam:policy (stand-in)")
            return local
        return resolve

    # ----------------------------------------------------------------------
    # Global API, regional buckets: S3
    # ----------------------------------------------------------------------
    def seed_s3(self, plans: list, account: str):
        s3 = self.client("s3", "us-east-1")
        for plan in plans:
            for b in plan.buckets:
                name = f"{b.prefix}-{account}"
                try:
                    s3.head_bucket(Bucket=name)
                    continue                      # already there: leave it alone
                except ClientError as e:
                    if e.response["Error"]["Code"] not in ("404", "NoSuchBucket", "NotFound"):
                        raise
                kw = {} if plan.region == "us-east-1" else {
                    "CreateBucketConfiguration": {"LocationConstraint": plan.region}}
                s3.create_bucket(Bucket=name, **kw)
                s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tags(name, b.app)})
                if b.hardened:
                    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
                        "BlockPublicAcls": True, "IgnorePublicAcls": True,
                        "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
                    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
                    # Set explicitly: moto does not apply the post-2023 SSE-S3 default.
                    s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
                        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
                         "BucketKeyEnabled": True}]})
                self.note(plan.region, "s3:bucket")

    # ----------------------------------------------------------------------
    # Regional
    # ----------------------------------------------------------------------
    def region_state(self, ec2) -> Optional[str]:
        vpcs = ec2.describe_vpcs(Filters=[{"Name": f"tag:{MARKER_KEY}",
                                           "Values": [MARKER_DONE, MARKER_PARTIAL]}])["Vpcs"]
        values = {t["Value"] for v in vpcs for t in v.get("Tags", []) if t["Key"] == MARKER_KEY}
        if MARKER_DONE in values:
            return MARKER_DONE
        return MARKER_PARTIAL if values else None

    def seed_region(self, plan: RegionPlan, scale: int, account: str) -> bool:
        region = plan.region
        ec2 = self.client("ec2", region)
        state = self.region_state(ec2)
        if state == MARKER_DONE:
            print(f"[{region}] already seeded (VPC tagged {MARKER_KEY}={MARKER_DONE}); skipping")
            return False
        if state == MARKER_PARTIAL:
            raise SystemExit(f"[{region}] a previous run was interrupted (VPC tagged {MARKER_KEY}="
                             f"{MARKER_PARTIAL}); re-run with --reset or restart moto")
        t0 = time.monotonic()
        azs = sorted(z["ZoneName"] for z in ec2.describe_availability_zones(
            Filters=[{"Name": "state", "Values": ["available"]}])["AvailabilityZones"])[:3]
        ami = self._pick_ami(ec2)
        net = self.seed_network(ec2, plan, azs, account)
        sgs = self.seed_security_groups(ec2, plan, net["vpc"])
        ec2.create_key_pair(KeyName=f"ops-key-{plan.short}",
                            TagSpecifications=tag_spec("key-pair", f"ops-key-{plan.short}"))
        self.note(region, "ec2:key-pair")
        self.seed_compute(plan, scale, ami, net, sgs)
        self.seed_instances(ec2, plan, scale, ami, net, sgs)
        self.seed_rds(plan, net, sgs)
        self.seed_vpn(ec2, plan, net)
        # Last step: flip the marker, so only a complete region counts as seeded.
        ec2.create_tags(Resources=[net["vpc"]], Tags=[{"Key": MARKER_KEY, "Value": MARKER_DONE}])
        print(f"[{region}] seeded in {time.monotonic() - t0:.1f}s")
        return True

    def plan_risks(self, plan: RegionPlan, account: str):
        """The findings this plan plants (what a scan of the seeded estate should report)."""
        r = plan.region
        for b in plan.buckets:
            if b.risk:
                self.risks.append((r, f"{b.risk} [{b.prefix}-{account}]"))
        for i in plan.instances:
            if i.risk:
                self.risks.append((r, f"{i.risk} [{i.name}]"))
        for d in plan.databases:
            if d.risk:
                self.risks.append((r, f"{d.risk} [{d.identifier}]"))
        for v in plan.vpns:
            if v.risk:
                self.risks.append((r, f"{v.risk} [{v.name}, emulator:tunnel-status={v.tunnel_status}]"))
        for name, _, _, risk in plan.loose_volumes:
            self.risks.append((r, f"{risk} [{name}]"))
        self.risks.append((r, "SEC5: admin-sg allows RDP 3389 from 0.0.0.0/0 [admin-sg]"))
        self.risks.append((r, "REL10/REL11: legacy-reports-asg runs in one AZ, EC2 health checks, "
                              "launch configuration [legacy-reports-asg]"))
        self.risks.append((r, "SEC4: default VPC has no flow logs [default VPC]"))
        self.risks.append((r, "COST: one unassociated Elastic IP [eip-reserved-%s]" % plan.short))

    @staticmethod
    def _pick_ami(ec2) -> dict:
        """Deterministic: the first Amazon Linux 2023 x86_64 image moto ships for the region.
        Its root device name matters: block device mappings must override that device,
        otherwise the instance gets the AMI's (unencrypted) root volume as well."""
        images = ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": ["al2023-ami-2023*-x86_64"]}])["Images"]
        if not images:
            images = ec2.describe_images(Owners=["amazon"])["Images"]
        image = sorted(images, key=lambda i: (i.get("Name") or "", i["ImageId"]))[0]
        return {"id": image["ImageId"], "root": image.get("RootDeviceName") or "/dev/xvda"}

    @staticmethod
    def _root_volume(ami: dict, encrypted: bool = True, size: int = 30, vtype: str = "gp3") -> list:
        return [{"DeviceName": ami["root"], "Ebs": {"VolumeSize": size, "VolumeType": vtype,
                                                   "Encrypted": encrypted, "DeleteOnTermination": True}}]

    def seed_network(self, ec2, plan: RegionPlan, azs: list, account: str) -> dict:
        """VPC 10.x/16 with public, app and data subnets in 3 AZs, IGW, NAT, route tables,
        a data-tier NACL and flow logs. The default VPC is left untouched (no flow log)."""
        r, o = plan.region, plan.second_octet
        vpc_name = f"{plan.short}-prod-vpc"
        vpc_tags = [t for t in tags(vpc_name) if t["Key"] != MARKER_KEY] + [
            {"Key": MARKER_KEY, "Value": MARKER_PARTIAL}]
        vpc = ec2.create_vpc(CidrBlock=f"10.{o}.0.0/16",
                             TagSpecifications=[{"ResourceType": "vpc", "Tags": vpc_tags}])["Vpc"]["VpcId"]
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        self.note(r, "ec2:vpc")

        subnets = {"public": [], "app": [], "data": []}
        for tier, base in (("public", 0), ("app", 10), ("data", 20)):
            for i, az in enumerate(azs):
                name = f"{plan.short}-{tier}-{az[-1]}"
                sid = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{o}.{base + i}.0/24", AvailabilityZone=az,
                                        TagSpecifications=tag_spec("subnet", name, Tier=tier)
                                        )["Subnet"]["SubnetId"]
                if tier == "public":
                    # Hand-made subnets don't map public IPs unless told to (REFERENCE.md).
                    ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
                subnets[tier].append(sid)
                self.note(r, "ec2:subnet")

        igw = ec2.create_internet_gateway(TagSpecifications=tag_spec(
            "internet-gateway", f"{plan.short}-igw"))["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        self.note(r, "ec2:internet-gateway")

        # NAT gateway for the app tier (uses an associated Elastic IP).
        nat_eip = ec2.allocate_address(Domain="vpc", TagSpecifications=tag_spec(
            "elastic-ip", f"{plan.short}-nat-eip"))["AllocationId"]
        self.note(r, "ec2:elastic-ip")
        nat = ec2.create_nat_gateway(SubnetId=subnets["public"][0], AllocationId=nat_eip,
                                     TagSpecifications=tag_spec("natgateway", f"{plan.short}-nat-a")
                                     )["NatGateway"]["NatGatewayId"]
        self.note(r, "ec2:nat-gateway")

        def route_table(name, tier, routes):
            rt = ec2.create_route_table(VpcId=vpc, TagSpecifications=tag_spec(
                "route-table", name))["RouteTable"]["RouteTableId"]
            for dest, target in routes:
                ec2.create_route(RouteTableId=rt, DestinationCidrBlock=dest, **target)
            for sid in subnets[tier]:
                ec2.associate_route_table(RouteTableId=rt, SubnetId=sid)
            self.note(r, "ec2:route-table")
            return rt

        public_rt = route_table(f"{plan.short}-public-rt", "public", [("0.0.0.0/0", {"GatewayId": igw})])
        app_rt = route_table(f"{plan.short}-app-rt", "app", [("0.0.0.0/0", {"NatGatewayId": nat})])
        data_rt = route_table(f"{plan.short}-data-rt", "data", [])   # no internet route at all

        # Data tier NACL: only the VPC may talk to the databases.
        nacl = ec2.create_network_acl(VpcId=vpc, TagSpecifications=tag_spec(
            "network-acl", f"{plan.short}-data-nacl"))["NetworkAcl"]["NetworkAclId"]
        for egress in (False, True):
            ec2.create_network_acl_entry(NetworkAclId=nacl, RuleNumber=100, Protocol="-1",
                                         RuleAction="allow", Egress=egress, CidrBlock=f"10.{o}.0.0/16")
        assoc = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                   {"Name": "default", "Values": ["true"]}])["NetworkAcls"][0]
        for a in assoc["Associations"]:
            if a["SubnetId"] in subnets["data"]:
                ec2.replace_network_acl_association(AssociationId=a["NetworkAclAssociationId"],
                                                    NetworkAclId=nacl)
        self.note(r, "ec2:network-acl")

        # Flow logs on the estate VPC only: the default VPC stays without one (a finding).
        logs = self.client("logs", r)
        group = f"/plumbline-demo/vpc-flow-logs/{plan.short}"
        if not logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]:
            logs.create_log_group(logGroupName=group)
            logs.put_retention_policy(logGroupName=group, retentionInDays=90)
        ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL",
                             LogDestinationType="cloud-watch-logs", LogGroupName=group,
                             DeliverLogsPermissionArn=f"arn:aws:iam::{account}:role/vpc-flow-logs-role",
                             TagSpecifications=tag_spec("vpc-flow-log", f"{plan.short}-prod-vpc-flows"))
        self.note(r, "ec2:flow-log")
        return {"vpc": vpc, "subnets": subnets, "azs": azs, "rts": [public_rt, app_rt, data_rt],
                "igw": igw}

    def seed_security_groups(self, ec2, plan: RegionPlan, vpc: str) -> dict:
        """Three-tier SGs that reference each other, plus the two risky admin SGs."""
        r = plan.region

        def sg(name, desc, app):
            gid = ec2.create_security_group(GroupName=name, Description=desc, VpcId=vpc,
                                            TagSpecifications=tag_spec("security-group", name, app)
                                            )["GroupId"]
            self.note(r, "ec2:security-group")
            return gid

        g = {
            "web-sg": sg("web-sg", "Public web tier: HTTP/HTTPS from the internet", "web"),
            "app-sg": sg("app-sg", "App tier: 8080 from the web tier only", "api"),
            "db-sg": sg("db-sg", "Databases: 5432/3306 from the app tier only", "data"),
            "bastion-sg": sg("bastion-sg", "SSH bastion", "bastion"),
            "admin-sg": sg("admin-sg", "Windows admin host", "admin"),
        }

        def from_sg(port, src):
            return {"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                    "UserIdGroupPairs": [{"GroupId": src}]}

        def from_world(port, v6=False):
            p = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                 "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "anywhere"}]}
            if v6:
                p["Ipv6Ranges"] = [{"CidrIpv6": "::/0", "Description": "anywhere"}]
            return p

        rules = {
            "web-sg": [from_world(80, v6=True), from_world(443, v6=True)],   # allowed public ports
            "app-sg": [from_sg(8080, g["web-sg"])],
            "db-sg": [from_sg(5432, g["app-sg"]), from_sg(3306, g["app-sg"])],
            "bastion-sg": [from_world(22, v6=True)],      # SEC5 case-study risk
            "admin-sg": [from_world(3389)],               # SEC5 risk: RDP to the world
        }
        for name, perms in rules.items():
            ec2.authorize_security_group_ingress(GroupId=g[name], IpPermissions=perms)
        return g

    def seed_compute(self, plan: RegionPlan, scale: int, ami: dict, net: dict, sgs: dict):
        """Launch templates, one ALB with a target group per ASG, 4 healthy ASGs over 3 AZs
        with ELB health checks, and one legacy ASG (launch configuration, single AZ)."""
        r = plan.region
        ec2, elb, asg = self.client("ec2", r), self.client("elbv2", r), self.client("autoscaling", r)

        alb = elb.create_load_balancer(Name=f"{plan.short}-web-alb", Subnets=net["subnets"]["public"],
                                       SecurityGroups=[sgs["web-sg"]], Scheme="internet-facing",
                                       Type="application", IpAddressType="ipv4",
                                       Tags=tags(f"{plan.short}-web-alb", "web"))["LoadBalancers"][0]
        self.note(r, "elbv2:load-balancer")
        listener_arn = self._listeners(elb, plan, alb["LoadBalancerArn"])

        for prio, a in enumerate(plan.asgs, start=1):
            tg = elb.create_target_group(
                Name=f"{a.app}-tg-{plan.short}", Protocol="HTTP", Port=a.port, VpcId=net["vpc"],
                TargetType="instance", HealthCheckProtocol="HTTP", HealthCheckPath="/health",
                HealthCheckIntervalSeconds=15, HealthyThresholdCount=3, UnhealthyThresholdCount=2,
                Tags=tags(f"{a.app}-tg-{plan.short}", a.app))["TargetGroups"][0]["TargetGroupArn"]
            self.note(r, "elbv2:target-group")
            if a.path is None:
                elb.modify_listener(ListenerArn=listener_arn,
                                    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
            else:
                elb.create_rule(ListenerArn=listener_arn, Priority=prio * 10,
                                Conditions=[{"Field": "path-pattern", "Values": [a.path]}],
                                Actions=[{"Type": "forward", "TargetGroupArn": tg}])

            lt_name = f"{a.app}-lt"
            ec2.create_launch_template(
                LaunchTemplateName=lt_name, VersionDescription="v1",
                TagSpecifications=tag_spec("launch-template", lt_name, a.app),
                LaunchTemplateData={
                    "ImageId": ami["id"], "InstanceType": a.instance_type, "KeyName": f"ops-key-{plan.short}",
                    "SecurityGroupIds": [sgs[a.sg]],
                    "IamInstanceProfile": {"Name": "app-instance-profile"},
                    "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled",
                                        "HttpPutResponseHopLimit": 1},
                    "BlockDeviceMappings": self._root_volume(ami),
                    "Monitoring": {"Enabled": True},
                })
            self.note(r, "ec2:launch-template")
            size = a.size * scale
            subnets = net["subnets"]["app"]   # every tier's instances are private; only the ALB is public
            asg.create_auto_scaling_group(
                AutoScalingGroupName=a.name,
                LaunchTemplate={"LaunchTemplateName": lt_name, "Version": "$Latest"},
                MinSize=0, DesiredCapacity=0, MaxSize=size * 2,   # filled below, see _fill_asg
                VPCZoneIdentifier=",".join(subnets),
                TargetGroupARNs=[tg], HealthCheckType="ELB", HealthCheckGracePeriod=300,
                Tags=[{"Key": t["Key"], "Value": t["Value"], "PropagateAtLaunch": True}
                      for t in tags(a.name, a.app)])
            self.note(r, "autoscaling:group")
            self._fill_asg(ec2, asg, a.name, a.app, size, subnets, ami, sgs[a.sg], plan,
                           launch_template=lt_name, instance_type=a.instance_type)

        # Legacy: launch configuration, one subnet (one AZ), EC2 health checks, no load balancer.
        lc = f"legacy-reports-lc-{plan.short}"
        asg.create_launch_configuration(
            LaunchConfigurationName=lc, ImageId=ami["id"], InstanceType="t2.medium",
            SecurityGroups=[sgs["app-sg"]], KeyName=f"ops-key-{plan.short}",
            InstanceMonitoring={"Enabled": False},
            MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
            BlockDeviceMappings=self._root_volume(ami, vtype="gp2"))
        self.note(r, "autoscaling:launch-configuration")
        asg.create_auto_scaling_group(
            AutoScalingGroupName="legacy-reports-asg", LaunchConfigurationName=lc,
            MinSize=0, DesiredCapacity=0, MaxSize=2, VPCZoneIdentifier=net["subnets"]["app"][0],
            HealthCheckType="EC2",
            Tags=[{"Key": t["Key"], "Value": t["Value"], "PropagateAtLaunch": True}
                  for t in tags("legacy-reports-asg", "reporting")])
        self.note(r, "autoscaling:group")
        self._fill_asg(ec2, asg, "legacy-reports-asg", "reporting", 2, net["subnets"]["app"][:1], ami,
                       sgs["app-sg"], plan, launch_template=None, instance_type="t2.medium")

    def _fill_asg(self, ec2, asg, name: str, app: str, size: int, subnets: list, ami: dict, sg: str,
                  plan: RegionPlan, launch_template: Optional[str], instance_type: str):
        """Launch the group's instances ourselves and attach them, instead of letting moto
        launch them: moto's ASG puts every instance in the first subnet (one AZ), ignores the
        template's MetadataOptions and IamInstanceProfile, and adds the AMI's unencrypted root
        volume next to the template's. AttachInstances tags the instances with
        aws:autoscaling:groupName and registers them with the group's target groups."""
        ids = []
        for i in range(size):
            kw = {"LaunchTemplate": {"LaunchTemplateName": launch_template, "Version": "$Latest"}} \
                if launch_template else {}
            inst = ec2.run_instances(
                ImageId=ami["id"], InstanceType=instance_type, MinCount=1, MaxCount=1,
                SubnetId=subnets[i % len(subnets)], SecurityGroupIds=[sg], KeyName=f"ops-key-{plan.short}",
                IamInstanceProfile={"Name": "app-instance-profile"},
                MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
                BlockDeviceMappings=self._root_volume(ami),
                TagSpecifications=tag_spec("instance", name, app) + tag_spec("volume", f"{name}-root", app),
                **kw)["Instances"][0]
            ids.append(inst["InstanceId"])
        asg.attach_instances(AutoScalingGroupName=name, InstanceIds=ids)
        asg.update_auto_scaling_group(AutoScalingGroupName=name, MinSize=size)
        self.note(plan.region, "ec2:instance (asg)", size)

    def _listeners(self, elb, plan: RegionPlan, alb_arn: str) -> str:
        """HTTPS listener with an ACM certificate and an HTTP->HTTPS redirect. Returns the
        listener the path rules go on. Default action is replaced by the web target group."""
        r = plan.region
        fixed = [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404",
                                                                     "ContentType": "text/plain"}}]
        try:
            acm = self.client("acm", r)
            cert = acm.request_certificate(DomainName=f"{plan.short}.plumbline-demo.example",
                                           ValidationMethod="DNS",
                                           Tags=tags(f"{plan.short}-web-cert", "web")[:1])["CertificateArn"]
            https = elb.create_listener(LoadBalancerArn=alb_arn, Protocol="HTTPS", Port=443,
                                        Certificates=[{"CertificateArn": cert}],
                                        SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                                        DefaultActions=fixed)["Listeners"][0]["ListenerArn"]
            self.note(r, "elbv2:listener")
        except ClientError as e:
            # Fallback if the emulator refuses the certificate: plain HTTP only (a SEC9 finding).
            self.workarounds.append(f"[{r}] HTTPS listener failed ({e.response['Error']['Code']}); "
                                    f"using an HTTP listener only")
            https = None
        if https is None:
            arn = elb.create_listener(LoadBalancerArn=alb_arn, Protocol="HTTP", Port=80,
                                      DefaultActions=fixed)["Listeners"][0]["ListenerArn"]
            self.note(r, "elbv2:listener")
            return arn
        elb.create_listener(LoadBalancerArn=alb_arn, Protocol="HTTP", Port=80, DefaultActions=[{
            "Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443",
                                                   "StatusCode": "HTTP_301"}}])
        self.note(r, "elbv2:listener")
        return https

    def seed_instances(self, ec2, plan: RegionPlan, scale: int, ami: dict, net: dict, sgs: dict):
        """Standalone EC2 instances, their data volumes, Elastic IPs and loose volumes."""
        r = plan.region
        for p in plan.instances:
            names = [f"{p.name}-{n:02d}" for n in range(1, scale + 1)] if p.scaled else [p.name]
            for name in names:
                subnet = net["subnets"][p.tier][p.az_index]
                # SubnetId + SecurityGroupIds, not NetworkInterfaces: with the latter moto reports
                # an empty instance-level SecurityGroups (REFERENCE.md). Public subnets map a
                # public IP, which is what makes the bastion reachable.
                inst = ec2.run_instances(
                    ImageId=ami["id"], InstanceType=p.instance_type, MinCount=1, MaxCount=1,
                    SubnetId=subnet, SecurityGroupIds=[sgs[p.sg]], KeyName=f"ops-key-{plan.short}",
                    IamInstanceProfile={"Name": "app-instance-profile"},
                    MetadataOptions={"HttpTokens": "required" if p.imdsv2 else "optional",
                                     "HttpEndpoint": "enabled"},
                    BlockDeviceMappings=self._root_volume(ami),
                    TagSpecifications=(tag_spec("instance", name, p.app)
                                       + tag_spec("volume", f"{name}-root", p.app)),
                )["Instances"][0]
                iid = inst["InstanceId"]
                self.note(r, "ec2:instance (standalone)")
                if p.eip:
                    alloc = ec2.allocate_address(Domain="vpc", TagSpecifications=tag_spec(
                        "elastic-ip", f"{name}-eip", p.app))["AllocationId"]
                    ec2.associate_address(AllocationId=alloc, InstanceId=iid)
                    self.note(r, "ec2:elastic-ip")
                if p.data_volume:
                    size, encrypted = p.data_volume
                    vol = ec2.create_volume(AvailabilityZone=inst["Placement"]["AvailabilityZone"],
                                            Size=size, VolumeType="gp3", Encrypted=encrypted,
                                            TagSpecifications=tag_spec("volume", f"{name}-data", p.app)
                                            )["VolumeId"]
                    ec2.attach_volume(VolumeId=vol, InstanceId=iid, Device="/dev/sdf")
                    self.note(r, "ec2:volume (data)")

        for name, size, encrypted, _ in plan.loose_volumes:
            ec2.create_volume(AvailabilityZone=net["azs"][0], Size=size, VolumeType="gp3",
                              Encrypted=encrypted, TagSpecifications=tag_spec("volume", name))
            self.note(r, "ec2:volume (data)")
        # A spare Elastic IP nobody released.
        ec2.allocate_address(Domain="vpc", TagSpecifications=tag_spec("elastic-ip", f"eip-reserved-{plan.short}"))
        self.note(r, "ec2:elastic-ip")

    def seed_rds(self, plan: RegionPlan, net: dict, sgs: dict):
        r = plan.region
        rds = self.client("rds", r)
        group = f"{plan.short}-data-subnets"
        rds.create_db_subnet_group(DBSubnetGroupName=group, DBSubnetGroupDescription="Data tier, 3 AZs",
                                   SubnetIds=net["subnets"]["data"], Tags=tags(group, "data"))
        self.note(r, "rds:subnet-group")
        for d in plan.databases:
            kw = dict(DBInstanceIdentifier=d.identifier, Engine=d.engine,
                      EngineVersion="16.3" if d.engine == "postgres" else "8.0.36",
                      DBInstanceClass="db.m6g.large", AllocatedStorage=100, StorageType="gp3",
                      MasterUsername="dbadmin", MasterUserPassword="Demo-Passw0rd-1",
                      DBName=d.app.replace("-", "_"), DBSubnetGroupName=group,
                      VpcSecurityGroupIds=[sgs["db-sg"]],
                      MultiAZ=d.multi_az, StorageEncrypted=d.encrypted,
                      BackupRetentionPeriod=d.backup_days, DeletionProtection=d.deletion_protection,
                      # Set explicitly: moto omits PubliclyAccessible unless it is given (REFERENCE.md).
                      PubliclyAccessible=False, AutoMinorVersionUpgrade=True, CopyTagsToSnapshot=True,
                      Tags=tags(d.identifier, d.app))
            if not d.multi_az:
                kw["AvailabilityZone"] = net["azs"][0]
            rds.create_db_instance(**kw)
            self.note(r, "rds:db-instance")

    def seed_vpn(self, ec2, plan: RegionPlan, net: dict):
        """One VPN gateway on the VPC, one customer gateway + VPN connection per site.
        The tunnel telemetry is faked by the stack's moto patch from the emulator:tunnel-status tag."""
        r = plan.region
        vgw = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=64512, TagSpecifications=tag_spec(
            "vpn-gateway", f"vgw-{plan.short}"))["VpnGateway"]["VpnGatewayId"]
        ec2.attach_vpn_gateway(VpcId=net["vpc"], VpnGatewayId=vgw)
        self.note(r, "ec2:vpn-gateway")
        for v in plan.vpns:
            cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp=v.cgw_ip, BgpAsn=v.bgp_asn,
                                              TagSpecifications=tag_spec("customer-gateway", v.cgw_name)
                                              )["CustomerGateway"]["CustomerGatewayId"]
            self.note(r, "ec2:customer-gateway")
            vpn = ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw, VpnGatewayId=vgw,
                                            Options={"StaticRoutesOnly": False}
                                            )["VpnConnection"]["VpnConnectionId"]
            # Tags applied separately: not every emulator honours TagSpecifications here.
            ec2.create_tags(Resources=[vpn], Tags=tags(v.name, "network") + [
                {"Key": "emulator:tunnel-status", "Value": v.tunnel_status}])
            self.note(r, "ec2:vpn-connection")
        # Routes to the on-premises networks go through the VGW. Real estates would enable BGP
        # route propagation, but moto has no EnableVgwRoutePropagation: use a static route.
        for rt in net["rts"][1:]:
            ec2.create_route(RouteTableId=rt, DestinationCidrBlock="172.16.0.0/12", GatewayId=vgw)

    # ----------------------------------------------------------------------
    # Summary (from describes, so it shows what is really there)
    # ----------------------------------------------------------------------
    def inventory(self, region: str) -> Counter:
        ec2, c = self.client("ec2", region), Counter()

        def n(call, key, **kw):
            return sum(len(page[key]) for page in self._pages(ec2, call, key, **kw))

        c["vpc"] = n("describe_vpcs", "Vpcs")
        c["subnet"] = n("describe_subnets", "Subnets")
        c["internet-gateway"] = n("describe_internet_gateways", "InternetGateways")
        c["route-table"] = n("describe_route_tables", "RouteTables")
        c["network-acl"] = n("describe_network_acls", "NetworkAcls")
        c["nat-gateway"] = n("describe_nat_gateways", "NatGateways")
        c["security-group"] = n("describe_security_groups", "SecurityGroups")
        c["flow-log"] = n("describe_flow_logs", "FlowLogs")
        c["instance"] = sum(len(rv["Instances"]) for rv in ec2.describe_instances(Filters=[
            {"Name": "instance-state-name", "Values": ["pending", "running", "stopped"]}])["Reservations"])
        c["volume"] = n("describe_volumes", "Volumes")
        c["elastic-ip"] = len(ec2.describe_addresses()["Addresses"])
        c["key-pair"] = len(ec2.describe_key_pairs()["KeyPairs"])
        c["launch-template"] = n("describe_launch_templates", "LaunchTemplates")
        c["customer-gateway"] = len(ec2.describe_customer_gateways()["CustomerGateways"])
        c["vpn-gateway"] = len(ec2.describe_vpn_gateways()["VpnGateways"])
        c["vpn-connection"] = len(ec2.describe_vpn_connections()["VpnConnections"])
        asg = self.client("autoscaling", region)
        c["auto-scaling-group"] = len(asg.describe_auto_scaling_groups()["AutoScalingGroups"])
        c["launch-configuration"] = len(asg.describe_launch_configurations()["LaunchConfigurations"])
        elb = self.client("elbv2", region)
        lbs = elb.describe_load_balancers()["LoadBalancers"]
        c["load-balancer"] = len(lbs)
        c["listener"] = sum(len(elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"])
                            for lb in lbs)
        c["target-group"] = len(elb.describe_target_groups()["TargetGroups"])
        rds = self.client("rds", region)
        c["db-instance"] = len(rds.describe_db_instances()["DBInstances"])
        c["db-subnet-group"] = len(rds.describe_db_subnet_groups()["DBSubnetGroups"])
        return c

    @staticmethod
    def _pages(client, op, key, **kw):
        if client.can_paginate(op):
            yield from client.get_paginator(op).paginate(**kw)
        else:
            yield getattr(client, op)(**kw)

    def global_inventory(self, regions: list) -> dict:
        iam, s3 = self.client("iam", "us-east-1"), self.client("s3", "us-east-1")
        c = Counter()
        users = iam.list_users()["Users"]
        c["iam:user"] = len(users)
        c["iam:group"] = len(iam.list_groups()["Groups"])
        c["iam:role"] = len(iam.list_roles()["Roles"])
        c["iam:policy (customer)"] = len(iam.list_policies(Scope="Local")["Policies"])
        c["iam:mfa-device"] = len(iam.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"])
        c["iam:access-key"] = sum(len(iam.list_access_keys(UserName=u["UserName"])["AccessKeyMetadata"])
                                  for u in users)
        buckets = Counter()
        for b in s3.list_buckets()["Buckets"]:
            loc = s3.get_bucket_location(Bucket=b["Name"])["LocationConstraint"] or "us-east-1"
            buckets[loc] += 1
        return {"global": c, "buckets": buckets}

    def print_summary(self, regions: list, seeded: bool = True):
        print("\n== Inventory (from describes; includes moto's defaults: default VPC, its subnets, "
              "default SGs/NACLs/route tables)")
        per_region = {r: self.inventory(r) for r in regions}
        g = self.global_inventory(regions)
        for r in regions:
            per_region[r]["s3:bucket"] = g["buckets"].get(r, 0)
        kinds = sorted({k for c in per_region.values() for k in c})
        width = max(len(k) for k in kinds + list(g["global"]))
        print(f"  {'resource':<{width}}  " + "  ".join(f"{r:>10}" for r in regions))
        for k in kinds:
            print(f"  {k:<{width}}  " + "  ".join(f"{per_region[r][k]:>10}" for r in regions))
        total_regional = sum(sum(c.values()) for c in per_region.values())
        for k, v in g["global"].items():
            print(f"  {k:<{width}}  {v:>10}  (global)")
        print(f"  total: {total_regional} regional + {sum(g['global'].values())} global")
        if not seeded:
            print("\n== Summary only: nothing seeded")
        elif any(self.created.values()):
            print("\n== Created by this run")
            for r, c in self.created.items():
                print(f"  {r}: {sum(c.values())} (" + ", ".join(f"{k} {v}" for k, v in sorted(c.items())) + ")")
        else:
            print("\n== Created by this run: nothing (estate already present)")
        print("\n== Planted findings (case-study risks marked)")
        for r, text in self.risks:
            print(f"  [{r}] {text}")
        for w in self.workarounds:
            print(f"  note: {w}")


def check_emulator(endpoint: str):
    """Refuse to run against anything that is not moto: real AWS has no /moto-api/."""
    try:
        with urllib.request.urlopen(endpoint.rstrip("/") + "/moto-api/", timeout=5) as resp:
            ok = resp.status == 200 and b"moto" in resp.read(20000).lower()
    except urllib.error.HTTPError:
        ok = False
    except (urllib.error.URLError, OSError) as e:
        raise SystemExit(f"cannot reach the emulator at {endpoint}: {e}")
    if not ok:
        raise SystemExit(f"{endpoint} does not look like moto (no /moto-api/); refusing to seed")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint", default=os.environ.get("AWS_ENDPOINT_URL"),
                    help="moto endpoint (default: $AWS_ENDPOINT_URL)")
    ap.add_argument("--regions", default=",".join(DEFAULT_REGIONS),
                    help="comma-separated regions (default: %(default)s)")
    ap.add_argument("--scale", type=int, default=1,
                    help="multiplies ASG sizes and batch instances (default: 1)")
    ap.add_argument("--reset", action="store_true",
                    help="POST /moto-api/reset first (wipes ALL emulator state)")
    ap.add_argument("--summary-only", action="store_true", help="print the inventory, seed nothing")
    args = ap.parse_args(argv)
    if not args.endpoint:
        ap.error("no endpoint: pass --endpoint or set AWS_ENDPOINT_URL (this never seeds real AWS)")
    if args.scale < 1 or args.scale > 20:
        ap.error("--scale must be between 1 and 20")
    regions = [r.strip() for r in args.regions.split(",") if r.strip()]
    check_emulator(args.endpoint)
    if args.reset:
        urllib.request.urlopen(urllib.request.Request(args.endpoint.rstrip("/") + "/moto-api/reset",
                                                      method="POST"), timeout=30).read()
        print("emulator state reset")

    seeder = Seeder(args.endpoint)
    plans = [plan_for(r, i) for i, r in enumerate(regions)]
    account = seeder.client("sts", "us-east-1").get_caller_identity()["Account"]
    t0 = time.monotonic()
    if not args.summary_only:
        seeder.seed_iam(account)
        seeder.seed_s3(plans, account)
        for plan in plans:
            seeder.seed_region(plan, args.scale, account)
        print(f"seed run took {time.monotonic() - t0:.1f}s")
    seeder.risks += [("global", r) for r in IAM_RISKS]
    for plan in plans:
        seeder.plan_risks(plan, account)
    seeder.print_summary(regions, seeded=not args.summary_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
