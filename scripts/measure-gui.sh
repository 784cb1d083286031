#!/usr/bin/env bash
# Measures the release desk app under Xvfb: time to first frame, CPU time over 10 idle
# seconds, peak RSS. Targets: first frame <= 300 ms, idle CPU ~ 0, peak RSS <= 150 MB.
#
#   scripts/measure-gui.sh                  # measure (builds nothing; run `cargo build --release` first)
#   scripts/measure-gui.sh --screenshots D  # PNGs of the quote and plan screens in ja, en, ko into D
#   scripts/measure-gui.sh --session        # peak RSS after a session that visits every screen
#                                           # and exports three PDFs, driven by its keys
#
# Needs xvfb-run (and imagemagick's `import` for screenshots; Xvfb, matchbox-window-manager
# and xdotool for --session: a window manager gives the window the keyboard focus).
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

if [ "${1:-}" = "--session" ]; then
  for tool in Xvfb matchbox-window-manager xdotool; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install xvfb matchbox-window-manager xdotool)" >&2; exit 2; }
  done
  display=:$(( 40 + RANDOM % 50 ))
  Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
  export DISPLAY=$display HOME=$tmp/home
  mkdir -p "$HOME/Documents"
  sleep 1
  matchbox-window-manager -use_titlebar no >/dev/null 2>&1 & wm=$!
  sleep 0.5
  # The in-app path field instead of the native save dialog: Enter takes its default path.
  DOSE_PLANNER_MEASURE=1 DOSE_PLANNER_NO_NATIVE_DIALOG=1 DOSE_PLANNER_LANG=en \
    "$bin" 2>"$tmp/stderr" & pid=$!
  for _ in $(seq 2000); do grep -q "^first-frame-ms" "$tmp/stderr" && break; sleep 0.01; done
  sleep 1
  keys() { for k in "$@"; do xdotool key "$k"; sleep 0.4; done; }
  # Reception: the quote screen, a woman, first visit, 20 mg/day; export. Then 40 and
  # 60 mg/day, each exported (the same file name: each export replaces the last).
  # Each export is kept aside, so the three can be told apart (their doses differ).
  n=0
  for dose_key in 2 4 6; do
    [ $n -eq 0 ] && keys ctrl+1 f v
    keys "$dose_key" ctrl+e Return
    sleep 1
    n=$((n + 1))
    find "$HOME" -name '*.pdf' -newer "$tmp/stderr" -exec cp {} "$tmp/export-$n.pdf" \;
  done
  # Every other screen: Plan, Compare, Patients (opens the register), Quotes, and back.
  keys ctrl+2 ctrl+3 ctrl+4 ctrl+5 ctrl+1
  sleep 2
  hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
  pdfs=$(cat "$tmp"/export-*.pdf 2>/dev/null | wc -c)
  distinct=$(md5sum "$tmp"/export-*.pdf 2>/dev/null | awk '{print $1}' | sort -u | wc -l)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  kill "$wm" "$xvfb" 2>/dev/null || true
  echo "first frame (app, from main): $(awk '/^first-frame-ms/ {print $2}' "$tmp/stderr") ms"
  echo "PDF exports: $distinct distinct files of 3 ($pdfs bytes)"
  echo "peak RSS after the session (VmHWM): $(( hwm / 1024 )) MB"
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
