"""The issuing rules: a UTQ certificate only for a standing sufficient result, never after
an exemption, one valid one per candidate; participation only for a completed activity."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from certificate_data import add_candidate, completed_activity, grant_exemption, record_result
from database_backends import TempDatabase

from utq_desktop.domain.assessment import Verdict
from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.errors import ValidationError
from utq_desktop.services.app import Services

TODAY = date(2026, 6, 15)


@pytest.fixture
def services(database: TempDatabase) -> Iterator[Services]:
    opened = database.open("coordinator")
    opened._today = lambda: TODAY  # type: ignore[method-assign]  # serial year, fixed
    yield opened


def test_no_certificate_without_a_sufficient_result(services: Services) -> None:
    candidate = add_candidate(services, "0010001", "Ayşe", "Doğan")
    eligibility = services.certificates.utq_eligibility(candidate)
    assert not eligibility.eligible
    assert "no sufficient assessment result" in eligibility.reason
    with pytest.raises(ValidationError, match="no sufficient assessment result"):
        services.certificates.issue_utq(candidate)
    record_result(services, candidate, date(2026, 3, 2), Verdict.INSUFFICIENT)
    with pytest.raises(ValidationError, match="no sufficient assessment result"):
        services.certificates.issue_utq(candidate)
    assert services.certificates.register() == []


def test_a_sufficient_result_gives_one_certificate_dated_on_it(services: Services) -> None:
    candidate = add_candidate(services, "0010002", "Siobhán", "Hof", prefix="van 't")
    record_result(services, candidate, date(2026, 3, 2), Verdict.INSUFFICIENT)
    record_result(services, candidate, date(2026, 5, 20))  # the second round: sufficient
    assert services.certificates.utq_eligibility(candidate).award_date == date(2026, 5, 20)

    issued = services.certificates.issue_utq(candidate)

    assert issued.kind is CertificateKind.UTQ
    assert issued.holder_name == "Siobhán van 't Hof"
    assert issued.award_date == date(2026, 5, 20)
    assert issued.serial == "UTQ-2026-000001"
    assert issued.status is CertificateStatus.VALID and issued.valid
    assert issued.issued_by == "coordinator"
    again = services.certificates.utq_eligibility(candidate)
    assert not again.eligible and issued.serial in again.reason
    with pytest.raises(ValidationError, match="already holds a valid UTQ certificate"):
        services.certificates.issue_utq(candidate)
    timeline = services.audit.candidate_timeline(candidate)
    assert ("certificate", "create", "serial", "UTQ-2026-000001") in [
        (e.entity, e.action, e.field, e.new_value) for e in timeline
    ]


def test_never_for_an_exempted_candidate_even_with_a_sufficient_result(
    services: Services,
) -> None:
    granted = add_candidate(services, "0010003", "Øyvind", "Ångström")
    record_result(services, granted, date(2026, 4, 1))
    grant_exemption(services, granted)
    by_status = add_candidate(
        services, "0010004", "Nguyễn", "Thảo", status=TrajectoryStatus.EXEMPTED
    )
    record_result(services, by_status, date(2026, 4, 1))
    for candidate in (granted, by_status):
        eligibility = services.certificates.utq_eligibility(candidate)
        assert not eligibility.eligible
        assert "exemption" in eligibility.reason
        with pytest.raises(ValidationError, match="never gives a UTQ certificate"):
            services.certificates.issue_utq(candidate)
    assert services.certificates.register() == []


def test_serials_count_per_kind_and_year(services: Services) -> None:
    first = add_candidate(services, "0010005", "Anna", "Jansen")
    second = add_candidate(services, "0010006", "Bram", "Visser")
    for candidate in (first, second):
        record_result(services, candidate, date(2026, 2, 2))
    activity = completed_activity(services, first, "Teaching in practice", date(2026, 1, 20))
    serials = [
        services.certificates.issue_utq(first).serial,
        services.certificates.issue_participation(activity).serial,
        services.certificates.issue_utq(second).serial,
    ]
    assert serials == ["UTQ-2026-000001", "DP-2026-000001", "UTQ-2026-000002"]


def test_participation_only_for_a_completed_activity(services: Services) -> None:
    candidate = add_candidate(services, "0010007", "Çelik", "Yılmaz")
    planned = completed_activity(services, candidate, "Supervising students")
    done = completed_activity(services, candidate, "Testing & assessment", date(2026, 2, 10))
    options = services.certificates.for_candidate(candidate).participation
    assert [(o.activity_id, o.title, o.completed_on) for o in options] == [
        (done, "Testing & assessment", date(2026, 2, 10))
    ]
    with pytest.raises(ValidationError, match="not completed"):
        services.certificates.issue_participation(planned)

    issued = services.certificates.issue_participation(done)

    assert issued.kind is CertificateKind.PARTICIPATION
    assert issued.title == "Testing & assessment"
    assert issued.award_date == date(2026, 2, 10)
    assert services.certificates.for_candidate(candidate).participation == ()
    with pytest.raises(ValidationError, match="already has a valid certificate"):
        services.certificates.issue_participation(done)
    # a participation certificate is not the qualification: no UTQ without a result
    assert not services.certificates.utq_eligibility(candidate).eligible
