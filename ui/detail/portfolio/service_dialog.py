"""A form dialog whose Save runs the service call on the worker thread.

Adding evidence reads the attached files (up to the size limit each), which must not freeze
the window; so every portfolio dialog saves through the TaskRunner. While it saves, the
buttons are off; a UtqError keeps the dialog open with the message and focuses the field
it names; a colleague's save in between (StaleEditError) offers to reload instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.errors import StaleEditError, UtqError, ValidationError

from ui.messages import ask_reload, error_text
from ui.workers import TaskRunner

Save = Callable[[Any], Any]


class ServiceDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, name: str, title: str, runner: TaskRunner, save: Save
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self._runner = runner
        self._save_call = save
        self.saving = False
        self.stale = False  # closed to reload what a colleague saved
        self.result_: Any = None
        self.saved_value: Any = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {}

    def value(self) -> Any:
        raise NotImplementedError

    def save(self) -> None:
        if self.saving:
            return
        try:
            value = self.value()
        except UtqError as error:
            self._failed(error)
            return
        self.saving = True
        self.buttons.setEnabled(False)
        self.error.hide()
        call = self._save_call
        self._runner.run(
            lambda: call(value), lambda result: self._saved(value, result), self._failed
        )

    def _saved(self, value: Any, result: Any) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self.saved_value, self.result_ = value, result
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        if isinstance(error, StaleEditError):
            reload = ask_reload(
                self,
                str(error),
                self.tr("Reload"),
                self.tr(
                    "Reloading closes this dialog and shows the saved dossier; what you "
                    "entered here is not saved. Cancel keeps the dialog so you can copy it."
                ),
            )
            if reload:
                self.stale = True
                self.reject()
            return
        self.error.setText(error_text(error))
        self.error.show()
        field = error.field if isinstance(error, ValidationError) else None
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if self.saving:
            return  # the save is under way: its result decides
        super().reject()
