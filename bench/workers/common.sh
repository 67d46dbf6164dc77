# Shared by the worker benchmarks: a Release build of the command, a throwaway PostgreSQL (unless
# ORCHESTRATOR_TEST_POSTGRES names a server), a fresh database per benchmark, and workers started in the background.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$repo/tools/throwaway-postgres.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/orchestrator-bench-workers.XXXXXX")
worker_pids=()
cleanup() {
  for pid in "${worker_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_test_postgres
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

echo "== build (Release)" >&2
dotnet build "$repo/src/Orchestrator.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
cli_dll=$repo/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator.dll
cli() { dotnet "$cli_dll" "$@"; }

if [[ -z ${ORCHESTRATOR_TEST_POSTGRES:-} ]]; then start_test_postgres >&2; fi

# psql against the server, as the connection string names it.
pg_field() { tr ';' '\n' <<<"$ORCHESTRATOR_TEST_POSTGRES" | sed -n "s/^$1=//Ip" | head -1; }
pg_host=$(pg_field Host); pg_port=$(pg_field Port); pg_user=$(pg_field Username)
sql() { PGOPTIONS="--client-min-messages=warning" PGPASSWORD=$(pg_field Password) psql -X -q -t -A -h "$pg_host" -p "${pg_port:-5432}" -U "$pg_user" -d "$1" -c "$2"; }

# A fresh database; prints the --store connection string for it.
fresh_store() {
  sql postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  sql postgres "CREATE DATABASE $1" >/dev/null
  echo "Host=$pg_host;Port=${pg_port:-5432};Username=$pg_user;Database=$1"
}

# start_worker STORE NAME [options...]: a worker in the background, once it says what it serves. Its training runs on
# one thread (--training-threads 1: one gradient worker, one Torch intra-op thread), as a worker per core is deployed.
start_worker() {
  local store=$1 name=$2
  shift 2
  # exec, so that $! is the worker itself and stop_workers' SIGTERM reaches it.
  (exec dotnet "$cli_dll" worker --store "$store" --name "$name" --training-threads 1 "$@" 2>"$work/$name.log" >/dev/null) &
  worker_pids+=($!)
  for _ in $(seq 1 600); do
    grep -q "^worker $name: store" "$work/$name.log" 2>/dev/null && return
    sleep 0.1
  done
  echo "worker $name did not start:" >&2
  cat "$work/$name.log" >&2
  exit 1
}

stop_workers() {
  for pid in "${worker_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  worker_pids=()
}

# wait_for_run STORE RUN: until the run has succeeded (exits 1 when it fails).
wait_for_run() {
  local db=${1##*Database=} status
  while :; do
    status=$(sql "$db" "SELECT status || CASE WHEN queued THEN '/queued' ELSE '' END FROM runs WHERE id = '$2'")
    case $status in
      succeeded) return 0 ;;
      failed | cancelled) echo "run $2 $status" >&2; return 1 ;;
    esac
    sleep 0.2
  done
}
