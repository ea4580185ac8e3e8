"""Institution settings: name, deadline period and default competence framework.

Several coordinators may change them on a shared database: an edit carries the version it
was made on (``get_versioned``) and is refused if someone else saved in between, exactly as
for candidates.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.deadlines import DEADLINE_YEARS_MAX, DEADLINE_YEARS_MIN
from utq_desktop.domain.models import Framework, InstitutionSettings
from utq_desktop.errors import StaleEditError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.context import Context
from utq_desktop.services.dto import InstitutionSettingsData

ENTITY = "settings"
MIN_YEARS, MAX_YEARS = DEADLINE_YEARS_MIN, DEADLINE_YEARS_MAX


@dataclass(frozen=True)
class VersionedSettings:
    """The settings as loaded for editing, with the version a save must still find."""

    data: InstitutionSettingsData
    row_version: int


class SettingsService:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self) -> InstitutionSettingsData:
        return self.get_versioned().data

    def get_versioned(self) -> VersionedSettings:
        with self._context.read() as session:
            row = session.scalars(select(InstitutionSettings)).one()
            return VersionedSettings(
                InstitutionSettingsData(row.name, row.deadline_years, row.default_framework_code),
                row.row_version,
            )

    def update(self, data: InstitutionSettingsData, expected_version: int | None = None) -> int:
        """Save the settings; returns their new version.

        With ``expected_version`` (what an editor loaded), a save after someone else's is
        refused with StaleEditError naming who changed what; None saves unconditionally
        (scripts, demo data).
        """
        name = data.name.strip()
        if not name:
            raise ValidationError("The institution needs a name.", "name")
        if not MIN_YEARS <= data.deadline_years <= MAX_YEARS:
            raise ValidationError(
                f"The deadline period is {MIN_YEARS} to {MAX_YEARS} years.", "deadline_years"
            )
        try:
            with self._context.transaction() as session:
                row = session.scalars(select(InstitutionSettings)).one()
                if expected_version is not None and row.row_version != expected_version:
                    raise self._stale(row.id)
                known = session.scalar(
                    select(Framework.id).where(Framework.code == data.default_framework_code)
                )
                if known is None:
                    raise ValidationError(
                        f"There is no framework '{data.default_framework_code}'.",
                        "default_framework_code",
                    )
                new = asdict(
                    InstitutionSettingsData(name, data.deadline_years, data.default_framework_code)
                )
                changes = [(k, getattr(row, k), v) for k, v in new.items() if getattr(row, k) != v]
                for key, _old, value in changes:
                    setattr(row, key, value)
                if changes:
                    session.flush()  # UPDATE … WHERE row_version = loaded: the real check
                    audit.record(
                        session,
                        self._context.actor,
                        entity=ENTITY,
                        entity_id=row.id,
                        action="update",
                        changes=changes,
                    )
                version = row.row_version
        except StaleDataError as error:
            raise self._stale(_settings_id(self._context)) from error
        return version

    def _stale(self, settings_id: int) -> StaleEditError:
        last = audit.AuditService(self._context).last_change(ENTITY, settings_id)
        if last is None:
            return StaleEditError("The settings were changed by someone else. Reload them.")
        what = f" ({last.field})" if last.field else ""
        return StaleEditError(
            f"{last.actor} changed the institution settings{what} at "
            f"{last.at:%d-%m-%Y %H:%M} UTC, after you opened them. Your change was not saved: "
            "reload and make it again."
        )


def _settings_id(context: Context) -> int:
    with context.read() as session:
        return session.scalars(select(InstitutionSettings.id)).one()
