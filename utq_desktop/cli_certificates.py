"""The certificate sub-commands of ``utq-desktop``: ``verify CODE`` and ``certificates``.

verify: prints Holder / Kind / Date / Serial / Status lines; exit 0 for a valid
certificate, 1 for an unknown, malformed, revoked or replaced code (with a line on stderr),
2 when the database cannot be opened or read (and for usage errors, as everywhere).

certificates: issues a UTQ certificate to each selected qualified candidate who has none
yet and writes the PDFs of the whole selection (existing certificates again from the
register: same serial, code and file), one ``path<TAB>full name<TAB>code`` line per PDF on
stdout. Every staff number named is checked first: if any is unknown, not qualified (in
the period) or exempted, nothing is issued or written (exit 1, one line per problem on
stderr). From a period, exempted candidates and those whose certificate was revoked are
skipped with a warning line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
Command = Callable[[argparse.Namespace], int]


def _date(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"'{value}' is not a date; write it as yyyy-mm-dd")


def add_certificate_commands(commands: Any) -> None:
    verify = commands.add_parser(
        "verify",
        help="check a certificate's verification code",
        description="Check a verification code as printed on a certificate (case, spaces "
        "and dashes do not matter). Prints the holder, kind, date, serial and status. "
        "Exit 0: a valid certificate; 1: unknown, mistyped, revoked or replaced; 2: the "
        "database cannot be opened.",
    )
    verify.add_argument("code", metavar="CODE", help="the code, e.g. 7K3M-Q9XD-2HPH")

    batch = commands.add_parser(
        "certificates",
        help="issue and write the UTQ certificates of qualified candidates (ceremony batch)",
        description="Issue a UTQ certificate to each selected qualified candidate who has "
        "none yet, and write the PDFs of the whole selection into DIR (existing "
        "certificates again from the register: same serial and code). Without "
        "--staff-number, everyone with a sufficient result (since --qualified-since) is "
        "selected; exempted candidates and those whose certificate was revoked are then "
        "skipped with a warning on stderr. Named staff numbers are checked first: if one "
        "is unknown, not qualified or exempted, nothing is issued or written (exit 1). "
        "Prints one line per PDF: path<TAB>full name<TAB>verification code.",
    )
    batch.add_argument(
        "--out", required=True, metavar="DIR", type=Path, help="the folder for the PDFs"
    )
    batch.add_argument(
        "--staff-number",
        action="append",
        default=[],
        metavar="N",
        dest="staff_numbers",
        help="only this candidate (repeat for more)",
    )
    batch.add_argument(
        "--qualified-since",
        type=_date,
        metavar="DATE",
        help="only results dated on or after DATE (yyyy-mm-dd)",
    )
    batch.add_argument(
        "--combined",
        type=Path,
        metavar="FILE.pdf",
        help="also write every certificate as a page of one PDF, for printing",
    )


def _verify(args: argparse.Namespace) -> int:
    from utq_desktop.services.app import open_services

    services = open_services(args.database, actor=args.user)
    try:
        found = services.certificates.verify(args.code)
    finally:
        services.close()
    if found is None:
        print(
            f"utq-desktop: no certificate with the code {args.code.strip()} is in "
            f"{services.database_label}",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    print(f"Holder: {found.holder_name}")
    kind = found.kind.label
    if found.title:
        kind += f" ({found.title})"
    print(f"Kind: {kind}")
    print(f"Date: {found.award_date.isoformat()}")
    print(f"Serial: {found.serial}")
    print(f"Status: {found.status.value}")
    if found.replaced_by_serial:
        print(f"Replaced by: {found.replaced_by_serial}")
    if found.revoke_reason:
        print(f"Reason: {found.revoke_reason}")
    if found.valid:
        return EXIT_OK
    print(
        f"utq-desktop: certificate {found.serial} is not valid: {found.status_text}",
        file=sys.stderr,
    )
    return EXIT_FAILURE


def _certificates(args: argparse.Namespace) -> int:
    from utq_desktop.services.app import open_services

    services = open_services(args.database, actor=args.user)
    try:
        plan = services.certificates.plan_ceremony(args.qualified_since, None, args.staff_numbers)
        for problem in plan.problems:
            print(f"utq-desktop: {problem}", file=sys.stderr)
        if plan.problems:
            count = len(plan.problems)
            print(
                f"utq-desktop: {count} selected candidate{'s' if count > 1 else ''} cannot "
                "get a UTQ certificate, so nothing was issued or written",
                file=sys.stderr,
            )
            return EXIT_FAILURE
        for skipped in plan.skipped:
            print(f"utq-desktop: skipped: {skipped}", file=sys.stderr)
        if not plan.items:
            print("utq-desktop: no qualified candidate selected; nothing written", file=sys.stderr)
            return EXIT_OK
        result = services.certificates.run_ceremony(plan, args.out, args.combined)
    finally:
        services.close()
    for written in result.written:
        print(f"{written.path}\t{written.holder_name}\t{written.verification_code}")
    if result.combined is not None:
        print(
            f"utq-desktop: combined PDF for printing: {result.combined} ({len(plan.items)} pages)",
            file=sys.stderr,
        )
    print(
        f"utq-desktop: {len(result.written)} PDFs written, {result.issued} certificates issued",
        file=sys.stderr,
    )
    return EXIT_OK


def _database_errors_exit_2(command: Command) -> Command:
    """A database that cannot be opened or used exits 2, never 1: for ``verify``, 1 means
    'not a valid certificate', and a script must not read an outage as that."""

    def run(args: argparse.Namespace) -> int:
        from utq_desktop.errors import DatabaseError

        try:
            return command(args)
        except DatabaseError as error:
            print(f"utq-desktop: {error}", file=sys.stderr)
            return EXIT_USAGE

    return run


CERTIFICATE_COMMANDS: dict[str, Command] = {
    "verify": _database_errors_exit_2(_verify),
    "certificates": _database_errors_exit_2(_certificates),
}
