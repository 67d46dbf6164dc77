#!/usr/bin/env bash
# Soak: the main job's loop (workflows/self-improve-addition.yaml at tiny settings) run again and again, one run after
# another, inside one long-lived `orchestrator serve` process on a fresh SQLite store, for DURATION; the server's
# resident memory (VmRSS, so native TorchSharp memory too: tensors never disposed show up here) is sampled every
# SOAK_SAMPLE_SECONDS (default 60) into a CSV. A leak shows as RSS that keeps climbing with the finished runs.
#
#   tests/reliability/soak.sh 2h                      # the full soak
#   tests/reliability/soak.sh 10m soak.csv            # shorter; the CSV where you say (default: soak-TIMESTAMP.csv)
#   SOAK_INPUTS="-i rounds=3" tests/reliability/soak.sh 30m   # inputs on top of the tiny ones, as 'run' takes them
#
# CSV columns: elapsed_s, rss_mb, runs_finished, runs_failed, run_running.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

duration="${1:?give a duration: 2h, 10m or seconds}"
case "$duration" in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) seconds=$duration ;;
esac
csv="${2:-$root/soak-$(date -u +%Y%m%dT%H%M%SZ).csv}"
sample="${SOAK_SAMPLE_SECONDS:-60}"

nice dotnet build src/Orchestrator.Cli -c Debug -nologo -v quiet -clp:ErrorsOnly
dll="$root/src/Orchestrator.Cli/bin/Debug/net10.0/orchestrator.dll"
work=$(mktemp -d -t orchestrator-soak.XXXXXX)
common=(--store "$work/store" --artifacts "$work/artifacts" --plugins "$root/plugins" --workflows "$root/workflows")
orchestrator() { DOTNET_NOLOGO=1 dotnet "$dll" "$@"; }

key=$(orchestrator keys create --role operator --name soak "${common[@]}" 2> /dev/null)
# Started directly (not through the function), so $! is the server's own pid, whose memory is sampled.
DOTNET_NOLOGO=1 dotnet "$dll" serve --urls http://127.0.0.1:0 "${common[@]}" 2> "$work/serve.log" > /dev/null &
server=$!
cleanup() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.5
done
[ -n "${url:-}" ] || { echo "serve did not start:"; cat "$work/serve.log"; exit 1; }
echo "soak: serve (pid $server) on $url for ${seconds}s, sampling every ${sample}s into $csv"

# Tiny settings: the whole loop (base training, propose, check, judge, post-train, gate, promote) in seconds.
inputs='{"baseSteps": 40, "baseMaxLength": 2, "width": 16, "rounds": 2, "patience": 2, "gateItems": 16}'
api() { curl -sS --fail-with-body -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }
rss() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$server/status"; }

finished=0 failed=0 current=""
echo "elapsed_s,rss_mb,runs_finished,runs_failed,run_running" > "$csv"
start=$(date +%s) next_sample=$start
while true; do
  now=$(date +%s)
  if [ "$now" -ge "$next_sample" ]; then
    line="$(( now - start )),$(rss),$finished,$failed,${current:-none}"
    echo "$line" >> "$csv"; echo "soak: $line"
    next_sample=$(( next_sample + sample ))
  fi
  [ $(( now - start )) -ge "$seconds" ] && break
  if [ -z "$current" ]; then
    current="soak-$(printf '%05d' $(( finished + failed + 1 )))"
    api -X POST "$url/api/runs" -d "{\"workflow\": \"self-improve-addition\", \"id\": \"$current\", \"seed\": $(( finished + failed + 1 )), \"inputs\": $inputs}" > /dev/null
  else
    status=$(api "$url/api/runs/$current?journal=brief" | jq -r .status)
    case "$status" in
      succeeded) finished=$(( finished + 1 )); current="" ;;
      failed|cancelled) failed=$(( failed + 1 )); echo "soak: run $current $status"; current="" ;;
    esac
  fi
  sleep 1
done
echo "soak: done: $finished runs succeeded, $failed failed; $(awk -F, 'NR == 2 { first = $2 } NR > 1 { last = $2; if ($2 > max) max = $2 } END { printf "RSS first %d MB, last %d MB, max %d MB", first, last, max }' "$csv")"
