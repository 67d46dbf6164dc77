#!/usr/bin/env bash
# One outer-loop generation of workflows/meta-improve.yaml, run by 1 worker and then by 2 worker processes on the same
# fresh PostgreSQL store contents (each worker --concurrency 1, its training on one thread). Prints the wall time of
# each (from the meta run's creation to its last commit), the speed-up, and every trial run's own time, which is what
# a plan for N machines is made from.
# Usage: bench/workers/meta-generation.sh [TRIAL_JSON]
#   default trial: the workflow's own trial defaults with a budget of 400 post-training steps
source "$(dirname "$0")/common.sh"
trial=${1:-'{"rounds":24,"budget":400,"baseMaxLength":3,"baseSteps":1000,"baseBatch":64,"baseLr":0.003,"gateItems":256}'}
cd "$repo"

for workers in 1 2; do
  db=bench_meta_$workers
  store=$(fresh_store "$db")
  cli publish workflows/self-improve-addition.yaml --store "$store" >/dev/null
  for w in $(seq 1 "$workers"); do start_worker "$store" "w$w" --concurrency 1; done
  cli enqueue workflows/meta-improve.yaml --store "$store" --id gen --seed 1 \
    -i generations=1 -i proposals=2 -i baseSeed=1 -i "trial=$trial" >/dev/null
  wait_for_run "$store" gen
  stop_workers
  echo "== $workers worker(s)"
  sql "$db" "SELECT format('generation: %s s', round(extract(epoch FROM (updated_at::timestamptz - created_at::timestamptz))::numeric))
             FROM runs WHERE id = 'gen'"
  sql "$db" "SELECT format('  %s: %s s', id, round(extract(epoch FROM (updated_at::timestamptz - created_at::timestamptz))::numeric))
             FROM runs WHERE id LIKE 'gen.%' ORDER BY created_at, id"
done
echo "== speed-up"
seconds() { sql "$1" "SELECT extract(epoch FROM (updated_at::timestamptz - created_at::timestamptz)) FROM runs WHERE id = 'gen'"; }
awk -v a="$(seconds bench_meta_1)" -v b="$(seconds bench_meta_2)" 'BEGIN { printf "1 worker %.0f s, 2 workers %.0f s: %.2fx\n", a, b, a / b }'
