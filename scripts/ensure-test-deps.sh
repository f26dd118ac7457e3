#!/usr/bin/env bash
# Installs the system packages the test suite needs, from Debian's archive, when they are missing:
# Chromium (browser tests through playwright-core), the DejaVu fonts (text in PNG reports), and the C++
# toolchain that `npm ci` needs to build better-sqlite3 from its npm sources (.npmrc: build-from-source, since
# its prebuilt binaries would come from outside the npm registry).
# Needs root (CI runs as root); prints what it does and never fails the run by itself — the tests that
# need a missing piece say so.
set -u
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "ensure-test-deps: missing ${need[*]}; install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 0
fi
echo "ensure-test-deps: installing ${need[*]} from Debian's packages"
apt-get update -qq >/dev/null 2>&1 || true
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; }
# An earlier install stopped half-way (a killed run) leaves dpkg waiting to be finished: finish it, try again.
install || { DEBIAN_FRONTEND=noninteractive dpkg --configure -a >/dev/null 2>&1; install; } \
  || echo "ensure-test-deps: apt-get install ${need[*]} failed" >&2
exit 0
