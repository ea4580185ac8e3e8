"""A list of feedback comments — on one evidence item, on one competence, or all of a
dossier's — with Add, Edit, Resolve / Reopen (also the tick box) and Remove."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QWidget
from utq_desktop.services.portfolio_dto import Feedback

from ui.detail.portfolio.dossier_dialogs import Target
from ui.detail.portfolio.models import FeedbackModel
from ui.detail.portfolio.panels import (
    NOTE_STYLE,
    Panel,
    make_action,
    make_table,
    set_widths,
    tool_button,
)

if TYPE_CHECKING:
    from ui.detail.portfolio.tab import PortfolioTab


class FeedbackPanel(Panel):
    """Feedback on one target (an item, a competence) or, with ``target`` None, all of it."""

    def __init__(
        self,
        tab: PortfolioTab,
        name: str,
        parent: QWidget | None = None,
        *,
        everything: bool,
        embedded: bool = False,
    ) -> None:
        super().__init__(parent, name, embedded)
        self.tab = tab
        self.everything = everything
        self.target: Target | None = None if not everything else (None, None)
        self._rows: tuple[Feedback, ...] = ()
        self.model = FeedbackModel(self)
        self.model.resolve_requested.connect(
            lambda feedback, resolved: self.tab.review.set_resolved(feedback, resolved)
        )
        self.table = make_table(self, f"{name}Table", self.tr("Feedback"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the tick box, a name, a date; the comment takes the rest
        samples = {0: "☐ Resolved", 1: "C2 Teaching and sup", 3: "M. Bakker", 4: "28-12-2024"}
        set_widths(self.table, samples, 2)
        self.table.setColumnHidden(1, not everything)  # "On" says the same everywhere else
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.unresolved_only = QCheckBox(self.tr("Unresolved onl&y"), self)
        self.unresolved_only.setObjectName(f"{name}Unresolved")
        self.unresolved_only.toggled.connect(lambda _on: self._fill())
        self.unresolved_only.setVisible(everything)
        self.empty = QLabel(self)
        self.empty.setStyleSheet(NOTE_STYLE)
        self.empty.setWordWrap(True)
        self.add_action = make_action(self, f"{name}Add", self.tr("Add feedba&ck…"), self.add)
        self.edit_action = make_action(self, f"{name}Edit", self.tr("E&dit…"), self.edit)
        self.resolve_action = make_action(self, f"{name}Resolve", self.tr("Reso&lve"), self.toggle)
        self.remove_action = make_action(self, f"{name}Remove", self.tr("Re&move…"), self.remove)
        self.table.addActions([self.edit_action, self.resolve_action, self.remove_action])
        buttons = QHBoxLayout()
        for action in (self.add_action, self.edit_action, self.resolve_action, self.remove_action):
            buttons.addWidget(tool_button(self, action))
        buttons.addStretch(1)
        buttons.addWidget(self.unresolved_only)
        layout = self.body()
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._update)
        self._update()

    def show_feedback(
        self, feedback: Sequence[Feedback], target: Target | None, title: str
    ) -> None:
        """``target`` None: nothing selected (nothing to add feedback on)."""
        self.target = target
        if self.everything:
            self._rows = tuple(feedback)
        elif target is None:
            self._rows = ()
        else:
            item_id, competence = target
            self._rows = tuple(
                f
                for f in feedback
                if (item_id is not None and f.item_id == item_id)
                or (
                    competence is not None and f.item_id is None and f.competence_code == competence
                )
            )
        self.set_heading(title)
        self._fill()

    def _fill(self) -> None:
        selected = self.selected()
        rows = self._rows
        if self.unresolved_only.isChecked():
            rows = tuple(f for f in rows if not f.resolved)
        self.model.set_rows(rows)
        if self.target is None:
            self.empty.setText(self.tr("Select something to see its feedback."))
        elif not self._rows:
            self.empty.setText(self.tr("No feedback yet."))
        else:
            self.empty.setText(self.tr("No unresolved feedback."))
        self.empty.setVisible(not rows)
        if selected is not None:
            row = self.model.row_of(selected.id)
            if row is not None:
                self.table.selectRow(row)
        self._update()

    def selected(self) -> Feedback | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_feedback(self, feedback_id: int) -> None:
        row = self.model.row_of(feedback_id)
        if row is not None:
            self.table.selectRow(row)

    def _update(self, *_args: object) -> None:
        feedback = self.selected() if self.tab.editable else None
        self.add_action.setEnabled(self.target is not None and self.tab.editable)
        self.edit_action.setEnabled(feedback is not None)
        self.remove_action.setEnabled(feedback is not None)
        self.resolve_action.setEnabled(feedback is not None)
        self.resolve_action.setText(
            self.tr("Reo&pen")
            if feedback is not None and feedback.resolved
            else self.tr("Reso&lve")
        )

    def add(self) -> None:
        if self.target is not None:
            self.tab.review.add_feedback(self.target)

    def edit(self) -> None:
        feedback = self.selected()
        if feedback is not None:
            self.tab.review.edit_feedback(feedback)

    def toggle(self) -> None:
        feedback = self.selected()
        if feedback is not None:
            self.tab.review.set_resolved(feedback, not feedback.resolved)

    def remove(self) -> None:
        feedback = self.selected()
        if feedback is not None:
            self.tab.review.remove_feedback(feedback)
