#!/usr/bin/env bash
# One outer-loop generation of workflows/meta-improve.yaml, run by 1 worker and then by 2 worker processes on the same
# fresh PostgreSQL store contents (each worker --concurrency 1, its training on one thread). Prints the wall time of
# each (from the meta run's creation to its last commit), the speed-up, and every trial run's own time, which is what
# a plan for N machines is made from.
# Usage: bench/workers/meta-generation.sh [-i name=value]...   (meta-improve inputs; default: its own, one generation)
source "$(dirname "$0")/common.sh"
cd "$repo"

for workers in 1 2; do
  db=bench_meta_$workers
  store=$(fresh_store "$db")
  cli publish workflows/self-improve-addition.yaml --store "$store" >/dev/null
  for w in $(seq 1 "$workers"); do start_worker "$store" "w$w" --concurrency 1; done
  cli enqueue workflows/meta-improve.yaml --store "$store" --id gen --seed 1 \
    -i generations=1 "$@" >/dev/null
  wait_for_run "$store" gen
  stop_workers
  echo "== $workers worker(s)"
  sql "$db" "SELECT format('generation: %s s', round(extract(epoch FROM (updated_at::timestamptz - created_at::timestamptz))::numeric))
             FROM runs WHERE id = 'gen'"
  # A trial's own time: from its first step starting to its last commit (not the time it waited in the queue).
  sql "$db" "SELECT format('  %s: %s s', r.id, round(extract(epoch FROM (r.updated_at::timestamptz - min(s.first_started_at::timestamptz)))::numeric))
             FROM runs r JOIN steps s ON s.run_id = r.id WHERE r.id LIKE 'gen.%' GROUP BY r.id, r.created_at, r.updated_at ORDER BY r.created_at, r.id"
done
echo "== speed-up"
seconds() { sql "$1" "SELECT extract(epoch FROM (updated_at::timestamptz - created_at::timestamptz)) FROM runs WHERE id = 'gen'"; }
awk -v a="$(seconds bench_meta_1)" -v b="$(seconds bench_meta_2)" 'BEGIN { printf "1 worker %.0f s, 2 workers %.0f s: %.2fx\n", a, b, a / b }'
