#!/usr/bin/env bash
# Whole-process scan benchmark: a large emulated estate, one full scan and one unchanged rescan; prints figures.
#
#   bench/scan-estate.sh [--resources 10000] [--scanner-port 18081] [--moto-port 15900] [--debug-aws]
#
#   1. starts its own moto (stack/moto/emulator.py) on 127.0.0.1:<moto-port>, stopped at exit
#   2. seeds ~N resources over us-east-2 and sa-east-1 (bench/seed_large_estate.py), timed
#   3. builds the scanner if its jar is missing or older than the sources, drops the schema `scanner` of the
#      database plumbline_bench (so runs are comparable) and starts the scanner (-Xmx1g, GC log), stopped at exit
#   4. scan 1: all rules, both regions: wall time from POST to finished, awsCalls against the minimum for the
#      seeded counts (formula: bench/aws_call_budget.py), peak heap, findings opened; scan 2 (nothing changed):
#      wall time and findings opened (expected 0)
#
# Needs the shared local stack's PostgreSQL (127.0.0.1:5432, database plumbline_bench) and Kafka (127.0.0.1:19092)
# running (bin/stack up); never touches the shared moto. Findings go to the Kafka topic plumbline-bench-findings,
# not `findings`, so other consumers of the shared broker do not get the benchmark's thousands of events.
# --debug-aws adds the AWS SDK's request log (software.amazon.awssdk.request at DEBUG) to the scanner log.
# Everything (logs, JSON results, moto's request recording) is kept in .local/bench/<timestamp>/.
#
# Known limit at 10,000 resources: moto 5.2.1 serializes DescribeInstances (~1,900 instances per region) and
# DescribeVolumes (~2,300) in one response each, single-process, and on a busy 2-core machine that takes 35-60 s.
# The scanner's HTTP read timeout is a fixed 60 s (AwsClients), so a scan can hit it; the SDK then retries up to
# 6 attempts while moto is still building the abandoned responses, the attempts time out too, and the scan ends
# PARTIAL with "Read timed out (SDK Attempt Count: 6)" for those collectors. The figures show it as it happens.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"

RESOURCES=10000
MOTO_PORT=${BENCH_MOTO_PORT:-15900}
SCANNER_PORT=${BENCH_SCANNER_PORT:-18081}
REGIONS=us-east-2,sa-east-1
BENCH_DB=${BENCH_DB:-plumbline_bench}
BENCH_TOPIC=plumbline-bench-findings
DEBUG_AWS=false
PYTHON=${PLUMBLINE_PYTHON:-python3}

usage() { sed -n '2,24s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while (($#)); do
  case $1 in
    --resources) RESOURCES=${2:?--resources needs a number}; shift 2 ;;
    --resources=*) RESOURCES=${1#*=}; shift ;;
    --scanner-port) SCANNER_PORT=${2:?}; shift 2 ;;
    --moto-port) MOTO_PORT=${2:?}; shift 2 ;;
    --debug-aws) DEBUG_AWS=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if ! [[ $RESOURCES =~ ^[0-9]+$ ]] || ((RESOURCES < 200)); then
  die "--resources must be a number >= 200"
fi

ROOT=$PLUMBLINE_ROOT
BENCH=$ROOT/bench
JAR=$ROOT/scanner-service/target/quarkus-app/quarkus-run.jar
WORK=$PLUMBLINE_HOME/bench/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$WORK"
MOTO_URL=http://127.0.0.1:$MOTO_PORT
SCANNER_URL=http://127.0.0.1:$SCANNER_PORT
MOTO_PID="" SCANNER_PID=""

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# stop PID NAME: TERM, then KILL after 30 s; only the process this script started.
stop() {
  local pid=$1 name=$2 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name (pid $pid) ignored TERM for 30 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  info "stopped $name (pid $pid)"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop "$SCANNER_PID" scanner
  stop "$MOTO_PID" moto
  info "logs and results: $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# bench_wait NAME TIMEOUT_S PID LOG COMMAND...: poll until COMMAND succeeds; fail early if PID dies.
bench_wait() {
  local name=$1 timeout=$2 pid=$3 log=$4 start
  shift 4
  start=$(now_ms)
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log" >&2; die "$name exited before it answered; see $log"; }
    (($(now_ms) - start < timeout * 1000)) || { tail -n 30 "$log" >&2; die "$name did not answer within ${timeout}s; see $log"; }
    sleep 0.5
  done
  WAITED_MS=$(($(now_ms) - start))
}

# --- preflight ------------------------------------------------------------------------------------
find_java_home
command -v psql >/dev/null || die "psql is needed (to reset the benchmark database)"
"$PYTHON" -c 'import boto3, moto' 2>/dev/null || die "$PYTHON needs boto3 and moto[server]"
port_open "$MOTO_PORT" && die "port $MOTO_PORT is in use: the benchmark starts its own moto there (--moto-port to choose another)"
port_open "$SCANNER_PORT" && die "port $SCANNER_PORT is in use (another scanner?); choose another with --scanner-port"
port_open "$PLUMBLINE_KAFKA_PORT" || die "Kafka does not answer on $(kafka_bootstrap); start the local stack (bin/stack up)"
pg_isready -q -h "$PLUMBLINE_PG_HOST" -p "$PLUMBLINE_PG_PORT" || die "PostgreSQL does not answer on $PLUMBLINE_PG_HOST:$PLUMBLINE_PG_PORT"
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h "$PLUMBLINE_PG_HOST" -p "$PLUMBLINE_PG_PORT" -U "$PLUMBLINE_PG_USER" -d "$BENCH_DB" "$@"; }
psql_bench -tAc 'select 1' >/dev/null || die "database $BENCH_DB is not reachable"

info "== Plumbline scan benchmark: ~$RESOURCES resources, regions $REGIONS"
info "machine: $(nproc) cores, load average $(loadavg) at start (shared machine: other builds and tests run on it)"
info "work dir: $WORK"

# --- 1. our own moto -----------------------------------------------------------------------------
info ""
info "== 1. moto on $MOTO_URL"
MOTO_RECORDER_FILEPATH=$WORK/moto-recording.jsonl MOTO_IAM_LOAD_MANAGED_POLICIES=true PYTHONUNBUFFERED=1 \
  "$PYTHON" "$ROOT/stack/moto/emulator.py" -H 127.0.0.1 -p "$MOTO_PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
bench_wait moto 120 "$MOTO_PID" "$WORK/moto.log" curl -sf -o /dev/null --max-time 2 "$MOTO_URL/moto-api/"
info "moto: ready after $(secs "$WAITED_MS")s (pid $MOTO_PID)"

# --- 2. seed -------------------------------------------------------------------------------------
info ""
info "== 2. seeding"
seed_start=$(now_ms)
"$PYTHON" "$BENCH/seed_large_estate.py" --endpoint "$MOTO_URL" --resources "$RESOURCES" --regions "$REGIONS" \
  --json-out "$WORK/estate.json" | tee "$WORK/seed.log"
SEED_MS=$(($(now_ms) - seed_start))

# --- 3. scanner ----------------------------------------------------------------------------------
info ""
info "== 3. scanner on $SCANNER_URL (database $BENCH_DB, topic $BENCH_TOPIC)"
newer=""
[[ -f $JAR ]] && newer=$(find "$ROOT/pom.xml" "$ROOT/scanner-service" "$ROOT/rules" "$ROOT/contracts" \
  -path '*/target' -prune -o -type f -newer "$JAR" -print -quit)
if [[ ! -f $JAR || -n $newer ]]; then
  info "building the scanner (${newer:+$newer changed; }log: $WORK/build.log)"
  (cd "$ROOT" && ./mvnw -B -q -pl scanner-service -am package -DskipTests) >"$WORK/build.log" 2>&1 ||
    { tail -n 30 "$WORK/build.log" >&2; die "build failed; see $WORK/build.log"; }
else
  info "scanner jar is up to date: $JAR"
fi
psql_bench -c 'SET client_min_messages = warning; DROP SCHEMA IF EXISTS scanner CASCADE; CREATE SCHEMA scanner;'
info "database $BENCH_DB: schema scanner dropped and recreated (Flyway migrates it at start)"
jvm_flags=(-Xmx1g "-Xlog:gc*:file=$WORK/gc.log:uptime,level,tags" "-Dmp.messaging.outgoing.findings.topic=$BENCH_TOPIC")
$DEBUG_AWS && jvm_flags+=('-Dquarkus.log.category."software.amazon.awssdk.request".level=DEBUG')
env -u AWS_PROFILE -u AWS_SESSION_TOKEN -u AWS_DEFAULT_PROFILE \
  AWS_ENDPOINT_URL="$MOTO_URL" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-2 \
  PLUMBLINE_S3_PATH_STYLE=true PLUMBLINE_REGIONS="$REGIONS" \
  PLUMBLINE_DB_URL="jdbc:postgresql://$PLUMBLINE_PG_HOST:$PLUMBLINE_PG_PORT/$BENCH_DB" \
  PLUMBLINE_SCANNER_PORT="$SCANNER_PORT" KAFKA_BOOTSTRAP_SERVERS="$(kafka_bootstrap)" \
  "$JAVA_HOME/bin/java" "${jvm_flags[@]}" -jar "$JAR" >"$WORK/scanner.log" 2>&1 &
SCANNER_PID=$!
bench_wait scanner 180 "$SCANNER_PID" "$WORK/scanner.log" curl -sf -o /dev/null --max-time 5 "$SCANNER_URL/q/health/ready"
info "scanner: ready after $(secs "$WAITED_MS")s (pid $SCANNER_PID, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1))"

# --- 4. the scans --------------------------------------------------------------------------------
for n in 1 2; do
  info ""
  info "== 4.$n scan $n ($([[ $n == 1 ]] && echo "full, all rules, both regions" || echo "again, nothing changed"))"
  echo "load average before scan $n: $(loadavg)" | tee -a "$WORK/load.txt"
  "$PYTHON" "$BENCH/run_scan.py" --scanner "$SCANNER_URL" --moto "$MOTO_URL" --out "$WORK/scan$n.json" ||
    warn "scan $n did not finish in time"
  echo "load average after scan $n: $(loadavg)" | tee -a "$WORK/load.txt"
done

# --- figures -------------------------------------------------------------------------------------
info ""
"$PYTHON" "$BENCH/aws_call_budget.py" --estate "$WORK/estate.json" --scan "$WORK/scan1.json" --scan "$WORK/scan2.json" \
  --probe "$MOTO_URL" --sources "$ROOT/scanner-service/src/main/java/io/plumbline/scanner/collect" \
  --json-out "$WORK/budget.json" | tee "$WORK/budget.txt"

"$PYTHON" - "$WORK" "$SEED_MS" "$(nproc)" <<'EOF' | tee "$WORK/figures.txt"
import json, re, sys
work, seed_ms, cores = sys.argv[1], int(sys.argv[2]), sys.argv[3]
estate = json.load(open(f"{work}/estate.json"))
scans = [json.load(open(f"{work}/scan{i}.json")) for i in (1, 2)]
budget = json.load(open(f"{work}/budget.json"))
load = open(f"{work}/load.txt").read().strip().splitlines()
gc = open(f"{work}/gc.log").read().splitlines()
pause = re.compile(r"^\[(\d+\.\d+)s\].*GC\(\d+\) Pause .* (\d+)M->(\d+)M\((\d+)M\)")

def gc_peak(window):
    lo, hi = window
    peaks = [int(m.group(2)) for m in map(pause.match, gc) if m and (lo is None or lo <= float(m.group(1)) <= (hi or 1e12))]
    return (max(peaks), len(peaks)) if peaks else (None, 0)

mib = lambda b: f"{b / 2**20:,.0f} MiB"
created = {s: sum(v for k, v in c.items() if not k.startswith(("ec2:run-instances", "iam:password"))
                  and "(associated)" not in k) for s, c in estate["created"].items()}
print("== Figures")
print(f"  machine                     {cores} cores, shared and busy with other builds/tests: " + "; ".join(load))
print(f"  resources seeded            {sum(created.values()):,} created by the seeder "
      f"({', '.join(f'{s} {n:,}' for s, n in created.items())}); "
      f"{estate['evaluableResources']:,} of the types the scanner evaluates (incl. moto's default VPC/SGs)")
print(f"  seeding time                {seed_ms / 1000:.1f} s (seeder's own: {estate['seedingSeconds']:.1f} s seeding "
      f"+ {estate['inventorySeconds']:.1f} s inventory describes)")
for i, (s, b) in enumerate(zip(scans, budget["scans"]), 1):
    v = s["scan"] or {}
    peak_gc, n_gc = gc_peak(s["jvmUptimeWindow"])
    f = v.get("findings", {})
    print(f"  -- scan {i}: {v.get('status')}")
    print(f"  resources evaluated         {v.get('resourcesEvaluated', 0):,}")
    print(f"  wall time (POST->finished)  {s['wallSeconds']:.1f} s   (scanner's startedAt..finishedAt: "
          f"{v.get('startedAt')} .. {v.get('finishedAt')})")
    print(f"  AWS calls                   {v.get('awsCalls', 0):,} made vs {budget['minimum']:,} minimum "
          f"-> {b['ratio']}x (goal <= 1.1x); {s['recordedTotal']:,} requests reached moto, {s['recordedRetries']} retries"
          + ("" if v.get("status") == "SUCCEEDED" else
             "\n                              (not a complete scan: collectors failed, see errors; the ratio covers what was made)"))
    print(f"  peak heap                   {mib(s['peakHeapBytes'])} sampled every 250 ms ({s['heapSamples']} samples); "
          + (f"{peak_gc:,} MiB highest before a GC pause in the GC log ({n_gc} pauses during the scan)"
             if peak_gc else "no GC pause during the scan") + "; -Xmx1g")
    print(f"  findings                    opened {f.get('opened')}, reopened {f.get('reopened')}, resolved {f.get('resolved')}")
    errors = v.get("errors") or []
    print(f"  errors                      {len(errors)}")
    for e in errors:
        print(f"    {json.dumps(e)}")
EOF
