"""Typed SQLAlchemy 2.0 tables. Only services/ and store/ use these; ui/ never sees them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from utq_desktop.domain.enums import Language, TrajectoryStatus

# Stable constraint names keep Alembic's batch migrations on SQLite deterministic.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def enum_column_type(enum_cls: type) -> Enum:
    """A StrEnum stored by value in a short text column (no native database enum)."""
    return Enum(
        enum_cls,
        native_enum=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class AppUser(Base):
    """Someone who works with the application (coordinator, consultant, HR advisor, …)."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    role: Mapped[str] = mapped_column(String(24), default="coordinator")


class Framework(Base):
    """A competence framework at one version; records stay tied to the version they used."""

    __tablename__ = "framework"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    name_en: Mapped[str] = mapped_column(String(200))
    name_nl: Mapped[str] = mapped_column(String(200))
    scale: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(200), default="")
    # what a dossier must contain before submission (domain.portfolio.Requirements as a
    # dict); NULL: the file declared none, so the defaults apply
    requirements: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)

    competences: Mapped[list[Competence]] = relationship(
        back_populates="framework", order_by="Competence.position", cascade="all, delete-orphan"
    )


class Competence(Base):
    __tablename__ = "competence"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    name_en: Mapped[str] = mapped_column(String(300))
    name_nl: Mapped[str] = mapped_column(String(300))

    framework: Mapped[Framework] = relationship(back_populates="competences")
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="competence", order_by="Criterion.position", cascade="all, delete-orphan"
    )


class Criterion(Base):
    __tablename__ = "criterion"
    __table_args__ = (UniqueConstraint("competence_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    competence_id: Mapped[int] = mapped_column(ForeignKey("competence.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    name_en: Mapped[str] = mapped_column(String(500))
    name_nl: Mapped[str] = mapped_column(String(500))

    competence: Mapped[Competence] = relationship(back_populates="criteria")


class InstitutionSettings(Base):
    """One row: the institution's name and the rules that follow from its regulation."""

    __tablename__ = "institution_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    deadline_years: Mapped[int] = mapped_column(Integer, default=3)
    default_framework_code: Mapped[str] = mapped_column(String(40), default="4tu")
    # weeks after a result within which an appeal may be filed (assessment)
    appeal_weeks: Mapped[int] = mapped_column(Integer, default=6)
    # who signs the certificates (e.g. the dean and the rector magnificus), and the logo
    # printed on them: a stored file, or None for the neutral built-in one (resources/)
    signatory1_name: Mapped[str] = mapped_column(String(200), default="")
    signatory1_role: Mapped[str] = mapped_column(String(200), default="")
    signatory2_name: Mapped[str] = mapped_column(String(200), default="")
    signatory2_role: Mapped[str] = mapped_column(String(200), default="")
    logo_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class Candidate(Base):
    """A teacher who must obtain the UTQ."""

    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_number: Mapped[str] = mapped_column(String(32), unique=True)
    initials: Mapped[str] = mapped_column(String(20), default="")
    first_name: Mapped[str] = mapped_column(String(100), default="")
    prefix: Mapped[str] = mapped_column(String(40), default="")
    surname: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), default="")
    faculty: Mapped[str] = mapped_column(String(120), default="", index=True)
    department: Mapped[str] = mapped_column(String(120), default="")
    position: Mapped[str] = mapped_column(String(120), default="")
    fte: Mapped[float | None] = mapped_column(Float, nullable=True)
    employment_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    extension_months: Mapped[int] = mapped_column(Integer, default=0)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[TrajectoryStatus] = mapped_column(
        enum_column_type(TrajectoryStatus), default=TrajectoryStatus.REGISTERED
    )
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("framework.id"), nullable=True)
    # the language letters to the candidate are written in (an exemption decision, …)
    language: Mapped[Language] = mapped_column(enum_column_type(Language), default=Language.DUTCH)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    supervisor: Mapped[AppUser | None] = relationship()
    framework: Mapped[Framework | None] = relationship()

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class AuditEntry(Base):
    """Who changed what, when: one row per changed field, written with the change itself."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    candidate_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(24))
    field: Mapped[str | None] = mapped_column(String(64), nullable=True)
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)


class StoredFile(Base):
    """A file kept by the application, content-addressed by its SHA-256.

    ``content`` holds the bytes when files are kept in the database (a shared PostgreSQL
    deployment); it is NULL when they live in the file store folder. Records that use a file
    (evidence, documents) refer to it by hash, so the same file twice is stored once.
    """

    __tablename__ = "stored_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


# The intake's and the learning route's tables live in their own modules; importing them
# here puts them in Base.metadata for Alembic and the tests whatever is imported first.
from utq_desktop.domain import (  # noqa: E402
    assessment_models,  # noqa: F401
    certificate_models,  # noqa: F401
    exemption_models,  # noqa: F401
    intake_models,  # noqa: F401
    portfolio_models,  # noqa: F401
    route_models,  # noqa: F401
)
