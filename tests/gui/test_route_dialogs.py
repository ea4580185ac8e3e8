"""Edit menu: Apply route template… to several candidates selected in the register,
Frameworks… (import with a clear message for a broken file, export) and Route templates…;
and every model of the route feature through qtmodeltester."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from gui_helpers import type_text
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton

from ui.detail.route.models import ActivityTableModel, ProgressModel
from ui.dialogs.frameworks_dialog import FrameworkListModel
from ui.dialogs.route_templates_dialog import TemplateItemModel, TemplateListModel
from ui.main_window import MainWindow
from ui.register.model import COLUMN_INDEX, ID_ROLE
from utq_desktop.domain.route import ActivityKind, ActivityStatus
from utq_desktop.resources import resource_path
from utq_desktop.services.app import Services
from utq_desktop.services.route_dto import ActivityInput, RouteDetail

TODAY = date.today()


@pytest.fixture
def window(qtbot, services: Services, isolated_settings: QSettings) -> MainWindow:
    main = MainWindow(services, isolated_settings)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.register_loaded, timeout=5000):
        main.reload_register()
    return main


def names(window: MainWindow) -> list[str]:
    model = window.register.model
    return [model.index(r, COLUMN_INDEX["name"]).data() for r in range(model.rowCount())]


def click_row(qtbot, window: MainWindow, name: str, ctrl: bool = False) -> int:
    table = window.register.table
    index = window.register.model.index(names(window).index(name), 0)
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center()
    )
    return index.data(ID_ROLE)


def test_apply_a_template_to_several_selected_candidates(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    assert not window.route_actions.apply_action.isEnabled()  # nothing selected yet
    first = click_row(qtbot, window, "Ayşe Doğan")
    second = click_row(qtbot, window, "Nguyễn Thảo", ctrl=True)
    third = click_row(qtbot, window, "Øyvind Ångström", ctrl=True)
    assert sorted(window.register.selected_ids()) == sorted([first, second, third])
    assert window.register.selected_id() == third  # the detail pane follows the current row
    assert window.route_actions.apply_action.isEnabled()
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "menuEdit")
    assert window.route_actions.apply_action in menu.actions()
    outcome: list[str] = []

    def apply(dialog) -> None:
        assert "Candidates: 3" in dialog.who.text() and "Ayşe Doğan" in dialog.who.text()
        dialog.template.setCurrentIndex(
            dialog.template.findText("Twente", Qt.MatchFlag.MatchContains)
        )
        assert dialog.items_model.rowCount() == 6
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=10_000)
        outcome.append(dialog.outcome.text())
        qtbot.mouseClick(dialog.findChild(QPushButton, "closeButton"), Qt.MouseButton.LeftButton)

    on_modal(apply)
    window.route_actions.apply_action.trigger()
    assert "activities added: 18" in outcome[0]
    for candidate_id in (first, second, third):
        assert len(services.route.detail(candidate_id).activities) == 6
    others = [
        row.id for row in services.candidates.register() if row.id not in (first, second, third)
    ]
    assert all(not services.route.detail(cid).activities for cid in others)
    assert "activities added: 18" in window.statusBar().currentMessage()

    def again(dialog) -> None:
        dialog.template.setCurrentIndex(
            dialog.template.findText("Twente", Qt.MatchFlag.MatchContains)
        )
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=10_000)
        outcome.append(dialog.outcome.text())
        dialog.accept()

    on_modal(again)
    window.route_actions.apply_action.trigger()
    assert "activities added: 0" in outcome[1] and "nothing added twice" in outcome[1]
    assert len(services.route.detail(first).activities) == 6


def test_importing_a_broken_framework_file_says_which_file_and_what(
    qtbot, window: MainWindow, services: Services, tmp_path: Path, on_modal, monkeypatch
) -> None:
    broken = tmp_path / "broken.json"
    raw = json.loads(resource_path("frameworks", "4tu.json").read_text(encoding="utf-8"))
    raw["competences"][1]["code"] = "C1"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    newer = tmp_path / "4tu-2027.json"
    raw["competences"][1]["code"] = "C2"
    raw["competences"][1]["en"] = "Teaching, supervising and coaching"
    newer.write_text(json.dumps(raw), encoding="utf-8")
    exported = tmp_path / "leiden-export.json"
    chosen = [str(broken), str(newer)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen.pop(0), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    seen: list[str] = []

    def use(dialog) -> None:
        assert dialog.model.rowCount() == 2
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.message.text())
        assert dialog.model.rowCount() == 2  # nothing stored
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.message.text())
        assert dialog.model.rowCount() == 3
        assert dialog.selected().version == 2 and dialog.selected().code == "4tu"
        dialog.table.selectRow([dialog.model.version_at(r).code for r in range(3)].index("leiden"))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.message.text())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()

    on_modal(use)
    window.route_actions.frameworks_action.trigger()
    assert seen[0] == ("Not imported: broken.json: competences[2].code: 'C1' is used twice.")
    assert "Imported 4TU / University of Twente UTQ competences as version 2" in seen[1]
    assert "Saved Leiden University UTQ modules version 1" in seen[2]
    assert json.loads(exported.read_text(encoding="utf-8"))["code"] == "leiden"


def test_define_a_template_with_an_activity(
    qtbot, window: MainWindow, services: Services, on_modal
) -> None:
    def item(dialog) -> None:
        assert dialog.objectName() == "activityDialog" and dialog.offset.isVisible()
        assert not dialog.planned_on.isVisible()
        type_text(dialog.title, "Schrijfsessie portfolio")
        dialog.offset.setValue(9)
        dialog.competence_model.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    def new(dialog) -> None:
        type_text(dialog.name, "Snelle route")
        dialog.framework.setCurrentIndex(dialog.framework.findData("leiden"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    def manage(dialog) -> None:
        count = dialog.list_model.rowCount()
        on_modal(new)
        qtbot.mouseClick(dialog.buttons["templateNew"], Qt.MouseButton.LeftButton)
        assert dialog.list_model.rowCount() == count + 1
        assert dialog.current().name == "Snelle route"
        on_modal(item)
        qtbot.mouseClick(dialog.buttons["templateAddItem"], Qt.MouseButton.LeftButton)
        assert dialog.item_model.rowCount() == 1
        assert dialog.item_model.index(0, 2).data() == "Schrijfsessie portfolio"
        assert dialog.item_model.index(0, 4).data() == "M1"
        dialog.reject()

    on_modal(manage)
    window.route_actions.templates_action.trigger()
    template = next(t for t in services.route_templates.list() if t.name == "Snelle route")
    assert template.items[0].data.offset_months == 9


# --- the models --------------------------------------------------------------------------


def sample_route(services: Services) -> RouteDetail:
    candidate = services.candidates.register()[0].id
    competences = services.route.detail(candidate).competences
    for title, planned in (("A", date(2020, 1, 1)), ("B", None), ("C", date(TODAY.year + 5, 1, 1))):
        services.route.add_activity(
            candidate,
            ActivityInput(ActivityKind.WORKSHOP, title, "", planned, 2.0, (competences[0].id,)),
        )
    activity = services.route.detail(candidate).activities[0]
    services.route.set_status(activity.id, ActivityStatus.CANCELLED, TODAY, 1)
    return services.route.detail(candidate)


def test_activity_model_passes_modeltester(qtmodeltester, services: Services) -> None:
    model = ActivityTableModel()
    model.set_route(sample_route(services))
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 1).data() for r in range(3)] == ["A", "C", "B"]
    assert model.index(0, 2).data() == "Cancelled" and model.index(1, 0).data().endswith("!")
    model.set_route(None)
    qtmodeltester.check(model, force_py=True)


def test_progress_model_passes_modeltester(qtmodeltester, services: Services) -> None:
    model = ProgressModel()
    model.set_route(sample_route(services))
    qtmodeltester.check(model, force_py=True)
    assert (model.index(0, 1).data(), model.index(0, 3).data()) == ("2", "1")
    assert "after the deadline" in model.index(0, 5).data()
    model.set_route(None)
    qtmodeltester.check(model, force_py=True)


def test_framework_model_passes_modeltester(qtmodeltester, services: Services) -> None:
    model = FrameworkListModel()
    model.set_versions(services.frameworks.versions())
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 0).data() for r in range(2)] == ["4tu", "leiden"]


def test_template_models_pass_modeltester(qtmodeltester, services: Services) -> None:
    model = TemplateListModel()
    model.set_templates(services.route_templates.list())
    qtmodeltester.check(model, force_py=True)


def test_template_item_model_passes_modeltester(qtmodeltester, services: Services) -> None:
    model = TemplateItemModel()
    leiden = next(t for t in services.route_templates.list() if t.framework_code == "leiden")
    model.set_items(leiden.items)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 8 and model.index(0, 1).data() == "Training module"
