"""Initial schema: candidates, users, frameworks, institution settings, audit trail.

Revision ID: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

STATUSES = (
    "registered",
    "intake",
    "learning_route",
    "portfolio",
    "assessment",
    "qualified",
    "exempted",
)


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("role", sa.String(24), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_user"),
        sa.UniqueConstraint("login", name="uq_app_user_login"),
    )
    op.create_table(
        "framework",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("name_nl", sa.String(200), nullable=False),
        sa.Column("scale", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_framework"),
        sa.UniqueConstraint("code", "version", name="uq_framework_code"),
    )
    op.create_table(
        "competence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(300), nullable=False),
        sa.Column("name_nl", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"], ["framework.id"], name="fk_competence_framework_id_framework"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_competence"),
        sa.UniqueConstraint("framework_id", "code", name="uq_competence_framework_id"),
    )
    op.create_index("ix_competence_framework_id", "competence", ["framework_id"])
    op.create_table(
        "criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(500), nullable=False),
        sa.Column("name_nl", sa.String(500), nullable=False),
        sa.ForeignKeyConstraint(
            ["competence_id"], ["competence.id"], name="fk_criterion_competence_id_competence"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_criterion"),
        sa.UniqueConstraint("competence_id", "code", name="uq_criterion_competence_id"),
    )
    op.create_index("ix_criterion_competence_id", "criterion", ["competence_id"])
    settings = op.create_table(
        "institution_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("deadline_years", sa.Integer(), nullable=False),
        sa.Column("default_framework_code", sa.String(40), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_institution_settings"),
    )
    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_number", sa.String(32), nullable=False),
        sa.Column("initials", sa.String(20), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("prefix", sa.String(40), nullable=False),
        sa.Column("surname", sa.String(120), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("faculty", sa.String(120), nullable=False),
        sa.Column("department", sa.String(120), nullable=False),
        sa.Column("position", sa.String(120), nullable=False),
        sa.Column("fte", sa.Float(), nullable=True),
        sa.Column("employment_start", sa.Date(), nullable=True),
        sa.Column("extension_months", sa.Integer(), nullable=False),
        sa.Column("extension_reason", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(*STATUSES, name="trajectorystatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("supervisor_id", sa.Integer(), nullable=True),
        sa.Column("framework_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"], ["framework.id"], name="fk_candidate_framework_id_framework"
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"], ["app_user.id"], name="fk_candidate_supervisor_id_app_user"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_candidate"),
        sa.UniqueConstraint("staff_number", name="uq_candidate_staff_number"),
    )
    op.create_index("ix_candidate_faculty", "candidate", ["faculty"])
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("field", sa.String(64), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])
    op.create_index("ix_audit_entry_candidate_id", "audit_entry", ["candidate_id"])
    op.bulk_insert(
        settings,
        [
            {
                "id": 1,
                "name": "Universiteit",
                "deadline_years": 3,
                "default_framework_code": "4tu",
                "row_version": 1,
            }
        ],
    )


def downgrade() -> None:
    for table in (
        "audit_entry",
        "candidate",
        "institution_settings",
        "criterion",
        "competence",
        "framework",
        "app_user",
    ):
        op.drop_table(table)
