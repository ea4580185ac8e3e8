"""Exemption cases (workflow steps, documents) and partial certificates from other universities.

Also: the candidate's language (for letters), and the partial certificate a route
recognition came from.

Revision ID: 0005_exemption
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_exemption"
down_revision = "0004_learning_route"
branch_labels = None
depends_on = None

GROUNDS = ("teacher_training", "velon", "foreign", "other")
CASE_STATUSES = (
    "filed",
    "under_evaluation",
    "meeting_planned",
    "advice_given",
    "decided",
    "informed",
    "withdrawn",
)
VERDICTS = ("grant", "refuse")
TRAJECTORY = (
    "registered",
    "intake",
    "learning_route",
    "portfolio",
    "assessment",
    "qualified",
    "exempted",
)


def _enum(name: str, values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=24)


def upgrade() -> None:
    # existing candidates get Dutch letters; the dialog or a staff list may change that
    with op.batch_alter_table("candidate") as batch:
        batch.add_column(
            sa.Column(
                "language", _enum("language", ("nl", "en")), nullable=False, server_default="nl"
            )
        )
    op.create_table(
        "exemption_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("ground", _enum("exemptionground", GROUNDS), nullable=False),
        sa.Column("ground_detail", sa.String(300), nullable=False),
        sa.Column("status", _enum("casestatus", CASE_STATUSES), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("filed_by", sa.String(200), nullable=False),
        sa.Column("advisor", sa.String(200), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("advice", _enum("verdict", VERDICTS), nullable=True),
        sa.Column("advice_motivation", sa.Text(), nullable=False),
        sa.Column("decision", _enum("verdict", VERDICTS), nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=False),
        sa.Column("decision_motivation", sa.Text(), nullable=False),
        sa.Column("status_before", _enum("trajectorystatus", TRAJECTORY), nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=False),
        sa.Column("letter_sha256", sa.String(64), nullable=True),
        sa.Column("letter_name", sa.String(255), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"], ["candidate.id"], name="fk_exemption_case_candidate_id_candidate"
        ),
        sa.ForeignKeyConstraint(
            ["letter_sha256"],
            ["stored_file.sha256"],
            name="fk_exemption_case_letter_sha256_stored_file",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_exemption_case"),
    )
    op.create_index("ix_exemption_case_candidate_id", "exemption_case", ["candidate_id"])
    op.create_table(
        "exemption_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("status", _enum("casestatus", CASE_STATUSES), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("done_by", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["exemption_case.id"], name="fk_exemption_step_case_id_exemption_case"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_exemption_step"),
    )
    op.create_index("ix_exemption_step_case_id", "exemption_step", ["case_id"])
    op.create_table(
        "exemption_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("added_by", sa.String(64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["exemption_case.id"],
            name="fk_exemption_document_case_id_exemption_case",
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["stored_file.sha256"], name="fk_exemption_document_sha256_stored_file"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_exemption_document"),
        sa.UniqueConstraint("case_id", "sha256", name="uq_exemption_document_case_id"),
    )
    op.create_table(
        "partial_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("institution", sa.String(200), nullable=False),
        sa.Column("obtained_on", sa.Date(), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=True),
        sa.Column("document_name", sa.String(255), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_partial_certificate_candidate_id_candidate",
        ),
        sa.ForeignKeyConstraint(
            ["document_sha256"],
            ["stored_file.sha256"],
            name="fk_partial_certificate_document_sha256_stored_file",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_partial_certificate"),
    )
    op.create_index("ix_partial_certificate_candidate_id", "partial_certificate", ["candidate_id"])
    op.create_table(
        "partial_certificate_competence",
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("competence_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["partial_certificate.id"],
            name="fk_partial_certificate_competence_certificate",
        ),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competence.id"],
            name="fk_partial_certificate_competence_competence_id_competence",
        ),
        sa.PrimaryKeyConstraint(
            "certificate_id", "competence_id", name="pk_partial_certificate_competence"
        ),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("route_recognition") as batch:
        batch.add_column(sa.Column("partial_certificate_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_route_recognition_partial_certificate_id_partial_certificate",
            "partial_certificate",
            ["partial_certificate_id"],
            ["id"],
        )
        batch.create_index(
            "ix_route_recognition_partial_certificate_id", ["partial_certificate_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("route_recognition") as batch:
        batch.drop_index("ix_route_recognition_partial_certificate_id")
        batch.drop_constraint(
            "fk_route_recognition_partial_certificate_id_partial_certificate", type_="foreignkey"
        )
        batch.drop_column("partial_certificate_id")
    for table in (
        "partial_certificate_competence",
        "partial_certificate",
        "exemption_document",
        "exemption_step",
        "exemption_case",
    ):
        op.drop_table(table)
    with op.batch_alter_table("candidate") as batch:
        batch.drop_column("language")
