#!/usr/bin/env bash
# Dispatch latency and step throughput through a worker, on PostgreSQL:
#  - latency: from a run's creation by `enqueue` to its first step starting on an idle worker (from the store's own
#    timestamps, so the polling of this script does not count), over RUNS runs one after another;
#  - throughput: the 1,000-`set` workflow run in-process by `run`, and enqueued to one worker (from the run's
#    creation to its last commit).
# Usage: bench/workers/dispatch.sh [RUNS]   (default 20)
source "$(dirname "$0")/common.sh"
runs=${1:-20}

cat >"$work/one-step.yaml" <<'YAML'
id: one-step
version: 1
steps:
  - { id: first, uses: set, with: { done: true } }
YAML
{
  echo "id: thousand-sets"
  echo "version: 1"
  echo "state: { n: 0 }"
  echo "steps:"
  for i in $(seq 0 999); do echo "  - { id: s$i, uses: set, with: { n: \"\${state.n + 1}\" } }"; done
} >"$work/thousand-sets.yaml"

store=$(fresh_store bench_dispatch)
start_worker "$store" w1 --concurrency 1
sleep 3 # let the worker's first polls and registrations settle
for i in $(seq 1 "$runs"); do
  cli enqueue "$work/one-step.yaml" --store "$store" --id "lat-$i" >/dev/null 2>&1
  wait_for_run "$store" "lat-$i"
done
echo "== dispatch latency, enqueue -> first step started ($runs runs, one idle worker, concurrency 1)"
sql bench_dispatch "
  WITH l AS (SELECT extract(epoch FROM (s.first_started_at::timestamptz - r.created_at::timestamptz)) * 1000 AS ms
             FROM runs r JOIN steps s ON s.run_id = r.id WHERE r.id LIKE 'lat-%' AND s.key = 'first')
  SELECT format('median %s ms, p90 %s ms, min %s ms, max %s ms',
    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric), round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric),
    round(min(ms)::numeric), round(max(ms)::numeric)) FROM l"

cli enqueue "$work/thousand-sets.yaml" --store "$store" --id through-worker >/dev/null 2>&1
wait_for_run "$store" through-worker
stop_workers
cli run "$work/thousand-sets.yaml" --store "$store" --id in-process >/dev/null 2>&1
echo "== 1,000 set steps, PostgreSQL (from creation to the last commit)"
sql bench_dispatch "
  SELECT format('%s: %s s, %s steps/s', id, round(secs::numeric, 2), round((1000 / secs)::numeric))
  FROM (SELECT id, extract(epoch FROM (updated_at::timestamptz - created_at::timestamptz)) AS secs FROM runs WHERE id IN ('in-process', 'through-worker')) t
  ORDER BY id"
