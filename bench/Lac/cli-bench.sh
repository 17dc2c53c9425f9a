#!/usr/bin/env bash
# Whole-process `hark lac encode|decode` against `flac -5`, `flac -8` and `flac -d`, side by side in one run, on a
# generated music-like WAV (bench/Lac's generator): wall and CPU time through hyperfine (one job and all cores), sizes,
# and callgrind instruction counts (repeatable on a shared machine where the clock is not).
#
# Usage: bench/Lac/cli-bench.sh [--seconds 600] [--runs 5] [--callgrind-seconds 60] [--out FILE.md] [--wav FILE]
# (--wav: measure an existing 44.1 kHz stereo 16-bit WAV, say one generated before, instead of generating one)
# Needs ffmpeg, flac, hyperfine, valgrind and python3. Prints a Markdown section (and writes it to --out).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds=600 runs=5 cg_seconds=60 out="" source=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --callgrind-seconds) cg_seconds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --wav) source="$2"; shift 2 ;;
    *) echo "cli-bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d /tmp/hark-lac-cli-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$root/hark" --help >/dev/null # build the CLI first, so no run below includes a build
hark="dotnet $root/src/Nodes/Hark.Cli/bin/Release/net10.0/hark.dll"
if [ -n "$source" ]; then
  cp "$source" "$work/music.wav"
  seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$source" | cut -d. -f1)
else
  dotnet run -c Release --project "$root/bench/Lac" -- --seconds "$seconds" --material music --keep "$work" --only-generate
fi
wav="$work/music.wav"
ffmpeg -nostdin -loglevel error -y -i "$wav" -t 1 -c:a pcm_s16le "$work/short.wav"
ffmpeg -nostdin -loglevel error -y -i "$wav" -t "$cg_seconds" -c:a pcm_s16le "$work/excerpt.wav"

flac_args="-s -f --no-padding --no-seektable"
$hark lac encode --jobs 1 "$wav" "$work/out.lac" >/dev/null
flac $flac_args -5 "$wav" -o "$work/out5.flac" 2>/dev/null
flac $flac_args -8 "$wav" -o "$work/out8.flac" 2>/dev/null

hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/encode.json" \
  -n "hark lac encode --jobs 1" "$hark lac encode --jobs 1 $wav $work/a.lac" \
  -n "hark lac encode (all cores)" "$hark lac encode $wav $work/b.lac" \
  -n "flac -5" "flac $flac_args -5 $wav -o $work/a5.flac" \
  -n "flac -8" "flac $flac_args -8 $wav -o $work/a8.flac" >&2
cmp "$work/a.lac" "$work/b.lac" # one job and all cores: the same bytes
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/decode.json" \
  -n "hark lac decode --jobs 1" "$hark lac decode --jobs 1 $work/out.lac $work/a.wav" \
  -n "hark lac decode (all cores)" "$hark lac decode $work/out.lac $work/b.wav" \
  -n "flac -d" "flac -s -f -d $work/out5.flac -o $work/c.wav" >&2
cmp "$work/a.wav" "$work/b.wav"

# Instructions (callgrind Ir, every thread) for a 1-s input and an excerpt: their difference over the extra seconds
# is the cost per second of audio without start-up and JIT, which the 1-s run gives on its own.
instructions() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
$hark lac encode --jobs 1 "$work/short.wav" "$work/short.lac" >/dev/null
$hark lac encode --jobs 1 "$work/excerpt.wav" "$work/excerpt.lac" >/dev/null
flac $flac_args -5 "$work/short.wav" -o "$work/short.flac" 2>/dev/null
flac $flac_args -5 "$work/excerpt.wav" -o "$work/excerpt.flac" 2>/dev/null
{
  for input in short excerpt; do
    echo "hark lac encode --jobs 1	$input	$(instructions $hark lac encode --jobs 1 "$work/$input.wav" "$work/cg.lac")"
    echo "flac -5	$input	$(instructions flac $flac_args -5 "$work/$input.wav" -o "$work/cg5.flac")"
    echo "flac -8	$input	$(instructions flac $flac_args -8 "$work/$input.wav" -o "$work/cg8.flac")"
    echo "hark lac decode --jobs 1	$input	$(instructions $hark lac decode --jobs 1 "$work/$input.lac" "$work/cg.wav")"
    echo "flac -d	$input	$(instructions flac -s -f -d "$work/$input.flac" -o "$work/cgf.wav")"
  done
} > "$work/callgrind.tsv"

python3 - "$work" "$seconds" "$cg_seconds" "$(flac --version)" "$(nproc)" > "$work/report.md" <<'EOF'
import json, os, sys
work, seconds, cg_seconds, flac_version, cores = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
def results(name):
    return {r["command"]: r for r in json.load(open(os.path.join(work, name)))["results"]}
encode, decode = results("encode.json"), results("decode.json")
size = lambda f: os.path.getsize(os.path.join(work, f))
lac, f5, f8 = size("out.lac"), size("out5.flac"), size("out8.flac")
pcm = size("music.wav") - 44
print(f"{seconds} s of the bench's music-like material (44.1 kHz stereo 16-bit), {cores} cores, {flac_version}; "
      f"hyperfine, {len(next(iter(encode.values()))['times'])} runs after a warm-up, whole processes with their file I/O.")
print()
print(f"Sizes: LAC {lac} bytes ({100 * lac / pcm:.2f} % of PCM), flac -5 {f5}, flac -8 {f8}: "
      f"**LAC / flac -8 = {lac / f8:.4f}**, LAC / flac -5 = {lac / f5:.4f}.")
print()
def table(rows, reference):
    ref = rows[reference]
    print(f"| command | wall min (s) | wall mean (s) | CPU user+sys (s) | wall / {reference} | CPU / {reference} |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in rows.items():
        cpu, ref_cpu = r["user"] + r["system"], ref["user"] + ref["system"]
        print(f"| `{name}` | {r['min']:.3f} | {r['mean']:.3f} | {cpu:.3f} | {r['min'] / ref['min']:.2f} | {cpu / ref_cpu:.2f} |")
    print()
table(encode, "flac -5")
table(decode, "flac -d")
counts = {}
for line in open(os.path.join(work, "callgrind.tsv")):
    name, which, ir = line.rstrip("\n").split("\t")
    counts.setdefault(name, {})[which] = int(ir)
print(f"Instructions (callgrind, millions): a 1-s input (start-up, JIT, one second of audio) and a {cg_seconds}-s "
      f"excerpt; per second of audio = their difference over {cg_seconds - 1} s.")
print()
print(f"| command | 1-s input | {cg_seconds}-s input | per second of audio | per second / flac |")
print("|---|---:|---:|---:|---:|")
per = {n: (c["excerpt"] - c["short"]) / (cg_seconds - 1) for n, c in counts.items()}
for name, c in counts.items():
    other = "flac -d" if "decode" in name or name == "flac -d" else "flac -5"
    print(f"| `{name}` | {c['short'] / 1e6:.0f} | {c['excerpt'] / 1e6:.0f} | {per[name] / 1e6:.1f} | {per[name] / per[other]:.2f} |")
EOF
cat "$work/report.md"
if [ -n "$out" ]; then cp "$work/report.md" "$out"; fi
