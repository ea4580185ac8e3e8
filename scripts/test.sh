#!/usr/bin/env bash
# The one test command (README, CI): install, lint, format check, the whole test suite on
# SQLite, every database test again on PostgreSQL, then build the PyInstaller bundle and
# prove that it starts (on an SQLite file and on the PostgreSQL server). Stops at the first
# failure.
#
#   scripts/test.sh [PYTEST ARGS...]      e.g. scripts/test.sh -x -k register
#
# Needs no display: Qt runs offscreen. Extra arguments go to both pytest runs. The PostgreSQL
# server is a throw-away one on 127.0.0.1 (scripts/pg-test-server.sh), stopped on exit; set
# UTQ_TEST_POSTGRES_URL to use a server of your own instead (a role that may create databases).
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
  if [ -n "${pgdir:-}" ]; then
    bash "$root/scripts/pg-test-server.sh" stop "$pgdir" || true
    rm -rf "$pgdir"
  fi
}
trap on_exit EXIT

step "install (scripts/install.sh --dev)"
bash scripts/install.sh --dev

step "ruff check"
.venv/bin/ruff check .

step "ruff format --check"
.venv/bin/ruff format --check .

step "pytest on SQLite"
# Qt needs no screen; tests/conftest.py sets this too, the bundle checks below need it.
export QT_QPA_PLATFORM=offscreen
env -u UTQ_TEST_POSTGRES_URL .venv/bin/python -m pytest "$@"

step "start PostgreSQL (scripts/pg-test-server.sh)"
if [ -z "${UTQ_TEST_POSTGRES_URL:-}" ]; then
  pgdir=$(mktemp -d -t utq-pg.XXXXXX)
  # --fast: no fsync; the cluster is thrown away afterwards
  UTQ_TEST_POSTGRES_URL=$(bash scripts/pg-test-server.sh start "$pgdir" --fast)
fi
export UTQ_TEST_POSTGRES_URL
echo "server: $UTQ_TEST_POSTGRES_URL"

step "pytest on PostgreSQL"
# Every test that uses a database (tests/conftest.py's fixtures) or needs the server; those
# that never touch a database ran above already.
pg_status=0
UTQ_TEST_DATABASE_ONLY=1 .venv/bin/python -m pytest "$@" || pg_status=$?
# 5: no test selected by the arguments uses a database (e.g. -k on a pure domain test)
[ "$pg_status" = 0 ] || [ "$pg_status" = 5 ] || exit "$pg_status"

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
# The same on a new database on the PostgreSQL server: the driver travels in the bundle.
pg_smoke=$("$root/.venv/bin/python" - "$UTQ_TEST_POSTGRES_URL" <<'EOF'
import secrets, sys
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
name = f"utq_bundle_{secrets.token_hex(4)}"
engine = create_engine(sys.argv[1], isolation_level="AUTOCOMMIT")
with engine.connect() as connection:
    connection.execute(text(f'CREATE DATABASE "{name}"'))
engine.dispose()
print(make_url(sys.argv[1]).set(database=name).render_as_string(hide_password=False))
EOF
)
expect 'migrated from schema empty' "${app[@]}" --database "$pg_smoke" migrate
expect '^Added 100 demo candidates' "${app[@]}" --database "$pg_smoke" demo-data --candidates 100
expect '^UTQ Desktop main window shown: 100 candidates$' \
  "${app[@]}" --database "$pg_smoke" --smoke-test
"$root/.venv/bin/python" -c 'import sys; from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
url = make_url(sys.argv[1])
with create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT").connect() as c:
    c.execute(text(f"DROP DATABASE \"{url.database}\""))' "$pg_smoke"
cd "$root"
echo "bundle size: $(du -sh dist/utq-desktop | cut -f1) (dist/utq-desktop)"
finish_step

printf '\n==> all passed in %ss\n' $((SECONDS - started))
printf '%s\n' "${timings[@]}"
