#!/usr/bin/env bash
# Builds the Windows program, dose-planner.exe (GUI) and dose-planner-console.exe (the same
# program for a console), for x86_64-pc-windows-gnu on Debian 12, with Debian's packages only:
#   rustc-web, cargo-web, rust-web-src  Rust 1.96 and the standard library's source
#                                      (std is built for Windows with -Zbuild-std: rustup cannot
#                                      fetch other targets here, and Debian's
#                                      libstd-rust-dev-windows is 1.63, too old)
#   gcc-mingw-w64-x86-64-posix, binutils-mingw-w64-x86-64, mingw-w64-x86-64-dev
#                                      the linker, windres (icon and version resource: build.rs)
#                                      and the C compiler for the bundled SQLite
# Same Cargo.lock; its own target folder (target/windows), so the Linux build is never touched.
# Output: target/windows/x86_64-pc-windows-gnu/release/dose-planner{,-console}.exe
# Usage: bash scripts/build-windows.sh [--tests]   (--tests: also build the test binaries,
# see scripts/test-windows.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v /usr/bin/cargo >/dev/null 2>&1 && /usr/bin/rustc --version 2>/dev/null | grep -q '^rustc 1\.9[6-9]' \
  || need+=(rustc-web cargo-web rust-web-src)
[ -d /usr/lib/rustlib/src/rust/library ] || need+=(rust-web-src)
command -v x86_64-w64-mingw32-gcc-posix >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64-posix mingw-w64-x86-64-dev)
command -v x86_64-w64-mingw32-windres >/dev/null 2>&1 || need+=(binutils-mingw-w64-x86-64)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  echo "== installing from Debian: ${need[*]}"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# Debian's Rust, not rustup's (which comes first on a usual PATH and cannot target Windows here).
export PATH=/usr/bin:/bin:/usr/sbin:/sbin
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
# -Zbuild-std is unstable: Debian's stable compiler allows it with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/windows}"
# The posix-threads mingw (C++ std::thread in dependencies, and what std expects).
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc-posix
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc-posix
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export WINDRES=x86_64-w64-mingw32-windres
# std's own dependencies come from crates.io: fetched once, offline afterwards.
args=(--locked --target x86_64-pc-windows-gnu -Zbuild-std=std,panic_abort)

start=$(date +%s)
echo "== cargo build --release for x86_64-pc-windows-gnu ($(/usr/bin/rustc --version))"
/usr/bin/cargo build --release "${args[@]}" --bins
if [ "${1:-}" = "--tests" ]; then
  echo "== the test binaries for x86_64-pc-windows-gnu (release profile: reuses the build above)"
  /usr/bin/cargo test --release "${args[@]}" --workspace --no-run
fi
secs=$(( $(date +%s) - start ))

out="$CARGO_TARGET_DIR/x86_64-pc-windows-gnu/release"
for exe in dose-planner.exe dose-planner-console.exe; do
  [ -f "$out/$exe" ] || { echo "error: $out/$exe was not built" >&2; exit 1; }
  printf '%s: %s bytes (%s MB)\n' "$out/$exe" "$(stat -c %s "$out/$exe")" \
    "$(awk -v b="$(stat -c %s "$out/$exe")" 'BEGIN { printf "%.1f", b / 1048576 }')"
done
echo "built in ${secs} s"
