"""Learning route: one per candidate, its activities (for one or more competences),
competences recognised through a partial certificate, and route templates.

Revision ID: 0004_learning_route
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_learning_route"
down_revision = "0003_intake"
branch_labels = None
depends_on = None

KINDS = (
    "training_module",
    "workshop",
    "self_study",
    "writing_session",
    "peer_supervision",
    "class_observation",
    "other",
)
STATUSES = ("planned", "registered", "completed", "cancelled")


def _kind() -> sa.Enum:
    return sa.Enum(*KINDS, name="activitykind", native_enum=False, length=24)


def upgrade() -> None:
    op.create_table(
        "route_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("framework_code", sa.String(40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("builtin_code", sa.String(40), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_route_template"),
        sa.UniqueConstraint("builtin_code", name="uq_route_template_builtin_code"),
    )
    op.create_table(
        "route_template_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", _kind(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("provider", sa.String(200), nullable=False),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("competence_codes", sa.JSON(), nullable=False),
        sa.Column("offset_months", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["route_template.id"],
            name="fk_route_template_item_template_id_route_template",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_route_template_item"),
    )
    op.create_index("ix_route_template_item_template_id", "route_template_item", ["template_id"])
    op.create_table(
        "learning_route",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=True),
        sa.Column("agreed_by", sa.String(200), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"], ["candidate.id"], name="fk_learning_route_candidate_id_candidate"
        ),
        sa.ForeignKeyConstraint(
            ["framework_id"], ["framework.id"], name="fk_learning_route_framework_id_framework"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_learning_route"),
        sa.UniqueConstraint("candidate_id", name="uq_learning_route_candidate_id"),
    )
    op.create_table(
        "route_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("provider", sa.String(200), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(*STATUSES, name="activitystatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("cancelled_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("template_item_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["route_id"], ["learning_route.id"], name="fk_route_activity_route_id_learning_route"
        ),
        sa.ForeignKeyConstraint(
            ["template_item_id"],
            ["route_template_item.id"],
            name="fk_route_activity_template_item_id_route_template_item",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_route_activity"),
        sa.UniqueConstraint("route_id", "template_item_id", name="uq_route_activity_route_id"),
    )
    op.create_table(
        "route_activity_competence",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["route_activity.id"],
            name="fk_route_activity_competence_activity_id_route_activity",
        ),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competence.id"],
            name="fk_route_activity_competence_competence_id_competence",
        ),
        sa.PrimaryKeyConstraint(
            "activity_id", "competence_id", name="pk_route_activity_competence"
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "route_recognition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.Column("recognised_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["route_id"], ["learning_route.id"], name="fk_route_recognition_route_id_learning_route"
        ),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competence.id"],
            name="fk_route_recognition_competence_id_competence",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_route_recognition"),
        sa.UniqueConstraint("route_id", "competence_id", name="uq_route_recognition_route_id"),
    )


def downgrade() -> None:
    for table in (
        "route_recognition",
        "route_activity_competence",
        "route_activity",
        "learning_route",
        "route_template_item",
        "route_template",
    ):
        op.drop_table(table)
