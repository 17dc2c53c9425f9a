#!/usr/bin/env bash
# Installs what Hark needs, idempotently: quick checks first, installs only what is missing.
#   scripts/setup.sh runtime   ffmpeg (+libavcodec), libopus0, libflac12, espeak-ng: what `hark` needs at run time
#   scripts/setup.sh bench     runtime + flac, hyperfine, valgrind and bc: what the bench/ scripts use
#   scripts/setup.sh tests     runtime + flac, sox, exiftool, mediainfo, faad, chromium, tiffinfo, tifffile and the npm tools the tests use
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-runtime}"

say() { echo "setup: $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; return 1; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

command -v dotnet >/dev/null || { say "the .NET SDK (dotnet 10) is required and was not found on PATH"; exit 1; }

apt_install ffmpeg espeak-ng libopus0 libflac12
if [ "$mode" = bench ]; then
  apt_install flac hyperfine valgrind bc
fi
if [ "$mode" = tests ]; then
  apt_install flac sox libimage-exiftool-perl
  # Oracles for the M4A export: mediainfo (the timecode track), faad (an AAC decoder apart from libavcodec), and
  # Debian's chromium, which the playback test drives headless (nothing downloads a browser of its own).
  apt_install mediainfo faad chromium
  # Oracles for the TIFF + FLAC archive: libtiff's tiffinfo and Python's tifffile read the TIFFs apart from Hark.
  apt_install libtiff-tools python3-tifffile python3-numpy
  if [ -f "$root/tools/node/package.json" ]; then
    command -v npm >/dev/null || apt_install nodejs npm
    stamp="$root/tools/node/node_modules/.installed"
    if [ ! -f "$stamp" ] || [ "$root/tools/node/package.json" -nt "$stamp" ]; then
      say "installing npm tools in tools/node"
      (cd "$root/tools/node" && npm install --no-audit --no-fund --silent >/dev/null)
      touch "$stamp"
    fi
  fi
fi
