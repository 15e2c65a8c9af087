#!/usr/bin/env bash
# Remediation benchmark: time from a Slack button click (signed request) to the service's 200 answer.
#
#   bench/slack-interactions.sh [--approvals 300] [--unknown 300] [--port 18083]
#
#   1. builds the remediation service if its jar is missing or older than the sources; recreates the schema
#      `remediation` of the database plumbline_bench (created if missing)
#   2. starts a WireMock stand-in for Slack (bench/slack/mappings) and the service with remediation enabled for
#      rds-enable-multi-az, approver U0BENCH, on its own topics; AWS points at a closed port, so an approved fix
#      fails at once and nothing ever reaches a real account
#   3. inserts --approvals PROPOSED proposals, then clicks Approve on each (signed, fresh timestamp, one at a
#      time) and clicks --unknown times on proposals that do not exist; prints p50/p95/p99/max per kind
#      (goal: p99 < 300 ms; Slack wants the answer within 3 s)
# Logs and figures are kept in .local/bench/slack-<timestamp>/.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"

APPROVALS=300
UNKNOWN=300
PORT=18083
BENCH_DB=${BENCH_DB:-plumbline_bench}
SECRET=bench-signing-secret
while (($#)); do
  case $1 in
    --approvals) APPROVALS=${2:?}; shift 2 ;;
    --unknown) UNKNOWN=${2:?}; shift 2 ;;
    --port) PORT=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

ROOT=$PLUMBLINE_ROOT
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$PLUMBLINE_HOME/bench/slack-$STAMP
mkdir -p "$WORK"
JAR=$ROOT/remediation-service/target/quarkus-app/quarkus-run.jar
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
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h "$PLUMBLINE_PG_HOST" -p "$PLUMBLINE_PG_PORT" -U "$PLUMBLINE_PG_USER" -d "$BENCH_DB" "$@"; }
wait_until() {
  local timeout=$1 start
  shift
  start=$(now_ms)
  until "$@"; do
    (($(now_ms) - start < timeout * 1000)) || return 1
    sleep 0.2
  done
}

find_java_home
bin/stack up >/dev/null
port_open "$PORT" && die "port $PORT is in use (choose another with --port)"
if [[ ! -f $JAR || -n $(find pom.xml contracts remediation-service -path '*/target' -prune -o -type f -newer "$JAR" -print -quit) ]]; then
  info "building the remediation service (log: $WORK/build.log)"
  ./mvnw -B -q -ntp package -DskipTests -pl remediation-service -am >"$WORK/build.log" 2>&1 ||
    { tail -n 30 "$WORK/build.log" >&2; die "build failed"; }
fi
WIREMOCK_JAR=$(ls "$HOME"/.m2/repository/org/wiremock/wiremock-standalone/*/wiremock-standalone-*.jar 2>/dev/null | sort -V | tail -n 1)
[[ -n $WIREMOCK_JAR ]] || die "WireMock is not in the local Maven repository yet: run bin/test once"
psql -X -q -h "$PLUMBLINE_PG_HOST" -p "$PLUMBLINE_PG_PORT" -U "$PLUMBLINE_PG_USER" -d postgres -tAc \
  "select 1 from pg_database where datname = '$BENCH_DB'" | grep -q 1 ||
  psql -X -q -h "$PLUMBLINE_PG_HOST" -p "$PLUMBLINE_PG_PORT" -U "$PLUMBLINE_PG_USER" -d postgres -c "create database $BENCH_DB"
psql_bench -c 'SET client_min_messages = warning; DROP SCHEMA IF EXISTS remediation CASCADE; CREATE SCHEMA remediation;'

info "== Plumbline Slack interaction benchmark: $APPROVALS approvals, $UNKNOWN clicks on unknown proposals"
info "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start (shared machine)"

SLACK_PORT=$(free_port)
"$JAVA_HOME/bin/java" -Xmx256m -jar "$WIREMOCK_JAR" --port "$SLACK_PORT" --bind-address 127.0.0.1 \
  --root-dir "$ROOT/bench/slack" --disable-banner >"$WORK/slack.log" 2>&1 &
PIDS+=($!)
env PLUMBLINE_DB_URL="jdbc:postgresql://$PLUMBLINE_PG_HOST:$PLUMBLINE_PG_PORT/$BENCH_DB" \
  KAFKA_BOOTSTRAP_SERVERS="$(kafka_bootstrap)" AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_REGION=us-east-2 \
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench PLUMBLINE_REMEDIATION_ENABLED=true \
  "$JAVA_HOME/bin/java" -Xmx512m -Dquarkus.http.port="$PORT" \
  "-Dmp.messaging.incoming.findings.topic=plumbline-bench-slack-findings-$STAMP" \
  "-Dmp.messaging.outgoing.remediation-events.topic=plumbline-bench-slack-events-$STAMP" \
  -Dplumbline.remediation.actions.rds-enable-multi-az.enabled=true \
  -Dplumbline.remediation.actions.rds-enable-multi-az.approvers=U0BENCH \
  -Dplumbline.remediation.max-actions-per-hour-per-account=1000 \
  -Dplumbline.remediation.slack.signing-secret="$SECRET" -Dplumbline.remediation.slack.bot-token=xoxb-bench \
  -Dplumbline.remediation.slack.channel=C0BENCH -Dplumbline.remediation.slack.base-url="http://127.0.0.1:$SLACK_PORT" \
  -Dplumbline.remediation.scanner-url=http://127.0.0.1:9 \
  -jar "$JAR" >"$WORK/remediation.log" 2>&1 &
PIDS+=($!)
ready() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/q/health/ready"; }
wait_until 120 ready || { tail -n 30 "$WORK/remediation.log" >&2; die "the remediation service did not get ready"; }
wait_until 60 port_open "$SLACK_PORT" || die "the Slack stand-in did not start"

# PROPOSED proposals as the flow would have made them (plan and resource are placeholders: the fix fails at once)
ids=$("${PLUMBLINE_PYTHON:-python3}" -c "import uuid; print(' '.join(str(uuid.uuid4()) for _ in range($APPROVALS)))")
{
  echo "insert into remediation.proposal (id, fingerprint, action_id, action_version, rule_id, account_id, region,"
  echo "  resource_arn, resource_id, state, plan, requested_at, expires_at) values"
  sep=""
  for id in $ids; do
    fp=$(printf '%s' "$id" | sha256sum | cut -c1-64)
    echo "$sep('$id', '$fp', 'rds-enable-multi-az', 1, 'rds-instance-multi-az', '123456789012', 'us-east-2',"
    echo "  'arn:aws:rds:us-east-2:123456789012:db:bench-$fp', 'bench-${fp:0:8}', 'PROPOSED',"
    echo "  '{\"call\":\"rds:ModifyDBInstance\",\"request\":{},\"before\":{},\"after\":{}}', now(), now() + interval '1 hour')"
    sep=","
  done
  echo ";"
} >"$WORK/proposals.sql"
psql_bench -f "$WORK/proposals.sql" >/dev/null

# shellcheck disable=SC2086 # ids are uuids, one word each
"${PLUMBLINE_PYTHON:-python3}" "$ROOT/bench/slack_clicks.py" --url "http://127.0.0.1:$PORT" --secret "$SECRET" \
  --user U0BENCH --response-url "http://127.0.0.1:$SLACK_PORT/response" --unknown "$UNKNOWN" --approve $ids |
  tee "$WORK/figures.txt"
echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/figures.txt"
