#!/usr/bin/env bash
# Smoke test of the Linux installer:
#   1. builds the .deb with the Maven profile (mvn -Pinstaller package; --no-build reuses target/installer),
#   2. installs it into a clean temporary folder (dpkg-deb -x), or with --system (as root) into the
#      machine with `apt-get install ./logitlab_*.deb`,
#   3. checks the desktop entry (menu categories, icon),
#   4. starts the installed launcher under Xvfb with LOGITLAB_SMOKE=1: once its first frame is on the
#      screen the app prints "logitlab: window up in … s · corpus "…" N sentences · M words" (seconds
#      since the JVM started) and closes the window,
#   5. finds the window with xdotool and takes a screenshot (target/installer/smoke.png) meanwhile,
#   6. prints the installer's size, the installed size, the build time and the time from launch to window.
# Needs: JDK 17 (jpackage), Maven, fakeroot, dpkg-deb, Xvfb, xdotool, ImageMagick (import).
#   bash jpackage/smoke-test.sh [--no-build] [--system]
set -euo pipefail
cd "$(dirname "$0")/.."

build=true system=false
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --system) system=true ;;
    *) echo "usage: $0 [--no-build] [--system]" >&2; exit 2 ;;
  esac
done
display="${SMOKE_DISPLAY:-:91}"
out=target/installer
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

build_s="(not built)"
if $build; then
  t0=$(now)
  mvn -B -q -Pinstaller package
  build_s="$(secs "$t0" "$(now)") s"
fi
deb=$(ls "$out"/logitlab_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb in $out (build it with mvn -Pinstaller package)"

# Install.
if $system; then
  [ "$(id -u)" = 0 ] || fail "--system installs with apt-get: run as root"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
  root=/
else
  root=$(mktemp -d /tmp/logitlab-smoke.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  dpkg-deb -x "$deb" "$root"
fi
launcher="$root/opt/logitlab/bin/LogitLab"
[ -x "$launcher" ] || fail "no launcher at $launcher"

# The desktop entry jpackage writes (installed into the menu by the package's postinst).
desktop=$(ls "$root"/opt/logitlab/lib/*.desktop | head -1)
grep -q '^Categories=Education;Science;' "$desktop" || fail "desktop entry without the Education;Science categories"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$root/${icon#/}" ] || fail "desktop entry's icon $icon is missing"

# A display: ours if none is running there.
xvfb_pid=""
if ! DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1; then
  Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 1
fi
cleanup_xvfb() { [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true; }
trap 'cleanup_xvfb; [ "$root" = / ] || rm -rf "$root"' EXIT

# Launch: the window stays up 3 s after the report, for xdotool and the screenshot.
log="$out/smoke.log"
t0=$(now)
LOGITLAB_SMOKE=1 LOGITLAB_SMOKE_HOLD=3 DISPLAY="$display" "$launcher" >"$log" 2>&1 &
app=$!
window_s=""
for _ in $(seq 1 1300); do
  if grep -q '^logitlab: window up' "$log"; then window_s=$(secs "$t0" "$(now)"); break; fi
  kill -0 "$app" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$window_s" ]; then
  kill "$app" 2>/dev/null || true
  tail -20 "$log" >&2
  fail "no window within 120 s"
fi
DISPLAY="$display" xdotool search --name 'LogitLab' >/dev/null || fail "xdotool finds no LogitLab window"
DISPLAY="$display" import -window root "$out/smoke.png"
colours=$(convert "$out/smoke.png" -format %k info:)
[ "$colours" -gt 1000 ] || fail "the screenshot looks blank ($colours colours)"
status=0
wait "$app" || status=$?
[ "$status" = 0 ] || fail "the app exited with $status"
report=$(grep '^logitlab: window up' "$log")
echo "$report" | grep -q 'corpus "Portuguese · everyday sentences" [0-9]* sentences' || fail "not the default corpus: $report"

echo "smoke: OK"
echo "  $report"
echo "  installer:      $(basename "$deb"), $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)"
echo "  installed size: $(du -sh "$root/opt/logitlab" | cut -f1)"
echo "  app-image:      $(du -sh "$out/LogitLab" | cut -f1)"
echo "  build time:     $build_s"
echo "  launch → window seen from outside (±0.1 s): $window_s s"
echo "  screenshot:     $out/smoke.png ($colours colours)"
