#!/usr/bin/env bash
# Benchmarks the patient's PDF estimate as a whole process: the release binary writes the
# 6-month estimate (built-in sheet, --daily-mg 20 --months 6 --sex female) again and again.
# Prints the median wall time and the file size against the targets (≤ 50 ms, ≤ 60 KB).
#
# Then, in ONE hyperfine run, the same one-page Japanese estimate from two peers, both with
# the bundled IPAex Gothic (assets/fonts/ipaexg.ttf, never a system font) and the figures
# of `dose-planner quote … --json` (generated here, not typed in):
#   - reportlab 5.1 (PyPI) in a venv this script makes under target/bench-peers/venv:
#     scripts/peers/estimate_reportlab.py;
#   - LibreOffice Calc headless (Debian: apt-get install libreoffice-calc-nogui) converting
#     scripts/peers/estimate.fods (filled by fill_fods.py), with a fontconfig file that lists
#     only assets/fonts and a fresh profile warmed once before timing.
# and a table: median ms, ratio ours/peer against the targets (≤ 0.1 reportlab, ≤ 0.025
# LibreOffice), size, and whether the fonts are embedded and subset (pdffonts).
# Builds nothing: run `cargo build --release` first. PEERS=0 skips the peers.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${BIN:-target/release/dose-planner}
RUNS=${RUNS:-30}
PEERS=${PEERS:-1}
TARGET_MS=50
TARGET_KB=60
# The Japanese estimate beside the peers.
TARGET_JA_KB=47
TARGET_RATIO_REPORTLAB=0.1
TARGET_RATIO_LIBREOFFICE=0.025
REPORTLAB=${REPORTLAB:-reportlab==5.1.*}
PEER_DIR=$ROOT/target/bench-peers
SHEET=pricing/reference-clinic-jp.toml
DATE=2026-05-01
PATIENT='Yamada Hanako'

if [[ ! -x "$BIN" ]]; then
    echo "error: $BIN not found; run cargo build --release first" >&2
    exit 1
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

status=0
for lang in ja en ko; do
    OUT="$WORK/estimate-$lang.pdf"
    CMD="$BIN quote --sex female --daily-mg 20 --months 6 --lang $lang --patient '$PATIENT' --date $DATE --pdf $OUT"
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

if [[ "$PEERS" == 0 ]]; then
    exit $status
fi

# ---- The peers, in one hyperfine run with ours ----------------------------------------
for tool in hyperfine jq pdffonts python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "error: the peer comparison needs $tool" >&2
        exit 1
    fi
done
mkdir -p "$PEER_DIR"
FONTS="$ROOT/assets/fonts/ipaexg.ttf"
"$BIN" quote --sex female --daily-mg 20 --months 6 --lang ja --date "$DATE" --json >"$PEER_DIR/estimate.json"

# Ours, beside them.
names=(ours)
OURS_PDF="$WORK/peer-ours.pdf"
cmds=("$BIN quote --sex female --daily-mg 20 --months 6 --lang ja --patient '$PATIENT' --date $DATE --pdf $OURS_PDF")
outs=("$OURS_PDF")

# reportlab 5.1 from PyPI, in a venv made once.
VENV="$PEER_DIR/venv"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import reportlab' 2>/dev/null; then
    echo "making $VENV with $REPORTLAB (once)…"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "$REPORTLAB"
fi
RL_VERSION=$("$VENV/bin/python" -c 'import reportlab; print(reportlab.Version)')
RL_PDF="$WORK/peer-reportlab.pdf"
names+=("reportlab $RL_VERSION")
cmds+=("$VENV/bin/python $ROOT/scripts/peers/estimate_reportlab.py $PEER_DIR/estimate.json $ROOT/$SHEET $DATE '$PATIENT' $RL_PDF")
outs+=("$RL_PDF")

# LibreOffice Calc headless, if installed.
if command -v soffice >/dev/null; then
    LO_VERSION=$(soffice --version 2>/dev/null | awk '{print $2; exit}')
    python3 scripts/peers/fill_fods.py "$PEER_DIR/estimate.json" "$SHEET" "$DATE" "$PATIENT" "$PEER_DIR/estimate.fods"
    # Only the bundled fonts: fontconfig sees assets/fonts and nothing else.
    cat >"$PEER_DIR/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>$ROOT/assets/fonts</dir>
  <cachedir>$PEER_DIR/fontconfig-cache</cachedir>
</fontconfig>
EOF
    PROFILE="$WORK/lo-profile"
    LO_OUT="$WORK/lo"
    LO_CMD="env FONTCONFIG_FILE=$PEER_DIR/fonts.conf soffice -env:UserInstallation=file://$PROFILE --headless --convert-to pdf --outdir $LO_OUT $PEER_DIR/estimate.fods"
    # Warm the fresh profile once (the first start writes it) before timing.
    $LO_CMD >/dev/null 2>&1
    names+=("LibreOffice $LO_VERSION")
    cmds+=("$LO_CMD")
    outs+=("$LO_OUT/estimate.pdf")
else
    echo "LibreOffice (soffice) not found: skipped. Install it with" >&2
    echo "    sudo apt-get install -y libreoffice-calc-nogui" >&2
    status=1
fi

hyperfine -N --style none --warmup 2 --runs "$RUNS" --export-json "$WORK/peers.json" "${cmds[@]}" >/dev/null 2>"$WORK/hyperfine.log"

# Which fonts each file embeds: "name emb/sub" per font, and whether every one is a
# subset of IPAex Gothic.
fonts_of() {
    pdffonts "$1" | awk 'NR > 2 {printf "%s%s %s/%s", sep, $1, $(NF-4), $(NF-3); sep = ", "}'
}

ours_ms=$(jq -r '.results[0].median * 1000' "$WORK/peers.json")
printf '\nThe Japanese estimate beside the peers (one hyperfine run, %s runs each, %s):\n' "$RUNS" "$(basename "$FONTS")"
printf '%-20s %10s %18s %14s  %s\n' "tool" "median ms" "ours/peer" "size KB" "fonts (emb/sub)"
for i in "${!names[@]}"; do
    ms=$(jq -r ".results[$i].median * 1000" "$WORK/peers.json")
    kb=$(awk -v b="$(stat -c %s "${outs[$i]}")" 'BEGIN {printf "%.1f", b/1024}')
    fonts=$(fonts_of "${outs[$i]}")
    ratio="-"
    target=""
    case "${names[$i]}" in
        reportlab*) target=$TARGET_RATIO_REPORTLAB ;;
        LibreOffice*) target=$TARGET_RATIO_LIBREOFFICE ;;
    esac
    verdict=""
    if [[ -n "$target" ]]; then
        ratio=$(awk -v o="$ours_ms" -v p="$ms" 'BEGIN {printf "%.3f", o/p}')
        if awk -v r="$ratio" -v t="$target" 'BEGIN {exit !(r > t)}'; then verdict=" SLOW"; status=1; fi
        ratio="$ratio (≤ $target)"
    fi
    if [[ $i == 0 ]]; then
        if awk -v k="$kb" -v t="$TARGET_JA_KB" 'BEGIN {exit !(k > t)}'; then verdict=" BIG"; status=1; fi
        if ! pdffonts "${outs[$i]}" | awk 'NR > 2 {if ($(NF-4) != "yes" || $(NF-3) != "yes") bad = 1} END {exit bad}'; then
            verdict="$verdict NOT-EMBEDDED-SUBSET"
            status=1
        fi
        kb="$kb (≤ $TARGET_JA_KB)"
    fi
    printf '%-20s %10.1f %18s %14s  %s%s\n' "${names[$i]}" "$ms" "$ratio" "$kb" "$fonts" "$verdict"
done
exit $status
