"""The ceremony batch in the core: who is in it and why not, issuing the missing ones in
one go, writing every PDF, keeping their files, and cancelling."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from certificate_data import add_candidate, grant_exemption, record_result
from database_backends import TempDatabase

from utq_desktop.errors import OperationCancelledError, ValidationError
from utq_desktop.services.app import Services

TODAY = date(2026, 6, 15)


@pytest.fixture
def services(database: TempDatabase) -> Iterator[Services]:
    opened = database.open("coordinator")
    opened._today = lambda: TODAY  # type: ignore[method-assign]
    yield opened


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    ids = {
        "thao": add_candidate(services, "0050001", "Nguyễn Thảo", "Lê"),
        "hof": add_candidate(services, "0050002", "Siobhán", "Hof", prefix="van 't"),
        "old": add_candidate(services, "0050003", "Øyvind", "Ångström"),
        "exempt": add_candidate(services, "0050004", "Çelik", "Yılmaz"),
        "revoked": add_candidate(services, "0050005", "Ayşe", "Doğan"),
        "none": add_candidate(services, "0050006", "Bram", "Visser"),
    }
    for key, on in (
        ("thao", date(2026, 3, 2)),
        ("hof", date(2026, 4, 14)),
        ("old", date(2025, 11, 3)),
        ("exempt", date(2026, 2, 2)),
        ("revoked", date(2026, 1, 20)),
    ):
        record_result(services, ids[key], on)
    grant_exemption(services, ids["exempt"])
    services.certificates.issue_utq(ids["hof"])
    wrong = services.certificates.issue_utq(ids["revoked"])
    services.certificates.revoke(wrong.id, "Issued in error")
    return ids


def test_the_plan_for_a_period(services: Services, people: dict[str, int]) -> None:
    plan = services.certificates.plan_ceremony(date(2026, 1, 1), date(2026, 6, 30))
    assert [(i.full_name, i.certificate is not None) for i in plan.items] == [
        ("Siobhán van 't Hof", True),  # by surname: Hof, Lê
        ("Nguyễn Thảo Lê", False),
    ]
    assert plan.to_issue == 1 and plan.problems == ()
    assert len(plan.skipped) == 2
    assert "Çelik Yılmaz (0050004) is exempted" in plan.skipped[0]
    assert "Ayşe Doğan (0050005)" in plan.skipped[1] and "was revoked" in plan.skipped[1]
    until = services.certificates.plan_ceremony(date(2026, 1, 1), date(2026, 3, 31))
    assert [i.full_name for i in until.items] == ["Nguyễn Thảo Lê"]
    with pytest.raises(ValidationError, match="ends"):
        services.certificates.plan_ceremony(date(2026, 6, 1), date(2026, 1, 1))


def test_named_candidates_must_all_qualify(services: Services, people: dict[str, int]) -> None:
    plan = services.certificates.plan_ceremony(
        date(2026, 1, 1), None, ["0050001", "0050003", "0050004", "0050006", "123", "0050001"]
    )
    assert [i.staff_number for i in plan.items] == ["0050001"]
    assert len(plan.problems) == 4
    assert (
        "Øyvind Ångström (0050003) qualified on 3-11-2025, outside the period" in (plan.problems[0])
    )
    assert "Bram Visser (0050006) has no sufficient assessment result" in plan.problems[1]
    assert plan.problems[2] == "Staff number 123: there is no such candidate."
    assert "Çelik Yılmaz (0050004) is exempted" in plan.problems[3]
    with pytest.raises(ValidationError, match="Nothing was issued or written"):
        services.certificates.run_ceremony(plan, Path("/nonexistent"))
    # a revoked certificate does not stop a deliberate, named reissue
    named = services.certificates.plan_ceremony(None, None, ["0050005"])
    assert named.problems == () and named.to_issue == 1


def test_run_issues_writes_and_keeps_the_files(
    services: Services, people: dict[str, int], tmp_path: Path
) -> None:
    plan = services.certificates.plan_ceremony(date(2026, 1, 1))
    steps: list[tuple[int, int]] = []
    folder = tmp_path / "new" / "folder"
    result = services.certificates.run_ceremony(
        plan, folder, tmp_path / "print.pdf", lambda done, total: steps.append((done, total))
    )
    assert result.issued == 1 and result.folder == folder
    assert [w.holder_name for w in result.written] == ["Siobhán van 't Hof", "Nguyễn Thảo Lê"]
    assert steps[-1] == (4, 4)  # two PDFs and two combined pages
    assert (tmp_path / "print.pdf").read_bytes().startswith(b"%PDF")
    for written in result.written:
        found = services.certificates.verify(written.verification_code)
        assert found is not None and found.valid
        assert found.file_sha256 == hashlib.sha256(written.path.read_bytes()).hexdigest()
        assert services.certificates.render(found.id) == written.path.read_bytes()
    again = services.certificates.run_ceremony(
        services.certificates.plan_ceremony(date(2026, 1, 1)), folder
    )
    assert again.issued == 0
    assert [w.path for w in again.written] == [w.path for w in result.written]
    assert len(list(folder.iterdir())) == 2


def test_cancel_keeps_the_issued_certificates_and_writes_nothing(
    services: Services, people: dict[str, int], tmp_path: Path
) -> None:
    plan = services.certificates.plan_ceremony(date(2026, 1, 1))

    def cancel(_done: int, _total: int) -> None:
        raise OperationCancelledError("Cancelled; no certificate was written.")

    folder = tmp_path / "ceremony"
    with pytest.raises(OperationCancelledError, match="1 certificate\\(s\\) issued"):
        services.certificates.run_ceremony(plan, folder, None, cancel)
    assert list(folder.iterdir()) == []
    assert services.certificates.plan_ceremony(date(2026, 1, 1)).to_issue == 0
