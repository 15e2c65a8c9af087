#!/usr/bin/env python3
"""Run one scan through the scanner's REST API and measure it (used by bench/scan-estate.sh).

    python3 bench/run_scan.py --scanner http://127.0.0.1:18081 --moto http://127.0.0.1:15900 --out scan1.json

- POST /api/v1/scans (no body: all rules, the configured regions), then every 250 ms GET /api/v1/scans/{id}
  and /q/metrics until the scan is no longer RUNNING. Wall time = from just before the POST to the first
  poll that sees it finished (so it is exact to 250 ms; the scan's own startedAt/finishedAt are reported too).
- Peak heap = the highest sum of jvm_memory_used_bytes{area="heap"} over the samples (a sample every
  250 ms misses short spikes between samples; the GC log gives the peaks just before each collection).
- Which AWS calls the scan made: moto's request recorder is reset and started before the POST and stopped
  after the scan finished, so every HTTP request that reached the emulator meanwhile (retries included:
  the SDK's amz-sdk-request header says attempt=N) is in the recording. Calls are attributed to
  service, region and operation (Action= for the query protocols, method + subresource for S3).
"""
from __future__ import annotations

import argparse
import base64
import json
import re
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter

HEAP = re.compile(r'^jvm_memory_used_bytes\{([^}]*)\}\s+([0-9.eE+-]+)', re.M)
UPTIME = re.compile(r'^process_uptime_seconds\s+([0-9.eE+-]+)', re.M)
S3_SUBRESOURCES = ["location", "publicAccessBlock", "versioning", "encryption", "policy", "tagging", "acl",
                   "lifecycle", "logging", "ownershipControls", "replication", "website", "cors"]


def http(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json", "Accept": "application/json"}
                                 if body is not None else {"Accept": "*/*"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.read()


def metrics(scanner):
    """(heap used bytes summed over the heap pools, process uptime s) or (None, None) if unreadable."""
    try:
        text = http("GET", scanner + "/q/metrics", timeout=5).decode()
    except OSError:
        return None, None
    heap = sum(float(v) for labels, v in HEAP.findall(text) if 'area="heap"' in labels)
    up = UPTIME.search(text)
    return heap, float(up.group(1)) if up else None


def recorder(moto, action):
    return http("POST" if action != "download-recording" else "GET", f"{moto}/moto-api/recorder/{action}", timeout=120)


def attribute(entry):
    """(service, region, operation, attempt) of one recorded request."""
    headers = {k.lower(): v for k, v in entry.get("headers", {}).items()}
    auth = headers.get("authorization", "")
    m = re.search(r"Credential=[^/]+/\d+/([^/]+)/([^/]+)/aws4_request", auth)
    region, service = (m.group(1), m.group(2)) if m else ("?", "?")
    attempt = 1
    m = re.search(r"attempt=(\d+)", headers.get("amz-sdk-request", ""))
    if m:
        attempt = int(m.group(1))
    url = urllib.parse.urlsplit(entry.get("url", ""))
    query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
    op = None
    if service == "s3":
        path = [p for p in url.path.split("/") if p]
        sub = next((s for s in S3_SUBRESOURCES if s in query), None)
        if not path:
            op = "ListBuckets"
        elif sub:
            op = {"GET": "Get", "PUT": "Put", "DELETE": "Delete"}.get(entry.get("method"), entry.get("method")) + \
                 "Bucket" + sub[0].upper() + sub[1:]
            op = op.replace("GetBucketPublicAccessBlock", "GetPublicAccessBlock")
        else:
            op = f"{entry.get('method')} {'bucket' if len(path) == 1 else 'object'}"
    else:
        body = entry.get("body") or ""
        if entry.get("body_encoded"):
            body = base64.b64decode(body).decode("utf-8", "replace")
        params = urllib.parse.parse_qs(body) if body and not body.lstrip().startswith("{") else {}
        action = (params.get("Action") or query.get("Action") or [None])[0]
        target = headers.get("x-amz-target")
        op = action or (target.split(".")[-1] if target else f"{entry.get('method')} {url.path}")
    return service, region, op, attempt


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--scanner", required=True)
    ap.add_argument("--moto", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=int, default=3600)
    args = ap.parse_args(argv)

    recorder(args.moto, "reset-recording")
    recorder(args.moto, "start-recording")
    heap0, up0 = metrics(args.scanner)
    peak = heap0 or 0.0
    samples = 0
    t0 = time.monotonic()
    started = json.loads(http("POST", args.scanner + "/api/v1/scans", body={}))
    scan_id = started["id"]
    deadline = t0 + args.timeout
    view = None
    while time.monotonic() < deadline:
        time.sleep(0.25)
        heap, _ = metrics(args.scanner)
        if heap is not None:
            peak = max(peak, heap)
            samples += 1
        view = json.loads(http("GET", f"{args.scanner}/api/v1/scans/{scan_id}"))
        if view["status"] != "RUNNING":
            break
    wall = time.monotonic() - t0
    _, up1 = metrics(args.scanner)
    recorder(args.moto, "stop-recording")
    recording = recorder(args.moto, "download-recording").decode()

    calls = Counter()
    retries = Counter()
    for line in recording.splitlines():
        if not line.strip():
            continue
        service, region, op, attempt = attribute(json.loads(line))
        calls[(service, region, op)] += 1
        if attempt > 1:
            retries[(service, region, op)] += 1
    result = {
        "id": scan_id,
        "wallSeconds": round(wall, 3),
        "timedOut": view is None or view["status"] == "RUNNING",
        "scan": view,
        "peakHeapBytes": int(peak),
        "heapSamples": samples,
        "jvmUptimeWindow": [up0, up1],
        "recordedCalls": [{"service": s, "region": r, "operation": o, "count": n, "retries": retries.get((s, r, o), 0)}
                          for (s, r, o), n in sorted(calls.items())],
        "recordedTotal": sum(calls.values()),
        "recordedRetries": sum(retries.values()),
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps({"id": scan_id, "status": view and view["status"], "wallSeconds": result["wallSeconds"]}))
    return 0 if not result["timedOut"] else 1


if __name__ == "__main__":
    sys.exit(main())
