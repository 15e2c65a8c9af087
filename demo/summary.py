#!/usr/bin/env python3
"""Print a readable summary of a Plumbline scan, of the active findings and of the incidents.

    python3 demo/summary.py --api http://127.0.0.1:8081 --scan <scan id> [--log-dir .local/logs]
                            [--ticketing http://127.0.0.1:8082 [--ticketing-wait 90] [--destinations jira,slack]]

Reads the scanner's REST API (scan, active findings, rule catalog) and prints: the
scan's outcome, active findings by pillar and severity, the four risks of the
Well-Architected case study with their full finding texts, the other active
findings grouped by rule, and where to look next. With --ticketing it also reads the
ticketing service's incidents (after waiting up to --ticketing-wait seconds for it to
take in the scanner's findings) and lists them with their tickets on each destination.
Standard library only.

Everything that comes from AWS (names, tags, messages) is untrusted: it is
printed as plain text with control characters (ANSI escapes and the like) removed.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import textwrap
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from datetime import datetime, timezone

# The case study's risks, in the order the review presented them.
CASE_STUDY_RULES = [
    "rds-instance-multi-az",                      # REL10
    "vpn-tunnel-down",                            # REL2
    "ec2-instance-public-unrestricted-ingress",   # SEC5
    "rds-instance-storage-encrypted",             # SEC8
]
SEVERITY_ORDER = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"]
PILLAR_ORDER = ["SECURITY", "RELIABILITY", "OPERATIONAL_EXCELLENCE", "PERFORMANCE_EFFICIENCY",
                "COST_OPTIMIZATION", "SUSTAINABILITY"]
FINDINGS_LIMIT = 10000      # the API's maximum page size
HTTP_TIMEOUT_S = 30
INCIDENTS_SHOWN = 15
SETTLE_S = 3                # the incidents must stay unchanged this long to count as caught up...
SETTLE_UNCOVERED_S = 15     # ...or this long when some active finding is in no incident (e.g. filtered out)
ACTIVE_INCIDENT_STATES = ("OPEN", "ACKNOWLEDGED", "REOPENED")
INCIDENT_STATE_ORDER = ["OPEN", "REOPENED", "ACKNOWLEDGED", "SUPPRESSED", "RESOLVED", "FALSE_POSITIVE"]
DESTINATION_VARIABLES = "PLUMBLINE_TICKETING_JIRA_BASE_URL, PLUMBLINE_TICKETING_SLACK_BOT_TOKEN, …"

# --------------------------------------------------------------------------
# Untrusted text
# --------------------------------------------------------------------------

# ANSI/VT escape sequences: CSI (ESC [ ...), OSC (ESC ] ... BEL or ST), and two-byte ESC sequences.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
# Bidirectional overrides/isolates can make text display differently from what it is.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))


def clean(value) -> str:
    """Plain, single-line text: escapes and control characters removed, whitespace collapsed."""
    if value is None:
        return ""
    text = _ANSI.sub("", str(value)).translate(_BIDI)
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\t\n\r" or category in ("Zl", "Zp"):
            out.append(" ")
        elif category != "Cc":          # drops C0/C1 controls, including a lone ESC
            out.append(ch)
    return " ".join("".join(out).split())


# --------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------

class ApiError(Exception):
    pass


def get_json(api: str, path: str):
    """GET api+path as JSON; returns (body, headers). Raises ApiError with a readable reason."""
    url = api.rstrip("/") + path
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            return json.load(response), response.headers
    except urllib.error.HTTPError as e:
        detail = clean(e.read(500).decode("utf-8", "replace"))
        raise ApiError(f"GET {url} answered HTTP {e.code}: {detail or e.reason}") from None
    except (urllib.error.URLError, OSError) as e:
        raise ApiError(f"GET {url} failed: {getattr(e, 'reason', e)}") from None
    except json.JSONDecodeError as e:
        raise ApiError(f"GET {url} did not return JSON: {e}") from None


# --------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------

def parse_instant(value):
    """An API timestamp (ISO-8601 string or epoch seconds) as an aware datetime, or None."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc)
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def format_duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest:02d} s"


def width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 110))


def wrapped(text: str, indent: str) -> str:
    return textwrap.fill(text, width=width(), initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def heading(title: str) -> None:
    print()
    print(f"== {title}")


def ordered(keys, preferred):
    """Known keys in their preferred order, then any others alphabetically."""
    keys = set(keys)
    return [k for k in preferred if k in keys] + sorted(keys - set(preferred))


def table(rows, headers) -> None:
    """A small left/right-aligned table: text columns left, numbers right."""
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells):
        parts = [c.rjust(w) if c.replace(".", "").isdigit() else c.ljust(w) for c, w in zip(cells, widths)]
        return "   " + "  ".join(parts).rstrip()

    print(line(headers))
    print("   " + "  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def pretty(enum_name: str) -> str:
    """SECURITY -> Security, COST_OPTIMIZATION -> Cost optimization."""
    return clean(enum_name).replace("_", " ").capitalize() if enum_name else "?"


# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------

def print_scan(scan: dict) -> None:
    status = clean(scan.get("status"))
    started, finished = parse_instant(scan.get("startedAt")), parse_instant(scan.get("finishedAt"))
    took = format_duration((finished - started).total_seconds()) if started and finished else "still running"
    heading(f"Scan {clean(scan.get('id'))}: {status} in {took}")
    regions = ", ".join(clean(r) for r in scan.get("regions") or []) or "the scanner's default regions"
    rules = scan.get("rules") or []
    changes = scan.get("findings") or {}
    errors = scan.get("errors") or []
    print(f"   started             {clean(scan.get('startedAt'))}")
    print(f"   regions             {regions}")
    print(f"   rules               {len(rules) if rules else 'all enabled'}")
    print(f"   resources evaluated {scan.get('resourcesEvaluated', '?')}")
    print(f"   AWS calls           {scan.get('awsCalls', '?')}")
    print(f"   findings this scan  opened {changes.get('opened', 0)}, reopened {changes.get('reopened', 0)}, "
          f"resolved {changes.get('resolved', 0)}")
    print(f"   errors              {len(errors)}")
    for e in errors:
        where = " ".join(clean(x) for x in (e.get("accountId"), e.get("region"), e.get("resourceType"),
                                            e.get("ruleId") and f"rule {e.get('ruleId')}") if x)
        print(wrapped(f"- {where}: {clean(e.get('message'))}", "     "))
    if status == "PARTIAL":
        print("   PARTIAL: the scopes above failed; their earlier findings were left as they were.")


def print_breakdown(findings: list, total: int) -> None:
    shown = f"{total}" if total == len(findings) else f"{total} (first {len(findings)} summarised)"
    heading(f"Active findings: {shown}, from this and earlier scans")
    if not findings:
        print("   none")
        return
    by_pillar = Counter(f.get("pillar") or "?" for f in findings)
    by_severity = Counter(f.get("severity") or "?" for f in findings)
    print()
    table([[pretty(p), by_pillar[p]] for p in ordered(by_pillar, PILLAR_ORDER)], ["pillar", "findings"])
    print()
    table([[clean(s), by_severity[s]] for s in ordered(by_severity, SEVERITY_ORDER)], ["severity", "findings"])


def resource_label(f: dict) -> str:
    """'name (id)' or the ARN, whichever says more."""
    name, rid, arn = clean(f.get("resourceName")), clean(f.get("resourceId")), clean(f.get("resourceArn"))
    if name and rid and name != rid:
        return f"{name} ({rid})"
    return name or rid or arn or "?"


def print_case_study(by_rule: dict, catalog: dict) -> None:
    heading("Case-study risks (the four the Well-Architected review found)")
    for rule_id in CASE_STUDY_RULES:
        rule = catalog.get(rule_id, {})
        found = by_rule.get(rule_id, [])
        sample = found[0] if found else {}
        title = clean(rule.get("title") or sample.get("title") or rule_id)
        question = clean(rule.get("question") or sample.get("question"))
        practice = clean(rule.get("bestPractice") or sample.get("bestPractice"))
        print()
        print(f"-- {question or '?'}: {title}")
        print(f"   rule {rule_id} | pillar {pretty(rule.get('pillar') or sample.get('pillar'))} | "
              f"question {question or '?'}, best practice {practice or '?'} | "
              f"severity {clean(rule.get('severity') or sample.get('severity')) or '?'}")
        if not rule:
            print("   (not in the scanner's rule catalog)")
        elif rule.get("enabled") is False:
            print("   (switched off in this deployment)")
        if not found:
            print("   no active finding (expected at least one: is the estate seeded? rerun bin/demo)")
            continue
        print(f"   {len(found)} active finding{'s' if len(found) != 1 else ''}:")
        for f in found:
            print(f"   * {clean(f.get('region'))}  {resource_label(f)}")
            arn = clean(f.get("resourceArn"))
            if arn:
                print(f"     {arn}")
            print(wrapped(clean(f.get("message")), "     "))


def print_other_rules(by_rule: dict, catalog: dict) -> None:
    others = {r: fs for r, fs in by_rule.items() if r not in CASE_STUDY_RULES}
    heading(f"Other active findings, by rule ({sum(len(v) for v in others.values())} findings, {len(others)} rules)")
    if not others:
        print("   none")
        return

    def severity_of(rule_id):
        return clean(catalog.get(rule_id, {}).get("severity") or others[rule_id][0].get("severity")) or "?"

    def sort_key(rule_id):
        sev = severity_of(rule_id)
        rank = SEVERITY_ORDER.index(sev) if sev in SEVERITY_ORDER else len(SEVERITY_ORDER)
        return rank, -len(others[rule_id]), rule_id

    rows = sorted(others, key=sort_key)
    id_width = max(len(clean(r)) for r in rows)
    sev_width = max(len(severity_of(r)) for r in rows)
    count_width = max(len(str(len(others[r]))) for r in rows)
    for rule_id in rows:
        title = clean(catalog.get(rule_id, {}).get("title") or others[rule_id][0].get("title"))
        question = clean(catalog.get(rule_id, {}).get("question") or others[rule_id][0].get("question"))
        print(f"   {severity_of(rule_id):<{sev_width}}  {clean(rule_id):<{id_width}}  "
              f"{len(others[rule_id]):>{count_width}}  {title}{f' ({question})' if question else ''}")


def print_where(api: str, scan_id: str, log_dir: str, ticketing: str | None) -> None:
    api = api.rstrip("/")
    heading("Where things are")
    rows = [
        ("scanner API", api),
        ("active findings", f"{api}/api/v1/findings?status=ACTIVE"),
        ("this scan", f"{api}/api/v1/scans/{scan_id}"),
        ("rule catalog", f"{api}/api/v1/rules"),
        ("OpenAPI", f"{api}/q/openapi"),
        ("health", f"{api}/q/health"),
        ("metrics", f"{api}/q/metrics"),
        ("scanner log", f"{log_dir}/scanner.log"),
    ]
    if ticketing:
        ticketing = ticketing.rstrip("/")
        rows += [
            ("ticketing API", ticketing),
            ("incidents", f"{ticketing}/api/v1/incidents   (?state=OPEN&severity=HIGH; /api/v1/incidents/<id> adds the trail)"),
            ("dead deliveries", f"{ticketing}/api/v1/deliveries?state=DEAD"),
            ("ticketing OpenAPI", f"{ticketing}/q/openapi"),
            ("ticketing log", f"{log_dir}/ticketing.log"),
        ]
    rows += [
        ("stack logs", f"{log_dir}/ (postgres, kafka, moto)"),
        ("scan again", f"curl -X POST -H 'Content-Type: application/json' -d '{{}}' {api}/api/v1/scans"),
        ("stop", "bin/demo stop   (the services bin/demo started, then bin/stack down)"
                 if ticketing else "bin/demo stop   (the scanner bin/demo started, then bin/stack down)"),
    ]
    label_width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"   {label:<{label_width}}  {value}")


# --------------------------------------------------------------------------
# Incidents (ticketing service)
# --------------------------------------------------------------------------

def note(message: str) -> None:
    """Progress for the person watching; stderr, so the summary on stdout stays clean."""
    print(message, file=sys.stderr, flush=True)


def incident_fingerprints(incidents: list) -> set:
    return {f.get("fingerprint") for i in incidents for f in i.get("findings") or []}


def wait_for_ticketing(ticketing: str, active: set, timeout_s: float):
    """The incidents once the ticketing service has caught up with the scanner, or what it has at the timeout.

    Caught up: the number of incidents and of their findings (by status) unchanged for SETTLE_S seconds and
    every active finding of the scanner in some incident, or unchanged for SETTLE_UNCOVERED_S seconds anyway.
    Returns (incidents, caught_up, seconds waited); raises ApiError if the service never answered.
    """
    if timeout_s <= 0:
        return get_json(ticketing, "/api/v1/incidents")[0], None, 0.0
    start = time.monotonic()
    deadline = start + timeout_s
    last_signature, stable_since, incidents, error, next_note = None, start, None, None, start + 15
    while True:
        now = time.monotonic()
        try:
            incidents, _ = get_json(ticketing, "/api/v1/incidents")
            error = None
        except ApiError as e:
            error = e
        if incidents is not None and error is None:
            signature = (len(incidents), tuple(sorted(Counter(
                f.get("status") for i in incidents for f in i.get("findings") or []).items())))
            if signature != last_signature:
                last_signature, stable_since = signature, now
            settled = now - stable_since
            covered = active <= incident_fingerprints(incidents)
            if (covered and settled >= SETTLE_S) or settled >= SETTLE_UNCOVERED_S:
                return incidents, True, now - start
        if now >= deadline:
            if incidents is None:
                raise error or ApiError(f"GET {ticketing}/api/v1/incidents gave nothing")
            return incidents, False, now - start
        if now >= next_note:
            have = "no answer yet" if incidents is None else f"{len(incidents)} incidents so far"
            note(f"  waiting for the ticketing service to take in the findings ({int(now - start)}s, {have})")
            next_note += 15
        time.sleep(0.5)


def severity_rank(severity) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def state_rank(state) -> int:
    return INCIDENT_STATE_ORDER.index(state) if state in INCIDENT_STATE_ORDER else len(INCIDENT_STATE_ORDER)


def print_ticket(ticket: dict) -> None:
    destination = clean(ticket.get("destination")) or "?"
    key, url = clean(ticket.get("key")), clean(ticket.get("url"))
    delivery = clean(ticket.get("delivery")) or "?"
    where = " ".join(x for x in (key, url) if x) or f"no ticket yet ({clean(ticket.get('state')).lower() or '?'})"
    line = f"{destination:<10} {where}  [{delivery}"
    pending = ticket.get("pendingSteps") or 0
    if delivery != "DELIVERED" and pending:
        line += f", {pending} step{'s' if pending != 1 else ''} waiting"
    line += "]"
    print(wrapped(line, "       "))
    error = clean(ticket.get("lastError"))
    if error and delivery != "DELIVERED":
        print(wrapped(f"last error: {error[:300]}", "                  "))


def out_of_step(incident: dict, known: dict) -> list:
    """This scanner's findings that the incident shows fixed while the scanner has them failing, or the reverse.

    The ticketing service keeps, per finding, the event with the highest sequence it has seen; another scanner
    database publishing the same fingerprint to the shared topic (a test run) can leave it behind the scanner.
    """
    odd = []
    for f in incident.get("findings") or []:
        scanner = known.get(f.get("fingerprint"))
        if scanner is None:
            continue
        if (scanner == "RESOLVED") != (f.get("status") == "RESOLVED"):
            label = clean(f.get("resourceName")) or clean(f.get("resourceId")) or clean(f.get("resourceArn"))
            odd.append(f"{label} is {clean(scanner)} in the scanner, {clean(f.get('status'))} here")
    return odd


def print_incidents(incidents: list | None, known: dict, destinations: set, caught_up, waited: float,
                    error: str | None) -> None:
    heading("Incidents (ticketing service)")
    if error:
        print(wrapped(f"the ticketing service did not answer: {error}", "   "))
        return
    # The findings topic is shared (test runs publish to it too): show the incidents of this scanner's findings.
    ours = [i for i in incidents if incident_fingerprints([i]) & known.keys()]
    others = len(incidents) - len(ours)
    took = f"after {waited:.0f} s" if waited >= 1 else "at once"
    if caught_up is None:
        print(f"   {len(ours)} incident{'s' if len(ours) != 1 else ''} from this estate's findings "
              "(as the ticketing service has them now)")
    elif caught_up:
        print(f"   caught up with the scanner {took}: {len(ours)} incident{'s' if len(ours) != 1 else ''} "
              f"from this estate's findings")
    else:
        print(wrapped(f"not caught up after {waited:.0f} s (the service may still be working through the findings "
                      f"topic; see its log): showing the {len(ours)} incidents so far", "   "))
    if others:
        print(wrapped(f"({others} other incident{'s' if others != 1 else ''} came from findings this scanner does "
                      "not know, e.g. published to the shared findings topic by test runs; the API lists them too)",
                      "   "))
    if not ours:
        print("   none")
        return
    stepped = sum(1 for i in ours if out_of_step(i, known))
    if stepped:
        print(wrapped(f"! {stepped} of them disagree with the scanner about a finding (marked ! below): another "
                      "run published the same findings to the shared findings topic with later sequence numbers, "
                      "so the ticketing service kept that run's state; the scanner's is the truth for this estate",
                      "   "))
    by_state = Counter(clean(i.get("state")) or "?" for i in ours)
    by_severity = Counter(clean(i.get("severity")) or "?" for i in ours)
    print()
    table([[s, by_state[s]] for s in ordered(by_state, INCIDENT_STATE_ORDER)], ["state", "incidents"])
    print()
    table([[s, by_severity[s]] for s in ordered(by_severity, SEVERITY_ORDER)], ["severity", "incidents"])

    configured = set(destinations) | {t.get("destination") for i in ours for t in i.get("tickets") or []}
    print()
    if not configured:
        print(wrapped("no destination configured: incidents are kept and listed by the API; set "
                      f"{DESTINATION_VARIABLES} to deliver them (see README)", "   "))
        print()
    rows = sorted(ours, key=lambda i: (severity_rank(i.get("severity")), state_rank(i.get("state")),
                                       -len(i.get("findings") or []), clean(i.get("title")), i.get("id") or 0))
    shown = rows[:INCIDENTS_SHOWN]
    id_width = max(len(str(i.get("id"))) for i in shown) + 1
    state_width = max(len(clean(i.get("state"))) for i in shown)
    severity_width = max(len(clean(i.get("severity"))) for i in shown)
    for incident in shown:
        # Only this scanner's findings: another run's resources may share the incident (same rule, account, region).
        findings = [f for f in incident.get("findings") or [] if f.get("fingerprint") in known]
        resources = {f.get("resourceArn") or f.get("fingerprint") for f in findings}
        failing = {f.get("resourceArn") or f.get("fingerprint") for f in findings if f.get("status") != "RESOLVED"}
        affected = f"{len(resources)} resource{'s' if len(resources) != 1 else ''}"
        if incident.get("state") in ACTIVE_INCIDENT_STATES and len(failing) < len(resources):
            affected += f", {len(resources) - len(failing)} fixed"
        prefix = (f"   {'#' + str(incident.get('id')):<{id_width}}  {clean(incident.get('state')):<{state_width}}  "
                  f"{clean(incident.get('severity')):<{severity_width}}  ")
        print(textwrap.fill(f"{clean(incident.get('title'))} ({affected})", width=width(), initial_indent=prefix,
                            subsequent_indent=" " * len(prefix), break_long_words=False, break_on_hyphens=False))
        for odd in out_of_step(incident, known):
            print(wrapped(f"! {odd}", "       "))
        if configured:
            tickets = incident.get("tickets") or []
            if not tickets:
                print(wrapped(f"no ticket: route {clean(incident.get('route')) or '?'} sends it to no configured "
                              "destination, or it was opened before one was configured", "       "))
            for ticket in tickets:
                print_ticket(ticket)
    if len(rows) > INCIDENTS_SHOWN:
        print(f"   and {len(rows) - INCIDENTS_SHOWN} more")


# --------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--api", default="http://127.0.0.1:8081", help="scanner base URL")
    ap.add_argument("--scan", required=True, help="scan id (from POST /api/v1/scans)")
    ap.add_argument("--log-dir", default=".local/logs", help="where the demo's logs are (shown in the summary)")
    ap.add_argument("--ticketing", help="ticketing service base URL, e.g. http://127.0.0.1:8082 (adds the incidents)")
    ap.add_argument("--ticketing-wait", type=float, default=0, metavar="SECONDS",
                    help="wait up to this long for the ticketing service to take in the scanner's findings")
    ap.add_argument("--destinations", default="",
                    help="comma-separated destinations the ticketing service was configured with (else inferred)")
    args = ap.parse_args(argv)
    # Never die on a character the terminal cannot show.
    sys.stdout.reconfigure(errors="replace")
    try:
        scan, _ = get_json(args.api, f"/api/v1/scans/{urllib.parse.quote(args.scan, safe='')}")
        findings, headers = get_json(args.api, f"/api/v1/findings?status=ACTIVE&limit={FINDINGS_LIMIT}")
        rules, _ = get_json(args.api, "/api/v1/rules")
        # Every finding this scanner knows (resolved ones too), to tell its incidents from others on the topic.
        known = None
        if args.ticketing:
            every, _ = get_json(args.api, f"/api/v1/findings?limit={FINDINGS_LIMIT}")
            known = {f.get("fingerprint"): f.get("status") for f in every}
    except ApiError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    try:
        total = int(headers.get("X-Total-Count", len(findings)))
    except ValueError:
        total = len(findings)
    catalog = {r.get("id"): r for r in rules}
    by_rule = defaultdict(list)
    for f in findings:
        by_rule[f.get("ruleId")].append(f)

    incidents, caught_up, waited, ticketing_error = None, False, 0.0, None
    if args.ticketing:
        active = {f.get("fingerprint") for f in findings}
        try:
            incidents, caught_up, waited = wait_for_ticketing(args.ticketing, active, args.ticketing_wait)
        except ApiError as e:
            ticketing_error = str(e)

    print_scan(scan)
    print_breakdown(findings, total)
    print_case_study(by_rule, catalog)
    print_other_rules(by_rule, catalog)
    if args.ticketing:
        destinations = {d.strip() for d in args.destinations.split(",") if d.strip()}
        print_incidents(incidents, known, destinations, caught_up, waited, ticketing_error)
    print_where(args.api, clean(scan.get("id")) or args.scan, args.log_dir, args.ticketing)
    return 1 if ticketing_error else 0


if __name__ == "__main__":
    sys.exit(main())
