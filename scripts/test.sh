#!/usr/bin/env bash
# The one test command (README, CI): install, lint, format check, the whole test suite, then
# build the PyInstaller bundle and prove that it starts. Stops at the first failure.
#
#   scripts/test.sh [PYTEST ARGS...]      e.g. scripts/test.sh -x -k register
#
# Needs no display: Qt runs offscreen. Extra arguments go to pytest.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

started=$SECONDS
timings=()
step_name="" step_start=0
step() {
  finish_step
  step_name=$1 step_start=$SECONDS
  printf '\n==> %s\n' "$step_name"
}
finish_step() {
  if [ -n "$step_name" ]; then
    timings+=("$(printf '%5ss  %s' $((SECONDS - step_start)) "$step_name")")
    step_name=""
  fi
}
on_exit() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -n "$step_name" ]; then
    local failed=$step_name
    finish_step
    printf '\n' >&2
    printf '%s\n' "${timings[@]}" >&2
    printf 'test.sh: FAILED at: %s (exit %s)\n' "$failed" "$status" >&2
  fi
  if [ -n "${tmpdir:-}" ]; then rm -rf "$tmpdir"; fi
}
trap on_exit EXIT

step "install (scripts/install.sh --dev)"
bash scripts/install.sh --dev

step "ruff check"
.venv/bin/ruff check .

step "ruff format --check"
.venv/bin/ruff format --check .

step "pytest"
# Qt needs no screen; tests/conftest.py sets this too, the bundle checks below need it.
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest "$@"

step "build the bundle (pyinstaller build.spec)"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec

step "bundle smoke test (dist/utq-desktop)"
tmpdir=$(mktemp -d)
# Keep the bundle's settings (last database opened) out of the user's own.
export XDG_CONFIG_HOME="$tmpdir/config" XDG_DATA_HOME="$tmpdir/data" XDG_CACHE_HOME="$tmpdir/cache"
app=(timeout 300 "$root/dist/utq-desktop/utq-desktop")
cd "$tmpdir"  # away from the checkout: the bundle must find everything inside itself
expect() {  # expect PATTERN COMMAND...: run COMMAND, show its output, require PATTERN in it
  local pattern=$1 output
  shift
  output=$("$@" 2>&1) || { printf '%s\n' "$output" >&2; echo "test.sh: failed: $*" >&2; return 1; }
  printf '%s\n' "$output"
  grep -qE "$pattern" <<<"$output" || { echo "test.sh: no '$pattern' from: $*" >&2; return 1; }
}
expect '^utq-desktop [0-9]' "${app[@]}" --version
# A new database: the schema is created by the Alembic scripts shipped inside the bundle.
expect '^UTQ Desktop main window shown: 0 candidates$' \
  "${app[@]}" --database "$tmpdir/smoke.sqlite" --smoke-test
expect '^Added 100 demo candidates' \
  "${app[@]}" --database "$tmpdir/smoke.sqlite" demo-data --candidates 100
expect '^UTQ Desktop main window shown: 100 candidates$' \
  "${app[@]}" --database "$tmpdir/smoke.sqlite" --smoke-test
cd "$root"
echo "bundle size: $(du -sh dist/utq-desktop | cut -f1) (dist/utq-desktop)"
finish_step

printf '\n==> all passed in %ss\n' $((SECONDS - started))
printf '%s\n' "${timings[@]}"
