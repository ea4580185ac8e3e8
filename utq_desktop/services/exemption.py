"""Exemption cases: filed by an HR advisor, evaluated by the exemption advisor, decided by
the faculty, the candidate informed — each step dated, by whom, in order (the rules in
domain/exemption.py), one transaction per change with its audit rows (the candidate's
timeline). A granted decision makes the candidate 'Exempted' in the same transaction and
writes the decision letter (documents/exemption_letter.py) into the file store.

Every edit of a case takes the version it was read at; a colleague's change in between
is refused (StaleEditError) with who changed it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.documents.overview_export import Progress
from utq_desktop.domain.exemption import CaseStatus
from utq_desktop.domain.exemption_models import (
    ExemptionCase,
    ExemptionDocument,
    ExemptionStep,
)
from utq_desktop.domain.models import Candidate
from utq_desktop.errors import IllegalTransitionError, StaleEditError, ValidationError
from utq_desktop.services import audit, exemption_rules
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.dto import AttachedDocument
from utq_desktop.services.exemption_dto import (
    CaseInput,
    CaseSnapshot,
    ExemptionDetail,
    ExemptionRegisterRow,
    StepInput,
)
from utq_desktop.services.exemption_letters import write_letter
from utq_desktop.services.exemption_read import (
    CASE,
    build_detail,
    case_input,
    filing_refusal,
    register_rows,
    steps_of,
)
from utq_desktop.services.exemption_steps import apply_step, clean_case, revert_step
from utq_desktop.services.files import FileService, Upload
from utq_desktop.services.locking import stale_edit_error
from utq_desktop.services.records import candidate_of

# audited under names of their own: the timeline labels fields by name, for every entity
AUDIT_NAMES = {"filed_on": "request_filed_on", "filed_by": "request_filed_by"}


class ExemptionService:
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today
        self._files = FileService(context)

    # --- reading -------------------------------------------------------------------------

    def detail(self, candidate_id: int) -> ExemptionDetail:
        with self._context.read() as session:
            return build_detail(session, candidate_of(session, candidate_id), self._today())

    def today(self) -> date:
        """The day the register's days open and next actions are reckoned from."""
        return self._today()

    def register(self) -> list[ExemptionRegisterRow]:
        """Every case: the open ones first (oldest first), then the closed ones."""
        with self._context.read() as session:
            return register_rows(session, self._today())

    def export_register(
        self,
        path: str | Path,
        rows: Sequence[ExemptionRegisterRow] | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Write ``rows`` (every case when None) to an Excel workbook; returns how many."""
        from utq_desktop.documents.exemption_register import write_register

        chosen = self.register() if rows is None else list(rows)
        write_register(path, chosen, progress)
        return len(chosen)

    def has_granted_exemption(self, candidate_id: int) -> bool:
        """THE certificate rule (services/exemption_rules.py): True means the candidate is
        exempted, and a UTQ certificate must never be issued to them."""
        with self._context.read() as session:
            return exemption_rules.has_granted_exemption(session, candidate_id)

    # --- filing --------------------------------------------------------------------------

    def file_case(self, candidate_id: int, data: CaseInput) -> int:
        """File an exemption request for the candidate; returns the case's id."""
        data = clean_case(data, self._today())
        assert data.filed_on is not None
        with self._context.transaction() as session:
            candidate = candidate_of(session, candidate_id)
            refusal = filing_refusal(session, candidate)
            if refusal:
                raise IllegalTransitionError(refusal)
            now = utc_now()
            case = ExemptionCase(
                candidate_id=candidate_id,
                ground=data.ground,
                ground_detail=data.ground_detail,
                status=CaseStatus.FILED,
                filed_on=data.filed_on,
                filed_by=data.filed_by,
                notes=data.notes,
                created_at=now,
                updated_at=now,
            )
            session.add(case)
            session.flush()
            session.add(
                ExemptionStep(
                    case_id=case.id,
                    status=CaseStatus.FILED,
                    happened_on=data.filed_on,
                    done_by=data.filed_by,
                    detail="",
                    recorded_by=self._context.actor,
                    recorded_at=now,
                )
            )
            changes: list[Change] = [
                ("ground", None, data.ground.label),
                ("request_filed_on", None, data.filed_on),
                ("request_filed_by", None, data.filed_by),
            ]
            if data.ground_detail:
                changes.append(("ground_detail", None, data.ground_detail))
            if data.notes:
                changes.append(("notes", None, data.notes))
            self._audit(session, case, "create", changes)
            return case.id

    def update_case(self, case_id: int, data: CaseInput, expected_version: int) -> int:
        """Correct what was filed (ground, who and when, notes); returns the new version."""
        data = clean_case(data, self._today())
        with self._case(case_id, expected_version) as (session, case, _candidate):
            history = steps_of(session, case.id)
            later = history[1].happened_on if len(history) > 1 else None
            assert data.filed_on is not None
            if later is not None and data.filed_on > later:
                raise ValidationError(
                    f"The request cannot be filed after its next step ({later:%d-%m-%Y}).",
                    "filed_on",
                )
            old = case_input(case)
            changes: list[Change] = []
            for name in ("ground", "ground_detail", "filed_on", "filed_by", "notes"):
                before, after = getattr(old, name), getattr(data, name)
                if before != after:
                    if name == "ground":
                        before, after = before.label, after.label
                    changes.append((AUDIT_NAMES.get(name, name), before, after))
                    setattr(case, name, getattr(data, name))
            if not changes:
                return case.row_version
            if history and history[0].status is CaseStatus.FILED:
                history[0].happened_on, history[0].done_by = data.filed_on, data.filed_by
            return self._save(session, case, changes)

    def delete_case(self, case_id: int, expected_version: int) -> CaseSnapshot:
        """Remove a request filed by mistake (nothing recorded on it yet but the filing,
        no documents); returns it, to file again (undo). Otherwise: withdraw it."""
        with self._case(case_id, expected_version) as (session, case, _candidate):
            if case.status is not CaseStatus.FILED or len(steps_of(session, case.id)) > 1:
                raise IllegalTransitionError(
                    "Only a request with nothing recorded on it but its filing can be removed; "
                    "withdraw this one instead."
                )
            documents = session.scalar(
                select(func.count(ExemptionDocument.id)).where(ExemptionDocument.case_id == case.id)
            )
            if documents:
                raise IllegalTransitionError(
                    "This request has documents; remove them first, or withdraw the request."
                )
            snapshot = CaseSnapshot(case_input(case))
            session.execute(delete(ExemptionStep).where(ExemptionStep.case_id == case.id))
            session.delete(case)
            session.flush()
            self._audit(session, case, "delete", [("ground", case.ground.label, None)])
            return snapshot

    # --- steps ---------------------------------------------------------------------------

    def advance(self, case_id: int, step: StepInput, expected_version: int) -> int:
        """Record the case's next step (domain.exemption.check_step says which may come);
        a faculty decision also writes the decision letter. Returns the new version."""
        with self._case(case_id, expected_version) as (session, case, candidate):
            changes = apply_step(session, case, candidate, step, self._context.actor, self._today())
            if case.status is CaseStatus.DECIDED:
                session.flush()
                letter = write_letter(session, self._files, case, candidate)
                changes.append(("letter", None, letter.name))
            return self._save(session, case, changes)

    def revert_step(self, case_id: int, expected_version: int) -> int:
        """Take back the last step recorded (undo); returns the new version."""
        with self._case(case_id, expected_version) as (session, case, candidate):
            changes = revert_step(session, case, candidate, self._context.actor)
            return self._save(session, case, changes)

    # --- documents -----------------------------------------------------------------------

    def add_document(self, case_id: int, upload: Upload, expected_version: int) -> int:
        """File a document with the case (read it with files.read_upload first)."""
        with self._case(case_id, expected_version) as (session, case, _candidate):
            digest = self._files.store(session, upload)
            session.flush()  # the stored file first: the document refers to it
            present = session.scalar(
                select(ExemptionDocument.name).where(
                    ExemptionDocument.case_id == case.id, ExemptionDocument.sha256 == digest
                )
            )
            if present is not None:
                raise ValidationError(
                    f"'{upload.name}' is filed with this request already (as '{present}')."
                )
            session.add(
                ExemptionDocument(
                    case_id=case.id,
                    sha256=digest,
                    name=Path(upload.name).name[:255],
                    added_by=self._context.actor,
                    added_at=utc_now(),
                )
            )
            try:
                session.flush()
            except IntegrityError:
                raise StaleEditError(
                    f"Someone filed '{upload.name}' with this request just now. Reload it."
                ) from None
            return self._save(session, case, [("document", None, upload.name)])

    def remove_document(self, case_id: int, document_id: int, expected_version: int) -> int:
        with self._case(case_id, expected_version) as (session, case, _candidate):
            row = session.get(ExemptionDocument, document_id)
            if row is None or row.case_id != case.id:
                raise StaleEditError("This document was removed meanwhile. Reload the case.")
            name = row.name
            session.delete(row)
            return self._save(session, case, [("document", name, None)])

    # --- the decision letter -------------------------------------------------------------

    def generate_letter(self, case_id: int) -> AttachedDocument:
        """(Re)write the decision letter — after a change of the candidate's language or
        name, say — and keep it with the case; returns it."""
        with self._context.transaction() as session:
            case = session.get(ExemptionCase, case_id)
            if case is None:
                raise StaleEditError("This exemption request was removed meanwhile. Reload it.")
            if not case.status.decided or case.decision is None:
                raise IllegalTransitionError(
                    "A decision letter is written once the faculty has decided; record the "
                    "faculty's decision first."
                )
            candidate = candidate_of(session, case.candidate_id)
            old = case.letter_name or None
            letter = write_letter(session, self._files, case, candidate)
            self._save(session, case, [("letter", old, letter.name)], force=True)
            return letter

    # --- helpers -------------------------------------------------------------------------

    @contextmanager
    def _case(
        self, case_id: int, expected_version: int
    ) -> Iterator[tuple[Session, ExemptionCase, Candidate]]:
        try:
            with self._context.transaction() as session:
                case = session.get(ExemptionCase, case_id)
                if case is None:
                    raise self._stale(case_id, removed=True)
                if case.row_version != expected_version:
                    raise self._stale(case_id)
                yield session, case, candidate_of(session, case.candidate_id)
        except StaleDataError as error:
            raise self._stale(case_id) from error

    def _save(
        self, session: Session, case: ExemptionCase, changes: list[Change], force: bool = False
    ) -> int:
        if not changes and not force:
            return case.row_version
        case.updated_at = utc_now()  # moves row_version on, also for documents
        session.flush()
        self._audit(session, case, "update", changes)
        return case.row_version

    def _audit(
        self, session: Session, case: ExemptionCase, action: str, changes: list[Change]
    ) -> None:
        audit.record(
            session,
            self._context.actor,
            entity=CASE,
            entity_id=case.id,
            candidate_id=case.candidate_id,
            action=action,
            changes=changes,
        )

    def _stale(self, case_id: int, removed: bool = False) -> StaleEditError:
        return stale_edit_error(self._context, CASE, case_id, "exemption request", removed=removed)
