#!/usr/bin/env python3
"""Show the remediation service's proposals for the demo estate and approve one through the API.

    python3 demo/remediation.py --api http://127.0.0.1:8083 --token-file .local/run/remediation.token
                                [--approve rds-enable-multi-az] [--wait 120] [--ticketing http://127.0.0.1:8082]

1. waits (up to --wait seconds) until the service has turned the scan's findings into proposals and
   lists them: state, action, resource, the plan;
2. approves the oldest PROPOSED proposal of the --approve action with
   POST /api/v1/proposals/{id}/approve (bearer token from --token-file, actor "demo-operator"), the call a
   non-Slack approver makes, and follows it: APPROVED -> EXECUTING -> SUCCEEDED -> VERIFIED (the scanner
   rescanned the resource and the finding is RESOLVED); prints the proposal's audit trail;
3. with --ticketing, shows the incident of that finding (the ticketing service resolves it when all its
   findings are resolved, and comments the remediation steps on its tickets).

A rerun finds the resource already fixed: nothing is waiting for a decision, and the earlier proposals are
listed with their outcome. The token is read from the file and never printed. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request

from summary import ApiError, clean, get_json, heading, note, table, width, wrapped

FINAL_STATES = ("VERIFIED", "FAILED", "REJECTED", "EXPIRED", "ROLLED_BACK")
SETTLE_S = 3      # the proposals must stay unchanged this long to count as taken in
ACTOR = "demo-operator"


def post_json(api: str, path: str, token: str):
    """POST api+path with the bearer token; returns (HTTP status, JSON body or {})."""
    url = api.rstrip("/") + path
    request = urllib.request.Request(url, method="POST", data=b"", headers={
        "Accept": "application/json", "Authorization": f"Bearer {token}", "X-Plumbline-Actor": ACTOR})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as e:
        try:
            return e.code, json.loads(e.read(2000).decode("utf-8", "replace"))
        except json.JSONDecodeError:
            return e.code, {}
    except (urllib.error.URLError, OSError) as e:
        raise ApiError(f"POST {url} failed: {getattr(e, 'reason', e)}") from None


def wait_for_proposals(api: str, timeout_s: float) -> list:
    """The proposals once their number and states have stopped changing (or what there is at the timeout)."""
    start = time.monotonic()
    last, stable_since, next_note = None, start, start + 15
    while True:
        proposals, _ = get_json(api, "/api/v1/proposals")
        signature = sorted((p.get("id"), p.get("state")) for p in proposals)
        now = time.monotonic()
        if signature != last:
            last, stable_since = signature, now
        if proposals and now - stable_since >= SETTLE_S:
            return proposals
        if now - start >= timeout_s:
            return proposals
        if now >= next_note:
            note(f"  waiting for the remediation service to propose fixes ({int(now - start)}s, {len(proposals)} so far)")
            next_note += 15
        time.sleep(1)


def plan_summary(proposal: dict) -> str:
    """The plan's one-line summary (the plan is stored as JSON text by the service)."""
    plan = proposal.get("plan")
    try:
        parsed = json.loads(plan) if isinstance(plan, str) else plan
    except json.JSONDecodeError:
        parsed = None
    if isinstance(parsed, dict):
        return clean(parsed.get("summary") or parsed.get("description") or plan)
    return clean(plan)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def print_proposals(proposals: list) -> None:
    heading("Remediation proposals (remediation service)")
    if not proposals:
        print("   none: no enabled action matched an open finding")
        return
    rows = [(clean(p.get("state")), clean(p.get("actionId")), clean(p.get("region")), clean(p.get("resourceId")),
             shorten(plan_summary(p), 70)) for p in sorted(proposals, key=lambda p: (p.get("actionId") or "", p.get("resourceId") or ""))]
    table(rows, ["state", "action", "region", "resource", "plan"])


def follow(api: str, proposal_id: str, timeout_s: float) -> dict:
    """The proposal once it reaches a final state, or as it is at the timeout; notes each state change."""
    start = time.monotonic()
    seen = None
    while True:
        proposal, _ = get_json(api, f"/api/v1/proposals/{urllib.parse.quote(proposal_id, safe='')}")
        state = proposal.get("state")
        if state != seen:
            note(f"  {int(time.monotonic() - start):>3}s  {clean(state)}")
            seen = state
        if state in FINAL_STATES or time.monotonic() - start >= timeout_s:
            return proposal
        time.sleep(1)


def print_trail(proposal: dict) -> None:
    print()
    print(f"   audit trail of proposal {clean(proposal.get('id'))} (GET /api/v1/proposals/{{id}}):")
    for entry in proposal.get("history") or []:
        line = f"{clean(entry.get('at'))[:19]}  {clean(entry.get('actor'))}: {clean(entry.get('what'))} -> {clean(entry.get('outcome'))}"
        print(textwrap.fill(line, width=width(), initial_indent="     ", subsequent_indent=" " * 26,
                            break_long_words=False, break_on_hyphens=False))
    if proposal.get("before") or proposal.get("after"):
        print(wrapped(f"before: {clean(proposal.get('before'))}", "     "))
        print(wrapped(f"after:  {clean(proposal.get('after'))}", "     "))


def print_incident(ticketing: str, fingerprint: str, timeout_s: float) -> None:
    """The incident holding this finding; waits a little for the ticketing service to take in the resolution."""
    deadline = time.monotonic() + timeout_s
    incident = None
    while True:
        incidents, _ = get_json(ticketing, "/api/v1/incidents")
        incident = next((i for i in incidents if any(f.get("fingerprint") == fingerprint for f in i.get("findings") or [])), None)
        finding = None if incident is None else next(f for f in incident["findings"] if f.get("fingerprint") == fingerprint)
        if (finding is not None and finding.get("status") == "RESOLVED") or time.monotonic() >= deadline:
            break
        time.sleep(1)
    print()
    if incident is None:
        print("   the ticketing service has no incident for this finding")
        return
    findings = incident.get("findings") or []
    failing = sum(1 for f in findings if f.get("status") != "RESOLVED")
    print(wrapped(f"incident {clean(incident.get('id'))} ({clean(incident.get('title'))}): "
                  f"{clean(incident.get('state'))}, {failing} of {len(findings)} findings still failing", "   "))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--api", default="http://127.0.0.1:8083", help="remediation service base URL")
    ap.add_argument("--token-file", required=True, help="file holding the service's API bearer token")
    ap.add_argument("--approve", default="rds-enable-multi-az", help="action whose oldest waiting proposal to approve")
    ap.add_argument("--wait", type=float, default=120, metavar="SECONDS", help="how long to wait at each step")
    ap.add_argument("--ticketing", help="ticketing service base URL (shows the incident of the fixed finding)")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(errors="replace")
    try:
        with open(args.token_file, encoding="utf-8") as f:
            token = f.read().strip()
    except OSError as e:
        print(f"error: cannot read the API token: {e}", file=sys.stderr)
        return 1
    try:
        proposals = wait_for_proposals(args.api, args.wait)
        print_proposals(proposals)
        waiting = sorted((p for p in proposals if p.get("state") == "PROPOSED" and p.get("actionId") == args.approve),
                         key=lambda p: p.get("requestedAt") or "")
        print()
        if not waiting:
            print(wrapped(f"no {args.approve} proposal is waiting for a decision (a rerun: the resource was fixed "
                          "by an earlier run; the list above shows how each proposal ended)", "   "))
            return 0
        chosen = waiting[0]
        print(wrapped(f"approving {clean(chosen.get('actionId'))} on {clean(chosen.get('resourceId'))} "
                      f"({clean(chosen.get('region'))}) through the API, as a non-Slack approver would:", "   "))
        print(f"     curl -X POST -H \"Authorization: Bearer $(cat {args.token_file})\" -H 'X-Plumbline-Actor: {ACTOR}' \\")
        print(f"          {args.api}/api/v1/proposals/{clean(chosen.get('id'))}/approve")
        sys.stdout.flush()
        status, body = post_json(args.api, f"/api/v1/proposals/{urllib.parse.quote(chosen['id'], safe='')}/approve", token)
        print(f"   -> HTTP {status} {clean(json.dumps(body))}")
        if status not in (200, 202):
            return 1
        sys.stdout.flush()
        final = follow(args.api, chosen["id"], args.wait)
        print_trail(final)
        print()
        print(f"   proposal state: {clean(final.get('state'))}")
        if args.ticketing:
            print_incident(args.ticketing, chosen.get("fingerprint"), 30)
        return 0 if final.get("state") == "VERIFIED" else 1
    except ApiError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
