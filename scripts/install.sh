#!/usr/bin/env bash
# Install everything UTQ Desktop needs on a Debian or Ubuntu machine; safe to run again.
#
#   scripts/install.sh          the system libraries Qt needs, .venv with the app in it
#   scripts/install.sh --dev    also xvfb, poppler-utils, binutils (PyInstaller), postgresql
#                               (the test suite's second run) and '.[dev]'
#
# Environment: PYTHON picks the interpreter for a new .venv (default python3, 3.11 or newer).
# apt-get runs only when a package is missing (via sudo when not root), so a second run is
# quick. On another system the apt step is skipped with a note: install the equivalents.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

dev=0
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    -h | --help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$arg' (use --dev)" >&2; exit 2 ;;
  esac
done

say() { printf 'install.sh: %s\n' "$*"; }

# Run "$@" with its output in a log that is shown only if it fails: quiet, errors visible.
quietly() {
  local log status=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    echo "install.sh: failed (exit $status): $*" >&2
  fi
  rm -f "$log"
  return "$status"
}

# --- 1. System packages -------------------------------------------------------------------
# What the PySide6 wheels' Qt libraries load (readelf -d on libQt6Gui/Widgets/XcbQpa and the
# platform plugins we ship), by Debian package. Qt 6 no longer uses xinerama.
# Offscreen platform (tests, --smoke-test, CI): GL/EGL, fonts, keyboard maps, D-Bus, GLib.
qt_offscreen=(libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
  libglib2.0-0)
# A real X11 window (the xcb platform plugin and libQt6XcbQpa).
qt_xcb=(libx11-xcb1 libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0
  libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxcb-glx0)
# Tests and screenshots: a virtual X screen, pdftoppm to look at generated PDFs, objdump
# (binutils), which PyInstaller needs to build the bundle on Linux, and a PostgreSQL server
# (scripts/test.sh starts a throw-away one on 127.0.0.1 with scripts/pg-test-server.sh).
dev_tools=(xvfb xauth poppler-utils binutils postgresql)

python=${PYTHON:-python3}
wanted=("${qt_offscreen[@]}" "${qt_xcb[@]}")
[ "$dev" = 1 ] && wanted+=("${dev_tools[@]}")
# Debian's python3 has no venv/ensurepip until python3-venv is installed.
if [ ! -x .venv/bin/python ]; then
  if ! command -v "$python" >/dev/null 2>&1; then
    wanted+=(python3 python3-venv)
  elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    wanted+=(python3-venv)
  fi
fi

apt_updated=0
# apt_install PACKAGE...: install those not installed yet; returns 1 if apt is not available.
apt_install() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || return 1
  local package status missing=() sudo=()
  for package in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$package")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "install.sh: not root and no sudo; as root run:" >&2
      echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    }
    sudo=(sudo)
  fi
  say "apt-get install ${missing[*]}"
  if [ "$apt_updated" = 0 ]; then
    quietly "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  quietly "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

if apt_install "${wanted[@]}"; then
  # PyInstaller bundles libpython3.X.so, which Debian's own python3 keeps in a separate package.
  interpreter=.venv/bin/python
  [ -x "$interpreter" ] || interpreter=$(command -v "$python")
  if [ "$dev" = 1 ] && dpkg-query -S "$(readlink -f "$interpreter")" >/dev/null 2>&1; then
    apt_install "libpython$("$interpreter" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  fi
  [ "$apt_updated" = 1 ] || say "system packages already installed; skipping apt-get"
else
  say "no apt-get/dpkg here: skipping system packages; install Qt's X11/EGL/fontconfig" \
    "libraries (and Xvfb, poppler, binutils for --dev) with your package manager"
fi

# --- 2. Python environment ----------------------------------------------------------------
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_INPUT=1
if [ ! -x .venv/bin/python ]; then
  command -v "$python" >/dev/null 2>&1 || { echo "install.sh: $python not found" >&2; exit 1; }
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "install.sh: UTQ Desktop needs Python 3.11 or newer; $python is" \
      "$("$python" -c 'import sys; print(sys.version.split()[0])'). Set PYTHON=..." >&2
    exit 1
  }
  say "creating .venv with $("$python" --version 2>&1)"
  rm -rf .venv
  quietly "$python" -m venv .venv
fi
# The editable install needs redoing only when pyproject.toml changes: a stamp in .venv
# records what was installed from which pyproject.toml.
stamp=.venv/.utq-install-stamp
wanted_stamp="$(sha256sum pyproject.toml | cut -d' ' -f1) dev=$dev"
installed_stamp=$(cat "$stamp" 2>/dev/null || true)
if [ "$installed_stamp" = "$wanted_stamp" ] || [ "$installed_stamp" = "${wanted_stamp% dev=0} dev=1" ]; then
  say "Python packages up to date (pyproject.toml unchanged); skipping pip"
else
  rm -f "$stamp"
  quietly .venv/bin/python -m pip install --upgrade pip
  if [ "$dev" = 1 ]; then
    say "pip install -e '.[dev]'"
    quietly .venv/bin/python -m pip install -e '.[dev]'
  else
    say "pip install -e ."
    quietly .venv/bin/python -m pip install -e .
  fi
  printf '%s\n' "$wanted_stamp" >"$stamp"
fi
version=$(.venv/bin/python -c 'import utq_desktop; print(utq_desktop.__version__)')
say "ready: .venv/bin/utq-desktop $version"
