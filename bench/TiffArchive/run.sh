#!/usr/bin/env bash
# `hark archive tiff` against `flac -5` alone, in one run on one generated source:
#   HOURS (default 2) of 44.1 kHz stereo 16-bit (pink noise and tones, different on each channel);
#   time, peak RSS and bytes of `flac -5`, of `hark archive tiff` as one chunk (--jobs 1), and of the same source cut
#   into 30-minute chunks with --jobs 1 and --jobs 2; then `hark archive verify` and `reconstruct`.
#   BIGTIFF=1 adds a real BigTIFF: 2.5 h of 96 kHz 24-bit stereo white noise (a FLAC past 4 GiB) in one chunk.
# Usage: bench/TiffArchive/run.sh [HOURS]      (needs about 4 GB of /tmp per 2 hours; 12 GB more with BIGTIFF=1)
set -euo pipefail
hours="${1:-2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
hark="$root/hark"
work="$(mktemp -d /tmp/hark-bench-tiff.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$hark" --version >/dev/null # builds the CLI if stale, outside every timing

seconds=$(awk -v h="$hours" 'BEGIN { printf "%d", h * 3600 }')
echo "making $hours h of 44.1 kHz stereo 16-bit..." >&2
ffmpeg -nostdin -v error -y \
  -f lavfi -i "anoisesrc=c=pink:r=44100:a=0.08:seed=1:d=$seconds" \
  -f lavfi -i "anoisesrc=c=pink:r=44100:a=0.08:seed=2:d=$seconds" \
  -f lavfi -i "sine=f=440:r=44100:d=$seconds" -f lavfi -i "sine=f=1230:r=44100:d=$seconds" \
  -filter_complex "[0][2]amix=inputs=2:normalize=0[l];[1][3]amix=inputs=2:normalize=0[r];[l][r]join=inputs=2:channel_layout=stereo" \
  -c:a pcm_s16le "$work/source.wav"

# measure NAME COMMAND...: wall seconds and peak RSS (MiB) into $secs and $rss.
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  read -r secs kib < "$work/time"
  rss=$((kib / 1024))
  printf '%-52s %8.1f s %6d MiB\n' "$name" "$secs" "$rss" >&2
}
bytes() { stat -c %s "$@" | awk '{ s += $1 } END { printf "%.0f\n", s }'; }

measure "flac -5 (the yardstick)" flac -5 -s -f -o "$work/flac5.flac" "$work/source.wav"
t_flac=$secs; rss_flac=$rss
measure "hark archive tiff (one chunk, --jobs 1)" "$hark" archive tiff "$work/source.wav" --out "$work/one" --jobs 1
t_one=$secs; rss_one=$rss
measure "hark archive tiff (30-min chunks, --jobs 1)" "$hark" archive tiff "$work/source.wav" --out "$work/j1" --chunk-hours 0.5 --jobs 1
t_j1=$secs; rss_j1=$rss
measure "hark archive tiff (30-min chunks, --jobs 2)" "$hark" archive tiff "$work/source.wav" --out "$work/j2" --chunk-hours 0.5 --jobs 2
t_j2=$secs; rss_j2=$rss
measure "hark archive verify (one chunk)" "$hark" archive verify "$work/one"
t_verify=$secs; rss_verify=$rss
measure "hark archive reconstruct (one chunk)" "$hark" archive reconstruct "$work/one" -o "$work/rebuilt.wav"
t_rebuild=$secs; rss_rebuild=$rss
same=$([ "$(ffmpeg -nostdin -v error -i "$work/source.wav" -f md5 -)" = "$(ffmpeg -nostdin -v error -i "$work/rebuilt.wav" -f md5 -)" ] && echo yes || echo NO)

flac5=$(bytes "$work/flac5.flac")
embedded=$(python3 -c 'import json,sys; print(sum(c["size_bytes"] for f in json.load(open(sys.argv[1]))["files"] for c in f["chunks"]))' "$work/one/manifest.json")
tiff=$(bytes "$work"/one/*.tiff)
tiff_j=$(bytes "$work"/j2/*.tiff)
embedded_j=$(python3 -c 'import json,sys; print(sum(c["size_bytes"] for f in json.load(open(sys.argv[1]))["files"] for c in f["chunks"]))' "$work/j2/manifest.json")
wav=$(bytes "$work/source.wav")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f %%", (a / b - 1) * 100 }'; }
echo
echo "## $hours h of 44.1 kHz stereo 16-bit ($wav bytes of WAV), $(nproc) cores"
echo
echo "| measure | figure |"
echo "|---|---|"
echo "| hark archive tiff (one chunk) time / flac -5 time | $(ratio "$t_one" "$t_flac") x ($t_one s / $t_flac s) |"
echo "| TIFF bytes / hark's FLAC bytes (one chunk: TIFF overhead) | +$(pct "$tiff" "$embedded") ($tiff / $embedded) |"
echo "| TIFF bytes / hark's FLAC bytes (30-min chunks) | +$(pct "$tiff_j" "$embedded_j") ($tiff_j / $embedded_j) |"
echo "| hark's FLAC bytes / flac -5 bytes | $(ratio "$embedded" "$flac5") ($embedded / $flac5) |"
echo "| FLAC bytes / WAV bytes | $(ratio "$embedded" "$wav") |"
echo "| --jobs 2 time / --jobs 1 time (30-min chunks) | $(ratio "$t_j2" "$t_j1") ($t_j2 s / $t_j1 s) |"
echo "| peak RSS: one chunk, --jobs 1 / 30-min --jobs 2 / flac -5 | $rss_one MiB / $rss_j2 MiB / $rss_flac MiB |"
echo "| verify time / flac -5 time (SHA-256 + full decode with MD5) | $(ratio "$t_verify" "$t_flac") ($t_verify s, $rss_verify MiB) |"
echo "| reconstruct time, samples identical to the source | $t_rebuild s, $rss_rebuild MiB, identical: $same |"

if [ "${BIGTIFF:-0}" = 1 ]; then
  rm -rf "$work"/one "$work"/j1 "$work"/j2 "$work"/rebuilt.wav "$work"/source.wav "$work"/flac5.flac
  echo "making 2.5 h of 96 kHz 24-bit stereo white noise..." >&2
  ffmpeg -nostdin -v error -y -f lavfi -i "anoisesrc=c=white:r=96000:a=0.9:seed=3:d=9000" \
    -f lavfi -i "anoisesrc=c=white:r=96000:a=0.9:seed=4:d=9000" \
    -filter_complex "[0][1]join=inputs=2:channel_layout=stereo" -c:a pcm_s24le -rf64 auto "$work/big.wav"
  measure "hark archive tiff (2.5 h 96 kHz 24-bit, one chunk)" "$hark" archive tiff "$work/big.wav" --out "$work/big" --jobs 1
  t_big=$secs; rss_big=$rss
  big_tiff=$(bytes "$work"/big/*.tiff)
  big_header=$(od -An -tu2 -j2 -N2 "$work"/big/big_chunk_000000.tiff | tr -d ' ')
  measure "hark archive verify (the BigTIFF)" "$hark" archive verify "$work/big"
  pages=$(tiffinfo "$work"/big/big_chunk_000000.tiff 2>/dev/null | grep -c '^TIFF Directory' || true)
  echo "| a real BigTIFF: 2.5 h 96 kHz 24-bit stereo noise | $big_tiff bytes, version $big_header (43 = BigTIFF), $pages pages by tiffinfo, $t_big s, peak $rss_big MiB; verify $secs s |"
fi
