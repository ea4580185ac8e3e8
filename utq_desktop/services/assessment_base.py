"""What the assessment service's parts share: the context, the round under a version
check, and the audit helper."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.assessment import AssessmentState
from utq_desktop.domain.assessment_models import Assessment
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.models import Candidate
from utq_desktop.errors import IllegalTransitionError, NotFoundError, StaleEditError
from utq_desktop.services.assessment_write import ReturnDossier, check_day, move_candidate
from utq_desktop.services.context import Context
from utq_desktop.services.locking import AuditedService


class RoundBase(AuditedService):
    """The assessment service's context (actor, today, the portfolio's return) and helpers."""

    def __init__(
        self,
        context: Context,
        today: Callable[[], date] = date.today,
        return_dossier: ReturnDossier | None = None,
    ) -> None:
        self._context = context
        self._today = today
        # the portfolio's return for revision, run in an insufficient result's transaction
        self._return_dossier = return_dossier

    @contextmanager
    def _round(
        self, assessment_id: int, expected_version: int
    ) -> Iterator[tuple[Session, Assessment]]:
        try:
            with self._context.transaction() as session:
                row = self._get_round(session, assessment_id)
                if row.row_version != expected_version:
                    raise stale_round()
                yield session, row
        except StaleDataError as error:
            raise stale_round() from error

    def _get_round(self, session: Session, assessment_id: int) -> Assessment:
        row = session.get(Assessment, assessment_id)
        if row is None:
            raise NotFoundError(f"Assessment {assessment_id} does not exist (any more).")
        return row

    def _check_judging(self, row: Assessment) -> None:
        if row.state is not AssessmentState.JUDGING:
            raise IllegalTransitionError(
                f"This assessment is '{row.state.label}': its judgements can no longer change."
            )

    def _move_candidate(
        self,
        session: Session,
        candidate: Candidate,
        status: TrajectoryStatus,
        *,
        by_appeal: bool = False,
    ) -> None:
        move_candidate(session, self._context.actor, candidate, status, by_appeal=by_appeal)

    def _check_day(self, day: date, what: str, field: str) -> None:
        check_day(day, self._today(), what, field)


def stale_round() -> StaleEditError:
    return StaleEditError(
        "This assessment was changed by someone else after you opened it. Reload it and try again."
    )
