"""Institution settings: name, deadline period, default competence framework, and what
certificates carry: two signatories and the logo (a stored image, or the built-in one).

Several coordinators may change them on a shared database: an edit carries the version it
was made on (``get_versioned``) and is refused if someone else saved in between, exactly as
for candidates.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from utq_desktop.domain.assessment import APPEAL_WEEKS_MAX, APPEAL_WEEKS_MIN
from utq_desktop.domain.deadlines import DEADLINE_YEARS_MAX, DEADLINE_YEARS_MIN
from utq_desktop.domain.models import Framework, InstitutionSettings
from utq_desktop.errors import StaleEditError, ValidationError
from utq_desktop.services import audit
from utq_desktop.services.context import Context
from utq_desktop.services.dto import CertificateSettings, InstitutionSettingsData, Signatory
from utq_desktop.services.files import Upload

ENTITY = "settings"
MIN_YEARS, MAX_YEARS = DEADLINE_YEARS_MIN, DEADLINE_YEARS_MAX


@dataclass(frozen=True)
class VersionedSettings:
    """The settings as loaded for editing, with the version a save must still find."""

    data: InstitutionSettingsData
    row_version: int
    certificates: CertificateSettings = field(default_factory=CertificateSettings)


class SettingsService:
    def __init__(self, context: Context) -> None:
        self._context = context

    def get(self) -> InstitutionSettingsData:
        return self.get_versioned().data

    def get_versioned(self) -> VersionedSettings:
        with self._context.read() as session:
            row = session.scalars(select(InstitutionSettings)).one()
            return VersionedSettings(
                InstitutionSettingsData(
                    row.name, row.deadline_years, row.default_framework_code, row.appeal_weeks
                ),
                row.row_version,
                certificate_settings(row),
            )

    def certificates(self) -> CertificateSettings:
        """The signatories and logo certificates carry."""
        return self.get_versioned().certificates

    def update(
        self,
        data: InstitutionSettingsData,
        expected_version: int | None = None,
        *,
        certificates: CertificateSettings | None = None,
        logo: Upload | None = None,
    ) -> int:
        """Save the settings; returns their new version.

        With ``expected_version`` (what an editor loaded), a save after someone else's is
        refused with StaleEditError naming who changed what; None saves unconditionally
        (scripts, demo data). ``certificates`` (None: leave as they are) sets the
        signatories and the logo; ``logo``, a PNG or JPEG file read with
        FileService.read_upload, becomes the new logo.
        """
        name = data.name.strip()
        certificate_changes = _clean_certificates(certificates, logo)
        if not name:
            raise ValidationError("The institution needs a name.", "name")
        if not MIN_YEARS <= data.deadline_years <= MAX_YEARS:
            raise ValidationError(
                f"The deadline period is {MIN_YEARS} to {MAX_YEARS} years.", "deadline_years"
            )
        if not APPEAL_WEEKS_MIN <= data.appeal_weeks <= APPEAL_WEEKS_MAX:
            raise ValidationError(
                f"The appeal period is {APPEAL_WEEKS_MIN} to {APPEAL_WEEKS_MAX} weeks.",
                "appeal_weeks",
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
                    InstitutionSettingsData(
                        name, data.deadline_years, data.default_framework_code, data.appeal_weeks
                    )
                )
                if certificate_changes is not None:
                    if logo is not None:
                        digest = self._context.database.files.put(
                            session, logo.content, logo.media_type
                        )
                        certificate_changes["logo_sha256"] = digest
                    new.update(certificate_changes)
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


MAX_LOGO_BYTES = 5 * 1024 * 1024
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def certificate_settings(row: InstitutionSettings) -> CertificateSettings:
    return CertificateSettings(
        (
            Signatory(row.signatory1_name, row.signatory1_role),
            Signatory(row.signatory2_name, row.signatory2_role),
        ),
        row.logo_sha256,
    )


def _clean_certificates(
    certificates: CertificateSettings | None, logo: Upload | None
) -> dict[str, object] | None:
    """The settings columns ``certificates`` asks for, checked; None when not asked."""
    if certificates is None and logo is None:
        return None
    if certificates is None:
        raise ValueError("a new logo comes with the certificate settings it belongs to")
    if len(certificates.signatories) != 2:
        raise ValidationError("Certificates are signed by two people.", "signatories")
    result: dict[str, object] = {}
    for number, signatory in enumerate(certificates.signatories, start=1):
        name, role = " ".join(signatory.name.split()), " ".join(signatory.role.split())
        if len(name) > 200 or len(role) > 200:
            raise ValidationError(
                f"Signatory {number}: a name or role is at most 200 characters.",
                f"signatory{number}",
            )
        if name and not role:
            raise ValidationError(
                f"Signatory {number}: say in which role {name} signs (e.g. Dean).",
                f"signatory{number}_role",
            )
        result[f"signatory{number}_name"] = name
        result[f"signatory{number}_role"] = role
    result["logo_sha256"] = certificates.logo_sha256
    if logo is not None:
        if not logo.content.startswith(_IMAGE_MAGIC):
            raise ValidationError(
                f"'{logo.name}' is not a PNG or JPEG image; choose the logo as one of those.",
                "logo",
            )
        if len(logo.content) > MAX_LOGO_BYTES:
            raise ValidationError(
                f"'{logo.name}' is {len(logo.content) / 1_048_576:.1f} MB; a logo may be at "
                f"most {MAX_LOGO_BYTES // 1_048_576} MB.",
                "logo",
            )
    return result
