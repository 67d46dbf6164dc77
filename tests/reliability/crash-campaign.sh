#!/usr/bin/env bash
# Crash campaign: the shipped self-improvement loop (workflows/self-improve-addition.yaml, published, self-edited
# within its tunables into a tiny draft, and run) SIGKILLed at KILLS seeded random points, biased into
# post-training, the promotions, the base training, the publish and the edit, and started again after every kill
# (by 'resume' and by 'run' with the same id, in turn) until it ends; runs are restarted on fresh stores until
# KILLS is reached, at most 12 kills each. Every run's store must equal that of an uninterrupted run with the same
# seed: champion and checkpoint, model lineage, alias journals, rounds, workflow versions and self-edits; and each
# passing gate gives exactly one promotion. It is the test LoopCrashCampaignTests, which the suite runs with 4 kills.
#
# With ORCHESTRATOR_TEST_POSTGRES set (a server, as ./test.sh or tools/throwaway-postgres.sh gives), it also runs
# the worker campaign (WorkerLoopCrashCampaignTests): the loop enqueued to worker processes on PostgreSQL, the
# worker holding it SIGKILLed WORKER_KILLS times (default 10), compared with a run on one worker never killed.
#
#   tests/reliability/crash-campaign.sh              # 50 kills, seed 20261203
#   tests/reliability/crash-campaign.sh 80 7         # 80 kills, schedule seed 7
#   WORKER_KILLS=0 tests/reliability/crash-campaign.sh   # SQLite only
#
# Prints the summary: kills by where they landed (read from the store after each kill), launches, resumes, result.
set -euo pipefail
cd "$(dirname "$0")/../.."

kills="${1:-50}"
seed="${2:-20261203}"
summary=$(mktemp -t crash-campaign.XXXXXX)
trap 'rm -f "$summary"' EXIT

nice dotnet build tests/Orchestrator.Cli.Tests -c Debug -nologo -v quiet -clp:ErrorsOnly
worker_kills=0
if [[ -n ${ORCHESTRATOR_TEST_POSTGRES:-} ]]; then worker_kills="${WORKER_KILLS:-10}"; else echo "== ORCHESTRATOR_TEST_POSTGRES is not set: the worker campaign on PostgreSQL is left out"; fi
status=0
# Both classes end in LoopCrashCampaignTests; their kill-by-kill lines are in the detailed output.
ORCHESTRATOR_RELIABILITY_KILLS="$kills" ORCHESTRATOR_RELIABILITY_WORKER_KILLS="$worker_kills" ORCHESTRATOR_RELIABILITY_SEED="$seed" \
  ORCHESTRATOR_RELIABILITY_SUMMARY="$summary" \
  nice dotnet test tests/Orchestrator.Cli.Tests --no-build --filter "FullyQualifiedName~LoopCrashCampaignTests" \
  --logger "console;verbosity=detailed" || status=$?
echo
cat "$summary"
exit "$status"
