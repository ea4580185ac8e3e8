"""Dialogs for an evidence item and a class observation. A new one may bring files along
(chosen or dropped); an existing one's files are managed in the tab's attachment list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget
from utq_desktop.domain.portfolio import EvidenceKind
from utq_desktop.services.portfolio_dto import (
    CompetenceCoverage,
    EvidenceInput,
    ObservationInput,
)

from ui.detail.portfolio.pickers import CriteriaPicker, FilesField
from ui.detail.portfolio.service_dialog import Save, ServiceDialog
from ui.detail.portfolio.texts import kind_text
from ui.detail.route.dialogs import date_edit, from_qdate, to_qdate
from ui.workers import TaskRunner


def _text_box(parent: QWidget, name: str, accessible: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 10)
    return box


class EvidenceDialog(ServiceDialog):
    """``save`` gets ``(EvidenceInput, files)``; files only for a new item."""

    def __init__(
        self,
        parent: QWidget | None,
        runner: TaskRunner,
        title: str,
        competences: Sequence[CompetenceCoverage],
        initial: EvidenceInput | None,
        save: Save,
        *,
        today: date,
        max_bytes: int = 0,
        files: Sequence[Path] = (),
    ) -> None:
        super().__init__(parent, "evidenceDialog", title, runner, save)
        self.kind = QComboBox(self)
        self.kind.setObjectName("evidenceKind")
        self.kind.setAccessibleName(self.tr("Kind of evidence"))
        for kind in EvidenceKind:
            self.kind.addItem(kind_text(kind), kind.value)
        self.title = QLineEdit(self)
        self.title.setObjectName("evidenceTitle")
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setMaxLength(300)
        self.made_on = date_edit(self, "evidenceDate", self.tr("Date"), False)
        self.made_on.setMaximumDate(to_qdate(today))
        self.description = _text_box(self, "evidenceDescription", self.tr("Description"), 4)
        self.criteria = CriteriaPicker(competences, self)
        self.criteria.setObjectName("evidenceCriteria")
        self.criteria.setAccessibleName(self.tr("Competences and criteria this item shows"))
        self.files: FilesField | None = None
        self.form.addRow(self.tr("&Kind:"), self.kind)
        self.form.addRow(self.tr("&Title:"), self.title)
        self.form.addRow(self.tr("&Date:"), self.made_on)
        self.form.addRow(self.tr("D&escription:"), self.description)
        self.form.addRow(self.tr("&Shows:"), self.criteria)
        if initial is None:
            self.files = FilesField(max_bytes, self)
            self.files.add(files)
            self.form.addRow(self.tr("Fi&les:"), self.files)
        self.fields = {
            "kind": self.kind,
            "title": self.title,
            "made_on": self.made_on,
            "description": self.description,
            "competence_codes": self.criteria,
            "criterion_codes": self.criteria,
            "files": self.files or self.title,
        }
        self._load(initial or EvidenceInput(made_on=today), files)
        self.setMinimumWidth(560)

    def _load(self, initial: EvidenceInput, files: Sequence[Path]) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(initial.kind.value)))
        title = initial.title
        if not title and files:  # dropped files: the first one's name is a fair start
            title = files[0].stem.replace("_", " ")
        self.title.setText(title)
        if initial.made_on is not None:
            self.made_on.setDate(to_qdate(initial.made_on))
        self.description.setPlainText(initial.description)
        self.criteria.set_checked(initial.competence_codes, initial.criterion_codes)

    def value(self) -> tuple[EvidenceInput, tuple[Path, ...]]:
        data = EvidenceInput(
            kind=EvidenceKind(self.kind.currentData()),
            title=self.title.text(),
            made_on=from_qdate(self.made_on.date()),
            description=self.description.toPlainText(),
            competence_codes=self.criteria.checked("competence"),
            criterion_codes=self.criteria.checked("criterion"),
        )
        return data, self.files.paths if self.files is not None else ()


class ObservationDialog(ServiceDialog):
    """A class observation; ``save`` gets ``(ObservationInput, files)`` (the report)."""

    def __init__(
        self,
        parent: QWidget | None,
        runner: TaskRunner,
        title: str,
        competences: Sequence[CompetenceCoverage],
        initial: ObservationInput | None,
        save: Save,
        *,
        today: date,
        max_bytes: int = 0,
        files: Sequence[Path] = (),
    ) -> None:
        super().__init__(parent, "observationDialog", title, runner, save)
        self.observed_on = date_edit(self, "observationDate", self.tr("Observed on"), False)
        self.observed_on.setMaximumDate(to_qdate(today))
        self.observer = QLineEdit(self)
        self.observer.setObjectName("observationObserver")
        self.observer.setAccessibleName(self.tr("Observer"))
        self.observer.setPlaceholderText(self.tr("e.g. the UTQ supervisor or a peer"))
        self.observer.setMaxLength(200)
        self.course = QLineEdit(self)
        self.course.setObjectName("observationCourse")
        self.course.setAccessibleName(self.tr("Course"))
        self.course.setMaxLength(200)
        self.criteria = CriteriaPicker(competences, self, whole=False)
        self.criteria.setObjectName("observationCriteria")
        self.criteria.setAccessibleName(self.tr("Observation criteria"))
        self.notes = _text_box(self, "observationNotes", self.tr("Notes"), 3)
        self.files: FilesField | None = None
        self.form.addRow(self.tr("&Observed on:"), self.observed_on)
        self.form.addRow(self.tr("O&bserver:"), self.observer)
        self.form.addRow(self.tr("&Course:"), self.course)
        self.form.addRow(self.tr("C&riteria:"), self.criteria)
        self.form.addRow(self.tr("&Notes:"), self.notes)
        if initial is None:
            self.files = FilesField(max_bytes, self)
            self.files.add(files)
            self.form.addRow(self.tr("&Report:"), self.files)
        self.fields = {
            "observed_on": self.observed_on,
            "observer": self.observer,
            "course": self.course,
            "criterion_codes": self.criteria,
            "notes": self.notes,
            "files": self.files or self.course,
        }
        initial = initial or ObservationInput(observed_on=today)
        if initial.observed_on is not None:
            self.observed_on.setDate(to_qdate(initial.observed_on))
        self.observer.setText(initial.observer)
        self.course.setText(initial.course)
        self.criteria.set_checked((), initial.criterion_codes)
        self.notes.setPlainText(initial.notes)
        self.setMinimumWidth(560)

    def value(self) -> tuple[ObservationInput, tuple[Path, ...]]:
        data = ObservationInput(
            observed_on=from_qdate(self.observed_on.date()),
            observer=self.observer.text(),
            course=self.course.text(),
            criterion_codes=self.criteria.checked("criterion"),
            notes=self.notes.toPlainText(),
        )
        return data, self.files.paths if self.files is not None else ()
