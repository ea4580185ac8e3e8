"""A certificate's PDF from the register: the name exactly as registered and the code in
the text, rendered once and then the same bytes; the signatories and logo from the
settings."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from certificate_data import add_candidate, completed_activity, record_result
from database_backends import TempDatabase

from utq_desktop.errors import ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CertificateSettings, InstitutionSettingsData, Signatory

TODAY = date(2026, 6, 15)
pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"
)


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    command = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    text = subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")
    return " ".join(text.split())


@pytest.fixture
def services(database: TempDatabase) -> Iterator[Services]:
    opened = database.open("coordinator")
    opened._today = lambda: TODAY  # type: ignore[method-assign]
    settings = opened.settings.get()
    opened.settings.update(
        InstitutionSettingsData("Universiteit Twente", settings.deadline_years, "4tu"),
        certificates=CertificateSettings(
            (
                Signatory("prof. dr. Jan-Willem de Bruijn", "Decaan / Dean"),
                Signatory("prof. dr. Ir. Tijs van der Meer", "Rector Magnificus"),
            )
        ),
    )
    yield opened


def test_the_utq_certificate_prints_the_register(services: Services, tmp_path: Path) -> None:
    candidate = add_candidate(services, "0030001", "Nguyễn Thị Minh", "Khai", prefix="van der")
    record_result(services, candidate, date(2026, 5, 28))
    certificate = services.certificates.issue_utq(candidate)
    assert certificate.file_sha256 is None  # rendered when first needed

    content = services.certificates.render(certificate.id)

    text = pdf_text(content, tmp_path)
    assert "Nguyễn Thị Minh van der Khai" in text
    assert certificate.verification_code in text
    assert certificate.serial in text
    assert "UNIVERSITEIT TWENTE" in text  # in small capitals
    assert "Basiskwalificatie Onderwijs" in text and "University Teaching Qualification" in text
    assert "prof. dr. Jan-Willem de Bruijn" in text and "Rector Magnificus" in text
    stored = services.certificates.get(certificate.id)
    assert stored.file_sha256 == hashlib.sha256(content).hexdigest()
    assert stored.row_version == certificate.row_version  # rendering is not an edit


def test_rendering_again_gives_the_same_file(services: Services, tmp_path: Path) -> None:
    candidate = add_candidate(services, "0030002", "Øyvind", "Ångström")
    record_result(services, candidate, date(2026, 5, 28))
    certificate = services.certificates.issue_utq(candidate)
    first = services.certificates.render(certificate.id)
    # a later change of signatories does not change a certificate already issued
    services.settings.update(
        services.settings.get(),
        certificates=CertificateSettings((Signatory("Someone Else", "Dean"), Signatory("", ""))),
    )
    again = services.certificates.render(certificate.id)
    assert again == first
    target = tmp_path / "copy.pdf"
    services.certificates.export(certificate.id, target)
    assert target.read_bytes() == first
    opened = services.certificates.open_copy(certificate.id)
    assert opened.name == f"Øyvind Ångström - UTQ certificate - {certificate.serial}.pdf"
    assert opened.read_bytes() == first


def test_participation_says_it_is_not_the_qualification(services: Services, tmp_path: Path) -> None:
    candidate = add_candidate(services, "0030003", "Ayşe", "Doğan")
    activity = completed_activity(services, candidate, "Teaching in practice", date(2026, 3, 9))
    certificate = services.certificates.issue_participation(activity)
    text = pdf_text(services.certificates.render(certificate.id), tmp_path)
    assert "Ayşe Doğan" in text and "Teaching in practice" in text
    assert "geen Basiskwalificatie Onderwijs" in text
    assert certificate.verification_code in text


def test_a_chosen_logo_is_printed_and_a_bad_one_refused(services: Services, tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 120), "#003366").save(logo)
    settings = services.settings.get_versioned()
    services.settings.update(
        settings.data,
        settings.row_version,
        certificates=settings.certificates,
        logo=services.files.read_upload(logo),
    )
    stored = services.settings.certificates().logo_sha256
    assert stored == hashlib.sha256(logo.read_bytes()).hexdigest()
    candidate = add_candidate(services, "0030004", "Anna", "Jansen")
    record_result(services, candidate, date(2026, 5, 28))
    certificate = services.certificates.issue_utq(candidate)
    content = services.certificates.render(certificate.id)
    assert b"/Subtype /Image" in content

    fake = tmp_path / "logo.pdf"
    fake.write_bytes(b"%PDF-1.4 not an image")
    with pytest.raises(ValidationError, match="not a PNG or JPEG"):
        services.settings.update(
            services.settings.get(),
            certificates=services.settings.certificates(),
            logo=services.files.read_upload(fake),
        )
    with pytest.raises(ValidationError, match="in which role"):
        services.settings.update(
            services.settings.get(),
            certificates=CertificateSettings((Signatory("A. Dean", ""), Signatory("", ""))),
        )
