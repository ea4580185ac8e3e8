"""Getting a dossier out — as one PDF, as a zip of its attachments — and the integrity
check of every stored file, with who uses a file that is missing or damaged."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Text, cast, or_, select
from sqlalchemy.orm import Session

from utq_desktop.domain.intake_models import Intake
from utq_desktop.domain.models import Candidate, StoredFile
from utq_desktop.domain.names import full_name
from utq_desktop.domain.portfolio_models import (
    PortfolioAttachment,
    PortfolioDossier,
    PortfolioItem,
    PortfolioObservation,
    PortfolioSnapshot,
)
from utq_desktop.domain.route import dmy
from utq_desktop.errors import NotFoundError, ValidationError
from utq_desktop.services.portfolio_base import PortfolioBase
from utq_desktop.services.portfolio_dto import (
    DossierView,
    FileCheckProblem,
    FileCheckReport,
    FileUse,
    SnapshotContent,
)
from utq_desktop.services.portfolio_print import Printable
from utq_desktop.store.files import FileStoreError

Progress = Callable[[int, int], None]


class PortfolioExport(PortfolioBase):
    # the reading methods live in the other parts of PortfolioService
    dossier: Callable[[int], DossierView]
    snapshot: Callable[[int], SnapshotContent]

    def export_pdf(
        self,
        candidate_id: int,
        path: Path,
        snapshot_id: int | None = None,
        progress: Progress | None = None,
    ) -> None:
        """Write the working dossier (or one submission) as a PDF: cover, contents per
        competence, evidence with descriptions, reflections, observations, feedback.
        ``progress(done, total)`` as it is laid out; an exception from it (cancel) leaves
        nothing at ``path``."""
        from utq_desktop.documents.dossier_pdf import write_dossier_pdf  # loads reportlab

        write_dossier_pdf(self._printable(candidate_id, snapshot_id), path, progress)

    def export_attachments(
        self,
        candidate_id: int,
        path: Path,
        snapshot_id: int | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Write the dossier's (or a submission's) attachments to a zip at ``path``;
        returns how many files. ``progress(done, total)`` after each file; an exception
        from it (OperationCancelledError) cancels and leaves nothing at ``path``."""
        from utq_desktop.documents.dossier_zip import ZipEntry, plan, write_zip

        printable = self._printable(candidate_id, snapshot_id)
        entries = plan(printable.content)
        if not entries:
            raise ValidationError(
                f"The {printable.title.lower()} of {printable.candidate_name} has no "
                "attachments; there is nothing to put in a zip."
            )

        def read(entry: ZipEntry) -> bytes:
            try:
                return self._files.content(entry.sha256)
            except FileStoreError as error:
                raise FileStoreError(
                    f"The file '{entry.name.rpartition('/')[2]}' of {entry.owner} cannot be "
                    f"exported: {error} Nothing was written."
                ) from None

        return write_zip(path, entries, read, progress)

    def _printable(self, candidate_id: int, snapshot_id: int | None) -> Printable:
        if snapshot_id is None:
            return Printable.of_dossier(self.dossier(candidate_id))
        snapshot = self.snapshot(snapshot_id)
        if snapshot.info.candidate_id != candidate_id:
            raise NotFoundError(f"Submission {snapshot_id} is not one of this candidate's.")
        return Printable.of_snapshot(snapshot, self.dossier(candidate_id))

    # --- the integrity check -------------------------------------------------------------

    def check_files(self, progress: Progress | None = None) -> FileCheckReport:
        """Check every stored file against its hash (reads them all: run it off the GUI
        thread); each problem names who uses the file."""
        problems = self._files.check(progress)
        with self._context.read() as session:
            checked = session.query(StoredFile).count()
            broken = [p.sha256 for p in problems]
            uses = _uses(session, broken) if broken else {}
            sizes = dict(
                session.execute(
                    select(StoredFile.sha256, StoredFile.size).where(StoredFile.sha256.in_(broken))
                ).all()
            )
        return FileCheckReport(
            checked=checked,
            location=self._context.database.files.description,
            problems=tuple(
                FileCheckProblem(
                    p.sha256, p.problem, sizes.get(p.sha256, 0), tuple(uses.get(p.sha256, ()))
                )
                for p in problems
            ),
        )


def _uses(session: Session, digests: list[str]) -> dict[str, list[FileUse]]:
    """Who uses each of ``digests``: dossier items and observations, intake CVs, and the
    submissions that contain them."""
    found: dict[str, list[FileUse]] = defaultdict(list)

    def who(candidate: tuple[int, str, str, str, str, str]) -> tuple[int, str, str]:
        cid, first, prefix, surname, initials, number = candidate
        return cid, full_name(first, prefix, surname, initials), number

    person = (
        Candidate.id,
        Candidate.first_name,
        Candidate.prefix,
        Candidate.surname,
        Candidate.initials,
        Candidate.staff_number,
    )
    rows = session.execute(
        select(
            PortfolioAttachment.sha256,
            PortfolioAttachment.name,
            PortfolioItem.title,
            PortfolioObservation.course,
            PortfolioObservation.observed_on,
            *person,
        )
        .join(PortfolioDossier, PortfolioDossier.id == PortfolioAttachment.dossier_id)
        .join(Candidate, Candidate.id == PortfolioDossier.candidate_id)
        .outerjoin(PortfolioItem, PortfolioItem.id == PortfolioAttachment.item_id)
        .outerjoin(
            PortfolioObservation, PortfolioObservation.id == PortfolioAttachment.observation_id
        )
        .where(PortfolioAttachment.sha256.in_(digests))
        .order_by(Candidate.surname, PortfolioAttachment.id)
    )
    for sha, name, title, course, observed_on, *candidate in rows:
        if title is not None:
            where = f"evidence '{title}'"
        else:
            where = f"class observation '{course}' of {dmy(observed_on)}"
        found[sha].append(FileUse(*who(tuple(candidate)), where, name))  # type: ignore[arg-type]
    for sha, name, *candidate in session.execute(
        select(Intake.cv_document_sha256, Intake.cv_document_name, *person)
        .join(Candidate, Candidate.id == Intake.candidate_id)
        .where(Intake.cv_document_sha256.in_(digests))
    ):
        found[sha].append(FileUse(*who(tuple(candidate)), "intake: educational CV", name))  # type: ignore[arg-type]
    text = cast(PortfolioSnapshot.content, Text)
    for number, content, *candidate in session.execute(
        select(PortfolioSnapshot.number, text, *person)
        .join(PortfolioDossier, PortfolioDossier.id == PortfolioSnapshot.dossier_id)
        .join(Candidate, Candidate.id == PortfolioDossier.candidate_id)
        .where(or_(*(text.contains(sha) for sha in digests)))
    ):
        for sha in digests:
            if sha in content:
                found[sha].append(
                    FileUse(*who(tuple(candidate)), f"submission {number}", "")  # type: ignore[arg-type]
                )
    return found
