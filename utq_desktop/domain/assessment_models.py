"""The assessment's tables: a round per submitted dossier snapshot, the people appointed to
it, their judgements per competence (the chair's decisions are the chair's judgements) and
the appeal cases against its result.

A round keeps its standing result (``result``/``result_on``): set once when it is decided,
changed afterwards only by a granted appeal, whose row keeps what the result was before.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from utq_desktop.domain.assessment import AppealOutcome, AssessmentState, MemberRole, Verdict
from utq_desktop.domain.models import Base, enum_column_type


class Assessment(Base):
    """One assessment round of one submitted snapshot of a candidate's dossier."""

    __tablename__ = "assessment"
    # a candidate's rounds are numbered 1, 2, …; the constraint's index finds them
    __table_args__ = (UniqueConstraint("candidate_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"))
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("portfolio_snapshot.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    framework_id: Mapped[int | None] = mapped_column(ForeignKey("framework.id"), nullable=True)
    state: Mapped[AssessmentState] = mapped_column(
        enum_column_type(AssessmentState), default=AssessmentState.JUDGING, index=True
    )
    started_on: Mapped[date] = mapped_column(Date)
    result: Mapped[Verdict | None] = mapped_column(enum_column_type(Verdict), nullable=True)
    result_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    result_motivation: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class AssessmentMember(Base):
    """Someone appointed to a round: an assessor or its chair."""

    __tablename__ = "assessment_member"
    __table_args__ = (UniqueConstraint("assessment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    role: Mapped[MemberRole] = mapped_column(enum_column_type(MemberRole))
    position: Mapped[int] = mapped_column(Integer, default=0)


class AssessmentJudgement(Base):
    """One member's verdict on one competence, with the motivation. A chair's judgement is
    the chair's decision where the assessors disagree."""

    __tablename__ = "assessment_judgement"
    __table_args__ = (UniqueConstraint("assessment_id", "competence_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"))
    competence_id: Mapped[int] = mapped_column(ForeignKey("competence.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    verdict: Mapped[Verdict] = mapped_column(enum_column_type(Verdict))
    motivation: Mapped[str] = mapped_column(Text)
    judged_on: Mapped[date] = mapped_column(Date)
    entered_by: Mapped[str] = mapped_column(String(64))  # the login that typed it in
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012


class AssessmentAppeal(Base):
    """An objection / appeal against a round's result (4TU: arbitration and appeal)."""

    __tablename__ = "assessment_appeal"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    filed_on: Mapped[date] = mapped_column(Date)
    grounds: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)
    late_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    late_reason: Mapped[str] = mapped_column(Text, default="")
    hearing_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[AppealOutcome] = mapped_column(
        enum_column_type(AppealOutcome), default=AppealOutcome.PENDING
    )
    outcome_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome_motivation: Mapped[str] = mapped_column(Text, default="")
    # the round's result before a granted appeal changed it, and after
    result_before: Mapped[Verdict | None] = mapped_column(enum_column_type(Verdict), nullable=True)
    result_after: Mapped[Verdict | None] = mapped_column(enum_column_type(Verdict), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012
