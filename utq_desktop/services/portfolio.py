"""A candidate's portfolio (dossier): evidence items with attachments, class observations,
the supervisor's criterion states, feedback, readiness and submission as an immutable
snapshot, exports and the integrity check of the stored files. One transaction per change,
audited in it with the candidate's id (the Overview timeline).

The dossier is created with its first change, tied to a framework version (the learning
route's). Items, observations, criterion states and feedback carry their own
``row_version``; the dossier's state (ready, submitted) the dossier's (0 while there is
none). The parts live in their own modules; this class puts them together:

- portfolio_items, portfolio_observations, portfolio_attachments: evidence items, class
  observations and their files
- portfolio_review: the supervisor's criterion states, feedback
- portfolio_submission: mark ready, submit (snapshot), return for revision, snapshots
- portfolio_export: PDF, zip of attachments, the stored-files check
"""

from __future__ import annotations

from sqlalchemy import false, func, select

from utq_desktop.domain.portfolio_models import PortfolioDossier, PortfolioFeedback
from utq_desktop.services.portfolio_dto import DossierView
from utq_desktop.services.portfolio_export import PortfolioExport
from utq_desktop.services.portfolio_items import PortfolioItems
from utq_desktop.services.portfolio_observations import PortfolioObservations
from utq_desktop.services.portfolio_read import build_view
from utq_desktop.services.portfolio_review import PortfolioReview
from utq_desktop.services.portfolio_submission import PortfolioSubmission
from utq_desktop.services.records import candidate_of

__all__ = ["PortfolioService"]


class PortfolioService(
    PortfolioItems, PortfolioObservations, PortfolioReview, PortfolioSubmission, PortfolioExport
):
    def dossier(self, candidate_id: int) -> DossierView:
        """The whole dossier view in one read: metadata only, no file content."""
        with self._context.read() as session:
            return build_view(session, candidate_of(session, candidate_id), self._today())

    def unresolved_feedback(self) -> dict[int, int]:
        """Unresolved feedback per candidate id (candidates without any left out)."""
        query = (
            select(PortfolioDossier.candidate_id, func.count(PortfolioFeedback.id))
            .join(PortfolioFeedback, PortfolioFeedback.dossier_id == PortfolioDossier.id)
            .where(PortfolioFeedback.resolved == false())
            .group_by(PortfolioDossier.candidate_id)
        )
        with self._context.read() as session:
            return {cid: count for cid, count in session.execute(query)}
