"""One exemption request in the tab: what was filed and recorded, the history of its
steps (dated, by whom), and a button for each step that may come next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)
from utq_desktop.domain.exemption import CaseStatus, Verdict
from utq_desktop.services.exemption_dto import ExemptionCaseInfo

from ui.detail.exemption.models import StepModel
from ui.detail.exemption.texts import (
    advice_text,
    case_status_text,
    decision_text,
    ground_text,
    next_action_text,
    status_color,
)
from ui.detail.intake.common import NOTE_STYLE, SectionBox, fit_rows
from ui.formatting import format_date

if TYPE_CHECKING:
    from ui.detail.exemption.tab import ExemptionTab

C = CaseStatus
STEP_BUTTONS = {  # the button that records each step, with its mnemonic
    C.UNDER_EVALUATION: "&Assign advisor…",
    C.MEETING_PLANNED: "Plan &meeting…",
    C.ADVICE_GIVEN: "Record a&dvice…",
    C.DECIDED: "Record faculty &decision…",
    C.INFORMED: "Candidate &informed…",
}
FACTS = (
    ("status", "Status"),
    ("ground", "Ground"),
    ("filed", "Filed"),
    ("advisor", "Exemption advisor"),
    ("meeting", "Meeting"),
    ("advice", "Advice"),
    ("decision", "Decision"),
    ("withdrawn", "Withdrawn"),
    ("notes", "Notes"),
)


class CaseSection(SectionBox):
    def __init__(self, tab: ExemptionTab, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Exemption request"), "exemptionCase", parent)
        self.tab = tab
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for key, label in FACTS:
            value = self.value_label(self, f"exemption_{key}", self.tr(label))
            value.setTextFormat(Qt.TextFormat.PlainText)  # typed text stays as typed
            caption = QLabel(self.tr(label) + ":", self)
            self.form.addRow(caption, value)
            self.values[key], self.labels[key] = value, caption
        self.values["status"].setTextFormat(Qt.TextFormat.RichText)
        self.body.addLayout(self.form)

        self.steps_model = StepModel(self)
        self.steps = QTableView(self)
        self.steps.setObjectName("exemptionSteps")
        self.steps.setAccessibleName(self.tr("Steps of the request"))
        self.steps.setModel(self.steps_model)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setAlternatingRowColors(True)
        self.steps.setWordWrap(False)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.verticalHeader().setVisible(False)
        self.steps.verticalHeader().setDefaultSectionSize(self.steps.fontMetrics().height() + 8)
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.body.addWidget(self.steps)

        self.step_buttons: dict[CaseStatus, QPushButton] = {}
        for target, text in STEP_BUTTONS.items():
            button = self.action_button(
                f"exemptionStep_{target.value}",
                self.tr(text),
                lambda _checked=False, t=target: tab.editor.record_step(t),
            )
            self.step_buttons[target] = button
        self.withdraw_button = self.action_button(
            "exemptionWithdraw",
            self.tr("&Withdraw…"),
            lambda: tab.editor.record_step(CaseStatus.WITHDRAWN),
        )
        self.edit_button = self.action_button(
            "exemptionEditCase", self.tr("&Edit…"), lambda: tab.editor.edit_case()
        )

    def show_case(self, case: ExemptionCaseInfo) -> None:
        today = self.tab.today
        status = case_status_text(case.status, case.decision)
        action = next_action_text(case.status, case.meeting_on, today)
        days = self.tr("open for %n day(s)", "", case.days_open)
        if case.status.closed:
            days = self.tr("took %n day(s)", "", case.days_open)
        extra = f" · {days}" + (
            " · " + self.tr("next: {action}").format(action=action) if action else ""
        )
        self.values["status"].setText(f"<b>{status}</b>{extra}")
        self.values["status"].setStyleSheet(
            f"color: {status_color(case.status, case.decision).name()};"
        )
        ground = ground_text(case.data.ground)
        if case.data.ground_detail:
            ground += f" — {case.data.ground_detail}"
        self.values["ground"].setText(ground)
        self.values["filed"].setText(
            self.tr("{date} by {name}").format(
                date=format_date(case.data.filed_on), name=case.data.filed_by
            )
        )
        self._show("advisor", case.advisor)
        self._show("meeting", format_date(case.meeting_on))
        advice = ""
        if case.advice is not None:
            advice = f"{advice_text(case.advice)} — {case.advice_motivation}"
        self._show("advice", advice)
        decision = ""
        if case.decision is not None:
            decided = case.step(C.DECIDED)
            decision = self.tr("{verdict} on {date} by {name} — {motivation}").format(
                verdict=decision_text(case.decision),
                date=format_date(decided.on if decided else None),
                name=case.decided_by,
                motivation=case.decision_motivation,
            )
        self._show("decision", decision)
        self.values["decision"].setStyleSheet(
            ""
            if case.decision is None
            else f"color: {status_color(C.DECIDED, case.decision).name()};"
        )
        self._show("withdrawn", case.withdrawn_reason)
        self._show("notes", case.data.notes)
        self.steps_model.set_rows(case.steps)
        fit_rows(self.steps, len(case.steps))
        for target, button in self.step_buttons.items():
            button.setVisible(target in case.next_steps)
        self.withdraw_button.setVisible(C.WITHDRAWN in case.next_steps)
        self.edit_button.setEnabled(not case.status.closed)
        granted = case.granted or case.decision is Verdict.GRANT
        self.setTitle(
            self.tr("Exemption request (granted)") if granted else self.tr("Exemption request")
        )

    def _show(self, key: str, text: str) -> None:
        self.values[key].setText(text)
        self.values[key].setVisible(bool(text))
        self.labels[key].setVisible(bool(text))
        if key == "notes":
            self.values[key].setStyleSheet(NOTE_STYLE if not text else "")
