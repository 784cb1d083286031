#!/usr/bin/env bash
# Measures the release desk app under Xvfb: time to first frame, CPU time over 10 idle
# seconds, peak RSS. Targets: first frame <= 300 ms, idle CPU ~ 0, peak RSS <= 150 MB.
#
#   scripts/measure-gui.sh                  # measure (builds nothing; run `cargo build --release` first)
#   scripts/measure-gui.sh --screenshots D  # PNGs of the quote and plan screens in ja, en, ko into D
#
# Needs xvfb-run (and imagemagick's `import` for screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/target/release/dose-planner
[ -x "$bin" ] || { echo "error: $bin not found; run cargo build --release" >&2; exit 2; }

tmp=$(mktemp -d)
chmod 700 "$tmp"
trap 'rm -rf "$tmp"' EXIT
# A fresh settings folder each run, so the last user's settings do not leak in.
export XDG_RUNTIME_DIR=$tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config

if [ "${1:-}" = "--screenshots" ]; then
  out=$(realpath -m "${2:-target/screenshots}")
  mkdir -p "$out"
  for lang in ja en ko; do
    for screen in quote plan; do
      DOSE_PLANNER_LANG=$lang DOSE_PLANNER_SCREEN=$screen \
        xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
          "$1" & pid=$!
          sleep "${SHOT_WAIT:-3}"
          import -window root -crop 1180x780+0+0 "$2"
          kill "$pid"; wait "$pid" 2>/dev/null || true' _ "$bin" "$out/$screen-$lang.png"
      echo "$out/$screen-$lang.png"
    done
  done
  exit 0
fi

idle_seconds=${IDLE_SECONDS:-10}
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  bin=$1 err=$2 idle=$3
  clk=$(getconf CLK_TCK)
  start_ns=$(date +%s%N)
  DOSE_PLANNER_MEASURE=1 "$bin" 2>"$err" & pid=$!
  # Wait for the first frame (at most 20 s).
  for _ in $(seq 2000); do
    grep -q "^first-frame-ms" "$err" && break
    sleep 0.01
  done
  seen_ns=$(date +%s%N)
  app_ms=$(grep "^first-frame-ms" "$err" | awk "{print \$2}")
  # Let the window settle, then count CPU time over the idle period. Nothing touches the window.
  sleep 2
  cpu() { awk "{print \$14 + \$15}" "/proc/$pid/stat"; }
  t0=$(cpu)
  sleep "$idle"
  t1=$(cpu)
  hwm=$(awk "/^VmHWM/ {print \$2}" "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "first frame (app, from main): ${app_ms:-?} ms"
  echo "first frame (seen by script, incl. exec): $(( (seen_ns - start_ns) / 1000000 )) ms"
  echo "idle CPU over ${idle} s: $(( (t1 - t0) * 1000 / clk )) ms (utime+stime)"
  echo "peak RSS (VmHWM): $(( hwm / 1024 )) MB"
' _ "$bin" "$tmp/stderr" "$idle_seconds"
