"""Every Qt model through qtmodeltester, plus the register's filtering and sorting."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from ui.detail.timeline_model import TimelineModel
from ui.register.model import COLUMN_INDEX, ID_ROLE, CandidateTableModel
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.services.dto import AuditEvent, RegisterRow
from utq_desktop.services.register_filter import DueFilter, RegisterFilter


def row(
    cid: int,
    name: str,
    faculty: str,
    due: DueState,
    *,
    archived: bool = False,
    deadline: date | None = date(2027, 1, 1),
) -> RegisterRow:
    return RegisterRow(
        id=cid,
        staff_number=f"{cid:07d}",
        full_name=name,
        sort_name=name.split()[-1].lower(),
        email=f"p{cid}@example.nl",
        faculty=faculty,
        department="",
        status=TrajectoryStatus.INTAKE,
        employment_start=date(2024, 1, 1),
        deadline=deadline,
        due_state=due,
        supervisor="",
        archived=archived,
        search_key=f"{name.lower()}\t{cid:07d}\tp{cid}@example.nl",
    )


ROWS = [
    row(1, "ayse dogan", "Science", DueState.OVERDUE),
    row(2, "siobhan hof", "Law", DueState.DUE_SOON),
    row(3, "wei zhang", "Science", DueState.ON_TRACK, deadline=None),
    row(4, "old timer", "Law", DueState.ON_TRACK, archived=True),
]


def visible_ids(model: CandidateTableModel) -> list[int]:
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


def test_register_model_passes_modeltester(qtmodeltester) -> None:
    model = CandidateTableModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)
    model.set_filter(RegisterFilter(text="science"))
    qtmodeltester.check(model, force_py=True)


def test_register_filters_by_text_faculty_due_and_archive(qtbot) -> None:
    model = CandidateTableModel()
    model.set_rows(ROWS)
    assert visible_ids(model) == [1, 2, 3]  # sorted by surname, archived hidden
    model.set_filter(RegisterFilter(text="DOGAN"))
    assert visible_ids(model) == [1]
    model.set_filter(RegisterFilter(text="0000002"))
    assert visible_ids(model) == [2]
    model.set_filter(RegisterFilter(faculty="Science"))
    assert visible_ids(model) == [1, 3]
    model.set_filter(RegisterFilter(due=DueFilter.ATTENTION))
    assert visible_ids(model) == [1, 2]
    model.set_filter(RegisterFilter(include_archived=True))
    assert visible_ids(model) == [1, 2, 4, 3]
    assert model.summary() == (4, 1, 1)


def test_register_sorts_and_keeps_missing_deadlines_last(qtbot) -> None:
    model = CandidateTableModel()
    model.set_rows(ROWS)
    model.sort(COLUMN_INDEX["deadline"], Qt.SortOrder.AscendingOrder)
    assert visible_ids(model)[-1] == 3
    model.sort(COLUMN_INDEX["name"], Qt.SortOrder.DescendingOrder)
    assert visible_ids(model) == [3, 2, 1]


def test_overdue_rows_are_red_and_archived_rows_grey(qtbot) -> None:
    model = CandidateTableModel()
    model.set_rows(ROWS)
    model.set_filter(RegisterFilter(include_archived=True))
    deadline = COLUMN_INDEX["deadline"]
    overdue = model.index(0, deadline).data(Qt.ItemDataRole.ForegroundRole)
    assert overdue.name() == "#c62828"
    archived_row = visible_ids(model).index(4)
    assert model.index(archived_row, 0).data(Qt.ItemDataRole.ForegroundRole).name() == "#808080"


def test_update_row_changes_only_that_row(qtbot) -> None:
    model = CandidateTableModel()
    model.set_rows(ROWS)
    changed = row(2, "siobhan hof", "Humanities", DueState.DUE_SOON)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_row(changed)
    top_left, bottom_right = blocker.args[:2]
    assert top_left.row() == bottom_right.row() == visible_ids(model).index(2)
    assert model.index(top_left.row(), COLUMN_INDEX["faculty"]).data() == "Humanities"


def test_timeline_model_passes_modeltester(qtmodeltester) -> None:
    model = TimelineModel()
    model.set_events(
        [
            AuditEvent(
                datetime(2026, 1, 2, 10, 0),
                "anna",
                "candidate",
                "update",
                "faculty",
                "Law",
                "Science",
            ),
            AuditEvent(datetime(2026, 1, 1, 9, 0), "anna", "candidate", "create", None, None, None),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 3).data() == "Law → Science"
    assert model.index(0, 2).data() == "Changed: Faculty"


def test_users_model_passes_modeltester(qtmodeltester) -> None:
    from ui.dialogs.users_dialog import UsersModel
    from utq_desktop.services.dto import UserInfo

    model = UsersModel()
    model.set_users(
        [
            UserInfo(1, "mbakker", "Marloes Bakker", "consultant"),
            UserInfo(2, "hr1", "Henk de Vries", "hr"),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 2).data() == "HR advisor"
