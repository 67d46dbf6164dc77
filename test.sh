#!/usr/bin/env bash
# Runs every test of the project. On a fresh machine it needs only the .NET SDK: NuGet packages
# restore from the feed, and anything else the tests need is installed here when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

configuration=${CONFIGURATION:-Debug}
echo "== build ($configuration)"
dotnet build Orchestrator.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
# The README's main command runs 'dotnet run -c Release'; built here, its test finds the build current and never
# restores or builds while another test builds the same projects.
echo "== build (Release, the command)"
dotnet build src/Orchestrator.Cli -c Release -nologo -v quiet -clp:ErrorsOnly

# -- PostgreSQL for the storage and worker tests --------------------------------------------------------
# The PostgreSQL store is tested against a real server. Unless the caller names one in
# ORCHESTRATOR_TEST_POSTGRES, a throwaway cluster is made (tools/throwaway-postgres.sh), listening only on
# 127.0.0.1, and stopped and deleted on exit, whether the tests pass, fail or are interrupted.
source tools/throwaway-postgres.sh

trap stop_test_postgres EXIT
# Turn interruptions into an ordinary exit, so the EXIT trap stops the server.
trap 'exit 130' INT
trap 'exit 143' TERM HUP

if [[ -n ${ORCHESTRATOR_TEST_POSTGRES:-} ]]; then
  echo "== postgres: using the server in ORCHESTRATOR_TEST_POSTGRES (none started)"
else
  start_test_postgres
fi

# The bench test renders PNG plots; ScottPlot draws text only when font files exist (no fontconfig needed).
if ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "== fonts: installing Debian's fonts-dejavu-core (plots need font files for their text)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
  else
    echo "== fonts: no DejaVu fonts and no root to install fonts-dejavu-core; plots will have no text" >&2
  fi
fi

# The dashboard's browser tests drive a real Chromium through Playwright's executable-path option (Playwright's
# own browser download cannot be assumed reachable); Debian's chromium package is that browser.
if [[ -z ${ORCHESTRATOR_TEST_CHROMIUM:-} ]] && ! command -v chromium >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "== chromium: installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "== chromium: not installed and no root to install it; the browser tests will fail (apt-get install chromium, or set ORCHESTRATOR_TEST_CHROMIUM)" >&2
  fi
fi

echo "== test"
# Two lanes side by side: the command's tests (Cli.Tests), which spend most of their time waiting on the processes
# they start, and every other project one after another, then the README's main command (minutes of training on
# its own). Each project's output is kept and printed whole when it ends, so the lanes never interleave in a report.
logs=$(mktemp -d)
main_command=FullyQualifiedName~Orchestrator.Cli.Tests.Readme.MainCommandTests
command_tests=tests/Orchestrator.Cli.Tests/Orchestrator.Cli.Tests.csproj
run_project() {
  local label=$1 project=$2 started=$SECONDS status=0
  shift 2
  dotnet test "$project" -c "$configuration" --no-build -nologo --logger "console;verbosity=minimal" "$@" >"$logs/$label.log" 2>&1 || status=$?
  {
    flock 9
    echo "-- $label: $([[ $status -eq 0 ]] && echo passed || echo FAILED) in $((SECONDS - started)) s"
    cat "$logs/$label.log"
  } 9>"$logs/print.lock"
  return "$status"
}
command_lane() {
  run_project "Orchestrator.Cli.Tests" "$command_tests" --filter "${main_command/\~/!~}"
}
other_lane() {
  local status=0 project
  for project in tests/*/*.csproj; do
    [[ $project == "$command_tests" ]] && continue
    run_project "$(basename "$project" .csproj)" "$project" || status=1
  done
  run_project "Orchestrator.Cli.Tests (the README's main command)" "$command_tests" --filter "$main_command" || status=1
  return $status
}
command_lane & command_pid=$!
other_lane & other_pid=$!
status=0
wait "$command_pid" || status=1
wait "$other_pid" || status=1
rm -rf "$logs"
exit $status
