"""Overview tab: the candidate's personal data, trajectory and everything that changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.enums import DueState
from utq_desktop.services.dto import AuditEvent, CandidateDetail

from ui.detail.base import DetailTab, TabContext
from ui.detail.timeline_model import TimelineModel
from ui.formatting import due_color, due_text, format_date, status_text
from ui.messages import show_error

FIELDS = (
    ("name", "Name"),
    ("staff_number", "Staff number"),
    ("email", "E-mail"),
    ("faculty", "Faculty"),
    ("department", "Department"),
    ("position", "Position"),
    ("fte", "FTE"),
    ("employment_start", "Employment start"),
    ("deadline", "UTQ deadline"),
    ("status", "Status"),
    ("supervisor", "UTQ supervisor"),
    ("framework", "Competence framework"),
    ("language", "Letters in"),
)


class OverviewTab(DetailTab):
    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("overviewTab")
        self._requested = 0
        self.values: dict[str, QLabel] = {}

        personal = QGroupBox(self.tr("Candidate"), self)
        form = QFormLayout(personal)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in FIELDS:
            value = QLabel(personal)
            value.setObjectName(f"overview_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            value.setAccessibleName(self.tr(label))
            form.addRow(self.tr(label) + ":", value)
            self.values[key] = value

        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for action in context.candidate_actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setVisible(action.isVisible())
            action.changed.connect(
                lambda button=button, action=action: button.setVisible(action.isVisible())
            )
            self.buttons.addWidget(button)

        self.timeline_model = TimelineModel(self)
        self.timeline = QTableView(self)
        self.timeline.setObjectName("overviewTimeline")
        self.timeline.setAccessibleName(self.tr("Timeline of changes"))
        self.timeline.setModel(self.timeline_model)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setWordWrap(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        history = QGroupBox(self.tr("Timeline"), self)
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.timeline)

        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(personal)
        layout.addWidget(history, 1)

    def title(self) -> str:
        return self.tr("Overview")

    def load(self, candidate_id: int) -> None:
        self._requested = candidate_id
        services = self.services

        def fetch() -> tuple[CandidateDetail, list[AuditEvent]]:
            return (
                services.candidates.detail(candidate_id),
                services.audit.candidate_timeline(candidate_id),
            )

        self.context.runner.run(fetch, self._show, self._failed)

    def _show(self, result: tuple[CandidateDetail, list[AuditEvent]]) -> None:
        detail, events = result
        if detail.id != self._requested:
            return  # the user moved on while this was loading
        data = detail.data
        fte = f"{data.fte:.2f}".rstrip("0").rstrip(".") if data.fte is not None else ""
        deadline = format_date(detail.deadline)
        if detail.deadline and data.extension_months:
            deadline += self.tr(
                " (extended by %n month(s): {reason})", "", data.extension_months
            ).format(reason=data.extension_reason)
        if detail.due_state in (DueState.OVERDUE, DueState.DUE_SOON, DueState.FULFILLED):
            # fulfilled too: a qualified or exempted candidate's date is no longer a deadline
            state = due_text(detail.due_state)
            deadline = f"{deadline} — {state}" if deadline else state
        status = status_text(data.status)
        if detail.archived_at is not None:
            status += self.tr(" (archived)")
        texts = {
            "name": detail.full_name,
            "staff_number": data.staff_number,
            "email": data.email,
            "faculty": data.faculty,
            "department": data.department,
            "position": data.position,
            "fte": fte,
            "employment_start": format_date(data.employment_start),
            "deadline": deadline,
            "status": status,
            "supervisor": detail.supervisor or self.tr("not assigned"),
            "framework": detail.framework,
            "language": self.tr("Dutch") if data.language == "nl" else self.tr("English"),
        }
        for key, text in texts.items():
            self.values[key].setText(text or "—")
        color = due_color(detail.due_state)
        self.values["deadline"].setStyleSheet(
            f"color: {color.name()}; font-weight: bold;" if color else ""
        )
        self.timeline_model.set_events(events)

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the candidate"), error)
