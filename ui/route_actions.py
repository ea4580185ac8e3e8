"""The main window's actions about frameworks and route templates (Edit menu): Frameworks…,
Route templates… and Apply route template… for the candidates selected in the register.
Kept apart from main_window.py, which only creates this object and lists its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ui.dialogs.apply_template_dialog import ApplyTemplateDialog
from ui.dialogs.frameworks_dialog import FrameworksDialog
from ui.dialogs.route_templates_dialog import RouteTemplatesDialog
from ui.window_actions import WindowActions

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class RouteActions(WindowActions):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.frameworks_action = self._action(
            "actionFrameworks", self.tr("&Frameworks…"), self.edit_frameworks
        )
        self.templates_action = self._action(
            "actionRouteTemplates", self.tr("Route &templates…"), self.edit_templates
        )
        self.apply_action = self._action(
            "actionApplyRouteTemplate",
            self.tr("A&pply route template…"),
            self.apply_template,
            "Ctrl+Shift+T",
        )
        window.register.table.selectionModel().selectionChanged.connect(self.update)
        window.register.model.modelReset.connect(self.update)
        self.update()

    @property
    def actions(self) -> list[QAction]:
        """For the Edit menu (settings-like ones next to Institution settings…)."""
        return [self.frameworks_action, self.templates_action, self.apply_action]

    def update(self, *_args: object) -> None:
        """Enabled while a database is open; applying also needs selected candidates."""
        open_ = self.database_open()
        self.frameworks_action.setEnabled(open_)
        self.templates_action.setEnabled(open_)
        self.apply_action.setEnabled(open_ and bool(self.window.register.selected_ids()))

    def edit_frameworks(self) -> None:
        self._exec(FrameworksDialog(self.window.services, self.window))

    def edit_templates(self) -> None:
        self._exec(RouteTemplatesDialog(self.window.services, self.window))

    def apply_template(self) -> None:
        register = self.window.register
        ids = register.selected_ids()
        if not ids:
            return
        names = [row.full_name for row in register.selected_rows()]
        dialog = ApplyTemplateDialog(self.window.services, ids, self.window, names)
        if self._exec(dialog) != ApplyTemplateDialog.DialogCode.Accepted or dialog.result_ is None:
            return
        result = dialog.result_
        if self.window.detail.candidate_id() in result.changed:
            self.window.detail.refresh()
        self.window.statusBar().showMessage(
            self.tr("Route template '{name}': activities added: %n.", "", result.added).format(
                name=result.template
            ),
            8000,
        )
