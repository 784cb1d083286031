#!/usr/bin/env bash
# The Windows stage of CI (called by .ci/run): builds dose-planner.exe for x86_64-pc-windows-gnu
# and its installer here (scripts/build-windows.sh, scripts/package-windows.sh), then tries them
# under Wine: the console program quotes ¥115,324 in text and JSON, writes a PDF that pdftotext
# reads back, saves a quote and imports it into a register it creates in the user's
# AppData\Local\dose-planner and lists; paths with a drive letter, backslashes and a Japanese
# folder name; the GUI program opens its window under Xvfb with glow and with wgpu (Vulkan,
# Mesa's lavapipe) — window title found, screenshot not blank; the installer installs silently
# (/S), the Start-menu entry is there, the installed program quotes (also as plain
# `dose-planner` in cmd, which finds dose-planner.com), and the uninstaller removes the program
# but keeps the register. A smoke test, not a Windows test (README "Windows").
# SHOTS=DIR keeps the screenshots there (docs/ has the ones looked at).
set -euo pipefail
cd "$(dirname "$0")/.."

stage_start=$(date +%s)
lap() { echo "   ($1: $(( $(date +%s) - stage_start )) s)"; stage_start=$(date +%s); }
fail() { echo "error: $*" >&2; exit 1; }

need=()
for c in wine:wine wine64:wine64 Xvfb:xvfb xauth:xauth xdotool:xdotool convert:imagemagick \
         pdftotext:poppler-utils; do
  command -v "${c%%:*}" >/dev/null 2>&1 || need+=("${c##*:}")
done
# wgpu's Vulkan under Wine goes to the host's Vulkan: Mesa's software driver (lavapipe).
[ -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ] || need+=(mesa-vulkan-drivers libvulkan1)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  echo "== installing from Debian: ${need[*]}"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
lap "tools"

echo "== Windows build"
bash scripts/build-windows.sh
lap "build"
echo "== Windows installer"
bash scripts/package-windows.sh
lap "installer"
bin="${CARGO_TARGET_DIR:-$PWD/target/windows}/x86_64-pc-windows-gnu/release"
setup=$(ls "${CARGO_TARGET_DIR:-$PWD/target/windows}"/packages/dose-planner-*-x64-setup.exe)
# The icon and version information are in the program (build.rs).
x86_64-w64-mingw32-objdump -h "$bin/dose-planner.exe" | grep -q '\.rsrc' \
  || fail "dose-planner.exe has no resources (icon, version)"

work=$(mktemp -d)
prefix="$work/prefix"
xvfb_pid=""
cleanup() {
  WINEPREFIX="$prefix" wineserver -k >/dev/null 2>&1 || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
echo "== Wine prefix"
bash scripts/wine-prefix.sh "$prefix"
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# What Windows would not have: the register path and the data folder come from the system.
unset DOSE_PLANNER_REGISTER XDG_DATA_HOME DOSE_PLANNER_RENDERER DISPLAY WAYLAND_DISPLAY
user_dir="$prefix/drive_c/users/$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')"
[ -d "$user_dir" ] || fail "no user folder in the prefix: $user_dir"
cp "$bin/dose-planner.exe" "$bin/dose-planner-console.exe" "$work/"
cli() { wine "$work/dose-planner-console.exe" "$@"; }
lap "prefix"

echo "== the CLI under Wine"
t0=$(date +%s%N)
cli --version
echo "   cold start (first program in the prefix): $(( ($(date +%s%N) - t0) / 1000000 )) ms"
t0=$(date +%s%N)
quote=$(cli quote --daily-mg 20 --months 6 --sex female)
echo "   a quote, warm: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
grep -q '¥115,324' <<<"$quote" || fail "the text quote lacks ¥115,324: $quote"
json=$(cli quote --daily-mg 20 --months 6 --sex female --json)
grep -q '"total": 115324' <<<"$json" || fail "the JSON quote lacks \"total\": 115324"
# The GUI program prints too when its output is redirected (a pipe, a file).
quote=$(wine "$work/dose-planner.exe" quote --daily-mg 20 --months 6 --sex female)
grep -q '¥115,324' <<<"$quote" || fail "dose-planner.exe quote printed no ¥115,324 into a pipe"

# A drive letter, backslashes and a Japanese folder name with a space.
mkdir -p "$prefix/drive_c/患者 書類"
cli quote --daily-mg 20 --months 6 --sex female --patient '山田 花子' \
  --pdf 'C:\患者 書類\見積.pdf' --save 'C:\患者 書類\見積.json' >/dev/null
pdf="$prefix/drive_c/患者 書類/見積.pdf"
[ -s "$pdf" ] || fail "no PDF at C:\\患者 書類\\見積.pdf"
text=$(pdftotext "$pdf" -)
grep -q '115,324' <<<"$text" || fail "pdftotext found no 115,324 in the PDF"
grep -q '山田 花子' <<<"$text" || fail "pdftotext found no patient name in the PDF"
[ -s "$prefix/drive_c/患者 書類/見積.json" ] || fail "no saved quote"

# The register: created in the user's local application-data folder, imported into, listed.
register="$user_dir/AppData/Local/dose-planner/register.sqlite3"
[ ! -e "$register" ] || fail "a register exists before the first import"
cli register import 'C:\患者 書類\見積.json' --number P-001
[ -s "$register" ] || fail "the register is not in AppData\\Local\\dose-planner: $(find "$user_dir" -name 'register.sqlite3')"
list=$(cli register quotes)
grep -q '115,324' <<<"$list" || fail "the Quotes list lacks the imported quote: $list"
cli register backup --folder 'C:\患者 書類'
ls "$prefix/drive_c/患者 書類"/register-backup-*.sqlite3 >/dev/null || fail "no register backup"
lap "CLI"

echo "== the window under Wine + Xvfb"
for n in $(seq 90 99); do [ -e "/tmp/.X11-unix/X$n" ] || break; done
Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$n"
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done
for renderer in glow wgpu; do
  # wgpu's default DX12 fails under Wine ("Parent device is lost"); Vulkan works.
  DOSE_PLANNER_RENDERER=$renderer WGPU_BACKEND=vulkan wine "$work/dose-planner.exe" \
    >"$work/gui-$renderer.log" 2>&1 &
  found=""
  for _ in $(seq 120); do
    found=$(xdotool search --name '^Dose & Cost Planner$' 2>/dev/null | head -n 1) && [ -n "$found" ] && break
    sleep 0.5
  done
  [ -n "$found" ] || { cat "$work/gui-$renderer.log" >&2; fail "no window titled 'Dose & Cost Planner' with $renderer"; }
  # A few frames: the first may be blank while the fonts load.
  colours=0
  for _ in $(seq 30); do
    sleep 1
    import -window root "$work/window-$renderer.png" 2>/dev/null || continue
    colours=$(convert "$work/window-$renderer.png" -format '%k' info:)
    [ "$colours" -gt 200 ] && break
  done
  [ "$colours" -gt 200 ] || fail "the screen with $renderer is blank ($colours colours)"
  echo "   $renderer: window $found, screenshot with $colours colours"
  [ -z "${SHOTS:-}" ] || cp "$work/window-$renderer.png" "$SHOTS/windows-wine-$renderer.png"
  wineserver -k || true
  wineserver -w
done
kill "$xvfb_pid"; xvfb_pid=""
unset DISPLAY
lap "GUI"

echo "== the installer under Wine"
wine "$setup" /S
wineserver -w
installed="$user_dir/AppData/Local/Programs/Dose & Cost Planner"
for f in dose-planner.exe dose-planner.com uninstall.exe pricing/reference-clinic-jp.toml \
         pricing/README.md licenses/LICENSE licenses/LICENSE-IPAexGothic.txt licenses/LICENSE-NanumGothic.txt; do
  [ -f "$installed/$f" ] || fail "the installer did not install $f"
done
link="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Dose & Cost Planner.lnk"
[ -f "$link" ] || fail "no Start-menu entry: $(find "$prefix/drive_c" -name '*.lnk' | grep -i dose)"
echo "   Start-menu entry: ${link#"$prefix/"}"
# As a user types it in cmd: `dose-planner` finds dose-planner.com (PATHEXT), which prints.
quote=$(wine cmd /c "cd /d \"C:\\users\\$(basename "$user_dir")\\AppData\\Local\\Programs\\Dose & Cost Planner\" && dose-planner quote --daily-mg 20 --months 6 --sex female --pricing pricing\\reference-clinic-jp.toml")
grep -q '¥115,324' <<<"$quote" || fail "the installed program did not quote ¥115,324: $quote"
wine "$installed/uninstall.exe" /S
wineserver -w
for _ in $(seq 20); do [ -e "$installed/dose-planner.exe" ] || break; sleep 0.5; done
[ ! -e "$installed/dose-planner.exe" ] || fail "the uninstaller left dose-planner.exe"
[ ! -e "$link" ] || fail "the uninstaller left the Start-menu entry"
[ -s "$register" ] || fail "the uninstaller deleted the register"
lap "installer"
echo "== Windows smoke test passed"
