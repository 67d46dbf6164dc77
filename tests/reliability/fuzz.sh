#!/usr/bin/env bash
# The fuzz campaign at any size: structure-aware mutations of the shipped workflows and evaluators (YAML and JSON),
# self-edit patches against them (through the policy, and through meta/propose into a real store), and sandboxed
# expressions. The suite runs 10,000 cases of each from a fixed seed; this runs ORCHESTRATOR_FUZZ_CASES of each
# (default 100,000) from ORCHESTRATOR_FUZZ_SEED (default: the suite's seed). Prints the cases per second of each;
# a failure prints the seed that reproduces its shrunk case.
#
#   tests/reliability/fuzz.sh
#   ORCHESTRATOR_FUZZ_CASES=1000000 ORCHESTRATOR_FUZZ_SEED=anotherSeed1 tests/reliability/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export ORCHESTRATOR_FUZZ_CASES="${ORCHESTRATOR_FUZZ_CASES:-100000}"
nice dotnet build tests/Orchestrator.Core.Tests -c Debug -nologo -v quiet -clp:ErrorsOnly
nice dotnet build tests/Orchestrator.Learning.Tests -c Debug -nologo -v quiet -clp:ErrorsOnly
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for project in Core Learning; do
  nice dotnet test "tests/Orchestrator.$project.Tests" --no-build --filter "FullyQualifiedName~Fuzzing" --logger "console;verbosity=detailed" >"$log" 2>&1 || status=1
  grep -E "fuzzed|Passed |Failed |Set seed|^----" "$log" | grep -v '^\[xUnit' || true
done
exit $status
