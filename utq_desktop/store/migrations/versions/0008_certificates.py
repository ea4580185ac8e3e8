"""The register of issued certificates (UTQ and participation), and their settings:
the two signatories and the logo in the institution settings.

Revision ID: 0008_certificates
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_certificates"
down_revision = "0007_assessment"
branch_labels = None
depends_on = None

SIGNATORIES = ("signatory1_name", "signatory1_role", "signatory2_name", "signatory2_role")
# The usual pair at a Dutch university, so a first certificate is signed sensibly; the
# names are left for the coordinator to fill in (Edit → Institution settings…).
DEFAULT_ROLES = {"signatory1_role": "Dean", "signatory2_role": "Rector Magnificus"}


def upgrade() -> None:
    with op.batch_alter_table("institution_settings") as batch:
        for column in SIGNATORIES:
            batch.add_column(sa.Column(column, sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("logo_sha256", sa.String(64), nullable=True))
    settings = sa.table("institution_settings", *(sa.column(c) for c in DEFAULT_ROLES))
    op.execute(settings.update().values(**DEFAULT_ROLES))
    with op.batch_alter_table("institution_settings") as batch:
        for column in SIGNATORIES:  # the model has no server default: keep them the same
            batch.alter_column(column, server_default=None, existing_type=sa.String(200))

    op.create_table(
        "issued_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("utq", "participation", name="certificatekind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("serial", sa.String(32), nullable=False),
        sa.Column("verification_code", sa.String(32), nullable=False),
        sa.Column("award_date", sa.Date(), nullable=False),
        sa.Column("holder_name", sa.String(300), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(64), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "valid",
                "replaced",
                "revoked",
                name="certificatestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("utq_holder_id", sa.Integer(), nullable=True),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(64), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"], ["candidate.id"], name="fk_issued_certificate_candidate_id_candidate"
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["route_activity.id"],
            name="fk_issued_certificate_activity_id_route_activity",
        ),
        sa.ForeignKeyConstraint(
            ["replaced_by_id"],
            ["issued_certificate.id"],
            name="fk_issued_certificate_replaced_by_id_issued_certificate",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_issued_certificate"),
        sa.UniqueConstraint("serial", name="uq_issued_certificate_serial"),
        sa.UniqueConstraint("verification_code", name="uq_issued_certificate_verification_code"),
        sa.UniqueConstraint("utq_holder_id", name="uq_issued_certificate_utq_holder_id"),
    )
    op.create_index("ix_issued_certificate_candidate_id", "issued_certificate", ["candidate_id"])
    op.create_index("ix_issued_certificate_activity_id", "issued_certificate", ["activity_id"])
    op.create_index("ix_issued_certificate_award_date", "issued_certificate", ["award_date"])


def downgrade() -> None:
    op.drop_table("issued_certificate")
    with op.batch_alter_table("institution_settings") as batch:
        batch.drop_column("logo_sha256")
        for column in reversed(SIGNATORIES):
            batch.drop_column(column)
