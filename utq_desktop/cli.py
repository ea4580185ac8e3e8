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

    services = open_services(args.database, actor=args.user)
    try:
        added = generate_demo_data(services.context, args.candidates, seed=args.seed)
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


if __name__ == "__main__":
    raise SystemExit(main())
