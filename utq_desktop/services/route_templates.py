"""Route templates: standard routes a coordinator defines once and applies to one candidate
or to many at once. Applying is idempotent: a template item already on a candidate's route
is never added twice (also enforced by a unique constraint), and items whose competences
are all recognised for the candidate are left out. One transaction for all candidates,
audited per candidate. The shipped templates (resources/route_templates) are added once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.models import Competence, Framework
from utq_desktop.domain.route import ActivityKind
from utq_desktop.domain.route_models import (
    RouteActivity,
    RouteTemplate,
    RouteTemplateItem,
)
from utq_desktop.domain.route_template_spec import (
    MAX_OFFSET_MONTHS,
    TemplateSpec,
    load_template_file,
)
from utq_desktop.errors import NotFoundError, StaleEditError, ValidationError
from utq_desktop.resources import resource_path
from utq_desktop.services import audit
from utq_desktop.services.audit import Change, utc_now
from utq_desktop.services.context import Context
from utq_desktop.services.route_apply import apply_template
from utq_desktop.services.route_dto import (
    ApplyResult,
    CompetenceChoice,
    RouteTemplateInfo,
    TemplateInput,
    TemplateItem,
    TemplateItemInput,
)
from utq_desktop.services.route_validation import (
    MAX_HOURS,
)

ENTITY = "route_template"


def builtin_templates() -> list[TemplateSpec]:
    folder = resource_path("route_templates")
    return [load_template_file(path) for path in sorted(folder.glob("*.json"))]


class RouteTemplateService:
    def __init__(self, context: Context, today: Callable[[], date] = date.today) -> None:
        self._context = context
        self._today = today

    # --- reading -------------------------------------------------------------------------

    def list(self) -> list[RouteTemplateInfo]:
        """The templates in use (not retired), by name."""
        with self._context.read() as session:
            templates = session.scalars(
                select(RouteTemplate)
                .where(RouteTemplate.retired_at.is_(None))
                .order_by(RouteTemplate.name, RouteTemplate.id)
            )
            return [_info(session, t) for t in templates]

    def get(self, template_id: int) -> RouteTemplateInfo:
        with self._context.read() as session:
            return _info(session, _template(session, template_id))

    def competence_choices(self, framework_code: str) -> tuple[CompetenceChoice, ...]:
        """The competences of the latest version of a framework, for a template's items."""
        with self._context.read() as session:
            framework_id = _latest(session, framework_code)
            rows = session.execute(
                select(Competence.id, Competence.code, Competence.name_en)
                .where(Competence.framework_id == framework_id)
                .order_by(Competence.position)
            )
            return tuple(CompetenceChoice(*row) for row in rows)

    # --- defining templates ---------------------------------------------------------------

    def create(self, data: TemplateInput) -> int:
        name, description = _clean_template(data)
        with self._context.transaction() as session:
            if _latest(session, data.framework_code) is None:
                raise ValidationError(
                    f"There is no framework '{data.framework_code}'.", "framework_code"
                )
            _check_unique_name(session, name, None)
            now = utc_now()
            template = RouteTemplate(
                name=name,
                framework_code=data.framework_code,
                description=description,
                created_at=now,
                updated_at=now,
            )
            session.add(template)
            session.flush()
            self._audit(
                session,
                template.id,
                "create",
                [("name", None, name), ("framework", None, data.framework_code)],
            )
            return template.id

    def update(self, template_id: int, data: TemplateInput, expected_version: int) -> int:
        name, description = _clean_template(data)

        def apply(session: Session, template: RouteTemplate) -> list[Change]:
            if data.framework_code != template.framework_code:
                raise ValidationError(
                    "A template's framework cannot change; make a new template instead.",
                    "framework_code",
                )
            _check_unique_name(session, name, template.id)
            changes: list[Change] = []
            for key, value in (("name", name), ("description", description)):
                if getattr(template, key) != value:
                    changes.append((key, getattr(template, key), value))
                    setattr(template, key, value)
            return changes

        return self._edit(template_id, expected_version, apply)

    def retire(self, template_id: int, expected_version: int) -> None:
        """Remove a template from use; routes keep the activities it added."""

        def apply(_session: Session, template: RouteTemplate) -> list[Change]:
            template.retired_at = utc_now()
            return [("retired", None, template.name)]

        self._edit(template_id, expected_version, apply)

    def add_item(self, template_id: int, data: TemplateItemInput, expected_version: int) -> int:
        def apply(session: Session, template: RouteTemplate) -> list[Change]:
            item = _clean_item(session, template, data)
            last = session.scalar(
                select(func.max(RouteTemplateItem.position)).where(
                    RouteTemplateItem.template_id == template.id
                )
            )
            session.add(
                RouteTemplateItem(template_id=template.id, position=(last or 0) + 1, **item)
            )
            return [("item", None, data.title.strip())]

        return self._edit(template_id, expected_version, apply)

    def update_item(self, item_id: int, data: TemplateItemInput, expected_version: int) -> int:
        def apply(session: Session, template: RouteTemplate) -> list[Change]:
            row = _item(session, item_id, template.id)
            changes: list[Change] = []
            for key, value in _clean_item(session, template, data).items():
                if getattr(row, key) != value:
                    changes.append((f"{key}:{row.title}"[:64], getattr(row, key), value))
                    setattr(row, key, value)
            return changes

        return self._edit(self._template_of(item_id), expected_version, apply)

    def remove_item(self, item_id: int, expected_version: int) -> int:
        """Remove an item; activities it added stay on their routes, unlinked."""

        def apply(session: Session, template: RouteTemplate) -> list[Change]:
            row = _item(session, item_id, template.id)
            session.execute(
                update(RouteActivity)
                .where(RouteActivity.template_item_id == item_id)
                .values(template_item_id=None)
                .execution_options(synchronize_session=False)
            )
            session.delete(row)
            return [("item", row.title, None)]

        return self._edit(self._template_of(item_id), expected_version, apply)

    def ensure_builtin(self) -> int:
        """Add each shipped template the database has never had; returns how many."""
        with self._context.read() as session:
            present = set(session.scalars(select(RouteTemplate.builtin_code)))
        missing = [spec for spec in builtin_templates() if spec.code not in present]
        if not missing:
            return 0
        with self._context.transaction() as session:
            now = utc_now()
            for spec in missing:
                template = RouteTemplate(
                    name=spec.name,
                    framework_code=spec.framework,
                    description=spec.description,
                    builtin_code=spec.code,
                    created_at=now,
                    updated_at=now,
                )
                session.add(template)
                session.flush()
                for position, item in enumerate(spec.items, 1):
                    session.add(
                        RouteTemplateItem(
                            template_id=template.id,
                            position=position,
                            kind=item.kind,
                            title=item.title,
                            provider=item.provider,
                            hours=item.hours,
                            competence_codes=list(item.competences),
                            offset_months=item.offset_months,
                        )
                    )
                self._audit(session, template.id, "create", [("name", None, spec.name)])
        return len(missing)

    # --- applying --------------------------------------------------------------------------

    def apply(self, template_id: int, candidate_ids: list[int]) -> ApplyResult:
        """Apply the template to each candidate's route (created where needed), in one
        transaction. Candidates on another framework, or without one, are reported and left
        alone; items already on a route are not added again."""
        with self._context.transaction() as session:
            return apply_template(
                session, self._context.actor, template_id, candidate_ids, self._today()
            )

    # --- helpers -------------------------------------------------------------------------

    def _edit(
        self,
        template_id: int,
        expected_version: int,
        apply: Callable[[Session, RouteTemplate], list[Change]],
    ) -> int:
        try:
            with self._context.transaction() as session:
                template = _template(session, template_id)
                if template.row_version != expected_version:
                    raise self._stale(template_id)
                changes = apply(session, template)
                if not changes:
                    return template.row_version
                template.updated_at = utc_now()
                session.flush()
                self._audit(session, template.id, "update", changes)
                return template.row_version
        except StaleDataError as error:
            raise self._stale(template_id) from error

    def _template_of(self, item_id: int) -> int:
        with self._context.read() as session:
            template_id = session.scalar(
                select(RouteTemplateItem.template_id).where(RouteTemplateItem.id == item_id)
            )
        if template_id is None:
            raise StaleEditError("Someone else removed this item of the template. Reload it.")
        return template_id

    def _stale(self, template_id: int) -> StaleEditError:
        last = audit.AuditService(self._context).last_change(ENTITY, template_id)
        who = (
            f"{last.actor} changed this template at {last.at:%d-%m-%Y %H:%M} UTC"
            if last
            else ("Someone else changed this template")
        )
        return StaleEditError(
            f"{who}, after you opened it. Your edit was not saved: reload and make it again."
        )

    def _audit(
        self, session: Session, template_id: int, action: str, changes: list[Change]
    ) -> None:
        audit.record(
            session,
            self._context.actor,
            entity=ENTITY,
            entity_id=template_id,
            action=action,
            changes=changes,
        )


def _template(session: Session, template_id: int) -> RouteTemplate:
    template = session.get(RouteTemplate, template_id)
    if template is None:
        raise NotFoundError(f"Route template {template_id} does not exist.")
    return template


def _items(session: Session, template_id: int) -> list[RouteTemplateItem]:
    return list(
        session.scalars(
            select(RouteTemplateItem)
            .where(RouteTemplateItem.template_id == template_id)
            .order_by(RouteTemplateItem.position, RouteTemplateItem.id)
        )
    )


def _item(session: Session, item_id: int, template_id: int) -> RouteTemplateItem:
    row = session.get(RouteTemplateItem, item_id)
    if row is None or row.template_id != template_id:
        raise StaleEditError("Someone else removed this item of the template. Reload it.")
    return row


def _latest(session: Session, framework_code: str) -> int | None:
    return session.scalar(
        select(Framework.id)
        .where(Framework.code == framework_code)
        .order_by(Framework.version.desc())
        .limit(1)
    )


def _info(session: Session, template: RouteTemplate) -> RouteTemplateInfo:
    framework_id = _latest(session, template.framework_code)
    framework = session.get(Framework, framework_id) if framework_id else None
    return RouteTemplateInfo(
        id=template.id,
        row_version=template.row_version,
        name=template.name,
        framework_code=template.framework_code,
        framework_name=framework.name_en if framework else "",
        description=template.description,
        builtin=template.builtin_code is not None,
        items=tuple(
            TemplateItem(
                item.id,
                TemplateItemInput(
                    kind=item.kind,
                    title=item.title,
                    provider=item.provider,
                    hours=item.hours,
                    competence_codes=tuple(item.competence_codes),
                    offset_months=item.offset_months,
                ),
            )
            for item in _items(session, template.id)
        ),
    )


def _clean_template(data: TemplateInput) -> tuple[str, str]:
    name = data.name.strip()
    if not name:
        raise ValidationError("A template needs a name.", "name")
    if len(name) > 200:
        raise ValidationError("A name is at most 200 characters.", "name")
    return name, data.description.strip()


def _check_unique_name(session: Session, name: str, own_id: int | None) -> None:
    found = session.scalar(
        select(RouteTemplate.id).where(
            func.lower(RouteTemplate.name) == name.lower(), RouteTemplate.retired_at.is_(None)
        )
    )
    if found is not None and found != own_id:
        raise ValidationError(f"There is already a template called '{name}'.", "name")


def _clean_item(
    session: Session, template: RouteTemplate, data: TemplateItemInput
) -> dict[str, object]:
    """The item's columns, checked: codes must be competences of the framework's latest
    version (the one new candidates start on)."""
    data = replace(
        data,
        title=data.title.strip(),
        provider=data.provider.strip(),
        competence_codes=tuple(dict.fromkeys(c.strip() for c in data.competence_codes)),
    )
    if not data.title:
        raise ValidationError("A template item needs a title.", "title")
    if len(data.title) > 200 or len(data.provider) > 200:
        raise ValidationError("A title or provider is at most 200 characters.", "title")
    if data.hours is not None and not 0 < data.hours <= MAX_HOURS:
        raise ValidationError(
            f"Hours are more than 0 and at most {MAX_HOURS:.0f} (got {data.hours:g}).", "hours"
        )
    if not 0 <= data.offset_months <= MAX_OFFSET_MONTHS:
        raise ValidationError(
            f"Plan an item 0 to {MAX_OFFSET_MONTHS} months after the intake.", "offset_months"
        )
    known = set(
        session.scalars(
            select(Competence.code).where(
                Competence.framework_id == _latest(session, template.framework_code)
            )
        )
    )
    unknown = [c for c in data.competence_codes if c not in known]
    if unknown:
        raise ValidationError(
            f"{', '.join(unknown)} is not a competence of the template's framework.",
            "competences",
        )
    return {
        "kind": ActivityKind(data.kind),
        "title": data.title,
        "provider": data.provider,
        "hours": data.hours,
        "competence_codes": list(data.competence_codes),
        "offset_months": data.offset_months,
    }
