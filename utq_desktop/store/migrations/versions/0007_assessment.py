"""Assessment of a submitted dossier snapshot: assessors, judgements, result, appeals;
and the appeal period in the institution settings.

Revision ID: 0007_assessment
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_assessment"
down_revision = "0006_portfolio"
branch_labels = None
depends_on = None

VERDICTS = ("sufficient", "insufficient")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=24)


def _verdict() -> sa.Enum:
    return _enum("verdict", *VERDICTS)


def upgrade() -> None:
    with op.batch_alter_table("institution_settings") as batch:
        batch.add_column(
            sa.Column("appeal_weeks", sa.Integer(), nullable=False, server_default="6")
        )
    with op.batch_alter_table("institution_settings") as batch:  # the model has no default
        batch.alter_column("appeal_weeks", server_default=None, existing_type=sa.Integer())

    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=True),
        sa.Column(
            "state",
            _enum("assessmentstate", "judging", "decided", "appeal", "cancelled"),
            nullable=False,
        ),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("result", _verdict(), nullable=True),
        sa.Column("result_on", sa.Date(), nullable=True),
        sa.Column("result_motivation", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"], ["candidate.id"], name="fk_assessment_candidate_id_candidate"
        ),
        sa.ForeignKeyConstraint(
            ["framework_id"], ["framework.id"], name="fk_assessment_framework_id_framework"
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["portfolio_snapshot.id"],
            name="fk_assessment_snapshot_id_portfolio_snapshot",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessment"),
        sa.UniqueConstraint("candidate_id", "round", name="uq_assessment_candidate_id"),
    )
    op.create_index("ix_assessment_snapshot_id", "assessment", ["snapshot_id"])
    op.create_index("ix_assessment_state", "assessment", ["state"])
    op.create_index("ix_assessment_result_on", "assessment", ["result_on"])
    op.create_table(
        "assessment_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", _enum("memberrole", "assessor", "chair"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name="fk_assessment_member_assessment_id_assessment",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name="fk_assessment_member_user_id_app_user"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_member"),
        sa.UniqueConstraint("assessment_id", "user_id", name="uq_assessment_member_assessment_id"),
    )
    op.create_table(
        "assessment_judgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("verdict", _verdict(), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("judged_on", sa.Date(), nullable=False),
        sa.Column("entered_by", sa.String(64), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name="fk_assessment_judgement_assessment_id_assessment",
        ),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competence.id"],
            name="fk_assessment_judgement_competence_id_competence",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name="fk_assessment_judgement_user_id_app_user"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_judgement"),
        sa.UniqueConstraint(
            "assessment_id",
            "competence_id",
            "user_id",
            name="uq_assessment_judgement_assessment_id",
        ),
    )
    op.create_table(
        "assessment_appeal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("late_accepted", sa.Boolean(), nullable=False),
        sa.Column("late_reason", sa.Text(), nullable=False),
        sa.Column("hearing_on", sa.Date(), nullable=True),
        sa.Column(
            "outcome",
            _enum("appealoutcome", "pending", "upheld", "granted", "withdrawn"),
            nullable=False,
        ),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("outcome_motivation", sa.Text(), nullable=False),
        sa.Column("result_before", _verdict(), nullable=True),
        sa.Column("result_after", _verdict(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name="fk_assessment_appeal_assessment_id_assessment",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_appeal"),
    )
    op.create_index("ix_assessment_appeal_assessment_id", "assessment_appeal", ["assessment_id"])


def downgrade() -> None:
    for table in (
        "assessment_appeal",
        "assessment_judgement",
        "assessment_member",
        "assessment",
    ):
        op.drop_table(table)
    with op.batch_alter_table("institution_settings") as batch:
        batch.drop_column("appeal_weeks")
