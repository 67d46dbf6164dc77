#!/usr/bin/env bash
# Load at full size: ORCHESTRATOR_RELIABILITY_RUNS demo-pipeline runs (default 1000) started at once through serve's
# API, in ORCHESTRATOR_RELIABILITY_WAVES waves (default 2, so the second wave shows whether memory grows with finished
# runs): on SQLite all execute in the serve process; on PostgreSQL three worker processes execute them. Prints
# throughput, p50/p95 latency, peak RSS, RSS after each quarter-wave of finished runs and the store size.
#
#   tests/reliability/load.sh                 # SQLite and PostgreSQL
#   tests/reliability/load.sh sqlite          # one backend
#   ORCHESTRATOR_RELIABILITY_RUNS=200 tests/reliability/load.sh postgres
# PostgreSQL needs ORCHESTRATOR_TEST_POSTGRES (source tools/throwaway-postgres.sh; start_test_postgres prints one).
set -euo pipefail
cd "$(dirname "$0")/../.."
export ORCHESTRATOR_RELIABILITY_RUNS="${ORCHESTRATOR_RELIABILITY_RUNS:-1000}"
export ORCHESTRATOR_RELIABILITY_WAVES="${ORCHESTRATOR_RELIABILITY_WAVES:-2}"
filter="FullyQualifiedName~Orchestrator.Cli.Tests.Reliability.ConcurrentRunsTests"
if [ $# -gt 0 ]; then filter="$filter&DisplayName~$1"; fi
nice dotnet build tests/Orchestrator.Cli.Tests -c Debug -nologo -v quiet -clp:ErrorsOnly
nice dotnet test tests/Orchestrator.Cli.Tests --no-build --filter "$filter" --logger "console;verbosity=detailed"
