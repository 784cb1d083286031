#!/usr/bin/env bash
# Benchmarks the patient's PDF estimate as a whole process: the release binary writes the
# 6-month estimate (built-in sheet, --daily-mg 20 --months 6 --sex female) again and again.
# Prints the median wall time and the file size against the targets (≤ 50 ms, ≤ 60 KB).
# Builds nothing: run `cargo build --release` first.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/dose-planner}
RUNS=${RUNS:-30}
TARGET_MS=50
TARGET_KB=60

if [[ ! -x "$BIN" ]]; then
    echo "error: $BIN not found; run cargo build --release first" >&2
    exit 1
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

status=0
for lang in ja en ko; do
    OUT="$WORK/estimate-$lang.pdf"
    CMD="$BIN quote --sex female --daily-mg 20 --months 6 --lang $lang --patient 'Yamada Hanako' --date 2026-05-01 --pdf $OUT"
    if command -v hyperfine >/dev/null; then
        hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/$lang.json" "$CMD" >/dev/null 2>"$WORK/hyperfine.log"
        median_ms=$(jq -r '.results[0].median * 1000' "$WORK/$lang.json" | awk '{printf "%.1f", $1}')
    else
        times=()
        for _ in $(seq "$RUNS"); do
            t0=$(date +%s%N)
            eval "$CMD" >/dev/null 2>"$WORK/hyperfine.log"
            t1=$(date +%s%N)
            times+=($(( (t1 - t0) / 1000 )))
        done
        median_us=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
        median_ms=$(awk -v u="$median_us" 'BEGIN {printf "%.1f", u/1000}')
    fi
    bytes=$(stat -c %s "$OUT")
    kb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1024}')
    pages=$(pdfinfo "$OUT" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
    verdict=ok
    if awk -v m="$median_ms" -v t="$TARGET_MS" 'BEGIN {exit !(m > t)}'; then verdict="SLOW"; status=1; fi
    if awk -v k="$kb" -v t="$TARGET_KB" 'BEGIN {exit !(k > t)}'; then verdict="$verdict BIG"; status=1; fi
    printf '%s: median %s ms (target ≤ %s), %s KB (target ≤ %s), %s page(s), %s runs: %s\n' \
        "$lang" "$median_ms" "$TARGET_MS" "$kb" "$TARGET_KB" "${pages:-?}" "$RUNS" "$verdict"
done
exit $status
