"""Add or edit one line of the educational CV."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget
from utq_desktop.domain.intake import TEACHING_LANGUAGES, TEACHING_ROLES, ProgrammeLevel
from utq_desktop.services.dto import IntakeDetail, TeachingExperience, TeachingExperienceInput

from ui.detail.intake.common import IntakeDialog
from ui.formatting import level_text

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

FIRST_YEAR = 1950
MAX_STUDENTS = 100_000


class ExperienceDialog(IntakeDialog):
    """``experience`` None adds a course; ``saved_id`` is the line's id after saving."""

    def __init__(
        self,
        services: Services,
        detail: IntakeDetail,
        experience: TeachingExperience | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, detail, parent)
        self.set_title(
            self.tr("Edit teaching experience of {name}")
            if experience
            else self.tr("Add teaching experience for {name}")
        )
        self.setObjectName("experienceDialog")
        self.experience = experience
        self.saved_id = 0
        this_year = date.today().year

        self.course = QLineEdit(self)
        self.course.setObjectName("course")
        self.course.setPlaceholderText(self.tr("e.g. Linear Algebra 1"))
        self.course.setAccessibleName(self.tr("Course"))
        self.level = QComboBox(self)
        self.level.setObjectName("level")
        self.level.setAccessibleName(self.tr("Programme level"))
        for level in ProgrammeLevel:
            self.level.addItem(level_text(level), level)
        self.role = self._editable_combo("role", self.tr("Role"), TEACHING_ROLES)
        self.year_from = QSpinBox(self)
        self.year_from.setObjectName("year_from")
        self.year_from.setAccessibleName(self.tr("From (year)"))
        self.year_from.setRange(FIRST_YEAR, this_year + 1)
        self.year_from.setValue(this_year)
        self.year_to = QSpinBox(self)
        self.year_to.setObjectName("year_to")
        self.year_to.setAccessibleName(self.tr("Until (year)"))
        self.year_to.setRange(FIRST_YEAR - 1, this_year + 2)
        self.year_to.setSpecialValueText(self.tr("still teaching"))
        self.year_to.setValue(FIRST_YEAR - 1)
        self.students = QSpinBox(self)
        self.students.setObjectName("students")
        self.students.setAccessibleName(self.tr("Number of students"))
        self.students.setRange(0, MAX_STUDENTS)
        self.students.setSpecialValueText(self.tr("unknown"))
        self.language = self._editable_combo("language", self.tr("Language"), TEACHING_LANGUAGES)

        self.form.addRow(self.tr("C&ourse:"), self.course)
        self.form.addRow(self.tr("Programme &level:"), self.level)
        self.form.addRow(self.tr("&Role:"), self.role)
        self.form.addRow(self.tr("&From:"), self.year_from)
        self.form.addRow(self.tr("&Until:"), self.year_to)
        self.form.addRow(self.tr("Stude&nts:"), self.students)
        self.form.addRow(self.tr("Lan&guage:"), self.language)
        if experience is not None:
            self.fill_experience(experience.data)
        self.course.setFocus()

    def _editable_combo(self, name: str, accessible: str, choices: tuple[str, ...]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setEditable(True)
        combo.addItems(choices)
        combo.setCurrentIndex(0)
        return combo

    def fill(self, detail: IntakeDetail) -> None:
        """After a reload: this line as it is saved now (or, if it was removed, as typed)."""
        if self.experience is None:
            return
        current = next((e for e in detail.experiences if e.id == self.experience.id), None)
        if current is not None:
            self.experience = current
            self.fill_experience(current.data)

    def fill_experience(self, data: TeachingExperienceInput) -> None:
        self.course.setText(data.course)
        self.level.setCurrentIndex(max(self.level.findData(data.level), 0))
        self.role.setCurrentText(data.role)
        self.year_from.setValue(data.year_from or self.year_from.value())
        self.year_to.setValue(data.year_to if data.year_to is not None else FIRST_YEAR - 1)
        self.students.setValue(data.students or 0)
        self.language.setCurrentText(data.language)

    def value(self) -> TeachingExperienceInput:
        year_to = self.year_to.value()
        return TeachingExperienceInput(
            course=self.course.text(),
            level=ProgrammeLevel(self.level.currentData()),
            role=self.role.currentText(),
            year_from=self.year_from.value(),
            year_to=None if year_to < FIRST_YEAR else year_to,
            students=self.students.value() or None,
            language=self.language.currentText(),
        )

    def save(self) -> int:
        intake = self.services.intake
        if self.experience is None:
            self.saved_id = intake.add_experience(self.detail.candidate_id, self.value())
            return 0
        self.saved_id = self.experience.id
        return intake.update_experience(
            self.experience.id, self.value(), self.experience.row_version
        )
