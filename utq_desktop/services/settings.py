"""Institution settings: name, deadline period and default competence framework."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select

from utq_desktop.domain.deadlines import DEADLINE_YEARS_MAX, DEADLINE_YEARS_MIN
from utq_desktop.domain.models import Framework, InstitutionSettings
from utq_desktop.errors import ValidationError
from utq_desktop.services import audit
from utq_desktop.services.context import Context
from utq_desktop.services.dto import InstitutionSettingsData

ENTITY = "settings"
MIN_YEARS, MAX_YEARS = DEADLINE_YEARS_MIN, DEADLINE_YEARS_MAX


class SettingsService:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self) -> InstitutionSettingsData:
        with self._context.read() as session:
            row = session.scalars(select(InstitutionSettings)).one()
            return InstitutionSettingsData(row.name, row.deadline_years, row.default_framework_code)

    def update(self, data: InstitutionSettingsData) -> None:
        name = data.name.strip()
        if not name:
            raise ValidationError("The institution needs a name.", "name")
        if not MIN_YEARS <= data.deadline_years <= MAX_YEARS:
            raise ValidationError(
                f"The deadline period is {MIN_YEARS} to {MAX_YEARS} years.", "deadline_years"
            )
        with self._context.transaction() as session:
            known = session.scalar(
                select(Framework.id).where(Framework.code == data.default_framework_code)
            )
            if known is None:
                raise ValidationError(
                    f"There is no framework '{data.default_framework_code}'.",
                    "default_framework_code",
                )
            row = session.scalars(select(InstitutionSettings)).one()
            new = asdict(
                InstitutionSettingsData(name, data.deadline_years, data.default_framework_code)
            )
            changes = [(k, getattr(row, k), v) for k, v in new.items() if getattr(row, k) != v]
            for key, _old, value in changes:
                setattr(row, key, value)
            if changes:
                session.flush()
                audit.record(
                    session,
                    self._context.actor,
                    entity=ENTITY,
                    entity_id=row.id,
                    action="update",
                    changes=changes,
                )
