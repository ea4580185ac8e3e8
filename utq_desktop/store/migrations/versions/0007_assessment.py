"""Assessment of a submitted dossier snapshot: assessors, judgements, result, appeals.

Revision ID: 0007_assessment
"""

from __future__ import annotations

revision = "0007_assessment"
down_revision = "0006_portfolio"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
