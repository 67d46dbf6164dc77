#!/usr/bin/env bash
# The server under attack at full size: every route the server maps gets malformed and wrong-typed bodies, bodies over
# the limit, JSON nested 10,000 deep, every role and bad keys, path traversal and cross-site forms; then
# ORCHESTRATOR_RELIABILITY_STREAMS event streams (default 1000) are opened at once and dropped, and the server's sockets
# are counted before, during and after. Prints each test's figures; exits non-zero on any failure.
#
#   tests/reliability/server-attack.sh                                  # 1,000 streams
#   ORCHESTRATOR_RELIABILITY_STREAMS=3000 tests/reliability/server-attack.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export ORCHESTRATOR_RELIABILITY_STREAMS="${ORCHESTRATOR_RELIABILITY_STREAMS:-1000}"
nice dotnet build tests/Orchestrator.Cli.Tests -c Debug -nologo -v quiet -clp:ErrorsOnly
nice dotnet test tests/Orchestrator.Cli.Tests --no-build \
  --filter "FullyQualifiedName~Orchestrator.Cli.Tests.Reliability.ServerAttackTests|FullyQualifiedName~Orchestrator.Cli.Tests.Reliability.EventStreamFloodTests" \
  --logger "console;verbosity=detailed"
