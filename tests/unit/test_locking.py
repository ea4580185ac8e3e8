"""services.locking: the stale-edit message names who changed the record and when, from
the audit trail; audit rows written through AuditedService carry the candidate."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from utq_desktop.services import audit
from utq_desktop.services.app import Services
from utq_desktop.services.dto import CandidateInput
from utq_desktop.services.locking import AuditedService, stale_edit_error


@pytest.fixture
def services(database: Any) -> Services:
    return database.open("anna")


@pytest.fixture
def candidate(services: Services) -> int:
    return services.candidates.create(
        CandidateInput(
            staff_number="0012345",
            first_name="Ayşe",
            surname="Doğan",
            fte=0.8,
            faculty="Science",
            employment_start=date(2025, 9, 1),
        )
    )


class _Writer(AuditedService):
    def __init__(self, services: Services) -> None:
        self._context = services.context

    def note(self, entity_id: int, candidate_id: int) -> None:
        with self._context.transaction() as session:
            self._audit(session, "widget", entity_id, candidate_id, "update", [("x", 1, 2)])


def test_without_an_audit_entry_the_message_still_says_what_happened(services: Services) -> None:
    changed = stale_edit_error(services.context, "widget", 7, "widget")
    removed = stale_edit_error(services.context, "widget", 7, "widget", removed=True)
    assert str(changed) == "This widget was changed by someone else. Reload it."
    assert str(removed) == "This widget was removed by someone else. Reload it."
    assert stale_edit_error(services.context, "widget", 0, "widget").args  # no id: no query


def test_the_last_audited_change_names_who_and_when(services: Services, candidate: int) -> None:
    _Writer(services).note(7, candidate)
    last = audit.AuditService(services.context).last_change("widget", 7)
    assert last is not None and last.actor == "anna"
    message = str(stale_edit_error(services.context, "widget", 7, "widget", removed=True))
    assert message.startswith("anna removed this widget at ")
    assert "Your edit was not saved" in message


def test_falls_back_to_the_candidates_last_change(services: Services, candidate: int) -> None:
    _Writer(services).note(7, candidate)
    unknown = stale_edit_error(services.context, "gadget", 99, "gadget")
    assert str(unknown).startswith("This gadget was changed")
    by_candidate = stale_edit_error(
        services.context, "gadget", 99, "gadget", candidate_id=candidate
    )
    assert str(by_candidate).startswith("anna changed this gadget at ")
    timeline = audit.AuditService(services.context).candidate_timeline(candidate, 1)
    assert timeline[0].entity == "widget"  # the audit row carries the candidate
