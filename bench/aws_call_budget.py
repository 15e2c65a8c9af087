#!/usr/bin/env python3
"""The fewest AWS calls a full scan of a seeded estate can make, compared with what the scan made.

    python3 bench/aws_call_budget.py --estate estate.json --scan scan1.json [--scan scan2.json] \
        [--probe http://127.0.0.1:15900] [--sources scanner-service/src/main/java/io/plumbline/scanner/collect]

THE FORMULA. A full scan (all rules, every scanned region R) runs every collector once per region (regional
collectors) or once per account (global ones). For each call a collector makes:

  list calls      pages(n, p) = max(1, ceil(n / p))
                  n = the resources that call returns in that scope (from the estate JSON: what the describes
                      report after seeding, moto's defaults included), p = the page size the collector asks
                      for (MaxResults / MaxRecords / MaxItems in collect/*.java) - or the emulator's own page
                      size where it is smaller. moto 5.2.1 (checked in its source and with --probe):
                        DescribeInstances         pages by RESERVATION, not instance (AWS counts instances):
                                                  n = reservations; honours MaxResults
                        DescribeAutoScalingGroups honours MaxRecords (<= 100)
                        DescribeDBInstances       honours MaxRecords
                        DescribeSecurityGroups, DescribeVolumes, DescribeVpcs, DescribeFlowLogs,
                        GetAccountAuthorizationDetails: never paginate (one page whatever the size)
                  unpaginated calls (DescribeAddresses, DescribeVpnConnections, ListBuckets,
                  GetAccountSummary, GetAccountPasswordPolicy) cost exactly 1.
  per region:     DescribeSecurityGroups (once: memoised, shared by the instance and security-group
                  collectors) + DescribeInstances + DescribeVolumes + DescribeFlowLogs + DescribeVpcs
                  + DescribeAddresses + DescribeVpnConnections + DescribeAutoScalingGroups + DescribeDBInstances
  per account:    IAM GetAccountSummary + GetAccountPasswordPolicy (IamAccountCollector)
                  + GetAccountAuthorizationDetails pages (n = users + groups, p = 1000)
                  + GenerateCredentialReport + GetCredentialReport            (IamUserCollector)
                  + S3 ListBuckets + GetBucketLocation per bucket (all buckets, any region)
                  + 5 per bucket in a scanned region: GetPublicAccessBlock, GetBucketVersioning,
                    GetBucketEncryption, GetBucketPolicy, GetBucketTagging   (S3BucketCollector)
                  + STS GetCallerIdentity (resolves the account: once per scanner PROCESS, when the first
                    scan is planned; the scanner takes its awsCalls snapshot after that, so awsCalls never
                    includes it - it is listed, and left out of the minimum awsCalls is compared with)

  minimum = the sum of the above with moto's page semantics (what this run can achieve);
  the same with AWS's page semantics is printed for reference (differs only where moto pages differently).

The ratio is the scan's own awsCalls (every HTTP attempt, retries included) / minimum. With moto's request
recording (bench/run_scan.py) the calls are also broken down per operation, so an excess is attributed to
the collector and operation that makes it.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

# (service, operation, collector, page parameter, page size, resource count key, moto paging)
#   moto paging: "size" = honours the page size; "one" = always one page; "reservations" = pages by reservation
REGIONAL = [
    ("ec2", "DescribeSecurityGroups", "Ec2Lookups (SecurityGroup + Instance collectors)", "maxResults", 1000,
     "AWS::EC2::SecurityGroup", "one"),
    ("ec2", "DescribeInstances", "Ec2InstanceCollector", "maxResults", 1000, "AWS::EC2::Instance", "reservations"),
    ("ec2", "DescribeVolumes", "EbsVolumeCollector", "maxResults", 500, "AWS::EC2::Volume", "one"),
    ("ec2", "DescribeFlowLogs", "VpcCollector", "maxResults", 1000, "ec2:flow-logs", "one"),
    ("ec2", "DescribeVpcs", "VpcCollector", "maxResults", 1000, "AWS::EC2::VPC", "one"),
    ("ec2", "DescribeAddresses", "ElasticIpCollector", None, None, None, "one"),
    ("ec2", "DescribeVpnConnections", "VpnConnectionCollector", None, None, None, "one"),
    ("autoscaling", "DescribeAutoScalingGroups", "AutoScalingGroupCollector", "maxRecords", 100,
     "AWS::AutoScaling::AutoScalingGroup", "size"),
    ("rds", "DescribeDBInstances", "RdsInstanceCollector", "maxRecords", 100, "AWS::RDS::DBInstance", "size"),
]
S3_PER_BUCKET = ["GetPublicAccessBlock", "GetBucketVersioning", "GetBucketEncryption", "GetBucketPolicy",
                 "GetBucketTagging"]
SOURCES = {  # collector source file -> (page parameter, size) it must contain; checked with --sources
    "Ec2Lookups.java": ("maxResults", 1000), "Ec2InstanceCollector.java": ("maxResults", 1000),
    "EbsVolumeCollector.java": ("maxResults", 500), "VpcCollector.java": ("maxResults", 1000),
    "AutoScalingGroupCollector.java": ("maxRecords", 100), "RdsInstanceCollector.java": ("maxRecords", 100),
    "IamUserCollector.java": ("maxItems", 1000),
}


def pages(n, size):
    return max(1, math.ceil(n / size))


def budget(estate, regions):
    """Rows: dict(service, region, operation, collector, n, page, aws, moto, inAwsCalls)."""
    rows = []
    for region in regions:
        present = estate["present"][region]
        for service, op, collector, _, size, key, paging in REGIONAL:
            if size is None:
                aws = moto = 1
                n = None
            else:
                n = present.get(key, 0)
                aws = pages(n, size)
                moto = {"one": 1, "size": aws, "reservations": pages(present.get("ec2:reservations", 0), size)}[paging]
            rows.append(dict(service=service, region=region, operation=op, collector=collector, n=n, page=size,
                             aws=aws, moto=moto, inAwsCalls=True))
    g = estate["present"]["global"]
    buckets_all = g.get("s3:buckets (all regions)", 0)
    buckets_scanned = sum(estate["present"][r].get("AWS::S3::Bucket", 0) for r in regions)
    iam_entities = g.get("AWS::IAM::User", 0) + g.get("iam:groups", 0)

    def row(service, op, collector, n, aws, moto, counted=True, page=None):
        rows.append(dict(service=service, region="global", operation=op, collector=collector, n=n, page=page,
                         aws=aws, moto=moto, inAwsCalls=counted))

    row("sts", "GetCallerIdentity", "AwsClients.defaultAccount (once per process, before the scan's snapshot)",
        None, 1, 1, counted=False)
    row("iam", "GetAccountSummary", "IamAccountCollector", None, 1, 1)
    row("iam", "GetAccountPasswordPolicy", "IamAccountCollector", None, 1, 1)
    row("iam", "GetAccountAuthorizationDetails", "IamUserCollector", iam_entities, pages(iam_entities, 1000), 1,
        page=1000)
    row("iam", "GenerateCredentialReport", "IamUserCollector", None, 1, 1)
    row("iam", "GetCredentialReport", "IamUserCollector", None, 1, 1)
    row("s3", "ListBuckets", "S3BucketCollector", buckets_all, 1, 1)
    row("s3", "GetBucketLocation", "S3BucketCollector", buckets_all, buckets_all, buckets_all)
    for op in S3_PER_BUCKET:
        row("s3", op, "S3BucketCollector", buckets_scanned, buckets_scanned, buckets_scanned)
    return rows


EXPENSIVE = {"DescribeInstances", "DescribeVolumes"}
# asked again while the answer is "not ready yet": more requests than pages without any retry
POLLED = {"GenerateCredentialReport": "no report existed yet: the first call answers STARTED, the collector waits 1 s "
                                      "and asks again (AWS behaves the same way)"}


def probe(endpoint, regions, everything=False):
    """Pages moto actually returns for each paginated list call at the collector's page size.

    DescribeInstances and DescribeVolumes are skipped unless everything=True: moto needs minutes to serialize
    thousands of them on a busy machine. For those the scan's own recording shows how many pages moto served
    (the requests with attempt=1)."""
    import boto3
    s = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    out = {}
    for region in regions:
        ec2 = s.client("ec2", region_name=region, endpoint_url=endpoint)
        asg = s.client("autoscaling", region_name=region, endpoint_url=endpoint)
        rds = s.client("rds", region_name=region, endpoint_url=endpoint)
        calls = {
            "DescribeSecurityGroups": (ec2.describe_security_groups, "MaxResults", 1000, "NextToken"),
            "DescribeInstances": (ec2.describe_instances, "MaxResults", 1000, "NextToken"),
            "DescribeVolumes": (ec2.describe_volumes, "MaxResults", 500, "NextToken"),
            "DescribeFlowLogs": (ec2.describe_flow_logs, "MaxResults", 1000, "NextToken"),
            "DescribeVpcs": (ec2.describe_vpcs, "MaxResults", 1000, "NextToken"),
            "DescribeAutoScalingGroups": (asg.describe_auto_scaling_groups, "MaxRecords", 100, "NextToken"),
            "DescribeDBInstances": (rds.describe_db_instances, "MaxRecords", 100, "Marker"),
        }
        for op, (call, param, size, token) in calls.items():
            if op in EXPENSIVE and not everything:
                continue
            n, kw = 0, {param: size}
            while True:
                n += 1
                page = call(**kw)
                if not page.get(token):
                    break
                kw[token] = page[token]
            out[(region, op)] = n
    iam = s.client("iam", region_name="us-east-1", endpoint_url=endpoint)
    n, kw = 0, {"Filter": ["User", "Group"], "MaxItems": 1000}
    while True:
        n += 1
        page = iam.get_account_authorization_details(**kw)
        if not page.get("IsTruncated"):
            break
        kw["Marker"] = page["Marker"]
    out[("global", "GetAccountAuthorizationDetails")] = n
    return out


def check_sources(directory):
    problems = []
    for name, (param, size) in SOURCES.items():
        path = Path(directory) / name
        if not path.exists():
            problems.append(f"{name}: not found")
            continue
        found = re.findall(rf"\.{param}\((\d+)\)", path.read_text())
        if str(size) not in found:
            problems.append(f"{name}: expected .{param}({size}), found {found or 'none'}")
    return problems


def fmt_int(n):
    return "-" if n is None else f"{n:,}"


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--estate", required=True)
    ap.add_argument("--scan", action="append", default=[], help="a bench/run_scan.py result (first = the one compared)")
    ap.add_argument("--regions", help="scanned regions (default: the estate's)")
    ap.add_argument("--probe", help="moto endpoint: count the pages it really returns")
    ap.add_argument("--probe-all", action="store_true", help="probe DescribeInstances/DescribeVolumes too (slow on moto)")
    ap.add_argument("--sources", help="collector sources: check the page sizes assumed here")
    ap.add_argument("--json-out")
    args = ap.parse_args(argv)
    estate = json.load(open(args.estate))
    regions = args.regions.split(",") if args.regions else estate["regions"]
    rows = budget(estate, regions)
    if args.sources:
        for p in check_sources(args.sources):
            print(f"warning: page size assumption out of date: {p}")
    probed = probe(args.probe, regions, args.probe_all) if args.probe else {}
    scans = [json.load(open(p)) for p in args.scan]

    # operations of a collector whose scope failed (from the scan's errors)
    ops_of = {"AWS::EC2::Volume": ["DescribeVolumes"], "AWS::EC2::Instance": ["DescribeInstances"],
              "AWS::EC2::SecurityGroup": ["DescribeSecurityGroups"], "AWS::EC2::VPC": ["DescribeFlowLogs", "DescribeVpcs"],
              "AWS::EC2::EIP": ["DescribeAddresses"], "AWS::EC2::VPNConnection": ["DescribeVpnConnections"],
              "AWS::AutoScaling::AutoScalingGroup": ["DescribeAutoScalingGroups"],
              "AWS::RDS::DBInstance": ["DescribeDBInstances"],
              "AWS::IAM::User": ["GetAccountAuthorizationDetails", "GenerateCredentialReport", "GetCredentialReport"],
              "AWS::IAM::Account": ["GetAccountSummary", "GetAccountPasswordPolicy"],
              "AWS::S3::Bucket": ["ListBuckets", "GetBucketLocation"] + S3_PER_BUCKET}
    failed = [set() for _ in scans]
    for i, scan in enumerate(scans):
        for e in (scan.get("scan") or {}).get("errors") or []:
            if e.get("ruleId") is None and e.get("resourceType"):
                region = "global" if e["region"] in (None, "*", "global") or e["resourceType"].startswith(("AWS::IAM", "AWS::S3")) else e["region"]
                for op in ops_of.get(e["resourceType"], []):
                    failed[i].add((region, op))
    recorded = [Counter() for _ in scans]
    retried = [Counter() for _ in scans]
    for i, scan in enumerate(scans):
        for c in scan.get("recordedCalls", []):
            region = "global" if c["service"] in ("iam", "sts", "s3") else c["region"]
            recorded[i][(c["service"], region, c["operation"])] += c["count"]
            retried[i][(c["service"], region, c["operation"])] += c["retries"]

    print("\n== Minimum AWS calls for this estate (formula in bench/aws_call_budget.py), and what the scans made")
    head = f"  {'service':<11} {'scope':<9} {'operation':<30} {'n':>7} {'page':>5} {'AWS min':>7} {'moto min':>8}"
    if probed:
        head += f" {'probed':>6}"
    for i in range(len(scans)):
        head += f" {'scan' + str(i + 1) + ' (retries)':>17}"
    print(head)
    mismatches = []
    for r in rows:
        key = (r["service"], r["region"], r["operation"])
        line = (f"  {r['service']:<11} {r['region']:<9} {r['operation']:<30} {fmt_int(r['n']):>7} "
                f"{fmt_int(r['page']):>5} {r['aws']:>7} {r['moto']:>8}")
        if probed:
            p = probed.get((r["region"], r["operation"]))
            line += f" {fmt_int(p):>6}"
            if p is not None and p != r["moto"]:
                mismatches.append(f"{key}: formula {r['moto']}, moto returned {p} pages")
        for i in range(len(scans)):
            made, again = recorded[i].get(key, 0), retried[i].get(key, 0)
            mark = "*" if made > r["moto"] and (r["inAwsCalls"] or made > 1) else " "
            note = "FAILED" if (r["region"], r["operation"]) in failed[i] else ""
            line += f" {note:>6} {made:>5}{mark}" + (f" ({again})" if again else "    ")
            if not note and r["inAwsCalls"] and made - again != r["moto"] and made and r["operation"] not in POLLED:
                mismatches.append(f"scan{i + 1} {key}: moto served {made - again} pages (first attempts), formula {r['moto']}")
        if not r["inAwsCalls"]:
            line += "   (not in awsCalls)"
        print(line)
    known = {(r["service"], r["region"], r["operation"]) for r in rows}
    for i in range(len(scans)):
        for key, n in sorted(recorded[i].items()):
            if key not in known:
                print(f"  scan{i + 1}: unexpected call {key}: {n}")
    for m in mismatches:
        print(f"  warning: {m}")

    minimum = sum(r["moto"] for r in rows if r["inAwsCalls"])
    minimum_aws = sum(r["aws"] for r in rows if r["inAwsCalls"])
    summary = {"minimum": minimum, "minimumAwsSemantics": minimum_aws,
               "minimumInclSts": minimum + 1, "scans": []}
    for i, scan in enumerate(scans):
        made = scan["scan"]["awsCalls"] if scan.get("scan") else None
        extra = []
        for r in rows:
            key = (r["service"], r["region"], r["operation"])
            n = recorded[i].get(key, 0)
            if r["inAwsCalls"] and n > r["moto"]:
                extra.append({"service": r["service"], "scope": r["region"], "operation": r["operation"],
                              "collector": r["collector"], "minimum": r["moto"], "made": n,
                              "extra": n - r["moto"], "retries": retried[i].get(key, 0)})
        summary["scans"].append({"awsCalls": made, "recorded": scan.get("recordedTotal"),
                                 "recordedRetries": scan.get("recordedRetries"),
                                 "ratio": round(made / minimum, 3) if made is not None else None,
                                 "extra": extra})
    print(f"\n  minimum (moto page semantics, calls awsCalls counts): {minimum:,}"
          f"   [AWS page semantics: {minimum_aws:,}; + STS GetCallerIdentity once per process]")
    for i, s in enumerate(summary["scans"]):
        print(f"  scan{i + 1}: awsCalls {fmt_int(s['awsCalls'])}, requests that reached moto {fmt_int(s['recorded'])} "
              f"(retries among them: {s['recordedRetries']}), ratio {s['ratio']}x"
              + (f"  - PARTIAL: {len(failed[i])} operation(s) never returned data, so a complete scan costs more"
                 if failed[i] else ""))
        for e in s["extra"]:
            print(f"    extra: {e['service']} {e['operation']} ({e['scope']}, {e['collector']}): made {e['made']}, "
                  f"minimum {e['minimum']} -> +{e['extra']}" + (f", of which {e['retries']} retries" if e["retries"] else "")
                  + (f" ({POLLED[e['operation']]})" if e["operation"] in POLLED else ""))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(summary, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
