"""The ``utq-desktop`` command: the window by default, batch sub-commands for automation.

Exit codes: 0 success; 1 failure, with a one-line message and no traceback; 2 usage error.
The sub-commands call the same services as the window.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from utq_desktop import __version__
from utq_desktop.cli_certificates import CERTIFICATE_COMMANDS, add_certificate_commands
from utq_desktop.errors import UtqError

MAX_DEMO_CANDIDATES = 50_000
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def _demo_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if not 0 <= count <= MAX_DEMO_CANDIDATES:
        raise argparse.ArgumentTypeError(f"choose 0 to {MAX_DEMO_CANDIDATES:,} candidates")
    return count


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="utq-desktop",
        description="UTQ Desktop: candidates, intakes, routes, dossiers and certificates "
        "for the University Teaching Qualification. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL_OR_PATH",
        help="an SQLite file path or a SQLAlchemy URL (default: $UTQ_DATABASE_URL, else the "
        "last database opened in the window, else utq.sqlite in your data folder)",
    )
    parser.add_argument(
        "--user", metavar="LOGIN", help="record changes as LOGIN (default: $UTQ_USER or your login)"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window, wait until the register is shown, print one line and quit "
        "(used to check an installation or bundle)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo-data", help="fill the database with realistic, reproducible demo data"
    )
    demo.add_argument(
        "--candidates",
        type=_demo_count,
        default=2000,
        metavar="N",
        help=f"how many candidates (0 to {MAX_DEMO_CANDIDATES:,}; default 2000)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="the same seed gives the same data (default 1)",
    )

    commands.add_parser("migrate", help="create the database schema or upgrade it to this version")

    staff = commands.add_parser(
        "import-staff",
        help="import an HR staff list (.xlsx) as candidates; matched by staff number",
        description="Import an HR staff list (.xlsx): Dutch or English column names, title "
        "lines above the header allowed. Every row is checked first; if any is rejected, "
        "nothing is written (unless --skip-invalid). Prints one line per rejected row and "
        "a summary. Exit 0: no row rejected; 1: rows rejected or the file cannot be read.",
    )
    staff.add_argument("file", metavar="FILE.xlsx", help="the staff list")
    staff.add_argument(
        "--dry-run", action="store_true", help="check and report only; write nothing"
    )
    staff.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows even when others are rejected",
    )

    export = commands.add_parser(
        "export-overview",
        help="write every active candidate to an Excel overview (.xlsx)",
    )
    export.add_argument("file", metavar="FILE.xlsx", help="the workbook to write (replaced)")
    add_certificate_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_gui(args)
        if args.command == "demo-data":
            return _demo_data(args)
        if args.command == "migrate":
            return _migrate(args)
        if args.command == "import-staff":
            return _import_staff(args)
        if args.command == "export-overview":
            return _export_overview(args)
        if args.command in CERTIFICATE_COMMANDS:
            return int(CERTIFICATE_COMMANDS[args.command](args))
    except UtqError as error:
        print(f"utq-desktop: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("utq-desktop: interrupted", file=sys.stderr)
        return EXIT_FAILURE
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


def _run_gui(args: argparse.Namespace) -> int:
    # Loaded by name: the core never depends on the Qt layer, and batch commands never load Qt.
    app = importlib.import_module("ui.app")
    return int(app.run(database=args.database, user=args.user, smoke_test=args.smoke_test))


def _demo_data(args: argparse.Namespace) -> int:
    from utq_desktop.services.app import open_services
    from utq_desktop.services.demo import generate_demo_data

    def progress(done: int, total: int) -> None:  # on a terminal only: scripts stay quiet
        end = "\n" if done >= total else ""
        print(f"\rdemo-data: {done:,} of {total:,} candidates…", end=end, file=sys.stderr)

    services = open_services(args.database, actor=args.user)
    try:
        added = generate_demo_data(
            services.context,
            args.candidates,
            seed=args.seed,
            progress=progress if sys.stderr.isatty() else None,
        )
        total = services.candidates.count()
    finally:
        services.close()
    print(f"Added {added} demo candidates to {services.database_label}; it now holds {total}.")
    return EXIT_OK


def _migrate(args: argparse.Namespace) -> int:
    from utq_desktop.store.database import migrate_database
    from utq_desktop.store.location import describe, resolve_database_url

    url = resolve_database_url(args.database)
    before, after = migrate_database(url)
    if before == after:
        print(f"{describe(url)} is already at schema {after}.")
    else:
        print(f"{describe(url)} migrated from schema {before or 'empty'} to {after}.")
    return EXIT_OK


def _import_staff(args: argparse.Namespace) -> int:
    from utq_desktop.documents.staff_list import paused_gc, read_staff_list
    from utq_desktop.services.app import open_services
    from utq_desktop.services.import_plan import Outcome

    with paused_gc():  # one pause for reading and importing (see paused_gc)
        sheet = read_staff_list(args.file)  # first: a bad file leaves no new database behind
        services = open_services(args.database, actor=args.user)
        try:
            if args.dry_run:
                plan = services.staff_import.plan(sheet)
            else:
                plan = services.staff_import.apply(sheet, skip_invalid=args.skip_invalid)
        finally:
            services.close()
    print(f"{plan.file_name}, sheet '{plan.sheet_name}': header on row {plan.header_row}")
    if plan.ignored_columns:
        print(f"ignored columns: {', '.join(plan.ignored_columns)}")
    for row in plan.rows:
        if row.changes:
            print(f"row {row.row}: {row.staff_number} {row.name} updated: {row.change_text()}")
    for problem in plan.problems():
        print(problem.line())
    print(plan.summary())
    rejected = plan.rejected
    if args.dry_run:
        print("Dry run: nothing was written.")
    elif plan.written:
        print(f"Imported: {plan.count(Outcome.NEW)} new, {plan.count(Outcome.UPDATED)} updated.")
    if not rejected:
        return EXIT_OK
    rows = "1 row was" if rejected == 1 else f"{rejected} rows were"
    advice = "correct them, or use --skip-invalid to import the valid rows only"
    if args.dry_run:
        message = f"{rows} rejected; {advice}"
    elif not plan.written:
        message = f"{rows} rejected, so nothing was imported; {advice}"
    else:
        message = f"{rows} rejected and not imported"
    print(f"utq-desktop: {message}", file=sys.stderr)
    return EXIT_FAILURE


def _export_overview(args: argparse.Namespace) -> int:
    from utq_desktop.services.app import open_services

    services = open_services(args.database, actor=args.user)
    try:
        count = services.overview.export(args.file)
    finally:
        services.close()
    print(f"Wrote {count} candidates to {args.file}.")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
