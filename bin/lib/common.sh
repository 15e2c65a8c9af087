# shellcheck shell=bash disable=SC2034 # variables here are used by the sourcing scripts
# Shared helpers for the bin/ scripts. Source it, do not run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# Safe under `set -euo pipefail`; it sets no shell options itself.

# --- locations ---------------------------------------------------------------

# Repo root, derived from this file's location so scripts work from any cwd.
plumbline_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
}

PLUMBLINE_ROOT="$(plumbline_root)"
# State dir for the local stack (jars, data, logs, pid records); .local/ is gitignored.
PLUMBLINE_HOME="${PLUMBLINE_HOME:-$PLUMBLINE_ROOT/.local}"
PLUMBLINE_LOG_DIR="$PLUMBLINE_HOME/logs"
PLUMBLINE_RUN_DIR="$PLUMBLINE_HOME/run"
export PLUMBLINE_HOME

# --- endpoints (each overridable from the environment) -----------------------

PLUMBLINE_PG_HOST="${PLUMBLINE_PG_HOST:-127.0.0.1}"
PLUMBLINE_PG_PORT="${PLUMBLINE_PG_PORT:-5432}"
PLUMBLINE_PG_USER="${PLUMBLINE_PG_USER:-postgres}"
PLUMBLINE_KAFKA_HOST="${PLUMBLINE_KAFKA_HOST:-127.0.0.1}"
PLUMBLINE_KAFKA_PORT="${PLUMBLINE_KAFKA_PORT:-19092}"
PLUMBLINE_KAFKA_CONTROLLER_PORT="${PLUMBLINE_KAFKA_CONTROLLER_PORT:-19093}"
PLUMBLINE_MOTO_HOST="${PLUMBLINE_MOTO_HOST:-127.0.0.1}"
PLUMBLINE_MOTO_PORT="${PLUMBLINE_MOTO_PORT:-15000}"

kafka_bootstrap() { echo "$PLUMBLINE_KAFKA_HOST:$PLUMBLINE_KAFKA_PORT"; }
moto_url() { echo "http://$PLUMBLINE_MOTO_HOST:$PLUMBLINE_MOTO_PORT"; }
db_url_base() { echo "jdbc:postgresql://$PLUMBLINE_PG_HOST:$PLUMBLINE_PG_PORT"; }

# --- output ------------------------------------------------------------------

info() { echo "$*"; }
warn() { echo "warning: $*" >&2; }
die() { echo "error: $*" >&2; exit 1; }

# One `export NAME=value` line, quoted so `eval` is safe with any value.
print_export() { printf 'export %s=%q\n' "$1" "$2"; }

# Endpoints of the local services, for the Quarkus services and scripts.
print_service_env() {
  print_export KAFKA_BOOTSTRAP_SERVERS "$(kafka_bootstrap)"
  print_export PLUMBLINE_DB_URL_BASE "$(db_url_base)"
}

# AWS emulator (moto) settings for the demo and tests: fake credentials that
# only the emulator accepts, never real AWS ones.
print_emulator_env() {
  echo "# AWS emulator (moto) settings: not real AWS credentials"
  print_export AWS_ENDPOINT_URL "$(moto_url)"
  print_export AWS_ACCESS_KEY_ID testing
  print_export AWS_SECRET_ACCESS_KEY testing
  print_export AWS_REGION us-east-2
  # boto3 and the AWS CLI read AWS_DEFAULT_REGION rather than AWS_REGION.
  print_export AWS_DEFAULT_REGION us-east-2
}

# --- Java --------------------------------------------------------------------

# Major version of the JDK/JRE at $1 (8, 17, 21, 25, ...), or nothing if unknown.
java_major() {
  local home=$1 version=""
  if [[ -r $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [[ -z $version && -x $home/bin/java ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')
  fi
  version=${version#1.} # old scheme: 1.8.0_x -> 8
  version=${version%%[.+_-]*}
  [[ $version =~ ^[0-9]+$ ]] && echo "$version"
  return 0
}

# True if $1 is a JDK (has javac) of major version >= 21.
is_jdk21_plus() {
  local major
  [[ -x $1/bin/javac ]] || return 1
  major=$(java_major "$1")
  [[ -n $major ]] && ((major >= 21))
}

# Exports JAVA_HOME (and PATH) to a JDK >= 21: $JAVA_HOME if it qualifies,
# else the newest one under /usr/lib/jvm. Fails naming every place it looked.
find_java_home() {
  local looked=() candidate major best="" best_major=0
  if [[ -n ${JAVA_HOME:-} ]]; then
    if is_jdk21_plus "$JAVA_HOME"; then
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    looked+=("JAVA_HOME=$JAVA_HOME ($(describe_java "$JAVA_HOME"))")
  fi
  for candidate in /usr/lib/jvm/*; do
    [[ -d $candidate ]] || continue
    major=$(java_major "$candidate")
    looked+=("$candidate ($(describe_java "$candidate"))")
    if is_jdk21_plus "$candidate" && ((major > best_major)); then
      best=$candidate best_major=$major
    fi
  done
  if [[ -z $best ]]; then
    echo "error: no JDK >= 21 found (one with bin/javac). Looked at:" >&2
    if ((${#looked[@]} == 0)); then
      echo "  (JAVA_HOME unset, /usr/lib/jvm has no entries)" >&2
    else
      printf '  %s\n' "${looked[@]}" >&2
    fi
    echo "Install a JDK 21+ or point JAVA_HOME at one." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}

# Short description of what is at $1, for find_java_home's failure message.
describe_java() {
  local major
  major=$(java_major "$1")
  if [[ -x $1/bin/javac ]]; then
    echo "JDK ${major:-?}"
  elif [[ -x $1/bin/java ]]; then
    echo "JRE ${major:-?}, no javac"
  else
    echo "no bin/java"
  fi
}

# --- waiting -----------------------------------------------------------------

# Milliseconds since the epoch, for readiness timings.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_for NAME TIMEOUT_SECONDS COMMAND...
# Polls COMMAND (output discarded) until it succeeds. On timeout prints an
# error naming $PLUMBLINE_LOG_DIR/NAME.log and returns 1. If WAIT_FOR_PID is
# set and that process exits first, fails at once instead of waiting it out.
wait_for() {
  local name=$1 timeout=$2
  shift 2
  local start deadline log="$PLUMBLINE_LOG_DIR/$name.log"
  start=$(now_ms)
  deadline=$((start + timeout * 1000))
  until "$@" >/dev/null 2>&1; do
    if [[ -n ${WAIT_FOR_PID:-} ]] && ! kill -0 "$WAIT_FOR_PID" 2>/dev/null; then
      echo "error: $name exited (pid $WAIT_FOR_PID) before it answered; see $log" >&2
      return 1
    fi
    if (($(now_ms) >= deadline)); then
      echo "error: $name did not answer within ${timeout}s; see $log" >&2
      return 1
    fi
    sleep 0.5
  done
  WAITED_MS=$(($(now_ms) - start)) # for callers that report how long it took
}
