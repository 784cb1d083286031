#!/usr/bin/env bash
# Builds the Debian package target/packages/dose-planner_<version>_<arch>.deb from a clean
# checkout: the release binary at /usr/bin/dose-planner, the menu entry, the icons, the
# AppStream metainfo, the licences (the app's and the fonts') and the example price sheets.
#
# Built with dpkg-deb (what cargo-deb calls in the end), not cargo-deb: the layout is a
# couple of dozen files listed below, and CI needs no extra tool built from crates.io
# (cargo-deb would add a build of ~100 crates to every run).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n '/^\[workspace.package\]/,/^\[/{s/^version = "\(.*\)"/\1/p}' Cargo.toml)
arch=$(dpkg --print-architecture)
name="dose-planner_${version}_${arch}"

echo "== cargo build --release"
cargo build --release --locked --bin dose-planner

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
share="$root/usr/share"

install -Dm755 target/release/dose-planner "$root/usr/bin/dose-planner"
# The debug symbols are not shipped (the binary keeps its symbol names for backtraces).
strip --strip-debug "$root/usr/bin/dose-planner"

install -Dm644 packaging/linux/dose-planner.desktop "$share/applications/dose-planner.desktop"
install -Dm644 packaging/linux/io.github.doseplanner.DosePlanner.metainfo.xml \
  "$share/metainfo/io.github.doseplanner.DosePlanner.metainfo.xml"
install -Dm644 assets/icons/dose-planner.svg "$share/icons/hicolor/scalable/apps/dose-planner.svg"
for png in assets/icons/hicolor/*/apps/dose-planner.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  install -Dm644 "$png" "$share/icons/hicolor/$size/apps/dose-planner.png"
done

# The example price sheets: a clinic copies one and edits it (see README.md there).
for sheet in pricing/*.toml pricing/README.md; do
  install -Dm644 "$sheet" "$share/dose-planner/pricing/$(basename "$sheet")"
done

doc="$share/doc/dose-planner"
install -Dm644 LICENSE "$doc/LICENSE"
install -Dm644 assets/fonts/LICENSE-IPAexGothic.txt "$doc/LICENSE-IPAexGothic.txt"
install -Dm644 assets/fonts/LICENSE-NanumGothic.txt "$doc/LICENSE-NanumGothic.txt"
install -Dm644 README.md "$doc/README.md"
cat > "$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: dose-planner

Files: *
License: MIT
 See /usr/share/doc/dose-planner/LICENSE.

Files: IPAex Gothic (compiled into /usr/bin/dose-planner)
License: IPA Font License Agreement v1.0
 See /usr/share/doc/dose-planner/LICENSE-IPAexGothic.txt.

Files: Nanum Gothic (compiled into /usr/bin/dose-planner)
License: SIL Open Font License 1.1
 See /usr/share/doc/dose-planner/LICENSE-NanumGothic.txt.
COPYRIGHT

installed_kb=$(du -sk "$root/usr" | cut -f1)
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: dose-planner
Version: $version
Architecture: $arch
Maintainer: Dose & Cost Planner <dose-planner@example.org>
Installed-Size: $installed_kb
Depends: libc6, libgcc-s1
Recommends: libgl1, libegl1, libxkbcommon0, libx11-6, libxcursor1, libxrandr2, libxi6, libwayland-client0, zenity
Section: science
Priority: optional
Homepage: https://example.org/dose-planner
Description: isotretinoin dose plans and cost estimates for dermatology clinics
 Weight and mg/kg/day to a daily dose of whole capsules, month by month, with
 the cumulative dose and the warnings; the clinic's own price sheet to exact
 totals; a printed estimate in Japanese, English or Korean; a register of
 patients, courses, visits and quotes. The command line (dose-planner quote)
 needs no display; the desk app needs X11 or Wayland with OpenGL.
CONTROL

mkdir -p target/packages
dpkg-deb --root-owner-group --build "$root" "target/packages/$name.deb" >/dev/null
echo "== target/packages/$name.deb ($(du -k "target/packages/$name.deb" | cut -f1) KB)"
dpkg-deb -c "target/packages/$name.deb" | awk '{print $6}'
