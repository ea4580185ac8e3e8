"""Stored files: content-addressed attachments, in the database or a file store folder.

Revision ID: 0002_stored_files
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_stored_files"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_file",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(120), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_stored_file"),
    )


def downgrade() -> None:
    op.drop_table("stored_file")
