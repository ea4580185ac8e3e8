"""The Coverage page: the matrix with its legend; below it what shows the selected
criterion (double-click an item to open it on the Evidence page) and the feedback on its
competence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.portfolio import CriterionState
from utq_desktop.services.portfolio_dto import CriterionCoverage, DossierView

from ui.detail.portfolio.coverage_model import criterion_tooltip
from ui.detail.portfolio.coverage_view import CoverageMatrix, legend_html, legend_text
from ui.detail.portfolio.evidence_model import TITLE, EvidenceModel
from ui.detail.portfolio.feedback_panel import FeedbackPanel
from ui.detail.portfolio.panels import NOTE_STYLE, make_table, set_widths
from ui.detail.portfolio.texts import state_text
from ui.formatting import format_date

if TYPE_CHECKING:
    from ui.detail.portfolio.tab import PortfolioTab


class CoveragePage(QWidget):
    def __init__(self, tab: PortfolioTab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioCoveragePage")
        self.tab = tab
        self.matrix = CoverageMatrix(self)
        self.state_menu = QMenu(self)
        self.state_menu.setObjectName("coverageStateMenu")
        self.state_menu.addActions(self.matrix.add_state_actions(self.set_state, self.edit_state))
        self.state_button = QToolButton(self)
        self.state_button.setObjectName("coverageStateButton")
        self.state_button.setText(self.tr("Set st&ate"))
        self.state_button.setMenu(self.state_menu)
        self.state_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.state_button.setToolTip(
            self.tr("The supervisor's judgement of the selected criterion (keys 1–4, 0)")
        )
        self.legend = QLabel(self)
        self.legend.setObjectName("coverageLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName(self.tr("Legend"))
        legend_row = QHBoxLayout()
        legend_row.addWidget(self.legend, 1)
        legend_row.addWidget(self.state_button, 0, Qt.AlignmentFlag.AlignTop)

        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.matrix, 1)
        column.addLayout(legend_row)

        # what shows the selected criterion, and the feedback on its competence
        self.criterion = QWidget(self)
        self.criterion.setObjectName("coverageCriterion")
        self.detail = QLabel(self.criterion)
        self.detail.setObjectName("coverageDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items_model = EvidenceModel(self)
        self.items = make_table(
            self.criterion, "coverageItems", self.tr("Evidence for the criterion")
        )
        self.items.setModel(self.items_model)
        set_widths(self.items, {0: "28-12-2024", 2: "Student evaluation"}, TITLE)
        for hidden in range(3, self.items_model.columnCount()):
            self.items.setColumnHidden(hidden, True)
        self.items.activated.connect(lambda _index: self._open_item())
        box = QVBoxLayout(self.criterion)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.detail)
        box.addWidget(self.items, 1)
        self.feedback = FeedbackPanel(tab, "competenceFeedback", everything=False, embedded=True)
        self.details = QTabWidget(self)
        self.details.setObjectName("coverageDetails")
        self.details.setDocumentMode(True)
        self.details.addTab(self.criterion, self.tr("Criterion"))
        self.details.addTab(self.feedback, self.tr("Feedback"))
        # the matrix as high as its rows (down to two in a small window), the rest below
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top, 0)
        layout.addWidget(self.details, 1)
        self.matrix.selectionModel().currentChanged.connect(lambda *_a: self._selected())
        self._selected()

    def show_dossier(self, dossier: DossierView | None) -> None:
        self.matrix.show_content(dossier.content if dossier else None)
        self.legend.setText(legend_html(dossier.content if dossier else None))
        self.legend.setAccessibleDescription(legend_text(dossier.content if dossier else None))
        if not self.matrix.currentIndex().isValid() and self.matrix.coverage.rowCount():
            first = self.matrix.coverage.index(0, 1)
            if first.flags() & Qt.ItemFlag.ItemIsSelectable:
                self.matrix.setCurrentIndex(first)
        self._selected()

    def selected(self) -> CriterionCoverage | None:
        return self.matrix.coverage.criterion_at(self.matrix.currentIndex())

    def _selected(self) -> None:
        dossier = self.tab.dossier
        index = self.matrix.currentIndex()
        competence = self.matrix.coverage.competence_at(index.row()) if index.isValid() else None
        criterion = self.selected()
        if criterion is None or dossier is None:
            self.details.setTabText(0, self.tr("C&riterion"))
            self.detail.setText(self.tr("Select a criterion in the matrix."))
            self.detail.setStyleSheet(NOTE_STYLE)
            self.items_model.set_rows(())
        else:
            self.details.setTabText(0, self.tr("C&riterion {code}").format(code=criterion.code))
            self.detail.setText(f"{criterion.code} {criterion.name}\n" + self._describe(criterion))
            self.detail.setStyleSheet("")
            wanted = set(criterion.items)
            self.items_model.set_rows(tuple(i for i in dossier.items if i.id in wanted))
        if competence is None:
            self.feedback.show_feedback((), None, "")
            self.details.setTabText(1, self.tr("Fee&dback"))
        else:
            self.feedback.show_feedback(
                dossier.feedback if dossier else (),
                (None, competence.code),
                self.tr("Feedback on {code} {name}").format(
                    code=competence.code, name=competence.name
                ),
            )
            self.details.setTabText(
                1,
                self.tr("Fee&dback on {code} ({n})").format(
                    code=competence.code, n=self.feedback.model.rowCount()
                ),
            )
        self._update_actions(criterion)

    def _describe(self, criterion: CriterionCoverage) -> str:
        lines = [self.tr("State: {state}").format(state=state_text(criterion.state))]
        if criterion.state is CriterionState.RECOGNISED:
            lines.append(
                self.tr("Recognised: {source}").format(source=criterion.recognised_because)
            )
        elif criterion.set_state is not None:
            lines.append(
                self.tr("Set by {who} on {date}.").format(
                    who=criterion.set_by or "?", date=format_date(criterion.set_on)
                )
            )
        if criterion.note:
            lines.append(self.tr("Note: {note}").format(note=criterion.note))
        observations = len(criterion.observations)
        if observations:
            lines.append(
                self.tr("Class observations that looked at it: {n}").format(n=observations)
            )
        if not criterion.evidence and criterion.state is not CriterionState.RECOGNISED:
            lines.append(self.tr("No evidence yet: add an item that shows it."))
        return "\n".join(lines)

    def _update_actions(self, criterion: CriterionCoverage | None) -> None:
        settable = (
            self.tab.editable
            and criterion is not None
            and criterion.state is not CriterionState.RECOGNISED
            and criterion.evidence > 0
        )
        for state, action in self.matrix.state_actions.items():
            action.setEnabled(settable)
            action.setCheckable(True)
            action.setChecked(settable and criterion is not None and criterion.set_state == state)
        for action in self.matrix.actions():
            if action.objectName() == "coverageStateNote":
                action.setEnabled(settable)
        self.state_button.setEnabled(settable)
        if criterion is None:
            self.state_button.setToolTip(self.tr("Select a criterion first."))
        elif criterion.state is CriterionState.RECOGNISED:
            self.state_button.setToolTip(self.tr("A recognised competence needs no judgement."))
        elif not criterion.evidence:
            self.state_button.setToolTip(
                self.tr("Without evidence the state is 'No evidence'; add an item first.")
            )
        else:
            self.state_button.setToolTip(criterion_tooltip(criterion))

    def set_state(self, state: CriterionState | None) -> None:
        criterion = self.selected()
        if criterion is not None:
            self.tab.review.set_state(criterion, state)

    def edit_state(self) -> None:
        criterion = self.selected()
        if criterion is not None:
            self.tab.review.edit_state(criterion)

    def _open_item(self) -> None:
        index = self.items.currentIndex()
        item = self.items_model.row_at(index.row()) if index.isValid() else None
        if item is not None:
            self.tab.show_item(item.id)
