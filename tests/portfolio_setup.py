"""Set-up shared by the portfolio tests: a candidate on the 4TU framework, small files to
attach, and a dossier that meets the 4TU requirements (one item and one reflection per
competence, one class observation)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from database_backends import TempDatabase

from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.portfolio import EvidenceKind
from utq_desktop.environment import FILE_STORE_ENV_VAR
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput
from utq_desktop.services.portfolio_dto import EvidenceInput, ObservationInput

TODAY = date(2026, 6, 1)
COMPETENCES = ("C1", "C2", "C3", "C4", "C5")


def make_candidate(
    services: Services,
    number: str = "0012345",
    status: TrajectoryStatus = TrajectoryStatus.PORTFOLIO,
) -> int:
    return services.candidates.create(
        CandidateInput(
            staff_number=number,
            first_name="Ayşe",
            surname="Doğan",
            faculty="EEMCS",
            employment_start=date(2024, 9, 1),
            status=status,
        )
    )


def a_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def evidence(**changes: object) -> EvidenceInput:
    values: dict[str, object] = {
        "kind": EvidenceKind.COURSE_MATERIAL,
        "title": "Course syllabus Signals & Systems",
        "made_on": date(2025, 10, 1),
        "description": "The syllabus I rewrote along constructive alignment.",
        "criterion_codes": ("C1.1", "C1.2"),
    }
    return EvidenceInput(**(values | changes))  # type: ignore[arg-type]


def observation(**changes: object) -> ObservationInput:
    values: dict[str, object] = {
        "observed_on": date(2026, 3, 12),
        "observer": "Dr. P. de Boer",
        "course": "Signals & Systems",
        "criterion_codes": ("C2.1", "C2.2"),
        "notes": "Lecture for 180 students.",
    }
    return ObservationInput(**(values | changes))  # type: ignore[arg-type]


def complete_dossier(services: Services, candidate_id: int, folder: Path) -> None:
    """Everything the 4TU requirements ask: per competence an item and a reflection, and
    a class observation with its report."""
    for n, code in enumerate(COMPETENCES, 1):
        services.portfolio.add_item(
            candidate_id,
            evidence(title=f"Evidence for {code}", criterion_codes=(f"{code}.1",)),
            [a_file(folder, f"evidence-{code}.txt", f"evidence {code}")],
        )
        services.portfolio.add_item(
            candidate_id,
            evidence(
                kind=EvidenceKind.REFLECTION,
                title=f"Reflection on {code}",
                description=f"What I learnt about competence {n}.",
                criterion_codes=(),
                competence_codes=(code,),
            ),
        )
    services.portfolio.add_observation(
        candidate_id, observation(), [a_file(folder, "observation.txt", "observation report")]
    )


def open_portfolio_services(
    database: TempDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Services:
    """Services as 'anna' on TODAY with the files in tmp_path/utq-files: beside
    utq.sqlite, or (PostgreSQL) the shared folder a server deployment configures."""
    if database.is_postgres:
        monkeypatch.setenv(FILE_STORE_ENV_VAR, str(tmp_path / "utq-files"))
    return database.open("anna", today=TODAY)
