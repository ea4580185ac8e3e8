"""Intake: one per candidate, with the educational CV's teaching experience and the
self-diagnosis per competence and criterion.

Revision ID: 0003_intake
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_intake"
down_revision = "0002_stored_files"
branch_labels = None
depends_on = None

LEVELS = ("bachelor", "master", "other")


def upgrade() -> None:
    op.create_table(
        "intake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=True),
        sa.Column("cv_document_sha256", sa.String(64), nullable=True),
        sa.Column("cv_document_name", sa.String(255), nullable=False),
        sa.Column("tasks_supervisor", sa.String(200), nullable=False),
        sa.Column("tasks_discussed_on", sa.Date(), nullable=True),
        sa.Column("tasks_agreed", sa.Text(), nullable=False),
        sa.Column("cv_sent", sa.Boolean(), nullable=False),
        sa.Column("self_diagnosis_sent", sa.Boolean(), nullable=False),
        sa.Column("tasks_sent", sa.Boolean(), nullable=False),
        sa.Column("documents_sent_on", sa.Date(), nullable=True),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("meeting_with", sa.String(200), nullable=False),
        sa.Column("meeting_held", sa.Boolean(), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=True),
        sa.Column("agreements", sa.Text(), nullable=False),
        sa.Column("consider_exemption", sa.Boolean(), nullable=False),
        sa.Column("consider_partial_certificate", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"], ["candidate.id"], name="fk_intake_candidate_id_candidate"
        ),
        sa.ForeignKeyConstraint(
            ["framework_id"], ["framework.id"], name="fk_intake_framework_id_framework"
        ),
        sa.ForeignKeyConstraint(
            ["cv_document_sha256"],
            ["stored_file.sha256"],
            name="fk_intake_cv_document_sha256_stored_file",
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"], ["app_user.id"], name="fk_intake_supervisor_id_app_user"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_intake"),
        sa.UniqueConstraint("candidate_id", name="uq_intake_candidate_id"),
    )
    op.create_table(
        "teaching_experience",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("course", sa.String(200), nullable=False),
        sa.Column(
            "level",
            sa.Enum(*LEVELS, name="programmelevel", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("role", sa.String(60), nullable=False),
        sa.Column("year_from", sa.Integer(), nullable=False),
        sa.Column("year_to", sa.Integer(), nullable=True),
        sa.Column("students", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(40), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intake.id"], name="fk_teaching_experience_intake_id_intake"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_teaching_experience"),
    )
    op.create_index("ix_teaching_experience_intake_id", "teaching_experience", ["intake_id"])
    op.create_table(
        "intake_competence_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intake.id"], name="fk_intake_competence_rating_intake_id_intake"
        ),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competence.id"],
            name="fk_intake_competence_rating_competence_id_competence",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_intake_competence_rating"),
        sa.UniqueConstraint(
            "intake_id", "competence_id", name="uq_intake_competence_rating_intake_id"
        ),
    )
    op.create_table(
        "intake_criterion_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intake.id"], name="fk_intake_criterion_rating_intake_id_intake"
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["criterion.id"],
            name="fk_intake_criterion_rating_criterion_id_criterion",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_intake_criterion_rating"),
        sa.UniqueConstraint(
            "intake_id", "criterion_id", name="uq_intake_criterion_rating_intake_id"
        ),
    )


def downgrade() -> None:
    for table in (
        "intake_criterion_rating",
        "intake_competence_rating",
        "teaching_experience",
        "intake",
    ):
        op.drop_table(table)
