"""Demo certificates: most qualified candidates hold one, a ceremony still has work, a few
were reissued or revoked, never one for an exempted candidate; reproducible per seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from database_backends import DatabaseFactory

from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.services.app import Services
from utq_desktop.services.demo import generate_demo_data

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, Any]]:
    database = databases.migrated(tmp_path_factory.mktemp("certificate-sample"), "certs")
    services = database.open("tester", today=TODAY)
    assert generate_demo_data(services.context, 1500, seed=3, today=TODAY) == 1500
    yield services, database
    databases.drop(database)


def test_most_qualified_candidates_hold_a_certificate_and_a_ceremony_has_work(
    sample: tuple[Services, Any],
) -> None:
    services, _database = sample
    register = services.certificates.register()
    counts = Counter((c.kind, c.status) for c in register)
    valid_utq = counts[CertificateKind.UTQ, CertificateStatus.VALID]
    assert valid_utq > 50
    assert counts[CertificateKind.UTQ, CertificateStatus.REPLACED] >= 1
    assert counts[CertificateKind.UTQ, CertificateStatus.REVOKED] >= 1
    assert counts[CertificateKind.PARTICIPATION, CertificateStatus.VALID] > 20
    plan = services.certificates.plan_ceremony(None)
    assert 0 < plan.to_issue < valid_utq  # most, not all
    assert all(c.file_sha256 is None for c in register)  # rendered when first needed
    for certificate in register:
        if certificate.status is CertificateStatus.REPLACED:
            assert certificate.replaced_by_serial is not None
    # the rules the service keeps hold for demo data too
    holders = [c.candidate_id for c in register if c.kind is CertificateKind.UTQ and c.valid]
    assert len(holders) == len(set(holders))
    for candidate_id in set(holders):
        eligibility = services.certificates.utq_eligibility(candidate_id)
        assert "already holds" in eligibility.reason


def test_never_for_exempted_candidates(sample: tuple[Services, Any]) -> None:
    services, database = sample
    exempted = {
        cid for (cid,) in database.query("SELECT id FROM candidate WHERE status = 'exempted'")
    }
    assert exempted
    utq = [c for c in services.certificates.register() if c.kind is CertificateKind.UTQ]
    assert not exempted & {c.candidate_id for c in utq}


def test_serials_are_unique_and_dated_in_order(sample: tuple[Services, Any]) -> None:
    services, _database = sample
    register = services.certificates.register()
    assert len({c.serial for c in register}) == len(register)
    assert len({c.verification_code for c in register}) == len(register)
    for certificate in register:
        assert certificate.award_date <= certificate.issued_at.date() < TODAY
        assert services.certificates.verify(certificate.verification_code) == certificate


def test_the_same_seed_gives_the_same_certificates(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> None:
    def run(name: str) -> list[tuple[str, str, str]]:
        database = databases.migrated(tmp_path_factory.mktemp(name), name)
        services = database.open("tester", today=TODAY)
        try:
            generate_demo_data(services.context, 300, seed=5, today=TODAY)
            return sorted(
                (c.serial, c.verification_code, c.holder_name)
                for c in services.certificates.register()
            )
        finally:
            services.close()
            databases.drop(database)

    first = run("seed-a")
    assert first and first == run("seed-b")
