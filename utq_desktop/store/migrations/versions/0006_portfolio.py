"""Portfolio: evidence items, attachments, criterion states, feedback, observations, snapshots.

Revision ID: 0006_portfolio
"""

from __future__ import annotations

revision = "0006_portfolio"
down_revision = "0005_exemption"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
