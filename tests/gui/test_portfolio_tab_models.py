"""Every model of the Portfolio tab through qtmodeltester, on a real dossier (items with
files, an observation, feedback, a recognised competence, a snapshot), plus the evidence
list's filter and sort."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from portfolio_helpers import TODAY, add_item, write
from PySide6.QtCore import Qt

from ui.detail.portfolio.coverage_model import CRITERION_ROLE, CoverageModel
from ui.detail.portfolio.evidence_model import DATE, TITLE, EvidenceModel
from ui.detail.portfolio.models import (
    AttachmentModel,
    ChecklistModel,
    FeedbackModel,
    ObservationModel,
    SnapshotModel,
)
from ui.dialogs.file_check_dialog import FileProblemModel, problem_lines
from ui.register.model import COLUMN_INDEX, CandidateTableModel
from utq_desktop.domain.enums import DueState, TrajectoryStatus
from utq_desktop.domain.portfolio import CriterionState, EvidenceKind
from utq_desktop.services.app import Services
from utq_desktop.services.dto import RegisterRow
from utq_desktop.services.portfolio_dto import (
    DossierView,
    FeedbackInput,
    FileCheckProblem,
    FileCheckReport,
    FileUse,
    ObservationInput,
)


@pytest.fixture
def dossier(services: Services, tmp_path: Path) -> DossierView:
    cid = services.candidates.register()[0].id
    detail = services.candidates.detail(cid)
    version = detail.row_version
    for status in (TrajectoryStatus.INTAKE, TrajectoryStatus.LEARNING_ROUTE):
        version = services.candidates.update(cid, replace(detail.data, status=status), version)
    route = services.route.detail(cid)
    c5 = next(c for c in route.competences if c.code == "C5")
    services.route.recognise(cid, c5.id, "Partial certificate, TU Delft", TODAY, 0)
    first = add_item(
        services,
        cid,
        "Zelfanalyse ontwerp",
        kind=EvidenceKind.REFLECTION,
        competences=("C1",),
        files=[write(tmp_path, "a.pdf", b"%PDF a"), write(tmp_path, "b.txt", b"b")],
    )
    add_item(services, cid, "Collegeslides", criteria=("C2.1", "C2.2"))
    services.portfolio.add_observation(
        cid,
        ObservationInput(date(2024, 3, 4), "Dr. K. Visser", "Natuurkunde 1", ("C2.2",)),
        [write(tmp_path, "observatie.pdf", b"%PDF obs")],
    )
    services.portfolio.add_feedback(cid, FeedbackInput("Meer bewijs.", item_id=first))
    fid = services.portfolio.add_feedback(cid, FeedbackInput("Goed.", competence_code="C2"))
    services.portfolio.set_feedback_resolved(fid, True, 1)
    view = services.portfolio.dossier(cid)
    ready = services.portfolio.mark_ready(cid, view.row_version)
    services.portfolio.submit(cid, ready, "Test van de modellen")
    return services.portfolio.dossier(cid)


def test_evidence_model_passes_modeltester_and_filters_and_sorts(
    qtmodeltester, dossier: DossierView
) -> None:
    model = EvidenceModel()
    model.set_rows(dossier.items)
    qtmodeltester.check(model, force_py=True)  # stays connected: checks every change below
    assert model.rowCount() == 2
    model.set_filter("zelfanalyse")
    assert [model.index(r, TITLE).data() for r in range(model.rowCount())] == [
        "Zelfanalyse ontwerp"
    ]
    model.set_filter("", "C2")
    assert [model.index(r, TITLE).data() for r in range(model.rowCount())] == ["Collegeslides"]
    model.set_filter("nothing like this")
    assert model.rowCount() == 0 and model.filtered()
    model.set_filter()
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, TITLE).data() == "Collegeslides"
    model.sort(DATE, Qt.SortOrder.DescendingOrder)
    model.set_rows(())
    qtmodeltester.check(model, force_py=True)


def test_the_small_models_pass_modeltester(qtmodeltester, dossier: DossierView) -> None:
    item = next(i for i in dossier.items if i.attachments)
    attachments = AttachmentModel()
    attachments.set_rows(item.attachments)
    qtmodeltester.check(attachments, force_py=True)
    assert attachments.rowCount() == 2

    observations = ObservationModel()
    observations.set_rows(dossier.observations)
    qtmodeltester.check(observations, force_py=True)
    assert observations.index(0, 4).data() == "observatie.pdf"

    feedback = FeedbackModel()
    feedback.set_rows(dossier.feedback)
    qtmodeltester.check(feedback, force_py=True)
    states = {feedback.index(r, 2).data(): feedback.index(r, 0).data() for r in range(2)}
    assert states == {"Meer bewijs.": "Open", "Goed.": "Resolved"}
    asked: list[tuple[int, bool]] = []
    feedback.resolve_requested.connect(lambda f, resolved: asked.append((f.id, resolved)))
    open_row = next(r for r in range(2) if feedback.index(r, 0).data() == "Open")
    index = feedback.index(open_row, 0)
    assert not feedback.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert asked == [(feedback.row_at(open_row).id, True)]  # asked, not changed
    assert not feedback.setData(feedback.index(open_row, 2), "x", Qt.ItemDataRole.EditRole)

    snapshots = SnapshotModel()
    snapshots.set_rows(dossier.snapshots)
    qtmodeltester.check(snapshots, force_py=True)
    assert snapshots.index(0, 5).data() == "Submitted by exception"

    checklist = ChecklistModel()
    checklist.set_rows(dossier.checklist)
    qtmodeltester.check(checklist, force_py=True)
    marks = {checklist.index(r, 0).data() for r in range(checklist.rowCount())}
    assert marks == {"✓", "✗"}
    assert checklist.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) in ("Met", "Not met")


def test_coverage_model_passes_modeltester(qtmodeltester, dossier: DossierView) -> None:
    model = CoverageModel()
    model.set_competences(dossier.competences)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5 and model.columnCount() == 6  # C1 has five criteria
    c3_row = 2
    assert model.index(c3_row, 3).flags() == Qt.ItemFlag.NoItemFlags  # C3 has two criteria
    assert model.index(c3_row, 3).data() is None
    c21 = model.index_of("C2.1")
    assert c21.data(CRITERION_ROLE).state is CriterionState.IN_PROGRESS
    assert c21.data(Qt.ItemDataRole.BackgroundRole) is not None
    c51 = model.index_of("C5.1").data(CRITERION_ROLE)
    assert c51.state is CriterionState.RECOGNISED
    assert "TU Delft" in model.index(4, 0).data()
    model.set_competences(())
    qtmodeltester.check(model, force_py=True)


def test_file_problem_model_passes_modeltester(qtmodeltester) -> None:
    use = FileUse(7, "Nguyễn Thảo", "0034567", "evidence 'Toets'", "Toets.pdf")
    report = FileCheckReport(
        3,
        "/data/files",
        (
            FileCheckProblem("ab" * 32, "damaged", 2048, (use, replace(use, where="snapshot 1"))),
            FileCheckProblem("cd" * 32, "missing", 10, ()),
        ),
    )
    model = FileProblemModel()
    model.set_rows(problem_lines(report))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3  # one line per use; an unused file once
    assert model.index(2, 2).data() == "not in use"
    assert model.index(2, 1).data() == "Missing"


def test_the_register_counts_open_feedback_and_sorts_by_it(qtmodeltester) -> None:
    rows = [
        RegisterRow(
            id=n,
            staff_number=f"{n:07d}",
            full_name=name,
            sort_name=name.lower(),
            email="",
            faculty="Science",
            department="",
            status=TrajectoryStatus.PORTFOLIO,
            employment_start=None,
            deadline=None,
            due_state=DueState.ON_TRACK,
            supervisor="",
            archived=False,
            search_key=name.lower(),
            unresolved_feedback=count,
        )
        for n, name, count in ((1, "Ayşe Doğan", 0), (2, "Nguyễn Thảo", 3), (3, "Wei Zhang", 1))
    ]
    model = CandidateTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    column = COLUMN_INDEX["open_feedback"]
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Open feedback"
    model.sort(column, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, column).data() for r in range(3)] == ["3", "1", ""]
    assert "3" in model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole) is not None
