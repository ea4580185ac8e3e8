"""Edit the self-diagnosis: per competence a rating on the framework's scale and notes;
per criterion, optionally, the same (hidden until asked for, or when already used)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.dto import (
    CompetenceInfo,
    IntakeDetail,
    SelfDiagnosis,
    SelfDiagnosisInput,
    SelfRating,
)

from ui.detail.intake.common import NOTE_STYLE, IntakeDialog

if TYPE_CHECKING:
    from utq_desktop.services.app import Services


class SelfDiagnosisDialog(IntakeDialog):
    """Fields: ``competence_rating_<id>``, ``competence_notes_<id>``, and the same for
    criteria (``criterion_…``); the toggles are ``criteria_<competence id>``."""

    def __init__(
        self, services: Services, detail: IntakeDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, detail, parent)
        self.setObjectName("selfDiagnosisDialog")
        self.set_title(self.tr("Self-diagnosis of {name}"))
        diagnosis = detail.self_diagnosis
        self.ratings: dict[str, QComboBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self.criteria_boxes: dict[int, QWidget] = {}
        self.toggles: dict[int, QToolButton] = {}

        intro = QLabel(
            self.tr(
                "How does the candidate rate themselves on each competence of {framework}? "
                "Rating separate criteria is optional."
            ).format(framework=diagnosis.framework),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(NOTE_STYLE)
        self.form.addRow(intro)
        content = QWidget(self)
        column = QVBoxLayout(content)
        for competence in diagnosis.competences:
            column.addWidget(self._competence_box(content, diagnosis, competence))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("selfDiagnosisScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setMinimumHeight(420)
        self.form.addRow(scroll)
        self.setMinimumWidth(680)
        self.fill(detail)

    def _competence_box(
        self, parent: QWidget, diagnosis: SelfDiagnosis, competence: CompetenceInfo
    ) -> QGroupBox:
        box = QGroupBox(f"{competence.code}  {competence.name}", parent)
        box.setObjectName(f"competence_{competence.id}")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        key = f"competence_{competence.id}"
        form.addRow(self.tr("Self-rating:"), self._rating(box, diagnosis, key, competence.name))
        form.addRow(self.tr("Notes:"), self._notes(box, key, competence.name))
        if not competence.criteria:
            return box
        toggle = QToolButton(box)
        toggle.setObjectName(f"criteria_{competence.id}")
        toggle.setText(self.tr("Rate criteria separately"))
        toggle.setCheckable(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setArrowType(Qt.ArrowType.RightArrow)
        toggle.setAutoRaise(True)
        criteria = QWidget(box)
        criteria_form = QFormLayout(criteria)
        criteria_form.setContentsMargins(16, 0, 0, 0)
        for criterion in competence.criteria:
            key = f"criterion_{criterion.id}"
            label = QLabel(f"{criterion.code}  {criterion.name}", criteria)
            label.setWordWrap(True)
            criteria_form.addRow(label)
            fields = QWidget(criteria)
            row = QFormLayout(fields)
            row.setContentsMargins(0, 0, 0, 0)
            row.addRow(
                self.tr("Self-rating:"), self._rating(fields, diagnosis, key, criterion.name)
            )
            row.addRow(self.tr("Notes:"), self._notes(fields, key, criterion.name))
            criteria_form.addRow(fields)
        criteria.setVisible(False)
        toggle.toggled.connect(lambda on, c=competence.id: self._show_criteria(c, on))
        form.addRow(toggle)
        form.addRow(criteria)
        self.criteria_boxes[competence.id] = criteria
        self.toggles[competence.id] = toggle
        return box

    def _rating(self, parent: QWidget, diagnosis: SelfDiagnosis, key: str, name: str) -> QComboBox:
        combo = QComboBox(parent)
        combo.setObjectName(f"{key.replace('_', '_rating_', 1)}")
        combo.setAccessibleName(self.tr("Self-rating for {name}").format(name=name))
        combo.addItem(self.tr("not rated"), None)
        for point in diagnosis.scale:
            combo.addItem(f"{point.value} · {point.label}", point.value)
        self.ratings[key] = combo
        return combo

    def _notes(self, parent: QWidget, key: str, name: str) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(f"{key.replace('_', '_notes_', 1)}")
        edit.setAccessibleName(self.tr("Notes on {name}").format(name=name))
        edit.setPlaceholderText(self.tr("optional"))
        self.notes[key] = edit
        return edit

    def _show_criteria(self, competence_id: int, on: bool) -> None:
        self.criteria_boxes[competence_id].setVisible(on)
        self.toggles[competence_id].setArrowType(
            Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow
        )

    def fill(self, detail: IntakeDetail) -> None:
        ratings = detail.self_diagnosis.ratings
        stored = {f"competence_{k}": v for k, v in ratings.competences.items()}
        stored |= {f"criterion_{k}": v for k, v in ratings.criteria.items()}
        for key, combo in self.ratings.items():
            rating = stored.get(key, SelfRating())
            combo.setCurrentIndex(max(combo.findData(rating.rating), 0))
            self.notes[key].setText(rating.notes)
        for competence in detail.self_diagnosis.competences:
            used = any(c.id in ratings.criteria for c in competence.criteria)
            if competence.id in self.toggles:
                self.toggles[competence.id].setChecked(used)

    def value(self) -> SelfDiagnosisInput:
        """What is entered; criteria count only where 'rate separately' is on."""
        separate = {
            criterion.id
            for competence in self.detail.self_diagnosis.competences
            if competence.id in self.toggles and self.toggles[competence.id].isChecked()
            for criterion in competence.criteria
        }
        competences: dict[int, SelfRating] = {}
        criteria: dict[int, SelfRating] = {}
        for key, combo in self.ratings.items():
            kind, _, number = key.partition("_")
            rating = SelfRating(combo.currentData(), self.notes[key].text())
            if rating.empty:
                continue
            if kind == "competence":
                competences[int(number)] = rating
            elif int(number) in separate:
                criteria[int(number)] = rating
        return SelfDiagnosisInput(competences, criteria)

    def save(self) -> int:
        return self.services.intake.save_self_diagnosis(
            self.detail.candidate_id, self.value(), self.detail.row_version
        )

    def show_error(self, message: str, field: str | None) -> None:
        if field and field.startswith("criterion_"):
            for competence in self.detail.self_diagnosis.competences:
                if any(field.endswith(f"_{c.id}") for c in competence.criteria):
                    self.toggles[competence.id].setChecked(True)
        super().show_error(message, field)
