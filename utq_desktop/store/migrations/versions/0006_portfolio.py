"""Portfolio: evidence items, attachments, criterion states, feedback, observations, snapshots.

Also the framework's optional ``requirements`` (what a dossier must contain before it is
submitted; NULL: the defaults of domain.portfolio).

Revision ID: 0006_portfolio
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_portfolio"
down_revision = "0005_exemption"
branch_labels = None
depends_on = None

KINDS = (
    "course_material",
    "student_evaluation",
    "peer_feedback",
    "student_feedback",
    "observation_report",
    "reflection",
    "certificate",
    "other",
)
CRITERION_STATES = (
    "no_evidence",
    "in_progress",
    "ready",
    "accepted",
    "needs_revision",
    "recognised",
)
DOSSIER_STATES = ("working", "ready", "submitted")


def _fk(table: str, column: str, target: str, name: str = "") -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=name or f"fk_{table}_{column}_{referred}"
    )


# the convention's name would pass PostgreSQL's 63 characters: the model names it too
OBSERVATION_LINK_FK = "fk_portfolio_observation_criterion_observation"


def _link(
    table: str, owner: str, owner_table: str, other: str, other_table: str, owner_fk: str = ""
) -> None:
    """A many-to-many key table (without rowid on SQLite)."""
    op.create_table(
        table,
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column(other, sa.Integer(), nullable=False),
        _fk(table, owner, f"{owner_table}.id", owner_fk),
        _fk(table, other, f"{other_table}.id"),
        sa.PrimaryKeyConstraint(owner, other, name=f"pk_{table}"),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    with op.batch_alter_table("framework") as batch:
        batch.add_column(sa.Column("requirements", sa.JSON(), nullable=True))
    op.create_table(
        "portfolio_dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(*DOSSIER_STATES, name="dossierstate", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("marked_ready_on", sa.Date(), nullable=True),
        sa.Column("marked_ready_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        _fk("portfolio_dossier", "candidate_id", "candidate.id"),
        _fk("portfolio_dossier", "framework_id", "framework.id"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_dossier"),
        sa.UniqueConstraint("candidate_id", name="uq_portfolio_dossier_candidate_id"),
    )
    op.create_table(
        "portfolio_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*KINDS, name="evidencekind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        _fk("portfolio_item", "dossier_id", "portfolio_dossier.id"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_item"),
    )
    op.create_index("ix_portfolio_item_dossier_id", "portfolio_item", ["dossier_id"])
    _link("portfolio_item_criterion", "item_id", "portfolio_item", "criterion_id", "criterion")
    _link("portfolio_item_competence", "item_id", "portfolio_item", "competence_id", "competence")
    op.create_table(
        "portfolio_observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("observer", sa.String(200), nullable=False),
        sa.Column("course", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        _fk("portfolio_observation", "dossier_id", "portfolio_dossier.id"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_observation"),
    )
    op.create_index("ix_portfolio_observation_dossier_id", "portfolio_observation", ["dossier_id"])
    _link(
        "portfolio_observation_criterion",
        "observation_id",
        "portfolio_observation",
        "criterion_id",
        "criterion",
        OBSERVATION_LINK_FK,
    )
    op.create_table(
        "portfolio_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("observation_id", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        _fk("portfolio_attachment", "dossier_id", "portfolio_dossier.id"),
        _fk("portfolio_attachment", "item_id", "portfolio_item.id"),
        _fk("portfolio_attachment", "observation_id", "portfolio_observation.id"),
        _fk("portfolio_attachment", "sha256", "stored_file.sha256"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_attachment"),
    )
    for column in ("dossier_id", "item_id", "observation_id", "sha256"):
        op.create_index(f"ix_portfolio_attachment_{column}", "portfolio_attachment", [column])
    op.create_table(
        "portfolio_criterion_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(*CRITERION_STATES, name="criterionstate", native_enum=False, length=24),
            nullable=True,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_on", sa.Date(), nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=False),
        _fk("portfolio_criterion_state", "dossier_id", "portfolio_dossier.id"),
        _fk("portfolio_criterion_state", "criterion_id", "criterion.id"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_criterion_state"),
        sa.UniqueConstraint(
            "dossier_id", "criterion_id", name="uq_portfolio_criterion_state_dossier_id"
        ),
    )
    op.create_table(
        "portfolio_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("competence_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolved_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        _fk("portfolio_feedback", "dossier_id", "portfolio_dossier.id"),
        _fk("portfolio_feedback", "item_id", "portfolio_item.id"),
        _fk("portfolio_feedback", "competence_id", "competence.id"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_feedback"),
    )
    op.create_index("ix_portfolio_feedback_dossier_id", "portfolio_feedback", ["dossier_id"])
    op.create_table(
        "portfolio_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_by", sa.String(64), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("attachment_count", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        _fk("portfolio_snapshot", "dossier_id", "portfolio_dossier.id"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_snapshot"),
        sa.UniqueConstraint("dossier_id", "number", name="uq_portfolio_snapshot_dossier_id"),
    )
    op.create_table(
        "portfolio_snapshot_return",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=False),
        sa.Column("returned_by", sa.String(64), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        _fk("portfolio_snapshot_return", "snapshot_id", "portfolio_snapshot.id"),
        sa.PrimaryKeyConstraint("id", name="pk_portfolio_snapshot_return"),
        sa.UniqueConstraint("snapshot_id", name="uq_portfolio_snapshot_return_snapshot_id"),
    )


def downgrade() -> None:
    for table in (
        "portfolio_snapshot_return",
        "portfolio_snapshot",
        "portfolio_feedback",
        "portfolio_criterion_state",
        "portfolio_attachment",
        "portfolio_observation_criterion",
        "portfolio_observation",
        "portfolio_item_competence",
        "portfolio_item_criterion",
        "portfolio_item",
        "portfolio_dossier",
    ):
        op.drop_table(table)
    with op.batch_alter_table("framework") as batch:
        batch.drop_column("requirements")
