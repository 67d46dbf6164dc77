#!/usr/bin/env bash
# Runs every test of the project. On a fresh machine it needs only the .NET SDK: NuGet packages
# restore from the feed, and anything else the tests need is installed here when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

configuration=${CONFIGURATION:-Debug}
echo "== build ($configuration)"
dotnet build Orchestrator.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

echo "== test"
# One test project at a time keeps the 2-core machine responsive and the output readable.
status=0
for project in tests/*/*.csproj; do
  echo "-- $project"
  dotnet test "$project" -c "$configuration" --no-build -nologo --logger "console;verbosity=minimal" || status=1
done
exit $status
