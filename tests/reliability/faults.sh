#!/usr/bin/env bash
# Fault campaign: the stores failing under real commands, and the wall clock jumping under the engine.
#   - a full disk: the SQLite store on an 8 MB tmpfs, filled to the last byte after POINTS different steps of a
#     26-step run (the command is frozen with SIGSTOP while the disk is filled, so the fault lands exactly there);
#   - PostgreSQL stopped (pg_ctl -m fast) after the same POINTS steps, on a private cluster, then started again;
#   - a read-only store (a read-only bind mount), a damaged page of the SQLite file, a flipped byte in a real
#     TorchSharp checkpoint and a deleted dataset artifact;
#   - the clock set back an hour or a day, and jumped forward, under leases and durable waits (SQLite and PostgreSQL).
# Each fault must end the command with an error naming the store or artifact (never a stack trace), and after the
# fault is cleared 'resume' must end the run exactly as an uninterrupted run: every step committed once, every
# effect once. The suite runs the same tests with one fault point (ORCHESTRATOR_RELIABILITY_FAULT_POINTS unset).
#
#   tests/reliability/faults.sh        # 24 fault points for the full disk and for the PostgreSQL restart
#   tests/reliability/faults.sh 6      # 6 points
#
# Needs root (mount, and a PostgreSQL cluster owned by the 'postgres' user) and Debian's postgresql package;
# the clock tests also use the shared server in ORCHESTRATOR_TEST_POSTGRES, started here when unset.
set -euo pipefail
cd "$(dirname "$0")/../.."

points="${1:-24}"
source tools/throwaway-postgres.sh
trap stop_test_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
[[ -n ${ORCHESTRATOR_TEST_POSTGRES:-} ]] || start_test_postgres

nice dotnet build tests/Orchestrator.Cli.Tests -c Debug -nologo -v quiet -clp:ErrorsOnly
nice dotnet build tests/Orchestrator.Storage.Tests -c Debug -nologo -v quiet -clp:ErrorsOnly
status=0
ORCHESTRATOR_RELIABILITY_FAULT_POINTS="$points" \
  nice dotnet test tests/Orchestrator.Cli.Tests --no-build --filter "FullyQualifiedName~Orchestrator.Cli.Tests.Reliability" \
  --logger "console;verbosity=detailed" || status=$?
nice dotnet test tests/Orchestrator.Storage.Tests --no-build --filter "FullyQualifiedName~_clock_" \
  --logger "console;verbosity=normal" || status=$?
exit "$status"
