#!/usr/bin/env bash
# Ticketing benchmark: findings consumed, deduplicated and persisted per second, then a rescan that changes nothing.
#
#   bench/ticketing-throughput.sh [--findings 20000] [--warmup 60000] [--rescan 10000] [--rules 50] [--port 18082]
#                                 [--no-destinations]
#
#   1. builds the ticketing service and the benchmarks jar if they are missing or older than the sources;
#      recreates the schema `ticketing` of the database plumbline_bench (created if missing)
#   2. starts two WireMock servers standing in for Jira and Slack (bench/ticketing/*/mappings) and the ticketing
#      service routing every finding to both, reading its own topic plumbline-bench-ticketing-<timestamp>
#   3. warm-up: publishes --warmup OPEN events (rule i % rules, two regions → rules × 2 incidents) to the service just
#      started (its JIT still compiling: the figure of a cold start, timed and printed too); waits for its tickets
#   4. load: publishes --findings more new findings (same rules, other resources) and times until the service has
#      consumed and stored them all (its plumbline_findings_consumed_total counter); checks the findings table holds
#      exactly that many more; waits for the incidents' updates to be delivered
#   5. rescan: publishes the load's first --rescan events again (new event ids, same sequences: nothing changed) and
#      times until they are consumed; counts the calls Jira and Slack received meanwhile (goal: 0)
#
# The topic exists before the service starts, and the clock starts once the service's consumer has every partition
# (as in production, where the topic and the group are long-lived); the events are serialised before it starts.
# BENCH_TICKETING_JAR runs another build of the service (e.g. an earlier commit's, to compare); it is not rebuilt.
# BENCH_JAVA_OPTS adds JVM options to the service (e.g. a JFR recording).
# Needs PostgreSQL and Kafka of the local stack (started with bin/stack up if they are down).
# Everything (logs, figures) is kept in .local/bench/ticketing-<timestamp>/.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"

FINDINGS=20000
WARMUP=60000
RESCAN=10000
RULES=50
PORT=18082
DESTINATIONS=true
BENCH_DB=${BENCH_DB:-plumbline_bench}
while (($#)); do
  case $1 in
    --findings) FINDINGS=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --rescan) RESCAN=${2:?}; shift 2 ;;
    --rules) RULES=${2:?}; shift 2 ;;
    --port) PORT=${2:?}; shift 2 ;;
    --no-destinations) DESTINATIONS=false; shift ;;
    -h | --help) sed -n '2,24s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
((RESCAN <= FINDINGS)) || die "--rescan must not exceed --findings"

ROOT=$PLUMBLINE_ROOT
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$PLUMBLINE_HOME/bench/ticketing-$STAMP
TOPIC=plumbline-bench-ticketing-$STAMP
mkdir -p "$WORK"
JAR=${BENCH_TICKETING_JAR:-$ROOT/ticketing-service/target/quarkus-app/quarkus-run.jar}
BENCH_JAR=$ROOT/benchmarks/target/benchmarks.jar
PIDS=()

cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  info "logs and figures: $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { "${PLUMBLINE_PYTHON:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h "$PLUMBLINE_PG_HOST" -p "$PLUMBLINE_PG_PORT" -U "$PLUMBLINE_PG_USER" -d "$BENCH_DB" "$@"; }
consumed() { curl -sf --max-time 5 "http://127.0.0.1:$PORT/q/metrics" | awk '/^plumbline_findings_consumed_total/ { printf "%d", $2; found=1 } END { if (!found) print 0 }'; }
wm_count() { curl -sf --max-time 5 "http://127.0.0.1:$1/__admin/requests/count" -d '{"method":"ANY"}' | tr -d '\n' | grep -o '"count" *: *[0-9]*' | grep -o '[0-9]*$'; }

# wait_until TIMEOUT_S COMMAND...: polls every 100 ms (figures are that precise); sets WAITED_MS
wait_until() {
  local timeout=$1 start
  shift
  start=$(now_ms)
  until "$@"; do
    (($(now_ms) - start < timeout * 1000)) || return 1
    sleep 0.1
  done
  WAITED_MS=$(($(now_ms) - start))
}

# --- 1. build and database ------------------------------------------------------------------------
find_java_home
bin/stack up >/dev/null
port_open "$PORT" && die "port $PORT is in use (choose another with --port)"
stale() { [[ ! -f $1 ]] || [[ -n $(find pom.xml contracts rules/src ticketing-service benchmarks -path '*/target' -prune -o -type f -newer "$1" -print -quit) ]]; }
if { [[ -z ${BENCH_TICKETING_JAR:-} ]] && stale "$JAR"; } || stale "$BENCH_JAR"; then
  info "building the ticketing service and the benchmarks jar (log: $WORK/build.log)"
  ./mvnw -B -q -ntp package -DskipTests -pl ticketing-service,benchmarks -am >"$WORK/build.log" 2>&1 ||
    { tail -n 30 "$WORK/build.log" >&2; die "build failed"; }
fi
WIREMOCK_JAR=$(ls "$HOME"/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar 2>/dev/null | sort -V | tail -n 1)
if [[ -z $WIREMOCK_JAR ]]; then
  ./mvnw -B -q -ntp dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.1 >>"$WORK/build.log" 2>&1
  WIREMOCK_JAR=$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.1/wiremock-standalone-3.13.1.jar
fi
psql -X -q -h "$PLUMBLINE_PG_HOST" -p "$PLUMBLINE_PG_PORT" -U "$PLUMBLINE_PG_USER" -d postgres -tAc \
  "select 1 from pg_database where datname = '$BENCH_DB'" | grep -q 1 ||
  psql -X -q -h "$PLUMBLINE_PG_HOST" -p "$PLUMBLINE_PG_PORT" -U "$PLUMBLINE_PG_USER" -d postgres -c "create database $BENCH_DB"
psql_bench -c 'SET client_min_messages = warning; DROP SCHEMA IF EXISTS ticketing CASCADE; CREATE SCHEMA ticketing;'

info "== Plumbline ticketing benchmark: $FINDINGS findings over $((RULES * 2)) incidents, then $RESCAN re-sent"
info "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start (shared machine)"

# --- 2. stand-ins for Jira and Slack, and the service -----------------------------------------------
JIRA_PORT=$(free_port)
SLACK_PORT=$(free_port)
for part in jira:$JIRA_PORT slack:$SLACK_PORT; do
  name=${part%%:*} port=${part##*:}
  "$JAVA_HOME/bin/java" -Xmx256m -jar "$WIREMOCK_JAR" --port "$port" --bind-address 127.0.0.1 \
    --root-dir "$ROOT/bench/ticketing/$name" --disable-banner >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
done
wait_until 60 port_open "$JIRA_PORT" && wait_until 60 port_open "$SLACK_PORT" || die "WireMock did not start; see $WORK"
info "stand-ins: Jira on 127.0.0.1:$JIRA_PORT, Slack on 127.0.0.1:$SLACK_PORT"
destination_env=(
  PLUMBLINE_TICKETING_JIRA_BASE_URL="http://127.0.0.1:$JIRA_PORT" PLUMBLINE_TICKETING_JIRA_EMAIL=bench@example.com
  PLUMBLINE_TICKETING_JIRA_API_TOKEN=bench-token
  PLUMBLINE_TICKETING_SLACK_BASE_URL="http://127.0.0.1:$SLACK_PORT" PLUMBLINE_TICKETING_SLACK_BOT_TOKEN=xoxb-bench
  PLUMBLINE_TICKETING_SLACK_CHANNEL=C0BENCH)
$DESTINATIONS || destination_env=()
"$JAVA_HOME/bin/java" -cp "$BENCH_JAR" io.plumbline.benchmarks.FindingsLoad "$(kafka_bootstrap)" "$TOPIC" 0 >/dev/null 2>&1 ||
  die "could not create the topic $TOPIC"
env "${destination_env[@]}" PLUMBLINE_DB_URL="jdbc:postgresql://$PLUMBLINE_PG_HOST:$PLUMBLINE_PG_PORT/$BENCH_DB" PLUMBLINE_TICKETING_PORT="$PORT" \
  KAFKA_BOOTSTRAP_SERVERS="$(kafka_bootstrap)" \
  "$JAVA_HOME/bin/java" -Xmx1g ${BENCH_JAVA_OPTS:-} "-Xlog:gc*:file=$WORK/gc.log:uptime,level,tags" \
  "-Dmp.messaging.incoming.findings.topic=$TOPIC" "-Dmp.messaging.incoming.findings.group.id=bench-$STAMP" \
  "-Dmp.messaging.outgoing.findings-dlq.topic=$TOPIC-dlq" \
  "-Dmp.messaging.incoming.remediation-events.topic=$TOPIC-remediation" \
  "-Dmp.messaging.incoming.remediation-events.group.id=bench-$STAMP" \
  "-Dmp.messaging.incoming.remediation-events.dead-letter-queue.topic=$TOPIC-remediation-dlq" \
  -Dplumbline.ticketing.delivery.rates.slack=200 -Dplumbline.ticketing.delivery.rates.jira=200 \
  -jar "$JAR" >"$WORK/ticketing.log" 2>&1 &
TICKETING_PID=$!
PIDS+=("$TICKETING_PID")
health() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/q/health/ready"; }
wait_until 120 health || { tail -n 30 "$WORK/ticketing.log" >&2; die "the ticketing service did not get ready; see $WORK/ticketing.log"; }
info "ticketing service ready after $(secs "$WAITED_MS") s (pid $TICKETING_PID)"

# --- 3. warm-up and 4. load -------------------------------------------------------------------------
# load N FIRST: publishes events FIRST..FIRST+N-1; sets SENT_MS to when the first one was sent (the generator's JVM
# start and its serialising of the events are not counted)
load() {
  local out
  out=$("$JAVA_HOME/bin/java" -cp "$BENCH_JAR" io.plumbline.benchmarks.FindingsLoad "$(kafka_bootstrap)" "$TOPIC" "$1" "$RULES" "bench-$STAMP" "$2" 2>/dev/null)
  echo "$out" | grep -v '^sending-from'
  SENT_MS=$(echo "$out" | awk '/^sending-from-epoch-ms/ { print $2 }')
}
reached() { (($(consumed) >= $1)); }
# cpu_ms PID...: CPU time (user + system) the processes have used so far, in ms — a figure that a busy machine
# (other builds taking the cores) does not inflate the way it inflates wall time
cpu_ms() {
  local tick total=0 pid
  tick=$(getconf CLK_TCK)
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo $((total * 1000 / tick))
}
postgres_pids() { pgrep -x postgres || true; }
# thread_cpu PID: CPU ms per kind of thread of the process (numbers in names folded: executor-thread-N)
thread_cpu() {
  local tick task
  tick=$(getconf CLK_TCK)
  for task in /proc/"$1"/task/*; do
    [[ -r $task/stat ]] || continue
    printf '%s\t%s\n' "$(sed 's/[0-9][0-9]*/N/g; s/ /_/g' "$task/comm")" "$(sed 's/.*) //' "$task/stat" | awk '{ print $12 + $13 }')"
  done | awk -F'\t' -v tick="$tick" '{ ms[$1] += $2 * 1000 / tick } END { for (k in ms) printf "%s\t%d\n", k, ms[k] }' | sort
}
pending() { [[ $(psql_bench -tAc "select count(*) from ticketing.delivery where state <> 'DELIVERED'") == 0 ]]; }
WARMUP_MS=0
if ((WARMUP > 0)); then
  info ""
  info "== warm-up: $WARMUP new findings to the service just started"
  load "$WARMUP" 0
  wait_until 600 reached "$WARMUP" || die "only $(consumed) of $WARMUP consumed after 600 s"
  WARMUP_MS=$(($(now_ms) - SENT_MS))
  info "consumed and stored $WARMUP findings in $(secs "$WARMUP_MS") s: $((WARMUP * 1000 / WARMUP_MS)) findings/s (cold start)"
  wait_until 300 pending || die "deliveries still pending after 300 s"
fi

info ""
info "== load: $FINDINGS new findings"
cpu_before=$(cpu_ms "$TICKETING_PID")
pg_before=$(cpu_ms $(postgres_pids))
thread_cpu "$TICKETING_PID" >"$WORK/threads-before.tsv"
load "$FINDINGS" "$WARMUP"
wait_until 600 reached "$((WARMUP + FINDINGS))" || die "only $(consumed) of $((WARMUP + FINDINGS)) consumed after 600 s"
LOAD_MS=$(($(now_ms) - SENT_MS))
LOAD_CPU_MS=$(($(cpu_ms "$TICKETING_PID") - cpu_before))
LOAD_PG_MS=$(($(cpu_ms $(postgres_pids)) - pg_before))
thread_cpu "$TICKETING_PID" | join -t $'\t' -a 2 -e 0 -o 0,1.2,2.2 "$WORK/threads-before.tsv" - |
  awk -F'\t' '$3 - $2 >= 50 { printf "%8d ms  %s\n", $3 - $2, $1 }' | sort -rn >"$WORK/threads-load.txt"
stored=$(psql_bench -tAc 'select count(*) from ticketing.finding')
incidents=$(psql_bench -tAc 'select count(*) from ticketing.incident')
[[ $stored == "$((WARMUP + FINDINGS))" ]] || die "the findings table holds $stored rows, expected $((WARMUP + FINDINGS))"
info "consumed and stored $FINDINGS findings in $(secs "$LOAD_MS") s (from the first event sent): $((FINDINGS * 1000 / LOAD_MS)) findings/s; $incidents incidents"
wait_until 300 pending || die "deliveries still pending after 300 s"
tickets=$(psql_bench -tAc "select count(*) from ticketing.ticket where state = 'CREATED'")
info "delivered: $tickets tickets (Jira issues and Slack messages) and their updates after $(secs "$WAITED_MS") s more"

# --- 5. rescan --------------------------------------------------------------------------------------
info ""
info "== rescan: $RESCAN unchanged findings sent again"
calls_before=$(($(wm_count "$JIRA_PORT") + $(wm_count "$SLACK_PORT")))
deliveries_before=$(psql_bench -tAc 'select count(*) from ticketing.delivery')
load "$RESCAN" "$WARMUP"
wait_until 600 reached "$((WARMUP + FINDINGS + RESCAN))" || die "rescan not consumed after 600 s"
RESCAN_MS=$(($(now_ms) - SENT_MS))
sleep 2 # let a worker round pass: a step queued by the rescan would be sent now
calls_after=$(($(wm_count "$JIRA_PORT") + $(wm_count "$SLACK_PORT")))
deliveries_after=$(psql_bench -tAc 'select count(*) from ticketing.delivery')
timers=$(curl -sf --max-time 5 "http://127.0.0.1:$PORT/q/metrics" | awk '
  /^plumbline_findings_batch_(check|store)_seconds_(count|sum)/ { split($1, n, "_seconds_"); v[n[1] "_" n[2]] = $2 }
  END { printf "batches %d; checking %.1f s, storing %.1f s in total (%.0f ms per batch)",
        v["plumbline_findings_batch_store_count"], v["plumbline_findings_batch_check_sum"],
        v["plumbline_findings_batch_store_sum"],
        1000 * (v["plumbline_findings_batch_check_sum"] + v["plumbline_findings_batch_store_sum"]) / (v["plumbline_findings_batch_store_count"] ? v["plumbline_findings_batch_store_count"] : 1) }')
heap=$(awk 'match($0, /Pause.* ([0-9]+)M->[0-9]+M/, m) { if (m[1] > max) max = m[1] } END { print max + 0 }' "$WORK/gc.log")

info ""
{
  echo "Ticketing benchmark ($STAMP), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "  new findings consumed, deduplicated and stored: $FINDINGS in $(secs "$LOAD_MS") s = $((FINDINGS * 1000 / LOAD_MS))/s (goal >= 5,000/s); $incidents incidents, $tickets tickets delivered"
  ((WARMUP > 0)) && echo "  the $WARMUP before them, right after the start (cold JIT): $(secs "$WARMUP_MS") s = $((WARMUP * 1000 / WARMUP_MS))/s"
  echo "  CPU used during the load: service $(secs "$LOAD_CPU_MS") s ($((LOAD_CPU_MS * 1000 / FINDINGS)) µs per finding), PostgreSQL $(secs "$LOAD_PG_MS") s (all its clients)"
  echo "  the service's threads during the load (CPU ms): $(awk '{ printf "%s%s %s", sep, $3, $1; sep = ", " }' "$WORK/threads-load.txt" | head -c 400)"
  echo "  rescan of $RESCAN unchanged findings: $(secs "$RESCAN_MS") s (goal <= 5 s); outbound calls $((calls_after - calls_before)) (goal 0); deliveries queued $((deliveries_after - deliveries_before))"
  echo "  consumer: $timers"
  echo "  peak heap before a GC: ${heap} MiB (-Xmx1g)"
} | tee "$WORK/figures.txt"
