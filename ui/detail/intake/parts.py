"""The teaching tasks, the documents for the consultant and the intake meeting, as read;
each with an Edit… button that opens its dialog."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget
from utq_desktop.services.dto import IntakeDetail

from ui.detail.intake.common import IntakeDialog, SectionBox
from ui.detail.intake.host import IntakeHost
from ui.detail.intake.part_dialogs import DocumentsDialog, MeetingDialog, TeachingTasksDialog
from ui.formatting import format_date

DONE, MISSING = "✓", "✗"
MUTED = "#8a8a8a"


class _Part(SectionBox):
    dialog_class: type[IntakeDialog]

    def __init__(self, host: IntakeHost, title: str, name: str, parent: QWidget | None) -> None:
        super().__init__(title, name, parent)
        self.host = host
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body.addLayout(self.form)
        self.values: dict[str, QLabel] = {}

    def value_row(self, key: str, label: str) -> QLabel:
        value = self.value_label(self, f"intake_{key}", label)
        self.form.addRow(label + ":", value)
        self.values[key] = value
        return value

    def set_value(self, key: str, text: str) -> None:
        self.values[key].setText(text or "—")

    def edit(self) -> None:
        detail = self.host.detail
        if detail is None:
            return
        dialog = self.dialog_class(self.host.services, detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if dialog.exec() == IntakeDialog.DialogCode.Accepted:
            self.host.saved()


def _nbsp(text: str) -> str:
    """Escaped, and kept on one line (the checklist wraps between its items only)."""
    return html.escape(text).replace(" ", "&nbsp;")


def _date(value: date | None) -> str:
    return format_date(value) if value else ""


class TasksSection(_Part):
    dialog_class = TeachingTasksDialog

    def __init__(self, host: IntakeHost, parent: QWidget | None = None) -> None:
        super().__init__(
            host, self.tr("Teaching tasks, with the department supervisor"), "intakeTasks", parent
        )
        self.value_row("tasks_supervisor", self.tr("Department supervisor"))
        self.value_row("tasks_discussed_on", self.tr("Discussed on"))
        self.value_row("tasks_agreed", self.tr("Agreed tasks"))
        self.edit_button = self.action_button(
            "intakeEditTasks", self.tr("Edit teaching &tasks…"), self.edit
        )

    def show_detail(self, detail: IntakeDetail) -> None:
        tasks = detail.tasks
        self.set_value("tasks_supervisor", tasks.supervisor)
        self.set_value("tasks_discussed_on", _date(tasks.discussed_on))
        self.set_value("tasks_agreed", tasks.agreed)
        self.show_change(detail.changes.get("tasks"))


class DocumentsSection(_Part):
    dialog_class = DocumentsDialog

    def __init__(self, host: IntakeHost, parent: QWidget | None = None) -> None:
        super().__init__(
            host,
            self.tr("Documents to the faculty educational consultant"),
            "intakeDocuments",
            parent,
        )
        self.value_row("documents", self.tr("Sent")).setTextFormat(Qt.TextFormat.RichText)
        self.value_row("documents_sent_on", self.tr("Date sent"))
        self.edit_button = self.action_button(
            "intakeEditDocuments", self.tr("Edit &checklist…"), self.edit
        )

    def show_detail(self, detail: IntakeDetail) -> None:
        documents = detail.documents
        items = (
            (documents.cv, self.tr("Educational CV")),
            (documents.self_diagnosis, self.tr("Self-diagnosis")),
            (documents.teaching_tasks, self.tr("Teaching tasks")),
        )
        self.set_value(
            "documents",
            "&nbsp;&nbsp;&nbsp;".join(
                f"{DONE}&nbsp;{_nbsp(text)}"
                if sent
                else f'<span style="color:{MUTED}">{MISSING}&nbsp;{_nbsp(text)}</span>'
                for sent, text in items
            ),
        )
        self.values["documents"].setAccessibleDescription(
            ", ".join(
                (self.tr("{item}: sent") if sent else self.tr("{item}: not sent")).format(item=text)
                for sent, text in items
            )
        )
        self.set_value("documents_sent_on", _date(documents.sent_on))
        self.show_change(detail.changes.get("documents"))


class MeetingSection(_Part):
    dialog_class = MeetingDialog

    def __init__(self, host: IntakeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, self.tr("Intake meeting"), "intakeMeeting", parent)
        self.value_row("meeting_on", self.tr("Date"))
        self.value_row("meeting_with", self.tr("With"))
        self.value_row("supervisor", self.tr("UTQ supervisor"))
        self.value_row("agreements", self.tr("Agreements"))
        self.value_row("consider", self.tr("To consider"))
        self.edit_button = self.action_button(
            "intakeEditMeeting", self.tr("Edit meeti&ng…"), self.edit
        )

    def show_detail(self, detail: IntakeDetail) -> None:
        meeting = detail.meeting
        when = _date(meeting.planned_on)
        if when:
            when = (
                self.tr("{date}, held").format(date=when)
                if meeting.held
                else self.tr("{date}, planned").format(date=when)
            )
        self.set_value("meeting_on", when)
        self.set_value("meeting_with", meeting.with_whom)
        self.set_value("supervisor", detail.supervisor)
        self.set_value("agreements", meeting.agreements)
        consider = []
        if meeting.consider_exemption:
            consider.append(self.tr("an exemption"))
        if meeting.consider_partial_certificate:
            consider.append(self.tr("a partial certificate"))
        self.set_value("consider", ", ".join(consider))
        self.show_change(detail.changes.get("meeting"))
