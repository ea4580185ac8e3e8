"""Partial certificates from other Dutch universities: the competences one covers are
recognised in the learning route (with the certificate as the source), in the same
transaction; editing and removing it keep the route in line; a competence recognised by
hand is left alone; the route refuses to withdraw what a certificate recognised."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from utq_desktop.errors import StaleEditError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput
from utq_desktop.services.exemption_dto import PartialCertificateInput

TODAY = date(2026, 3, 20)
UTRECHT = "Partial certificate, Universiteit Utrecht, 12-03-2025"


@pytest.fixture
def services(database: Any) -> Services:
    return database.open("jdevries", today=TODAY)


@pytest.fixture
def candidate_id(services: Services) -> int:
    return services.candidates.create(
        CandidateInput(staff_number="0034567", first_name="Nguyễn", surname="Thảo")
    )


def competences(services: Services, candidate_id: int) -> dict[str, int]:
    return {c.code: c.id for c in services.exemption.detail(candidate_id).competences}


def recognised(services: Services, candidate_id: int) -> dict[str, str]:
    route = services.route.detail(candidate_id)
    return {c.code: c.recognition.reason for c in route.competences if c.recognition}


def test_recording_a_certificate_recognises_its_competences_in_the_route(
    services: Services, candidate_id: int, tmp_path: Path
) -> None:
    codes = competences(services, candidate_id)
    assert len(codes) == 5  # the 4TU framework
    first, _second, third, *_rest = codes
    document = tmp_path / "deelcertificaat.pdf"
    document.write_bytes(b"%PDF-1.4 partial certificate")
    certificate_id = services.partial_certificates.add(
        candidate_id,
        PartialCertificateInput(
            "Universiteit Utrecht", date(2025, 3, 12), (codes[third], codes[first]), "Module 1+3"
        ),
        services.files.read_upload(document),
    )
    assert recognised(services, candidate_id) == {first: UTRECHT, third: UTRECHT}
    [info] = services.exemption.detail(candidate_id).certificates
    assert info.id == certificate_id
    assert info.data.competence_ids == (codes[first], codes[third])  # in framework order
    assert [c.code for c in info.competences] == [first, third]
    assert info.recognised == (codes[first], codes[third])
    assert info.document is not None and info.document.name == "deelcertificaat.pdf"
    assert services.exemption.detail(candidate_id).recognitions[codes[first]] == UTRECHT
    route = services.route.detail(candidate_id)
    assert route.row_version > 0  # the route was started for it
    # the dossier coverage shows them as recognised, with the source, not as missing
    coverage = services.portfolio.dossier(candidate_id).content
    assert {c.code: c.recognised_because for c in coverage.competences if c.recognised} == {
        first: UTRECHT,
        third: UTRECHT,
    }
    timeline = services.audit.candidate_timeline(candidate_id)
    assert {(e.entity, e.field) for e in timeline} >= {
        ("partial_certificate", "institution"),
        ("learning_route", f"recognised:{first}"),
    }


def test_editing_and_removing_keep_the_route_in_line(services: Services, candidate_id: int) -> None:
    codes = list(competences(services, candidate_id).items())
    (_c1, id1), (c2, id2), (c3, id3) = codes[:3]
    certificate_id = services.partial_certificates.add(
        candidate_id, PartialCertificateInput("Universiteit Utrecht", date(2025, 3, 12), (id1, id2))
    )
    version = services.partial_certificates.update(
        certificate_id,
        PartialCertificateInput("Radboud Universiteit", date(2025, 3, 12), (id2, id3)),
        1,
    )
    radboud = "Partial certificate, Radboud Universiteit, 12-03-2025"
    assert recognised(services, candidate_id) == {c2: radboud, c3: radboud}
    snapshot = services.partial_certificates.remove(certificate_id, version)
    assert recognised(services, candidate_id) == {}
    restored = services.partial_certificates.restore(candidate_id, snapshot)  # undo
    assert recognised(services, candidate_id) == {c2: radboud, c3: radboud}
    assert services.exemption.detail(candidate_id).certificates[0].id == restored


def test_a_competence_covered_twice_passes_to_the_other_certificate(
    services: Services, candidate_id: int
) -> None:
    ids = list(competences(services, candidate_id).values())
    code = next(iter(competences(services, candidate_id)))
    early = services.partial_certificates.add(
        candidate_id, PartialCertificateInput("Universiteit Utrecht", date(2025, 3, 12), (ids[0],))
    )
    services.partial_certificates.add(
        candidate_id, PartialCertificateInput("Universiteit Leiden", date(2025, 6, 1), (ids[0],))
    )
    assert recognised(services, candidate_id) == {code: UTRECHT}
    services.partial_certificates.remove(early, 1)
    leiden = "Partial certificate, Universiteit Leiden, 01-06-2025"
    assert recognised(services, candidate_id) == {code: leiden}


def test_a_recognition_by_hand_is_left_alone_and_certificate_ones_are_guarded(
    services: Services, candidate_id: int
) -> None:
    codes = competences(services, candidate_id)
    (c1, id1), (c2, id2) = list(codes.items())[:2]
    version = services.route.recognise(candidate_id, id1, "Recognised by the committee", TODAY, 0)
    certificate_id = services.partial_certificates.add(
        candidate_id, PartialCertificateInput("Universiteit Utrecht", date(2025, 3, 12), (id1, id2))
    )
    assert recognised(services, candidate_id) == {c1: "Recognised by the committee", c2: UTRECHT}
    [info] = services.exemption.detail(candidate_id).certificates
    assert info.recognised == (id2,)
    version = services.route.detail(candidate_id).row_version
    with pytest.raises(ValidationError, match="Exemption tab"):
        services.route.withdraw_recognition(candidate_id, id2, version)
    with pytest.raises(ValidationError, match="Exemption tab"):
        services.route.recognise(candidate_id, id2, "Other reason", TODAY, version)
    services.partial_certificates.remove(certificate_id, 1)
    assert recognised(services, candidate_id) == {c1: "Recognised by the committee"}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PartialCertificateInput(" ", date(2025, 3, 12), ()), "institution"),
        (PartialCertificateInput("UU", None, ()), "obtained_on"),
        (PartialCertificateInput("UU", date(2026, 3, 21), ()), "obtained_on"),
        (PartialCertificateInput("UU", date(1980, 1, 1), ()), "obtained_on"),
        (PartialCertificateInput("UU", date(2025, 3, 12), ()), "competences"),
        (PartialCertificateInput("UU", date(2025, 3, 12), (999_999,)), "competences"),
        (PartialCertificateInput("U" * 201, date(2025, 3, 12), ()), "institution"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    services: Services, candidate_id: int, data: PartialCertificateInput, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.partial_certificates.add(candidate_id, data)
    assert error.value.field == field
    assert services.exemption.detail(candidate_id).certificates == ()
    assert recognised(services, candidate_id) == {}


def test_a_colleagues_edit_in_between_is_refused(
    services: Services, candidate_id: int, database: Any
) -> None:
    ids = list(competences(services, candidate_id).values())
    data = PartialCertificateInput("Universiteit Utrecht", date(2025, 3, 12), (ids[0],))
    certificate_id = services.partial_certificates.add(candidate_id, data)
    colleague = database.open("mbakker", today=TODAY)
    colleague.partial_certificates.update(certificate_id, data, 1, remove_document=True)
    changed = PartialCertificateInput("Universiteit Utrecht", date(2025, 3, 12), tuple(ids[:2]))
    colleague.partial_certificates.update(certificate_id, changed, 1)
    with pytest.raises(StaleEditError, match="mbakker changed this partial certificate"):
        services.partial_certificates.update(certificate_id, data, 1)
    with pytest.raises(StaleEditError):
        services.partial_certificates.remove(certificate_id, 1)
