#!/usr/bin/env bash
# Makes the Windows installer from the program scripts/build-windows.sh built: a per-user NSIS
# installer in Japanese, English and Korean (packaging/windows/dose-planner.nsi), with Debian's
# makensis (package `nsis`, installed if missing). Not cargo-packager: its NSIS step downloads
# NSIS and its plugins from the internet at every run, which this machine and CI cannot do;
# makensis with a hand-written script builds offline and is what cargo-packager runs anyway.
# Output: target/windows/packages/dose-planner-<version>-x64-setup.exe
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v makensis >/dev/null 2>&1; then
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends nsis
fi

target_dir="${CARGO_TARGET_DIR:-$PWD/target/windows}"
bin="$target_dir/x86_64-pc-windows-gnu/release"
for exe in dose-planner.exe dose-planner-console.exe; do
  [ -f "$bin/$exe" ] || { echo "error: no $bin/$exe: run scripts/build-windows.sh first" >&2; exit 1; }
done
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || { echo "error: no version in Cargo.toml" >&2; exit 1; }
# NSIS's version fields are numeric: 0.1.0-beta.1 → 0.1.0
nversion=${version%%[-+]*}

start=$(date +%s)
stage="$target_dir/installer-stage"
rm -rf "$stage"
mkdir -p "$stage/pricing" "$stage/licenses" "$target_dir/packages"
cp "$bin/dose-planner.exe" "$stage/dose-planner.exe"
# The console program under the name a console finds first (PATHEXT: .COM before .EXE).
cp "$bin/dose-planner-console.exe" "$stage/dose-planner.com"
cp assets/icons/dose-planner.ico "$stage/"
cp pricing/*.toml pricing/README.md "$stage/pricing/"
cp LICENSE "$stage/licenses/LICENSE"
cp assets/fonts/LICENSE-*.txt "$stage/licenses/"
{
  for f in "$stage"/pricing/*; do printf 'Delete "$INSTDIR\\pricing\\%s"\n' "$(basename "$f")"; done
  for f in "$stage"/licenses/*; do printf 'Delete "$INSTDIR\\licenses\\%s"\n' "$(basename "$f")"; done
} > "$stage/uninstall-files.nsh"

out="$target_dir/packages/dose-planner-$version-x64-setup.exe"
# makensis reads its paths Windows-style; it accepts / on Linux.
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$nversion" -DSTAGE="$stage" -DOUTFILE="$out" \
  packaging/windows/dose-planner.nsi
size=$(stat -c %s "$out")
echo "$out: $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MB), made in $(( $(date +%s) - start )) s"
