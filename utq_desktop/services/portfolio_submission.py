"""Readiness and submission: the supervisor marks a dossier ready (or takes that back), the
coordinator submits it — an immutable snapshot, and the candidate moves to assessment in
the same transaction — and the assessment may return it for revision, after which the
next submission makes the next snapshot. Snapshots are read back exactly as submitted.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.models import Candidate
from utq_desktop.domain.portfolio import (
    DossierState,
    RequirementsNotMetError,
    check_dossier_transition,
    unmet,
)
from utq_desktop.domain.portfolio_models import (
    PortfolioDossier,
    PortfolioFeedback,
    PortfolioSnapshot,
    PortfolioSnapshotReturn,
)
from utq_desktop.domain.workflow import check_transition
from utq_desktop.errors import IllegalTransitionError, NotFoundError, UtqError
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.portfolio_base import PortfolioBase
from utq_desktop.services.portfolio_dto import SnapshotContent, SnapshotInfo
from utq_desktop.services.portfolio_read import (
    DOSSIER,
    SNAPSHOT,
    build_view,
    dossier_of,
    snapshot_infos,
)
from utq_desktop.services.portfolio_snapshot import decode, digest, encode
from utq_desktop.services.portfolio_validation import MAX_TEXT, text
from utq_desktop.services.records import candidate_of

S = TrajectoryStatus
CANDIDATE = "candidate"  # the candidate service's audit entity (status changes)


class PortfolioSubmission(PortfolioBase):
    # --- readiness -----------------------------------------------------------------------

    def mark_ready(self, candidate_id: int, expected_version: int) -> int:
        """The supervisor marks the dossier ready for submission; returns its version."""
        with self._dossier_edit(candidate_id, expected_version) as (session, dossier, _c):
            check_dossier_transition(dossier.state, DossierState.READY)
            dossier.marked_ready_on = self._today()
            dossier.marked_ready_by = self._actor_name(session)
            return self._set_state(session, dossier, DossierState.READY, [])

    def unmark_ready(self, candidate_id: int, expected_version: int) -> int:
        """Take the mark back (the dossier needs more work after all)."""
        with self._dossier_edit(candidate_id, expected_version) as (session, dossier, _c):
            check_dossier_transition(dossier.state, DossierState.WORKING)
            dossier.marked_ready_on, dossier.marked_ready_by = None, ""
            return self._set_state(session, dossier, DossierState.WORKING, [])

    # --- submission ----------------------------------------------------------------------

    def submit(
        self, candidate_id: int, expected_version: int, override_reason: str = ""
    ) -> SnapshotInfo:
        """Submit a ready dossier for assessment: snapshot n+1 of its content, and the
        candidate to Assessment (from Learning route via Portfolio), all in one
        transaction. Unmet requirements refuse it (RequirementsNotMetError) unless the
        coordinator gives a reason, which is audited and kept with the snapshot."""
        reason = text(override_reason, "reason", "override_reason", 2000, required=False)
        with self._dossier_edit(candidate_id, expected_version) as (session, dossier, candidate):
            check_dossier_transition(dossier.state, DossierState.SUBMITTED)
            view = build_view(session, candidate, self._today())
            missing = unmet(view.checklist)
            if missing and not reason:
                raise RequirementsNotMetError(missing)
            reason = reason if missing else ""
            self._move_candidate(session, candidate, S.ASSESSMENT, "submitted")
            number = (
                session.scalar(
                    select(func.max(PortfolioSnapshot.number)).where(
                        PortfolioSnapshot.dossier_id == dossier.id
                    )
                )
                or 0
            ) + 1
            content = encode(
                view.content,
                view.checklist,
                {
                    "candidate_name": view.candidate_name,
                    "staff_number": view.staff_number,
                    "faculty": view.faculty,
                    "framework": view.framework,
                },
            )
            snapshot = PortfolioSnapshot(
                dossier_id=dossier.id,
                number=number,
                submitted_at=utc_now(),
                submitted_by=self.actor,
                override_reason=reason,
                item_count=len(view.items),
                attachment_count=view.content.attachments,
                content=content,
                content_sha256=digest(content),
            )
            session.add(snapshot)
            session.flush()
            self._audit(
                session,
                SNAPSHOT,
                snapshot.id,
                candidate_id,
                "create",
                [("snapshot", None, number)]
                + ([("requirements_override", None, reason)] if reason else []),
            )
            self._set_state(session, dossier, DossierState.SUBMITTED, [])
            return next(s for s in snapshot_infos(session, dossier.id) if s.id == snapshot.id)

    def return_for_revision(self, candidate_id: int, snapshot_id: int, feedback: str) -> int:
        """For the assessment: send a submitted dossier back for revision (an insufficient
        result). The dossier becomes a working one again and the candidate goes back to
        Portfolio; ``feedback`` is added as open feedback on the dossier; the snapshot
        is marked returned but itself never changed. Returns the dossier's version."""
        try:
            with self._context.transaction() as session:
                return self.return_in(session, candidate_id, snapshot_id, feedback)
        except StaleDataError as error:
            raise self._stale(DOSSIER, 0, "dossier", candidate_id=candidate_id) from error

    def return_in(
        self, session: Session, candidate_id: int, snapshot_id: int, feedback: str
    ) -> int:
        """``return_for_revision`` inside the caller's transaction, so that an insufficient
        result and the dossier's return are saved together or not at all."""
        feedback = text(feedback, "feedback for the revision", "feedback", MAX_TEXT)
        candidate = candidate_of(session, candidate_id)
        dossier = dossier_of(session, candidate_id)
        snapshot = session.get(PortfolioSnapshot, snapshot_id)
        if dossier is None or snapshot is None or snapshot.dossier_id != dossier.id:
            raise NotFoundError(f"Submission {snapshot_id} is not one of this candidate's dossier.")
        self._check_returnable(session, dossier, snapshot)
        now, today = utc_now(), self._today()
        author = self._actor_name(session)
        session.add(
            PortfolioSnapshotReturn(
                snapshot_id=snapshot.id,
                returned_at=now,
                returned_by=self.actor,
                feedback=feedback,
            )
        )
        session.add(
            PortfolioFeedback(
                dossier_id=dossier.id,
                author=author,
                given_on=today,
                text=feedback,
                resolved=False,
                resolved_by="",
                created_at=now,
            )
        )
        if candidate.status is S.ASSESSMENT:
            self._move_candidate(session, candidate, S.PORTFOLIO, "returned")
        dossier.marked_ready_on, dossier.marked_ready_by = None, ""
        return self._set_state(
            session,
            dossier,
            DossierState.WORKING,
            [("returned", None, snapshot.number), ("feedback", None, feedback)],
        )

    def _check_returnable(
        self, session: Session, dossier: PortfolioDossier, snapshot: PortfolioSnapshot
    ) -> None:
        if session.scalar(
            select(PortfolioSnapshotReturn.id).where(
                PortfolioSnapshotReturn.snapshot_id == snapshot.id
            )
        ):
            raise IllegalTransitionError(
                f"Submission {snapshot.number} was returned for revision already."
            )
        latest = session.scalar(
            select(func.max(PortfolioSnapshot.number)).where(
                PortfolioSnapshot.dossier_id == dossier.id
            )
        )
        if snapshot.number != latest or dossier.state is not DossierState.SUBMITTED:
            raise IllegalTransitionError(
                f"Submission {snapshot.number} is not the one being assessed; only the "
                "latest submission of a submitted dossier can be returned for revision."
            )

    # --- reading snapshots ---------------------------------------------------------------

    def snapshots(self, candidate_id: int) -> list[SnapshotInfo]:
        """The candidate's submissions, oldest first."""
        with self._context.read() as session:
            candidate_of(session, candidate_id)
            dossier = dossier_of(session, candidate_id)
            return list(snapshot_infos(session, dossier.id)) if dossier else []

    def snapshot(self, snapshot_id: int) -> SnapshotContent:
        """One submission exactly as submitted. Raises UtqError when the stored content
        no longer matches its hash (changed outside the application)."""
        with self._context.read() as session:
            row = session.get(PortfolioSnapshot, snapshot_id)
            if row is None:
                raise NotFoundError(f"Submission {snapshot_id} does not exist.")
            dossier = session.get(PortfolioDossier, row.dossier_id)
            assert dossier is not None
            info = next(s for s in snapshot_infos(session, dossier.id) if s.id == row.id)
            content = dict(row.content)
        if digest(content) != info.content_sha256:
            raise UtqError(
                f"Submission {info.number} was altered outside the application since it was "
                "submitted; restore the database from a backup."
            )
        dossier_content, checklist = decode(content)
        return SnapshotContent(
            info=info,
            candidate_name=content["candidate_name"],
            staff_number=content["staff_number"],
            faculty=content["faculty"],
            framework=content["framework"],
            content=dossier_content,
            checklist=checklist,
        )

    # --- helpers -------------------------------------------------------------------------

    def _set_state(
        self,
        session: Session,
        dossier: PortfolioDossier,
        state: DossierState,
        changes: list[Change],
    ) -> int:
        old = dossier.state
        dossier.state = state
        dossier.updated_at = utc_now()
        session.flush()
        self._audit(
            session,
            DOSSIER,
            dossier.id,
            dossier.candidate_id,
            "update",
            [("dossier_state", old, state), *changes],
        )
        return dossier.row_version

    def _move_candidate(
        self, session: Session, candidate: Candidate, target: S, because: str
    ) -> None:
        """Move the candidate to ``target`` through the trajectory rules (domain.workflow),
        via Portfolio when they are still in Learning route; each step audited."""
        steps = [target]
        if target is S.ASSESSMENT and candidate.status is S.LEARNING_ROUTE:
            steps = [S.PORTFOLIO, S.ASSESSMENT]
        for step in steps:
            try:
                check_transition(candidate.status, step)
            except IllegalTransitionError as error:
                raise IllegalTransitionError(f"The dossier cannot be {because}: {error}") from None
            if step == candidate.status:
                continue
            old = candidate.status
            candidate.status = step
            session.flush()
            self._audit(
                session, CANDIDATE, candidate.id, candidate.id, "update", [("status", old, step)]
            )
