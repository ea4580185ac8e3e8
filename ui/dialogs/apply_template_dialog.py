"""Apply a route template to one candidate or to many selected in the register.

The work runs off the GUI thread (one transaction for all candidates); afterwards the
dialog says what happened per candidate: added, already there, or why not applied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.route_dto import ApplyResult, RouteTemplateInfo

from ui.detail.route.texts import hours_text, kind_text
from ui.messages import error_text
from ui.workers import TaskRunner

if TYPE_CHECKING:  # the services (and SQLAlchemy) load after the window shows
    from utq_desktop.services.app import Services


class ApplyTemplateDialog(QDialog):
    """``result_`` holds the ApplyResult once the template was applied."""

    def __init__(
        self,
        services: Services,
        candidate_ids: list[int],
        parent: QWidget | None = None,
        names: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("applyTemplateDialog")
        self.setWindowTitle(self.tr("Apply route template"))
        self.services = services
        self.candidate_ids = list(candidate_ids)
        self.result_: ApplyResult | None = None
        self.runner = TaskRunner(self)
        self.templates: list[RouteTemplateInfo] = services.route_templates.list()

        count = len(self.candidate_ids)
        who = self.tr("Candidates: %n", "", count)
        if names:
            shown = ", ".join(names[:5]) + (
                self.tr(" and %n more", "", len(names) - 5) if len(names) > 5 else ""
            )
            who += f" — {shown}"
        self.who = QLabel(who, self)
        self.who.setObjectName("applyCandidates")
        self.who.setWordWrap(True)
        self.template = QComboBox(self)
        self.template.setObjectName("templateChoice")
        self.template.setAccessibleName(self.tr("Route template"))
        for info in self.templates:
            framework = info.framework_name or info.framework_code
            self.template.addItem(f"{info.name} ({framework})", info.id)
        self.description = QLabel(self)
        self.description.setObjectName("templateDescription")
        self.description.setWordWrap(True)
        self.items_model = QStringListModel(self)
        self.items = QListView(self)
        self.items.setObjectName("templateItems")
        self.items.setAccessibleName(self.tr("The template's activities"))
        self.items.setModel(self.items_model)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        note = QLabel(
            self.tr(
                "Each activity is planned its number of months after the candidate's intake. "
                "Activities already on a route are not added again; competences recognised for "
                "a candidate are left out."
            ),
            self,
        )
        note.setWordWrap(True)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("applyOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = QPushButton(self.tr("&Apply"), self)
        self.apply_button.setObjectName("applyButton")
        self.apply_button.setDefault(True)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        form = QFormLayout()
        form.addRow(self.tr("&Template:"), self.template)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.description)
        layout.addWidget(self.items, 1)
        layout.addWidget(note)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        default = services.settings.get().default_framework_code
        self.template.setCurrentIndex(
            next((i for i, t in enumerate(self.templates) if t.framework_code == default), 0)
        )
        self.template.currentIndexChanged.connect(self._show_template)
        self._show_template()
        self.apply_button.setEnabled(bool(self.templates) and bool(self.candidate_ids))
        if not self.templates:
            self.outcome.setText(self.tr("There are no route templates yet: define one first."))
        self.resize(560, 460)

    def _current(self) -> RouteTemplateInfo | None:
        index = self.template.currentIndex()
        return self.templates[index] if 0 <= index < len(self.templates) else None

    def _show_template(self, *_args: object) -> None:
        info = self._current()
        self.description.setText(info.description if info else "")
        lines = []
        for item in info.items if info else ():
            data = item.data
            line = f"+{data.offset_months} · {kind_text(data.kind)}: {data.title}"
            if data.hours:
                line += self.tr(" · {hours} h").format(hours=hours_text(data.hours))
            if data.competence_codes:
                line += f" · {', '.join(data.competence_codes)}"
            lines.append(line)
        self.items_model.setStringList(lines)

    def _apply(self) -> None:
        info = self._current()
        if info is None:
            return
        self.apply_button.setEnabled(False)
        self.template.setEnabled(False)
        self.outcome.setText(self.tr("Applying…"))
        services, ids = self.services, self.candidate_ids
        self.runner.run(
            lambda: services.route_templates.apply(info.id, ids), self._done, self._failed
        )

    def _done(self, result: ApplyResult) -> None:
        self.result_ = result
        self.outcome.setText(self.summary())
        self.buttons.clear()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeButton")
        close.clicked.connect(self.accept)

    def _failed(self, error: Exception) -> None:
        self.outcome.setText(error_text(error))
        self.outcome.setStyleSheet("color: #c62828;")
        self.apply_button.setEnabled(True)
        self.template.setEnabled(True)

    def summary(self) -> str:
        result = self.result_
        if result is None:
            return ""
        changed = len(result.changed)
        lines = [
            self.tr("'{template}': activities added: %n", "", result.added).format(
                template=result.template
            )
            + self.tr(", for candidates: %n.", "", changed)
        ]
        unchanged = [o for o in result.outcomes if not o.added and not o.problem]
        if unchanged:
            lines.append(
                self.tr(
                    "Candidates who already had all of it (nothing added twice): %n.",
                    "",
                    len(unchanged),
                )
            )
        recognised = sum(o.recognised for o in result.outcomes)
        if recognised:
            lines.append(
                self.tr("Left out because the competence is recognised: %n.", "", recognised)
            )
        for outcome in result.refused:
            name = outcome.candidate_name or f"#{outcome.candidate_id}"
            lines.append(
                self.tr("Not applied to {name}: {problem}.").format(
                    name=name, problem=outcome.problem
                )
            )
        return "\n".join(lines)

    def done(self, code: int) -> None:  # closing waits for the work to finish
        self.runner.wait()
        super().done(code)
