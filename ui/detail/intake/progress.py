"""Where the intake stands: its steps with the current one marked, and what comes next."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from utq_desktop.domain.intake import IntakeState
from utq_desktop.services.dto import IntakeDetail

from ui.detail.intake.common import NOTE_STYLE
from ui.formatting import format_date, intake_text, status_text

CURRENT_COLOR = "#1565c0"
DONE_COLOR = "#2e7d32"
LATER_COLOR = "#8a8a8a"


class IntakeProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeProgress")
        self.steps = QLabel(self)
        self.steps.setObjectName("intakeSteps")
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setObjectName("intakeState")
        self.state.setAccessibleName(self.tr("Intake state"))
        font = self.state.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.state.setFont(font)
        self.next_step = QLabel(self)
        self.next_step.setObjectName("intakeNextStep")
        self.next_step.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("intakeTrajectoryStatus")
        self.status.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addWidget(self.state)
        layout.addWidget(self.steps)
        layout.addWidget(self.next_step)
        layout.addWidget(self.status)

    def show_detail(self, detail: IntakeDetail) -> None:
        current = list(IntakeState).index(detail.state)
        parts = []
        for position, state in enumerate(IntakeState):
            text = html.escape(intake_text(state)).replace(" ", "&nbsp;")  # wrap between steps
            if position < current:
                parts.append(f'<span style="color:{DONE_COLOR}">✓&nbsp;{text}</span>')
            elif position == current:
                parts.append(f'<b style="color:{CURRENT_COLOR}">●&nbsp;{text}</b>')
            else:
                parts.append(f'<span style="color:{LATER_COLOR}">○&nbsp;{text}</span>')
        self.steps.setText(" &nbsp;›&nbsp; ".join(parts))
        self.steps.setAccessibleName(
            self.tr("Step {n} of {total}").format(n=current + 1, total=len(IntakeState))
        )
        self.state.setText(self.tr("Intake: {state}").format(state=intake_text(detail.state)))
        self.next_step.setText(self.hint(detail))
        self.status.setText(
            self.tr("Trajectory status: {status}").format(
                status=status_text(detail.candidate_status)
            )
        )

    def missing_documents(self, detail: IntakeDetail) -> list[str]:
        documents = detail.documents
        return [
            text
            for sent, text in (
                (documents.cv, self.tr("educational CV")),
                (documents.self_diagnosis, self.tr("self-diagnosis")),
                (documents.teaching_tasks, self.tr("teaching tasks")),
            )
            if not sent
        ]

    def listed(self, items: list[str]) -> str:
        """'a, b and c'."""
        if len(items) < 2:
            return "".join(items)
        return self.tr("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])

    def hint(self, detail: IntakeDetail) -> str:
        """What the coordinator does next."""
        state, meeting = detail.state, detail.meeting
        missing = self.listed(self.missing_documents(detail))
        if state is IntakeState.NOT_STARTED:
            return self.tr(
                "Nothing recorded yet: start with the educational CV, the self-diagnosis or "
                "the teaching tasks."
            )
        if state is IntakeState.DOCUMENTS_INCOMPLETE:
            return self.tr("Next: send the {missing} to the educational consultant.").format(
                missing=missing
            )
        if state is IntakeState.READY_FOR_MEETING:
            return self.tr(
                "All documents went to the consultant on {date}. Next: plan the intake meeting."
            ).format(date=format_date(detail.documents.sent_on))
        if state is IntakeState.MEETING_PLANNED:
            if meeting.held:
                return self.tr(
                    "The meeting was held: assign the UTQ supervisor to complete the intake."
                )
            text = self.tr("Meeting on {date}{with_whom}.").format(
                date=format_date(meeting.planned_on),
                with_whom=self.tr(" with {name}").format(name=meeting.with_whom)
                if meeting.with_whom
                else "",
            )
            if missing:
                text += " " + self.tr("Still to send: {missing}.").format(missing=missing)
            return text
        return self.tr("Completed on {date}; UTQ supervisor: {supervisor}.").format(
            date=format_date(detail.completed_on), supervisor=detail.supervisor
        )
