"""The learning route as a PDF for the candidate: the name exactly as registered, the
competences with their activities, dates as d-m-yyyy, statuses, hours and the deadline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from utq_desktop.domain.route import ActivityKind, ActivityStatus
from utq_desktop.errors import ExportError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput, InstitutionSettingsData
from utq_desktop.services.route_dto import ActivityInput, RouteAgreement

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"
)


def pdf_text(path: Path, layout: bool = True) -> str:
    command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )


@pytest.fixture
def services(database: Any) -> Services:
    services = database.open("anna", today=TODAY)
    services.settings.update(InstitutionSettingsData("Universiteit Leiden", 3, "leiden"))
    return services


def planned_route(services: Services, first: str, prefix: str, surname: str) -> int:
    candidate = services.candidates.create(
        CandidateInput(
            staff_number="0034567",
            first_name=first,
            prefix=prefix,
            surname=surname,
            faculty="Science",
            employment_start=date(2024, 3, 1),
        )
    )
    template = next(t.id for t in services.route_templates.list() if t.framework_code == "leiden")
    services.route_templates.apply(template, [candidate])
    route = services.route.detail(candidate)
    first_module = route.activities[0]
    version = services.route.set_status(
        first_module.id, ActivityStatus.REGISTERED, date(2026, 11, 2), 1
    )
    services.route.set_status(
        first_module.id, ActivityStatus.COMPLETED, date(2026, 11, 20), version
    )
    services.route.add_activity(
        candidate,
        ActivityInput(
            ActivityKind.PEER_SUPERVISION,
            "Intervisie met collega's",
            "Vakgroep",
            date(2027, 5, 1),
            6.5,
            (route.competences[1].id,),
        ),
    )
    m5 = next(c for c in route.competences if c.code == "M5")
    version = services.route.recognise(
        candidate, m5.id, "Deelcertificaat, Universiteit Utrecht", date(2026, 11, 5), 1
    )
    services.route.set_agreement(
        candidate, RouteAgreement("dr. C. Vreman-de Olde", date(2026, 11, 6)), version
    )
    return candidate


def test_the_pdf_prints_the_route_with_every_letter(services: Services, tmp_path: Path) -> None:
    candidate = planned_route(services, "Nguyễn", "", "Thảo")
    target = tmp_path / "route.pdf"
    services.route.export_pdf(candidate, target)
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    flat = " ".join(pdf_text(target, layout=False).split())
    assert "Learning route of Nguyễn Thảo" in text
    assert "Universiteit Leiden" in text
    assert "Leiden University UTQ modules (version 1)" in flat
    assert "UTQ deadline 1-3-2027" in " ".join(text.split())
    assert "with dr. C. Vreman-de Olde on 6-11-2026" in flat
    for competence in ("Teaching in practice", "Supervising students", "Inclusive education"):
        assert competence in text
    assert "Recognised (5-11-2026): Deelcertificaat, Universiteit Utrecht" in flat
    assert "Intervisie met collega's" in text and "6.5" in text
    # the first module: planned, then completed on its day, with its hours
    assert "23-12-2026" in text and "Completed" in text and "20-11-2026" in text
    assert "24" in text  # its hours
    # planned a year after the deadline: flagged
    assert "after the deadline" in flat
    assert "planned after the UTQ deadline (1-3-2027)" in flat


def test_a_full_route_fits_on_two_pages(services: Services, tmp_path: Path) -> None:
    candidate = planned_route(services, "Siobhán", "van 't", "Hof")
    for number in range(6):
        services.route.add_activity(
            candidate,
            ActivityInput(
                ActivityKind.WORKSHOP,
                f"Workshop {number + 1}: activating lectures in large groups",
                "Teaching academy",
                date(2027, 1 + number, 10),
                3.0,
                notes="Bring a lecture of your own; the session is in English.",
            ),
        )
    target = tmp_path / "route.pdf"
    services.route.export_pdf(candidate, target)
    assert pages(target) <= 2
    assert "Learning route of Siobhán van 't Hof" in pdf_text(target)


def test_a_failed_write_names_the_file_and_leaves_nothing(
    services: Services, tmp_path: Path
) -> None:
    candidate = planned_route(services, "Ayşe", "", "Doğan")
    folder = tmp_path / "missing"
    with pytest.raises(ExportError, match="cannot be written"):
        services.route.export_pdf(candidate, folder / "route.pdf")
    assert not folder.exists()


def test_reportlab_loads_only_when_a_pdf_is_made() -> None:
    code = (
        "import sys, utq_desktop.services.app, utq_desktop.documents.route_pdf; "
        "print('reportlab' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False"]
