"""Import an HR staff list: plan it (new / updated / unchanged / rejected, with reasons),
then apply it in one transaction — bulk inserts, bulk updates and their audit entries.

Every row is checked before anything is written, with the same rules as the candidate
dialog (validation.candidate_problem). Candidates are matched by staff number, so importing
the same list twice changes nothing. An empty cell never clears a stored value: HR lists
are a source of new facts, and a coordinator may have completed what HR left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import DateTime, bindparam, func, insert, literal, null, select, update
from sqlalchemy.orm import Session

from utq_desktop.documents.staff_list import (
    FIELD_LABELS,
    ParsedRow,
    StaffSheet,
    parse_rows,
    paused_gc,
)
from utq_desktop.domain.enums import Language, TrajectoryStatus
from utq_desktop.domain.models import AuditEntry, Candidate
from utq_desktop.errors import StaleEditError
from utq_desktop.services.audit import as_text, utc_now
from utq_desktop.services.candidates import default_framework_id
from utq_desktop.services.context import Context
from utq_desktop.services.import_plan import (
    ImportPlan,
    Outcome,
    PlannedRow,
    Problem,
    check_mapping,
)
from utq_desktop.services.validation import candidate_problem
from utq_desktop.store.bulk import insert_rows

Progress = Callable[[int, int], None]
IMPORT_FIELDS = tuple(FIELD_LABELS)  # the CandidateInput fields a staff list can set
CHUNK = 5000  # rows per bulk statement, and how often progress is reported
LOOKUP_CHUNK = 900  # staff numbers per IN (…) when finding existing candidates
BLANK = {name: None if name in ("fte", "employment_start") else "" for name in IMPORT_FIELDS}

_TABLE = Candidate.__table__
_AUDIT = AuditEntry.__table__
AUDIT_COLUMNS = [
    "at",
    "actor",
    "entity",
    "entity_id",
    "candidate_id",
    "action",
    "field",
    "old_value",
    "new_value",
]
MAX_LENGTH = {name: getattr(_TABLE.c[name].type, "length", None) for name in IMPORT_FIELDS}
_UPDATE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("b_id"), _TABLE.c.row_version == bindparam("b_version"))
    .values({name: bindparam(f"b_{name}") for name in IMPORT_FIELDS})
    .values(row_version=_TABLE.c.row_version + 1)
)


class StaffImportService:
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today

    def plan(
        self,
        sheet: StaffSheet,
        mapping: dict[int, str] | None = None,
        progress: Progress | None = None,
    ) -> ImportPlan:
        """What importing ``sheet`` would do; nothing is written."""
        mapping = sheet.mapping() if mapping is None else mapping
        check_mapping(sheet, mapping)
        with paused_gc(), self._context.read() as session:
            return self._plan(session, sheet, mapping, progress, len(sheet.rows))

    def apply(
        self,
        sheet: StaffSheet,
        mapping: dict[int, str] | None = None,
        *,
        skip_invalid: bool = False,
        progress: Progress | None = None,
    ) -> ImportPlan:
        """Plan again inside one transaction and write it: all rows, or — when a row is
        rejected — nothing, unless ``skip_invalid``, which writes the valid rows. The plan
        returned says what was written (``written``). An exception from ``progress`` (a
        cancel) rolls everything back."""
        mapping = sheet.mapping() if mapping is None else mapping
        check_mapping(sheet, mapping)
        rows = len(sheet.rows)
        with paused_gc(), self._context.transaction() as session:
            plan = self._plan(session, sheet, mapping, progress, 2 * rows)
            if plan.rejected and not skip_invalid:
                return plan
            by_outcome: dict[Outcome, list[PlannedRow]] = {o: [] for o in Outcome}
            for row in plan.rows:
                by_outcome[row.outcome].append(row)
            new, changed = by_outcome[Outcome.NEW], by_outcome[Outcome.UPDATED]
            work = max(1, len(new) + len(changed))

            def written(count: int) -> None:  # the second half of the progress bar
                if progress is not None:
                    progress(rows + rows * count // work, 2 * rows)

            self._insert(session, new, sheet.file_name, written)
            self._update(session, changed, sheet.file_name, lambda n: written(len(new) + n))
            written(work)
        return replace(plan, written=True)

    # --- planning ----------------------------------------------------------------------------

    def _plan(
        self,
        session: Session,
        sheet: StaffSheet,
        mapping: dict[int, str],
        progress: Progress | None,
        total: int,
    ) -> ImportPlan:
        columns = {column.index: column.describe() for column in sheet.columns}
        column_of = {name: columns[index] for index, name in mapping.items()}
        parsed = parse_rows(sheet, mapping, MAX_LENGTH)
        _reject_duplicates(parsed, column_of["staff_number"])
        existing = _existing(session, [p.staff_number for p in parsed if not p.problems])
        today = self._today()
        planned = []
        for start in range(0, len(parsed), CHUNK):
            planned += [
                _plan_row(row, existing.get(row.staff_number), column_of, today)
                for row in parsed[start : start + CHUNK]
            ]
            if progress is not None:  # in rows of the sheet, blank ones included
                progress(len(sheet.rows) * len(planned) // len(parsed), total)
        ignored = tuple(column.describe() for column in sheet.ignored(mapping))
        return ImportPlan(sheet.file_name, sheet.sheet_name, sheet.header_row, planned, ignored)

    # --- writing -----------------------------------------------------------------------------

    def _insert(
        self, session: Session, rows: list[PlannedRow], file_name: str, done: Callable[[int], None]
    ) -> None:
        """Bulk inserts (one executemany per chunk, no ORM objects: store.bulk), each
        followed by one INSERT … SELECT that gives every new candidate its audit entry:
        'Created — Imported from staff list <file>'."""
        if not rows:
            return
        now = utc_now()
        fixed = {
            "extension_months": 0,
            "extension_reason": "",
            "status": TrajectoryStatus.REGISTERED,
            "supervisor_id": None,
            "framework_id": default_framework_id(session),
            "created_at": now,
            "archived_at": None,
            "row_version": 1,
        }
        audit = select(
            literal(now, DateTime()),
            literal(self._context.actor),
            literal("candidate"),
            Candidate.id,
            Candidate.id,
            literal("create"),
            null(),
            null(),
            literal(f"Imported from staff list {file_name}"),
        )
        first_id = (session.scalar(select(func.max(Candidate.id))) or 0) + 1
        chunks = ([row.values for row in rows[i : i + CHUNK]] for i in range(0, len(rows), CHUNK))
        insert_rows(session, _TABLE, chunks, fixed, done)
        # Ours are the rows from first_id on with this exact created_at: on a server, others'
        # candidates may arrive meanwhile, but not in the same microsecond.
        session.execute(
            insert(_AUDIT).from_select(
                AUDIT_COLUMNS,
                audit.where(Candidate.id >= first_id, Candidate.created_at == now),
            )
        )

    def _update(
        self, session: Session, rows: list[PlannedRow], file_name: str, done: Callable[[int], None]
    ) -> None:
        """One executemany per chunk, guarded by each candidate's row version: a candidate
        edited since it was read makes the whole import fail (and roll back). Audited as
        'Changed — Imported from staff list <file>' plus one entry per changed field."""
        now, actor = utc_now(), self._context.actor
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            versions = dict(
                session.execute(
                    select(Candidate.id, Candidate.row_version).where(
                        Candidate.id.in_([row.candidate_id for row in chunk])
                    )
                ).all()
            )
            params = [
                {
                    "b_id": row.candidate_id,
                    "b_version": versions.get(row.candidate_id, -1),
                    **{f"b_{n}": row.values[n] for n in IMPORT_FIELDS},
                }
                for row in chunk
            ]
            result = session.connection().execute(_UPDATE, params)
            if result.rowcount != len(params):
                raise StaleEditError(
                    "Someone changed or removed candidates while the list was being imported; "
                    "nothing was imported. Import the list again."
                )
            source = f"Imported from staff list {file_name}"
            entries = [
                entry
                for row in chunk
                for entry in (
                    _audit(now, actor, row.candidate_id, "update", None, None, source),
                    *(
                        _audit(now, actor, row.candidate_id, "update", name, old, new)
                        for name, old, new in row.changes
                    ),
                )
            ]
            session.execute(insert(_AUDIT), entries)
            done(start + len(chunk))


def _reject_duplicates(parsed: list[ParsedRow], column: str) -> None:
    numbers = [row.staff_number for row in parsed]
    if len(set(numbers)) == len(numbers):
        return
    counts = Counter(numbers)
    twice = {number for number, n in counts.items() if n > 1 and number}
    if not twice:
        return
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row in parsed:
        if row.staff_number in twice:
            rows_of[row.staff_number].append(row.row)
    for row in parsed:
        if row.staff_number in twice:
            rows = rows_of[row.staff_number]
            listed = ", ".join(str(r) for r in rows)
            reason = (
                f"Staff number {row.staff_number} appears {len(rows)} times in the file "
                f"(rows {listed}); keep one row per person."
            )
            row.problems.insert(0, Problem(row.row, column, reason))


def _existing(session: Session, numbers: list[str]) -> dict[str, tuple[int, dict[str, Any]]]:
    """{staff number: (id, current values)} for the candidates the file names."""
    stored = set(session.scalars(select(Candidate.staff_number)))
    numbers = [number for number in numbers if number in stored]
    columns = [getattr(Candidate, name) for name in IMPORT_FIELDS]
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for start in range(0, len(numbers), LOOKUP_CHUNK):
        query = select(Candidate.id, *columns).where(
            Candidate.staff_number.in_(numbers[start : start + LOOKUP_CHUNK])
        )
        for cid, *values in session.execute(query):
            current = dict(zip(IMPORT_FIELDS, values, strict=True))
            found[current["staff_number"]] = (cid, current)
    return found


def _plan_row(
    row: ParsedRow,
    existing: tuple[int, dict[str, Any]] | None,
    column_of: dict[str, str],
    today: date,
) -> PlannedRow:
    if row.problems:
        return _rejected(row, row.values, row.problems)
    if existing is None:
        candidate_id, before, after = None, BLANK, row.values
        if not after["language"]:  # letters in Dutch unless the list says otherwise
            after = after | {"language": Language.DUTCH.value}
    else:  # an empty cell (or a field the list lacks) never clears what is stored
        candidate_id, before = existing
        after = before | {k: v for k, v in row.values.items() if v != "" and v is not None}
    # The parsers trimmed every value and lower-cased the e-mail address: the dialog's
    # rules (validation.candidate_problem) apply as they are.
    problem = candidate_problem(
        after["staff_number"],
        after["surname"],
        after["email"],
        after["fte"],
        after["employment_start"],
        today,
    )
    if problem is not None:
        field, reason = problem
        return _rejected(row, after, [Problem(row.row, column_of.get(field, ""), reason)])
    if candidate_id is None:
        return PlannedRow(row.row, Outcome.NEW, row.staff_number, after)
    changes = tuple(
        (field, before[field], after[field])
        for field in IMPORT_FIELDS
        if before[field] != after[field]
    )
    outcome = Outcome.UPDATED if changes else Outcome.UNCHANGED
    return PlannedRow(row.row, outcome, row.staff_number, after, candidate_id, changes)


def _rejected(row: ParsedRow, values: dict[str, Any], problems: Iterable[Problem]) -> PlannedRow:
    return PlannedRow(row.row, Outcome.REJECTED, row.staff_number, values, problems=tuple(problems))


def _audit(
    at: Any, actor: str, cid: int, action: str, field: str | None, old: object, new: object
) -> dict[str, Any]:
    return {
        "at": at,
        "actor": actor,
        "entity": "candidate",
        "entity_id": cid,
        "candidate_id": cid,
        "action": action,
        "field": field,
        "old_value": as_text(old),
        "new_value": as_text(new),
    }
