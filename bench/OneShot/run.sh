#!/usr/bin/env bash
# One-shot reads as whole processes, side by side in one run on one generated source (MINUTES, default 10, of
# 44.1 kHz stereo: pink noise under two tones): `hark segment` of 1 s from an AAC and a LAC recording, `hark info`,
# `flac -d --skip --until` of the same second from a FLAC of the source, `ffmpeg -ss -t 1` on an m4a; then
# `hark segment --list` of CLIPS (default 1000) random 1-s clips in one process against CLIPS/50 single
# `hark segment` processes (scaled up). Timings by hyperfine (mean of runs, after warm-up runs).
# Usage: bench/OneShot/run.sh [MINUTES] [CLIPS]
set -euo pipefail
minutes="${1:-10}"
clips="${2:-1000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
hark="$root/hark"
work="$(mktemp -d /tmp/hark-bench-oneshot.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$root/scripts/setup.sh" bench
"$hark" --version >/dev/null # builds the CLI if stale, outside every timing
seconds=$((minutes * 60))

. "$root/bench/source.sh"
bench_source "$seconds" -c:a pcm_s16le "$work/source.wav"
flac -5 -s -f -o "$work/source.flac" "$work/source.wav"
ffmpeg -nostdin -v error -y -i "$work/source.wav" -c:a aac -b:a 160k "$work/source.m4a"
"$hark" import "$work/source.wav" --id aac --archive "$work/archive" >/dev/null
"$hark" import "$work/source.wav" --id lac --codec lac --archive "$work/archive" >/dev/null

at=$((seconds / 2 + 7))
skip=$((at * 44100)); until=$(((at + 1) * 44100))
hyperfine -N --warmup 2 --runs 10 --export-json "$work/single.json" \
  -n "hark segment 1 s (AAC)" "$hark segment aac --start $at --duration 1 -o $work/a.wav --archive $work/archive" \
  -n "hark segment 1 s (LAC)" "$hark segment lac --start $at --duration 1 -o $work/l.wav --archive $work/archive" \
  -n "hark info" "$hark info aac --archive $work/archive" \
  -n "flac -d --skip --until (FLAC)" "flac -d -s -f --skip=$skip --until=$until -o $work/f.wav $work/source.flac" \
  -n "ffmpeg -ss -t 1 (m4a)" "ffmpeg -nostdin -v error -y -ss $at -t 1 -i $work/source.m4a $work/m.wav" >&2

python3 - "$seconds" "$clips" > "$work/clips.csv" <<'PY'
import random, sys
random.seed(7)
seconds, clips = int(sys.argv[1]), int(sys.argv[2])
print("start,duration")
for _ in range(clips):
    print(f"{random.uniform(0, seconds - 1):.3f},1")
PY
singles=$((clips / 50))
head -n $((singles + 1)) "$work/clips.csv" | tail -n +2 > "$work/some.csv"
hyperfine -N --warmup 1 --runs 5 --export-json "$work/list.json" \
  -n "hark segment --list ($clips clips, AAC)" "$hark segment aac --list $work/clips.csv -o $work/out --archive $work/archive" \
  -n "hark segment --list ($clips clips, LAC)" "$hark segment lac --list $work/clips.csv -o $work/outl --archive $work/archive" >&2
start=$(date +%s.%N)
while IFS=, read -r s d; do "$hark" segment aac --start "$s" --duration "$d" -o "$work/one.wav" --archive "$work/archive"; done < "$work/some.csv"
one_by_one=$(echo "($(date +%s.%N) - $start) * $clips / $singles" | bc -l)

python3 - "$work/single.json" "$work/list.json" "$one_by_one" "$clips" "$minutes" <<'PY'
import json, sys
single = json.load(open(sys.argv[1]))["results"]
lists = json.load(open(sys.argv[2]))["results"]
one_by_one, clips, minutes = float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
load = open("/proc/loadavg").read().split()[:3]
print(f"{minutes} min of 44.1 kHz stereo; hyperfine means; load average {' '.join(load)}.\n")
print("| whole process | mean | vs hark segment (AAC) |")
print("|---|---:|---:|")
base = single[0]["mean"]
for r in single:
    print(f"| {r['command']} | {r['mean'] * 1000:.0f} ms | {r['mean'] / base:.2f} |")
print("\n| clips of 1 s | time | per clip | vs a process per clip |")
print("|---|---:|---:|---:|")
for r in lists:
    print(f"| {r['command']} | {r['mean']:.2f} s | {r['mean'] / clips * 1000:.2f} ms | {r['mean'] / one_by_one:.4f} |")
print(f"| a `hark segment` process per clip (AAC, {clips // 50} run, scaled to {clips}) | {one_by_one:.1f} s | {one_by_one / clips * 1000:.0f} ms | 1 |")
PY
