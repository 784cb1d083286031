#!/usr/bin/env bash
# Prepares a Wine prefix ready to run the Windows program: creates it (64-bit, no Mono or
# Gecko prompts), and puts in its system32 the stand-in bcryptprimitives.dll built from
# packaging/windows/bcryptprimitives.c (Wine 8.0 lacks the DLL that Rust >= 1.78 programs
# import; Windows 10+ has the real one). Needs wine, wine64 and the mingw C compiler
# (installed from Debian if missing).
# Usage: bash scripts/wine-prefix.sh DIR   then   WINEPREFIX=DIR wine program.exe
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
prefix=$(realpath -m "$1")

need=()
command -v wine >/dev/null 2>&1 || need+=(wine wine64)
command -v x86_64-w64-mingw32-gcc-posix >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64-posix mingw-w64-x86-64-dev)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

export WINEPREFIX="$prefix" WINEARCH=win64 WINEDEBUG=-all
# No prompts to download Mono or Gecko (nothing here needs .NET or a web view).
export WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$prefix"
wine cmd /c exit >/dev/null 2>&1
wineserver -w

dll="$prefix/drive_c/windows/system32/bcryptprimitives.dll"
x86_64-w64-mingw32-gcc-posix -O2 -shared -o "$dll" \
  packaging/windows/bcryptprimitives.c packaging/windows/bcryptprimitives.def -ladvapi32
echo "Wine prefix ready: $prefix ($(wine --version))"
