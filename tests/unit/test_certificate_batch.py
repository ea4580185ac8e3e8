"""The ceremony batch: readable file names, nothing overwritten, the same batch twice gives
the same files, progress and cancel, all or nothing, and both cores (worker processes that
also start from a thread, as in the window)."""

from __future__ import annotations

import hashlib
import itertools
import os
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from utq_desktop.documents import certificate_worker
from utq_desktop.documents.certificate_batch import BatchResult, write_certificates
from utq_desktop.documents.certificate_data import (
    CertificateData,
    ParticipationActivity,
    Signatory,
)
from utq_desktop.documents.certificate_names import ascii_fold, certificate_file_name
from utq_desktop.domain.certificate_codes import (
    CertificateKind,
    format_serial,
    new_verification_code,
)
from utq_desktop.errors import ExportError, OperationCancelledError, ValidationError

NAMES = (
    "Nguyễn Thị Minh Khai",
    "Mehmet Çelik",
    "Anders Ångström",
    "Øyvind Hansen",
    "Ayşe Doğan",
    "Pieter van der Linden",
    "Siobhán van 't Hof",
)


def utq(name: str, number: int = 1) -> CertificateData:
    return CertificateData(
        kind=CertificateKind.UTQ,
        holder_name=name,
        institution="Universiteit Twente",
        award_date=date(2026, 6, 12),
        serial=format_serial(CertificateKind.UTQ, 2026, number),
        verification_code=new_verification_code(),
        signatories=(Signatory("prof. dr. A. de Decaan", "Dean"),),
    )


def batch(count: int) -> list[CertificateData]:
    return [utq(f"{NAMES[i % len(NAMES)]} {i}", i + 1) for i in range(count)]


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nguyễn Thị Minh Khai", "Nguyen Thi Minh Khai - UTQ certificate.pdf"),
        ("Mehmet Çelik", "Mehmet Celik - UTQ certificate.pdf"),
        ("Anders Ångström", "Anders Angstrom - UTQ certificate.pdf"),
        ("Øyvind Łukasiewicz", "Oyvind Lukasiewicz - UTQ certificate.pdf"),
        ("Ayşe Doğan", "Ayse Dogan - UTQ certificate.pdf"),
        ("Siobhán van ’t Hof", "Siobhan van 't Hof - UTQ certificate.pdf"),
        ('Jan/Piet: de "Vries"?', "Jan Piet de Vries - UTQ certificate.pdf"),
        ("王芳", "UTQ-2026-000001 - UTQ certificate.pdf"),
    ],
)
def test_file_names_are_ascii_but_readable(name: str, expected: str) -> None:
    assert certificate_file_name(utq(name)) == expected


def test_a_participation_file_name_carries_the_activity() -> None:
    data = replace(
        utq("Ayşe Doğan"),
        kind=CertificateKind.PARTICIPATION,
        serial="DP-2026-000045",
        activity=ParticipationActivity(
            "Toetsen & beoordelen: een module over feedback, rubrics en betrouwbaarheid "
            "van beoordelingen in grote groepen"
        ),
    )
    name = certificate_file_name(data)
    assert name.startswith("Ayse Dogan - participation - Toetsen & beoordelen een module")
    assert name.endswith(".pdf") and len(name) <= 124
    assert ascii_fold("  Ærø… ") == "AEro"


def test_a_batch_writes_one_pdf_per_holder_with_its_hash(tmp_path: Path) -> None:
    items = [utq(name, n) for n, name in enumerate(NAMES, start=1)]
    calls: list[tuple[int, int]] = []
    result = write_certificates(items, tmp_path, processes=1, progress=lambda *a: calls.append(a))
    assert [w.holder_name for w in result.certificates] == list(NAMES)
    assert files_in(tmp_path) == sorted(certificate_file_name(i) for i in items)
    for written, data in zip(result.certificates, items, strict=True):
        content = written.path.read_bytes()
        assert written.sha256 == hashlib.sha256(content).hexdigest()
        assert (written.serial, written.verification_code) == (data.serial, data.verification_code)
        assert not written.existed
    assert calls == [(n, 7) for n in range(1, 8)]
    assert result.combined is None


def test_running_the_same_batch_again_keeps_the_files_and_says_so(tmp_path: Path) -> None:
    items = batch(3)
    first = write_certificates(items, tmp_path, processes=1)
    again = write_certificates(items, tmp_path, processes=1)
    assert files_in(tmp_path) == sorted(w.path.name for w in first.certificates)
    assert [w.path for w in again.certificates] == [w.path for w in first.certificates]
    assert all(w.existed for w in again.certificates)


def test_an_existing_different_file_is_never_overwritten(tmp_path: Path) -> None:
    data = utq("Pieter van der Linden")
    mine = tmp_path / "Pieter van der Linden - UTQ certificate.pdf"
    mine.write_bytes(b"someone else's file")
    result = write_certificates([data], tmp_path, processes=1)
    assert mine.read_bytes() == b"someone else's file"
    assert result.certificates[0].path.name == "Pieter van der Linden - UTQ certificate (2).pdf"
    reissue = replace(data, serial="UTQ-2026-000002", verification_code=new_verification_code())
    result = write_certificates([reissue], tmp_path, processes=1)
    assert result.certificates[0].path.name == "Pieter van der Linden - UTQ certificate (3).pdf"


def test_two_holders_with_one_name_get_two_files(tmp_path: Path) -> None:
    # also when the names differ only in case: Windows and macOS would see one file
    items = [utq("Jan de Vries", 1), utq("Jan de Vries", 2), utq("Jan De Vries", 3)]
    result = write_certificates(items, tmp_path, processes=1)
    assert [w.path.name for w in result.certificates] == [
        "Jan de Vries - UTQ certificate.pdf",
        "Jan de Vries - UTQ certificate (2).pdf",
        "Jan De Vries - UTQ certificate (3).pdf",
    ]


def test_cancelling_stops_early_and_writes_nothing(tmp_path: Path) -> None:
    calls: list[int] = []
    with pytest.raises(OperationCancelledError, match="no certificate was written"):
        write_certificates(
            batch(10),
            tmp_path,
            processes=1,
            progress=lambda done, total: calls.append(done),
            cancelled=lambda: len(calls) >= 3,
        )
    assert calls == [1, 2, 3]
    assert files_in(tmp_path) == []  # no certificate, no temporary file


def test_a_progress_callback_that_raises_cancels_too(tmp_path: Path) -> None:
    def progress(done: int, total: int) -> None:
        if done == 2:
            raise OperationCancelledError("Cancelled; nothing was changed.")

    with pytest.raises(OperationCancelledError):
        write_certificates(batch(5), tmp_path, combined=tmp_path / "all.pdf", progress=progress)
    assert files_in(tmp_path) == []


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = certificate_worker.write_temporary
    written: list[str] = []

    def fail_on_the_third(folder: str, content: bytes) -> str:
        if len(written) == 2:
            raise ExportError(f"A certificate cannot be written in '{folder}' (disk full).")
        written.append(real(folder, content))
        return written[-1]

    monkeypatch.setattr(certificate_worker, "write_temporary", fail_on_the_third)
    with pytest.raises(ExportError, match="disk full"):
        write_certificates(batch(5), tmp_path, processes=1)
    assert files_in(tmp_path) == []


def test_bad_targets_are_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_certificates(batch(1), tmp_path / "missing")
    with pytest.raises(ExportError, match="does not exist"):
        write_certificates(batch(1), None, combined=tmp_path / "missing" / "all.pdf")
    with pytest.raises(ValueError):
        write_certificates(batch(1), None)
    (tmp_path / "logo.png").write_text("not an image")
    with pytest.raises(ValidationError, match=r"logo\.png"):
        write_certificates(batch(30), tmp_path, logo=tmp_path / "logo.png", processes=2)
    assert files_in(tmp_path) == ["logo.png"]
    assert write_certificates([], tmp_path) == BatchResult(())


def test_a_combined_pdf_alone_replaces_the_chosen_file(tmp_path: Path) -> None:
    target = tmp_path / "ceremony.pdf"
    target.write_bytes(b"last year's")
    calls: list[tuple[int, int]] = []
    result = write_certificates(
        batch(3), None, combined=target, processes=1, progress=lambda *a: calls.append(a)
    )
    assert result.combined == target and result.certificates == ()
    content = target.read_bytes()
    assert content.startswith(b"%PDF") and content.count(b"/Type /Page\n") == 3
    assert result.combined_sha256 == hashlib.sha256(content).hexdigest()
    assert calls == [(3, 3)]
    assert files_in(tmp_path) == ["ceremony.pdf"]


def test_both_cores_from_a_worker_thread_with_a_combined_pdf(tmp_path: Path) -> None:
    """As the window runs it: on a background thread, in worker processes."""
    items = batch(30)
    calls: list[tuple[int, int]] = []
    outcome: dict[str, BatchResult | BaseException] = {}

    def run() -> None:
        try:
            outcome["result"] = write_certificates(
                items,
                tmp_path / "pdfs",
                combined=tmp_path / "all.pdf",
                progress=lambda *a: calls.append(a),
                processes=2,
            )
        except BaseException as error:  # pragma: no cover - reported below
            outcome["result"] = error

    (tmp_path / "pdfs").mkdir()
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    result = outcome["result"]
    assert isinstance(result, BatchResult), result
    assert len(files_in(tmp_path / "pdfs")) == 30
    assert [w.holder_name for w in result.certificates] == [i.holder_name for i in items]
    assert all(
        w.sha256 == hashlib.sha256(w.path.read_bytes()).hexdigest() for w in result.certificates
    )
    assert (tmp_path / "all.pdf").read_bytes().count(b"/Type /Page\n") == 30
    dones = [done for done, _ in calls]
    assert dones == sorted(dones) and calls[-1] == (60, 60)


def test_cancelling_worker_processes_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    calls: list[int] = []
    with pytest.raises(OperationCancelledError):
        write_certificates(
            batch(60),
            tmp_path,
            processes=2,
            progress=lambda done, total: calls.append(done),
            cancelled=lambda: bool(calls),
        )
    assert 0 < calls[-1] < 60
    assert files_in(tmp_path) == ["keep.txt"]


def test_a_leftover_temporary_file_is_never_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(certificate_worker, "_numbers", itertools.count(7))
    leftover = tmp_path / f"{certificate_worker.TEMP_PREFIX}{os.getpid()}-7.part"
    leftover.write_bytes(b"from a run that was killed")
    temp = certificate_worker.write_temporary(str(tmp_path), b"%PDF-1.4")
    assert Path(temp) != leftover and Path(temp).read_bytes() == b"%PDF-1.4"
    assert leftover.read_bytes() == b"from a run that was killed"
    assert os.stat(temp).st_mode & 0o777 == 0o644
