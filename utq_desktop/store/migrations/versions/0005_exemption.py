"""Exemption cases (workflow steps, documents) and partial certificates from other universities.

Revision ID: 0005_exemption
"""

from __future__ import annotations

revision = "0005_exemption"
down_revision = "0004_learning_route"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
