#!/usr/bin/env bash
# 1-second segments over HTTP against the same reads in process, side by side in one run on one generated source
# (MINUTES, default 10, of 44.1 kHz stereo AAC 160k: pink noise under two tones):
#  - a fresh node: `hark serve` started NODES times (default 3) on the archive; for each, the time from the process's
#    start to a ready /readyz, then its first 1-s f32 segment request and its second (curl's time_total);
#  - sequential reads: `hark bench segments ID --node URL` (one HTTP client, READS random 1-s reads, default 1000)
#    against `hark bench segments ID` in this process's cluster of one (no HTTP): p50 and p99.
# Usage: bench/Http/run.sh [MINUTES] [READS] [NODES]
set -euo pipefail
minutes="${1:-10}"
reads="${2:-1000}"
nodes="${3:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
hark="$root/hark"
work="$(mktemp -d /tmp/hark-bench-http.XXXXXX)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$root/scripts/setup.sh" bench
"$hark" --version >/dev/null # builds the CLI if stale, outside every timing
seconds=$((minutes * 60))
. "$root/bench/source.sh"
bench_source "$seconds" -c:a pcm_s16le "$work/source.wav"
"$hark" import "$work/source.wav" --id bench --archive "$work/archive" >/dev/null

now_ms() { date +%s%3N; }
start_node() {
  local began; began=$(now_ms)
  "$hark" serve --archive "$work/archive" --port 0 --akka-port 0 > "$work/serve.out" 2> "$work/serve.err" &
  server=$!
  until grep -q "serving http://" "$work/serve.out" 2>/dev/null; do sleep 0.01; done
  url=$(grep -o "serving http://[^ ]*" "$work/serve.out" | head -1 | cut -d' ' -f2)
  url="${url%/}"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")" = 200 ]; do sleep 0.01; done
  ready_ms=$(( $(now_ms) - began ))
}
stop_node() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

: > "$work/fresh"
for i in $(seq 1 "$nodes"); do
  start_node
  at=$(( (i * 137) % (seconds - 2) * 44100 ))
  first=$(curl -s -o /dev/null -w '%{time_total}' "$url/recordings/bench/segment?start=$at&count=44100&format=f32")
  second=$(curl -s -o /dev/null -w '%{time_total}' "$url/recordings/bench/segment?start=$((at + 441000))&count=44100&format=f32")
  echo "$ready_ms $first $second" >> "$work/fresh"
  stop_node
done

start_node
"$hark" bench segments bench --node "$url" --count "$reads" --json > "$work/http.json"
stop_node
"$hark" bench segments bench --archive "$work/archive" --count "$reads" --json > "$work/local.json"

python3 - "$minutes" "$reads" "$work/fresh" "$work/http.json" "$work/local.json" <<'PY'
import json, sys
minutes, reads = sys.argv[1], sys.argv[2]
fresh = [line.split() for line in open(sys.argv[3])]
http, local = json.load(open(sys.argv[4])), json.load(open(sys.argv[5]))
load = open("/proc/loadavg").read().split()[:3]
print(f"{minutes} min of 44.1 kHz stereo AAC 160k, 1-s f32 segments; load average {' '.join(load)} at the end.\n")
print("| fresh node | start to ready | first request | second request |")
print("|---|---:|---:|---:|")
for i, (ready, first, second) in enumerate(fresh, 1):
    print(f"| {i} | {int(ready)} ms | {float(first) * 1000:.1f} ms | {float(second) * 1000:.1f} ms |")
print(f"\n| {reads} sequential reads | p50 | p99 |")
print("|---|---:|---:|")
print(f"| over HTTP (`hark bench segments --node`) | {http['p50_ms']:.2f} ms | {http['p99_ms']:.2f} ms |")
print(f"| in process, cluster of one (`hark bench segments`) | {local['p50_ms']:.2f} ms | {local['p99_ms']:.2f} ms |")
print(f"\nHTTP over in process at p50: {http['p50_ms'] - local['p50_ms']:+.2f} ms ({http['p50_ms'] / local['p50_ms']:.2f}x).")
PY
