#!/usr/bin/env python3
"""Sends signed Slack button clicks to the remediation service and prints how long each answer took.

    python3 bench/slack_clicks.py --url http://127.0.0.1:18083 --secret S --user U0BENCH \
        --response-url http://127.0.0.1:PORT/response --approve ID [ID ...] --unknown 200

Each request is what Slack sends: a form body `payload=<json>` signed with v0 HMAC-SHA256 over
`v0:<timestamp>:<body>`, a fresh timestamp and a body that differs from every other (no replay).
Standard library only; one keep-alive connection, requests one after another, as Slack sends one click at a time.
"""
import argparse
import hashlib
import hmac
import http.client
import json
import statistics
import sys
import time
import urllib.parse
import uuid


def click(conn, secret, user, proposal_id, response_url):
    payload = {"type": "block_actions", "user": {"id": user}, "response_url": response_url,
               "actions": [{"action_id": "plumbline_approve", "value": proposal_id}],
               "container": {"message_ts": "1700000000.000100", "channel_id": "C0BENCH"},
               "trigger_id": str(uuid.uuid4())}
    body = "payload=" + urllib.parse.quote(json.dumps(payload, separators=(",", ":")))
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    start = time.perf_counter()
    conn.request("POST", "/slack/interactions", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": sig})
    response = conn.getresponse()
    answer = response.read().decode()
    return (time.perf_counter() - start) * 1000, response.status, answer


def figures(name, samples):
    ms = sorted(s for s, _, _ in samples)
    p = lambda q: ms[min(len(ms) - 1, int(round(q * (len(ms) - 1))))]
    statuses = {}
    for _, status, _ in samples:
        statuses[status] = statuses.get(status, 0) + 1
    print(f"  {name}: {len(ms)} requests, HTTP {statuses}; p50 {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, "
          f"p99 {p(0.99):.1f} ms, max {ms[-1]:.1f} ms, mean {statistics.mean(ms):.1f} ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--response-url", required=True)
    ap.add_argument("--approve", nargs="*", default=[])
    ap.add_argument("--unknown", type=int, default=0)
    ap.add_argument("--warmup", type=int, default=50)
    args = ap.parse_args()
    target = urllib.parse.urlparse(args.url)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    for _ in range(args.warmup):  # JIT and connection pools warm; not counted
        click(conn, args.secret, args.user, str(uuid.uuid4()), args.response_url)
    unknown = [click(conn, args.secret, args.user, str(uuid.uuid4()), args.response_url) for _ in range(args.unknown)]
    approved = [click(conn, args.secret, args.user, pid, args.response_url) for pid in args.approve]
    print("Slack request → answer, measured by the client (one click at a time):")
    if approved:
        figures("approve a PROPOSED proposal (decision stored, fix started asynchronously)", approved)
        bad = [a for _, s, a in approved if "Approved" not in a]
        if bad:
            print(f"  warning: {len(bad)} approvals were not 'Approved': {bad[0][:200]}")
    if unknown:
        figures("click on an unknown proposal (verified, refused with a message, audited)", unknown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
