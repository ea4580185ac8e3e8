"""The Observations page: class observations (date, observer, course, observation
criteria) and, below, the report files of the selected one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget
from utq_desktop.services.portfolio_dto import DossierView, Observation

from ui.detail.portfolio.attachments_panel import AttachmentsPanel
from ui.detail.portfolio.file_drop import FileDrop
from ui.detail.portfolio.models import ObservationModel
from ui.detail.portfolio.panels import NOTE_STYLE, make_action, make_table, tool_button

if TYPE_CHECKING:
    from ui.detail.portfolio.tab import PortfolioTab


class ObservationsPage(QWidget):
    def __init__(self, tab: PortfolioTab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portfolioObservationsPage")
        self.tab = tab
        self.add_action = make_action(
            self,
            "portfolioAddObservation",
            self.tr("&Add observation…"),
            lambda: tab.items.add_observation(),
        )
        self.edit_action = make_action(
            self, "portfolioEditObservation", self.tr("Ed&it…"), self.edit
        )
        self.remove_action = make_action(
            self, "portfolioRemoveObservation", self.tr("&Remove…"), self.remove
        )
        self.model = ObservationModel(self)
        self.table = make_table(self, "portfolioObservations", self.tr("Class observations"))
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.addActions([self.edit_action, self.remove_action])
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.drop = FileDrop(self.table.viewport(), self._dropped, lambda: tab.dossier is not None)
        self.hint = QLabel(self)
        self.hint.setObjectName("observationsHint")
        self.hint.setStyleSheet(NOTE_STYLE)
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for action in (self.add_action, self.edit_action, self.remove_action):
            buttons.addWidget(tool_button(self, action))
        buttons.addStretch(1)
        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.hint)
        column.addLayout(buttons)
        self.files = AttachmentsPanel(
            tab,
            "observationFiles",
            self,
            nothing=self.tr("Select an observation to see its report."),
        )
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("observationsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.files)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._update()

    def show_dossier(self, dossier: DossierView | None, select: int = 0) -> None:
        selected = self.selected()
        keep = select or (selected.id if selected else 0)
        self.model.set_rows(dossier.observations if dossier else ())
        need = dossier.requirements.class_observations if dossier else 0
        have = len(dossier.observations) if dossier else 0
        if need and have < need:
            self.hint.setText(
                self.tr(
                    "Class observations the framework asks for: {need}; recorded: {have}."
                ).format(need=need, have=have)
            )
        elif not have:
            self.hint.setText(self.tr("No class observations recorded yet."))
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))
        row = self.model.row_of(keep) if keep else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._selected()

    def selected(self) -> Observation | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self, *_args: object) -> None:
        observation = self.selected()
        if observation is None:
            self.files.set_owner(None, self.tr("Report"))
        else:
            self.files.set_owner(
                observation,
                self.tr("Report of the observation of {course}").format(
                    course=observation.data.course
                ),
            )
        self._update()

    def _update(self) -> None:
        chosen = self.selected() is not None and self.tab.editable
        self.add_action.setEnabled(self.tab.editable)
        self.edit_action.setEnabled(chosen)
        self.remove_action.setEnabled(chosen)

    def edit(self) -> None:
        observation = self.selected()
        if observation is not None:
            self.tab.items.edit_observation(observation)

    def remove(self) -> None:
        observation = self.selected()
        if observation is not None:
            self.tab.items.remove_observation(observation)

    def _dropped(self, paths: list[Path], pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        observation = self.model.row_at(index.row()) if index.isValid() else None
        if observation is None:
            self.tab.items.add_observation(paths)
        else:
            self.table.selectRow(index.row())
            self.tab.attachments.attach(observation, paths)
