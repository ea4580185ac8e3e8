"""Schema versions known to this build, so start-up can check them without loading Alembic.

tests/unit/test_migrations.py keeps these in step with the migration scripts.
"""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_stored_files",
    "0003_intake",
    "0004_learning_route",
    "0005_exemption",
    "0006_portfolio",
    "0007_assessment",
    "0008_certificates",
)
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
