"""Reissue, revoke, verify and the register's filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from certificate_data import add_candidate, completed_activity, record_result
from database_backends import TempDatabase

from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.errors import IllegalTransitionError, StaleEditError, ValidationError
from utq_desktop.services.app import Services
from utq_desktop.services.certificates_dto import CertificateInfo, RegisterQuery

TODAY = date(2026, 6, 15)


@pytest.fixture
def services(database: TempDatabase) -> Iterator[Services]:
    opened = database.open("coordinator")
    opened._today = lambda: TODAY  # type: ignore[method-assign]
    yield opened


def qualified(services: Services, number: str, first: str, surname: str, prefix: str = "") -> int:
    candidate = add_candidate(services, number, first, surname, prefix)
    record_result(services, candidate, date(2026, 5, 4))
    return candidate


def issued(services: Services, number: str = "0020001") -> CertificateInfo:
    return services.certificates.issue_utq(qualified(services, number, "Ayşe", "Doğan"))


def test_reissue_gives_a_new_serial_and_code_with_the_same_date(services: Services) -> None:
    old = issued(services)
    new = services.certificates.reissue(old.id, old.row_version)

    assert new.serial == "UTQ-2026-000002" and new.serial != old.serial
    assert new.verification_code != old.verification_code
    assert new.award_date == old.award_date == date(2026, 5, 4)
    assert new.valid and new.holder_name == "Ayşe Doğan"
    before = services.certificates.get(old.id)
    assert before.status is CertificateStatus.REPLACED
    assert before.replaced_by_serial == new.serial
    assert before.status_text == f"Replaced by {new.serial}"
    # still one valid UTQ certificate: the new one
    mine = services.certificates.for_candidate(old.candidate_id).certificates
    assert [(c.serial, c.status) for c in mine] == [
        (new.serial, CertificateStatus.VALID),
        (old.serial, CertificateStatus.REPLACED),
    ]
    with pytest.raises(IllegalTransitionError, match="is replaced"):
        services.certificates.reissue(old.id)
    with pytest.raises(IllegalTransitionError, match="is replaced"):
        services.certificates.revoke(old.id, "wrong")
    changes = [(e.field, e.new_value) for e in services.audit.candidate_timeline(old.candidate_id)]
    assert ("replaced_by", new.serial) in changes and ("replaces", old.serial) in changes


def test_reissue_prints_the_name_as_registered_now(services: Services) -> None:
    old = issued(services)
    detail = services.candidates.detail(old.candidate_id)
    from dataclasses import replace

    services.candidates.update(
        old.candidate_id, replace(detail.data, first_name="Ayşe Nur"), detail.row_version
    )
    assert services.certificates.get(old.id).holder_name == "Ayşe Doğan"  # as printed
    assert services.certificates.reissue(old.id).holder_name == "Ayşe Nur Doğan"


def test_revoke_needs_a_reason_and_is_final(services: Services) -> None:
    certificate = issued(services)
    with pytest.raises(ValidationError, match="reason"):
        services.certificates.revoke(certificate.id, "   ")
    revoked = services.certificates.revoke(
        certificate.id, "Result annulled  after appeal", certificate.row_version
    )
    assert revoked.status is CertificateStatus.REVOKED
    assert revoked.revoke_reason == "Result annulled after appeal"
    assert revoked.revoked_by == "coordinator" and revoked.revoked_at is not None
    with pytest.raises(IllegalTransitionError, match="is revoked"):
        services.certificates.reissue(certificate.id)
    # a revoked certificate does not count as held: a new one may be issued deliberately
    assert services.certificates.utq_eligibility(certificate.candidate_id).eligible


def test_a_stale_version_is_refused(services: Services, database: TempDatabase) -> None:
    certificate = issued(services)
    other = database.open("colleague")
    other.certificates.revoke(certificate.id, "Misprint", certificate.row_version)
    with pytest.raises(StaleEditError, match="colleague changed this certificate"):
        services.certificates.reissue(certificate.id, certificate.row_version)
    other.close()


def test_verify_normalises_typed_input(services: Services) -> None:
    certificate = issued(services)
    code = certificate.verification_code
    typed = f"  {code.replace('-', ' ').lower()} "
    found = services.certificates.verify(typed)
    assert found is not None and found.id == certificate.id and found.valid
    assert services.certificates.verify(code.replace("-", "")) == found


def test_verify_unknown_and_malformed_codes(services: Services) -> None:
    from utq_desktop.domain.certificate_codes import new_verification_code

    issued(services)
    assert services.certificates.verify(new_verification_code()) is None
    with pytest.raises(ValidationError, match="characters"):
        services.certificates.verify("7K3M-Q9XD")
    with pytest.raises(ValidationError, match="Enter a verification code"):
        services.certificates.verify("  ")


def test_verify_says_revoked_and_replaced(services: Services) -> None:
    first = issued(services, "0020001")
    second = services.certificates.issue_utq(qualified(services, "0020002", "Bram", "Visser"))
    services.certificates.revoke(second.id, "Issued in error")
    new = services.certificates.reissue(first.id)

    replaced = services.certificates.verify(first.verification_code)
    revoked = services.certificates.verify(second.verification_code)
    valid = services.certificates.verify(new.verification_code)
    assert replaced is not None and not replaced.valid
    assert replaced.replaced_by_serial == new.serial
    assert revoked is not None and revoked.status is CertificateStatus.REVOKED
    assert revoked.status_text == "Revoked: Issued in error"
    assert valid is not None and valid.valid


def test_register_filters(services: Services) -> None:
    dogan = issued(services, "0020001")
    hof = qualified(services, "0020002", "Siobhán", "Hof", "van 't")
    services.certificates.issue_utq(hof)
    activity = completed_activity(services, hof, "Designing education", date(2026, 1, 12))
    participation = services.certificates.issue_participation(activity)
    services.certificates.revoke(dogan.id, "Misprint")

    def serials(**filters: object) -> list[str]:
        return [c.serial for c in services.certificates.register(RegisterQuery(**filters))]

    assert serials() == ["UTQ-2026-000002", "UTQ-2026-000001", "DP-2026-000001"]
    assert serials(kind=CertificateKind.PARTICIPATION) == ["DP-2026-000001"]
    assert serials(status=CertificateStatus.REVOKED) == ["UTQ-2026-000001"]
    assert serials(text="dogan") == ["UTQ-2026-000001"]  # diacritics ignored
    assert serials(text="SIOBHÁN") == ["UTQ-2026-000002", "DP-2026-000001"]
    assert serials(text="0020002") == ["UTQ-2026-000002", "DP-2026-000001"]
    assert serials(text="dp-2026") == ["DP-2026-000001"]
    code = participation.verification_code
    assert serials(text=code.replace("-", "").lower()) == ["DP-2026-000001"]
    assert serials(awarded_from=date(2026, 2, 1)) == ["UTQ-2026-000002", "UTQ-2026-000001"]
    assert serials(awarded_to=date(2026, 2, 1)) == ["DP-2026-000001"]
    assert serials(text="nobody") == []
