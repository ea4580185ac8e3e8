"""Edit the teaching tasks, the documents sent to the consultant, and the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget
from utq_desktop.domain.enums import TrajectoryStatus
from utq_desktop.domain.intake import IntakeState
from utq_desktop.services.dto import DocumentsInput, IntakeDetail, MeetingInput, TeachingTasksInput

from ui.detail.intake.common import NOTE_STYLE, DateField, IntakeDialog

if TYPE_CHECKING:
    from utq_desktop.services.app import Services


def _text_box(parent: QWidget, name: str, accessible: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
    return edit


def _note(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


class TeachingTasksDialog(IntakeDialog):
    def __init__(
        self, services: Services, detail: IntakeDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, detail, parent)
        self.setObjectName("teachingTasksDialog")
        self.set_title(self.tr("Teaching tasks of {name}"))
        self.supervisor = QLineEdit(self)
        self.supervisor.setObjectName("tasks_supervisor")
        self.supervisor.setAccessibleName(self.tr("Department supervisor"))
        self.supervisor.setPlaceholderText(
            self.tr("e.g. prof. dr. J. de Vries, head of department")
        )
        self.discussed_on = DateField("tasks_discussed_on", self.tr("Discussed on"), self)
        self.agreed = _text_box(self, "tasks_agreed", self.tr("Agreed teaching tasks"))
        self.form.addRow(self.tr("Department su&pervisor:"), self.supervisor)
        self.form.addRow(self.tr("Discussed on:"), self.discussed_on)
        self.form.addRow(self.tr("&Agreed tasks:"), self.agreed)
        self.fill(detail)
        self.supervisor.setFocus()

    def fill(self, detail: IntakeDetail) -> None:
        self.supervisor.setText(detail.tasks.supervisor)
        self.discussed_on.set_value(detail.tasks.discussed_on)
        self.agreed.setPlainText(detail.tasks.agreed)

    def value(self) -> TeachingTasksInput:
        return TeachingTasksInput(
            self.supervisor.text(), self.discussed_on.value(), self.agreed.toPlainText()
        )

    def save(self) -> int:
        return self.services.intake.save_teaching_tasks(
            self.detail.candidate_id, self.value(), self.detail.row_version
        )


class DocumentsDialog(IntakeDialog):
    def __init__(
        self, services: Services, detail: IntakeDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, detail, parent)
        self.setObjectName("documentsDialog")
        self.set_title(self.tr("Documents of {name} sent to the educational consultant"))
        facts = detail.facts
        self.cv = self._check("cv_sent", self.tr("&Educational CV"), facts.has_cv)
        self.self_diagnosis = self._check(
            "self_diagnosis_sent", self.tr("Self-&diagnosis"), facts.has_self_diagnosis
        )
        self.tasks = self._check("tasks_sent", self.tr("&Teaching tasks"), facts.tasks_discussed)
        self.sent_on = DateField("documents_sent_on", self.tr("Date sent"), self)
        self.form.addRow(self.tr("Sent:"), self.cv)
        self.form.addRow("", self.self_diagnosis)
        self.form.addRow("", self.tasks)
        self.form.addRow(self.tr("Date sent:"), self.sent_on)
        self.fill(detail)
        self.cv.setFocus()

    def _check(self, name: str, text: str, recorded: bool) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        if not recorded:
            box.setToolTip(self.tr("Not recorded in the intake yet."))
            box.setText(text + self.tr("  (not recorded here yet)"))
        return box

    def fill(self, detail: IntakeDetail) -> None:
        documents = detail.documents
        self.cv.setChecked(documents.cv)
        self.self_diagnosis.setChecked(documents.self_diagnosis)
        self.tasks.setChecked(documents.teaching_tasks)
        self.sent_on.set_value(documents.sent_on)

    def value(self) -> DocumentsInput:
        return DocumentsInput(
            self.cv.isChecked(),
            self.self_diagnosis.isChecked(),
            self.tasks.isChecked(),
            self.sent_on.value(),
        )

    def save(self) -> int:
        return self.services.intake.save_documents(
            self.detail.candidate_id, self.value(), self.detail.row_version
        )


class MeetingDialog(IntakeDialog):
    def __init__(
        self, services: Services, detail: IntakeDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, detail, parent)
        self.setObjectName("meetingDialog")
        self.set_title(self.tr("Intake meeting of {name}"))
        consultants = services.users.list(role="consultant")
        self.meeting_on = DateField("meeting_on", self.tr("Meeting date"), self)
        self.with_whom = QComboBox(self)
        self.with_whom.setObjectName("meeting_with")
        self.with_whom.setAccessibleName(self.tr("With whom"))
        self.with_whom.setEditable(True)
        self.with_whom.addItems([user.name for user in consultants])
        self.held = QCheckBox(self.tr("The meeting was &held"), self)
        self.held.setObjectName("meeting_held")
        self.supervisor = QComboBox(self)
        self.supervisor.setObjectName("supervisor_id")
        self.supervisor.setAccessibleName(self.tr("Assigned UTQ supervisor"))
        self.supervisor.addItem(self.tr("not assigned yet"), None)
        for user in consultants:
            self.supervisor.addItem(user.name, user.id)
        self.agreements = _text_box(self, "agreements", self.tr("Agreements"))
        self.exemption = QCheckBox(self.tr("Consider an &exemption"), self)
        self.exemption.setObjectName("consider_exemption")
        self.partial = QCheckBox(self.tr("Consider a &partial certificate"), self)
        self.partial.setObjectName("consider_partial_certificate")
        self.effect = _note(self, "meetingEffect")

        self.form.addRow(self.tr("&Date:"), self.meeting_on)
        self.form.addRow(self.tr("&With:"), self.with_whom)
        self.form.addRow("", self.held)
        outcome = QLabel(self.tr("<b>Outcome</b>"), self)
        self.form.addRow(outcome)
        self.form.addRow(self.tr("UTQ s&upervisor:"), self.supervisor)
        self.form.addRow(self.tr("A&greements:"), self.agreements)
        self.form.addRow("", self.exemption)
        self.form.addRow("", self.partial)
        self.form.addRow(self.effect)
        self.held.toggled.connect(self._update_effect)
        self.supervisor.currentIndexChanged.connect(self._update_effect)
        self.fill(detail)
        self.meeting_on.setFocus()

    def fill(self, detail: IntakeDetail) -> None:
        meeting = detail.meeting
        self.meeting_on.set_value(meeting.planned_on)
        self.with_whom.setCurrentText(meeting.with_whom)
        self.held.setChecked(meeting.held)
        found = self.supervisor.findData(meeting.supervisor_id)
        if found < 0 and meeting.supervisor_id is not None:  # no longer a consultant
            self.supervisor.addItem(detail.supervisor, meeting.supervisor_id)
            found = self.supervisor.count() - 1
        self.supervisor.setCurrentIndex(max(found, 0))
        self.agreements.setPlainText(meeting.agreements)
        self.exemption.setChecked(meeting.consider_exemption)
        self.partial.setChecked(meeting.consider_partial_certificate)
        self._update_effect()

    def _update_effect(self, *_args: object) -> None:
        """Say what saving will do to the candidate, before it happens."""
        completes = self.held.isChecked() and self.supervisor.currentData() is not None
        was_completed = self.detail.state is IntakeState.COMPLETED
        status = self.detail.candidate_status
        early = status in (TrajectoryStatus.REGISTERED, TrajectoryStatus.INTAKE)
        if completes and not was_completed:
            text = (
                self.tr(
                    "Saving completes the intake: {supervisor} becomes the UTQ supervisor and "
                    "the status moves on to 'Learning route'."
                )
                if early
                else self.tr(
                    "Saving completes the intake: {supervisor} becomes the UTQ supervisor."
                )
            )
        elif completes:
            changed = self.supervisor.currentData() != self.detail.meeting.supervisor_id
            text = (
                self.tr("Saving makes {supervisor} the candidate's UTQ supervisor.")
                if changed
                else self.tr("The intake is completed.")
            )
        elif was_completed:
            text = (
                self.tr("Saving takes back the completion; the status moves back to 'Intake'.")
                if status is TrajectoryStatus.LEARNING_ROUTE
                else self.tr("Saving takes back the completion of the intake.")
            )
        elif self.held.isChecked():
            text = self.tr(
                "Choose the UTQ supervisor agreed at the meeting to complete the intake."
            )
        else:
            text = self.tr("Tick 'held' after the meeting to record its outcome.")
        self.effect.setText(text.format(supervisor=self.supervisor.currentText()))

    def value(self) -> MeetingInput:
        return MeetingInput(
            planned_on=self.meeting_on.value(),
            with_whom=self.with_whom.currentText(),
            held=self.held.isChecked(),
            supervisor_id=self.supervisor.currentData(),
            agreements=self.agreements.toPlainText(),
            consider_exemption=self.exemption.isChecked(),
            consider_partial_certificate=self.partial.isChecked(),
        )

    def save(self) -> int:
        return self.services.intake.save_meeting(
            self.detail.candidate_id, self.value(), self.detail.row_version
        )
