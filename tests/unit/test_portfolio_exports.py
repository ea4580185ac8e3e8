"""Getting a dossier out and checking its files: the integrity check finds a tampered and a
missing file and says whose they are; the zip of attachments (names made safe and
de-duplicated, cancellable); the PDF's text (cover, contents, evidence, reflections,
feedback) for the working dossier and for a submission."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from database_backends import TempDatabase
from portfolio_setup import (
    a_file,
    complete_dossier,
    evidence,
    make_candidate,
    observation,
    open_portfolio_services,
)

from utq_desktop.documents.dossier_zip import safe_name
from utq_desktop.domain.portfolio import EvidenceKind
from utq_desktop.errors import NotFoundError, OperationCancelledError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.files import FileStoreError
from utq_desktop.services.portfolio_dto import FeedbackInput


@pytest.fixture
def services(database: TempDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Services:
    return open_portfolio_services(database, tmp_path, monkeypatch)


def stored(tmp_path: Path, sha: str) -> Path:
    return tmp_path / "utq-files" / sha[:2] / sha


def test_the_check_finds_a_tampered_and_a_missing_file_and_whose_they_are(
    services: Services, tmp_path: Path
) -> None:
    ayse = make_candidate(services)
    services.portfolio.add_item(
        ayse, evidence(title="Evaluation 2025"), [a_file(tmp_path, "eval.txt", "good")]
    )
    services.portfolio.add_observation(
        ayse, observation(), [a_file(tmp_path, "report.txt", "observation")]
    )
    services.portfolio.add_item(
        ayse, evidence(title="Fine item"), [a_file(tmp_path, "fine.txt", "fine")]
    )
    view = services.portfolio.dossier(ayse)
    tampered = next(i for i in view.items if i.title == "Evaluation 2025").attachments[0]
    missing = view.observations[0].attachments[0]
    stored(tmp_path, tampered.sha256).write_text("changed by hand")
    stored(tmp_path, missing.sha256).unlink()
    seen: list[tuple[int, int]] = []
    report = services.portfolio.check_files(lambda done, total: seen.append((done, total)))
    assert report.checked == 3 and not report.ok and seen[-1] == (3, 3)
    problems = {p.sha256: p for p in report.problems}
    assert problems[tampered.sha256].problem == "damaged"
    assert problems[missing.sha256].problem == "missing"
    (use,) = problems[tampered.sha256].uses
    assert (use.candidate_id, use.candidate_name, use.staff_number) == (
        ayse,
        "Ayşe Doğan",
        "0012345",
    )
    assert (use.where, use.name) == ("evidence 'Evaluation 2025'", "eval.txt")
    (use,) = problems[missing.sha256].uses
    assert use.where == "class observation 'Signals & Systems' of 12-3-2026"
    with pytest.raises(FileStoreError, match="changed or damaged"):
        services.portfolio.open_attachment(tampered.id)


def test_a_broken_file_in_a_submission_is_traced_to_it(services: Services, tmp_path: Path) -> None:
    ayse = make_candidate(services)
    complete_dossier(services, ayse, tmp_path)
    version = services.portfolio.mark_ready(ayse, services.portfolio.dossier(ayse).row_version)
    services.portfolio.submit(ayse, version)
    item = next(i for i in services.portfolio.dossier(ayse).items if i.attachments)
    stored(tmp_path, item.attachments[0].sha256).unlink()
    (problem,) = services.portfolio.check_files().problems
    assert {u.where for u in problem.uses} == {f"evidence '{item.title}'", "submission 1"}


def test_the_zip_holds_every_attachment_under_safe_unique_names(
    services: Services, tmp_path: Path
) -> None:
    ayse = make_candidate(services)
    first = tmp_path / "one"
    second = tmp_path / "two"
    first.mkdir()
    second.mkdir()
    services.portfolio.add_item(
        ayse,
        evidence(title='Rubric: "final" version?'),
        [a_file(first, "rubric.txt", "v1"), a_file(second, "RUBRIC.txt", "v2")],
    )
    services.portfolio.add_item(
        ayse, evidence(title='Rubric: "final" version?'), [a_file(first, "con.txt", "x")]
    )
    services.portfolio.add_observation(
        ayse, observation(), [a_file(tmp_path, "report.txt", "observed")]
    )
    target = tmp_path / "dossier.zip"
    seen: list[tuple[int, int]] = []
    written = services.portfolio.export_attachments(
        ayse, target, progress=lambda d, t: seen.append((d, t))
    )
    assert written == 4 and seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert sorted(names) == [
            "E001 Rubric_ _final_ version_/_con.txt",
            "E002 Rubric_ _final_ version_/RUBRIC (2).txt",
            "E002 Rubric_ _final_ version_/rubric.txt",
            "O01 Signals & Systems 12-3-2026/report.txt",
        ]
        assert archive.read("E002 Rubric_ _final_ version_/RUBRIC (2).txt") == b"v2"


def test_folders_of_items_with_the_same_title_are_kept_apart(
    services: Services, tmp_path: Path
) -> None:
    ayse = make_candidate(services)
    for text in ("a", "b"):
        services.portfolio.add_item(
            ayse, evidence(title="Lecture"), [a_file(tmp_path, "slides.txt", text)]
        )
    target = tmp_path / "out.zip"
    services.portfolio.export_attachments(ayse, target)
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["E001 Lecture/slides.txt", "E002 Lecture/slides.txt"]


def test_a_cancelled_or_empty_export_leaves_nothing(services: Services, tmp_path: Path) -> None:
    ayse = make_candidate(services)
    target = tmp_path / "dossier.zip"
    with pytest.raises(ValidationError, match="no attachments"):
        services.portfolio.export_attachments(ayse, target)
    services.portfolio.add_item(
        ayse, evidence(), [a_file(tmp_path, "a.txt", "a"), a_file(tmp_path, "b.txt", "b")]
    )

    def cancel(done: int, total: int) -> None:
        raise OperationCancelledError("Cancelled.")

    with pytest.raises(OperationCancelledError):
        services.portfolio.export_attachments(ayse, target, progress=cancel)
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".utq-*")) == []
    sha = services.portfolio.dossier(ayse).items[0].attachments[1].sha256
    stored(tmp_path, sha).unlink()
    with pytest.raises(FileStoreError, match=r"'b\.txt' of evidence 'Course syllabus"):
        services.portfolio.export_attachments(ayse, target)
    assert not target.exists()


def test_the_zip_of_a_submission_has_its_files_even_after_edits(
    services: Services, tmp_path: Path
) -> None:
    ayse = make_candidate(services)
    complete_dossier(services, ayse, tmp_path)
    version = services.portfolio.mark_ready(ayse, services.portfolio.dossier(ayse).row_version)
    info = services.portfolio.submit(ayse, version)
    for item in services.portfolio.dossier(ayse).items:
        services.portfolio.remove_item(item.id, item.row_version)
    target = tmp_path / "submission.zip"
    assert services.portfolio.export_attachments(ayse, target, info.id) == 6
    other = make_candidate(services, "0055555")
    with pytest.raises(NotFoundError, match="not one of this candidate"):
        services.portfolio.export_attachments(other, target, info.id)


def test_safe_names() -> None:
    assert safe_name("a/b\\c:d*e?.pdf") == "a_b_c_d_e_.pdf"
    assert safe_name("  ...  ") == "file"
    assert safe_name("NUL.txt") == "_NUL.txt"
    long = safe_name("x" * 200 + ".pdf")
    assert len(long) <= 80 and long.endswith(".pdf")


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"
)


def pdf_text(path: Path) -> str:
    command = ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")


@needs_pdftotext
def test_the_dossier_pdf(services: Services, tmp_path: Path) -> None:
    ayse = make_candidate(services)
    complete_dossier(services, ayse, tmp_path)
    item_id = services.portfolio.add_item(
        ayse,
        evidence(
            kind=EvidenceKind.REFLECTION,
            title="Reflection on assessment",
            description="First paragraph about my exam.\n\nSecond paragraph: what I would change.",
            criterion_codes=("C3.1",),
        ),
    )
    services.portfolio.add_feedback(
        ayse, FeedbackInput("Link the exam matrix to the outcomes.", item_id=item_id)
    )
    services.portfolio.add_feedback(
        ayse, FeedbackInput("Name the course.", competence_code="C2", author="Dr. Peer")
    )
    target = tmp_path / "dossier.pdf"
    services.portfolio.export_pdf(ayse, target)
    text = pdf_text(target)
    for expected in (
        "UTQ dossier",
        "Ayşe Doğan",
        "Working dossier, not yet marked ready",
        "Required components",
        "Contents",
        "C3 Assessment",
        "Reflection: Reflection on assessment",
        "Second paragraph: what I would change.",
        "Link the exam matrix to the outcomes.",
        "Dr. Peer, 1-6-2026, on C2 Teaching and supervising",
        "O01 Signals & Systems, 12-3-2026",
        "evidence-C1.txt",
        "Class observations",
        "Feedback",
    ):
        assert expected in text, expected
    # the contents list each competence with its page
    contents = text.split("Contents", 1)[1].split("Competences", 2)[1]
    assert "C1 Designing or redesigning education" in contents


@needs_pdftotext
def test_the_pdf_of_a_submission_shows_it_as_submitted(services: Services, tmp_path: Path) -> None:
    ayse = make_candidate(services)
    complete_dossier(services, ayse, tmp_path)
    version = services.portfolio.mark_ready(ayse, services.portfolio.dossier(ayse).row_version)
    info = services.portfolio.submit(ayse, version)
    services.portfolio.add_item(ayse, evidence(title="Added after submission"))
    target = tmp_path / "submission.pdf"
    services.portfolio.export_pdf(ayse, target, info.id)
    text = pdf_text(target)
    assert "Submission 1, submitted on" in text and "by anna" in text
    assert "Added after submission" not in text
    assert "Reflection on C4" in text


def test_the_pdf_reports_progress_and_a_cancel_leaves_no_file(
    services: Services, tmp_path: Path
) -> None:
    ayse = make_candidate(services)
    complete_dossier(services, ayse, tmp_path)
    target = tmp_path / "dossier.pdf"
    calls: list[tuple[int, int]] = []
    services.portfolio.export_pdf(ayse, target, progress=lambda d, t: calls.append((d, t)))
    assert target.exists() and calls[-1][0] == calls[-1][1]
    assert all(done <= total for done, total in calls) and len(calls) > 3
    target.unlink()

    def cancel(done: int, total: int) -> None:
        if done > 2:
            raise OperationCancelledError("Cancelled.")

    with pytest.raises(OperationCancelledError):
        services.portfolio.export_pdf(ayse, target, progress=cancel)
    assert not target.exists() and list(tmp_path.glob(".utq-*")) == []
