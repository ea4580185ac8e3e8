"""A candidate changed while the register is filtered stays in hand: granted an exemption
while the list shows who is overdue, they stay shown until the filter changes (journey 6);
an archived one leaves at once; one who starts to match joins."""

from __future__ import annotations

from dataclasses import replace

from test_models import ROWS, visible_ids

from ui.register.model import CandidateTableModel
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.services.register_filter import DueFilter, RegisterFilter

OVERDUE = RegisterFilter(due=DueFilter.OVERDUE)


def test_a_changed_candidate_stays_until_the_filter_changes(qtmodeltester) -> None:
    model = CandidateTableModel()
    model.set_rows(ROWS)
    model.set_filter(OVERDUE)
    assert visible_ids(model) == [1]
    exempted = replace(ROWS[0], status=TrajectoryStatus.EXEMPTED, due_state=DueState.FULFILLED)
    model.update_row(exempted)
    assert visible_ids(model) == [1]  # still in hand, with the new status
    assert model.row_at(0).status is TrajectoryStatus.EXEMPTED  # type: ignore[union-attr]
    qtmodeltester.check(model, force_py=True)

    model.set_filter(RegisterFilter())
    model.set_filter(OVERDUE)
    assert visible_ids(model) == []  # asked again: no longer overdue


def test_an_archived_candidate_leaves_and_a_matching_one_joins() -> None:
    model = CandidateTableModel()
    model.set_rows(ROWS)
    model.set_filter(OVERDUE)
    model.update_row(replace(ROWS[1], due_state=DueState.OVERDUE))  # Siobhán now overdue
    assert sorted(visible_ids(model)) == [1, 2]
    model.update_row(replace(ROWS[0], archived=True))
    assert visible_ids(model) == [2]
