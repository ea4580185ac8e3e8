"""The one entry point for the UI and the CLI: open a database, get the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property

from sqlalchemy.orm import Session

from utq_desktop.services.assessment import AssessmentService
from utq_desktop.services.assessment_appeals import AppealService
from utq_desktop.services.audit import AuditService
from utq_desktop.services.candidates import CandidateService
from utq_desktop.services.certificates import CertificateService
from utq_desktop.services.context import Context, current_login
from utq_desktop.services.exemption import ExemptionService
from utq_desktop.services.files import FileService
from utq_desktop.services.frameworks import FrameworkService
from utq_desktop.services.intake import IntakeService
from utq_desktop.services.overview import OverviewService
from utq_desktop.services.partial_certificates import PartialCertificateService
from utq_desktop.services.portfolio import PortfolioService
from utq_desktop.services.route import RouteService
from utq_desktop.services.route_templates import RouteTemplateService
from utq_desktop.services.settings import SettingsService
from utq_desktop.services.staff_import import StaffImportService
from utq_desktop.services.users import UserService
from utq_desktop.store.database import open_database
from utq_desktop.store.location import resolve_database_url


class Services:
    """All services over one open database, acting as one user."""

    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self.context = context
        self._today = today

    @property
    def database_label(self) -> str:
        return self.context.database.label

    @property
    def backup_path(self) -> str | None:
        """Where the pre-migration backup went, when opening upgraded the database."""
        path = self.context.database.backup_path
        return str(path) if path else None

    @property
    def actor(self) -> str:
        return self.context.actor

    @cached_property
    def candidates(self) -> CandidateService:
        return CandidateService(self.context, self._today)

    @cached_property
    def audit(self) -> AuditService:
        return AuditService(self.context)

    @cached_property
    def settings(self) -> SettingsService:
        return SettingsService(self.context)

    @cached_property
    def users(self) -> UserService:
        return UserService(self.context)

    @cached_property
    def files(self) -> FileService:
        return FileService(self.context)

    @cached_property
    def frameworks(self) -> FrameworkService:
        return FrameworkService(self.context)

    @cached_property
    def intake(self) -> IntakeService:
        return IntakeService(self.context, self._today)

    @cached_property
    def staff_import(self) -> StaffImportService:
        return StaffImportService(self.context, self._today)

    @cached_property
    def overview(self) -> OverviewService:
        return OverviewService(self.candidates, self.intake)

    @cached_property
    def route(self) -> RouteService:
        return RouteService(self.context, self._today)

    @cached_property
    def route_templates(self) -> RouteTemplateService:
        return RouteTemplateService(self.context, self._today)

    @cached_property
    def exemption(self) -> ExemptionService:
        return ExemptionService(self.context, self._today)

    @cached_property
    def partial_certificates(self) -> PartialCertificateService:
        return PartialCertificateService(self.context, self._today)

    @cached_property
    def portfolio(self) -> PortfolioService:
        return PortfolioService(self.context, self.files, self._today)

    @cached_property
    def assessment(self) -> AssessmentService:
        return AssessmentService(self.context, self._today, self._return_dossier)

    @cached_property
    def appeals(self) -> AppealService:
        return AppealService(self.context, self._today, self._return_dossier)

    def _return_dossier(
        self, session: Session, candidate_id: int, snapshot_id: int, feedback: str
    ) -> None:
        """An insufficient result sends the dossier back for revision (the portfolio's), in
        the result's transaction."""
        self.portfolio.return_in(session, candidate_id, snapshot_id, feedback)

    @cached_property
    def certificates(self) -> CertificateService:
        return CertificateService(self.context, self._today)

    def close(self) -> None:
        self.context.database.close()


def open_services(
    database: str | None,
    *,
    actor: str | None = None,
    today: Callable[[], date] = date.today,
) -> Services:
    """Open (creating or upgrading an SQLite file where needed) and return the services.

    ``database`` is a path, a SQLAlchemy URL or None (``UTQ_DATABASE_URL``, else the default
    file in the user's data folder). Raises a DatabaseError subclass with a clear message.
    """
    url = resolve_database_url(database)
    db = open_database(url)
    try:
        services = Services(Context(db, actor or current_login()), today)
        services.frameworks.ensure_builtin()
        services.route_templates.ensure_builtin()
    except BaseException:
        db.close()
        raise
    return services
