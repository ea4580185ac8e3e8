"""The register of issued certificates (UTQ and participation), and their settings.

Revision ID: 0008_certificates
"""

from __future__ import annotations

revision = "0008_certificates"
down_revision = "0007_assessment"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
