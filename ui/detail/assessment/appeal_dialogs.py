"""Dialogs for an appeal against a round's result: filing it (late filings need a
reason), the hearing date and the outcome; a granted appeal changes the result, so saving
that asks first. Same ``save`` callback contract as round_dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from utq_desktop.domain.assessment import AppealOutcome, Verdict

from ui.detail.assessment.round_dialogs import text_edit
from ui.detail.assessment.texts import outcome_text, verdict_text
from ui.detail.route.dialogs import FormDialog, date_edit, from_qdate, to_qdate
from ui.formatting import format_date
from ui.messages import confirm


class AppealDialog(FormDialog):
    """A new appeal: filing date and grounds; a reason when it is accepted late."""

    def __init__(
        self,
        parent: QWidget,
        deadline: date,
        today: date,
        save: Callable[[date, str, str | None], object],
    ) -> None:
        super().__init__(parent, "appealDialog", parent.tr("File an appeal"))
        self._save_call = save
        self._deadline = deadline
        self.filed_on = date_edit(self, "appealFiledOn", self.tr("Filed on"), optional=False)
        self.filed_on.setDate(to_qdate(today))
        self.form.addRow(self.tr("&Filed on:"), self.filed_on)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("appealDeadline")
        self.form.addRow(self.tr("Deadline:"), self.deadline)
        self.grounds = text_edit(self, "appealGrounds", self.tr("Grounds"))
        self.form.addRow(self.tr("&Grounds:"), self.grounds)
        self.late_reason = text_edit(self, "appealLateReason", self.tr("Accepted late because"))
        self.late_reason.setMinimumHeight(50)
        self.late_label = QLabel(self.tr("Accepted &late because:"), self)
        self.late_label.setBuddy(self.late_reason)
        self.form.addRow(self.late_label, self.late_reason)
        self._fields = {
            "filed_on": self.filed_on,
            "grounds": self.grounds,
            "late_reason": self.late_reason,
        }
        self.filed_on.dateChanged.connect(self._update_late)
        self._update_late()
        self.resize(520, 360)

    def _late(self) -> bool:
        day = from_qdate(self.filed_on.date())
        return day is not None and day > self._deadline

    def _update_late(self, *_args: object) -> None:
        late = self._late()
        text = format_date(self._deadline)
        if late:
            text += " — " + self.tr("this filing is late: it needs the reason it is accepted")
        self.deadline.setText(text)
        self.deadline.setStyleSheet("color: #c62828;" if late else "")
        self.late_reason.setVisible(late)
        self.late_label.setVisible(late)

    def _value(self) -> tuple[date | None, str, str | None]:
        late = self._late()
        return (
            from_qdate(self.filed_on.date()),
            self.grounds.toPlainText(),
            self.late_reason.toPlainText() if late else None,
        )

    def _store(self, value: tuple[date | None, str, str | None]) -> None:
        filed_on, grounds, late_reason = value
        assert filed_on is not None
        self._save_call(filed_on, grounds, late_reason)


class HearingDialog(FormDialog):
    """The hearing's date, or none (taken back)."""

    def __init__(
        self, parent: QWidget, hearing_on: date | None, save: Callable[[date | None], object]
    ) -> None:
        super().__init__(parent, "appealHearingDialog", parent.tr("Appeal hearing"))
        self._save_call = save
        self.on = date_edit(self, "appealHearingOn", self.tr("Hearing"), optional=True)
        self.on.setDate(to_qdate(hearing_on) if hearing_on else QDate.currentDate())
        self.form.addRow(self.tr("&Hearing on:"), self.on)
        self._fields = {"hearing_on": self.on}

    def _value(self) -> date | None:
        return from_qdate(self.on.date())

    def _store(self, value: date | None) -> None:
        self._save_call(value)


class OutcomeDialog(FormDialog):
    """How an appeal ended; a granted appeal changes the result (asked first)."""

    def __init__(
        self,
        parent: QWidget,
        current: Verdict,
        today: date,
        save: Callable[[AppealOutcome, date, str], object],
    ) -> None:
        super().__init__(parent, "appealOutcomeDialog", parent.tr("Outcome of the appeal"))
        self._save_call = save
        self._current = current
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("appealOutcome")
        for outcome in (AppealOutcome.UPHELD, AppealOutcome.GRANTED, AppealOutcome.WITHDRAWN):
            self.outcome.addItem(outcome_text(outcome), outcome)
        self.form.addRow(self.tr("&Outcome:"), self.outcome)
        self.effect = QLabel(self)
        self.effect.setObjectName("appealEffect")
        self.effect.setWordWrap(True)
        self.form.addRow(self.effect)
        self.on = date_edit(self, "appealOutcomeOn", self.tr("Decided on"), optional=False)
        self.on.setDate(to_qdate(today))
        self.form.addRow(self.tr("&Decided on:"), self.on)
        self.motivation = text_edit(self, "appealMotivation", self.tr("Motivation"))
        self.form.addRow(self.tr("&Motivation:"), self.motivation)
        self._fields = {
            "outcome": self.outcome,
            "decided_on": self.on,
            "motivation": self.motivation,
        }
        self.outcome.currentIndexChanged.connect(self._update_effect)
        self._update_effect()
        self.resize(520, 320)

    def _new_result(self) -> Verdict:
        return Verdict.INSUFFICIENT if self._current is Verdict.SUFFICIENT else Verdict.SUFFICIENT

    def _update_effect(self, *_args: object) -> None:
        if AppealOutcome(self.outcome.currentData()) is AppealOutcome.GRANTED:
            self.effect.setText(
                self.tr("The result changes from '{old}' to '{new}'.").format(
                    old=verdict_text(self._current), new=verdict_text(self._new_result())
                )
            )
        else:
            self.effect.setText(
                self.tr("The result stays '{old}'.").format(old=verdict_text(self._current))
            )

    def _value(self) -> tuple[AppealOutcome, date | None, str]:
        return (
            AppealOutcome(self.outcome.currentData()),
            from_qdate(self.on.date()),
            self.motivation.toPlainText(),
        )

    def _save(self) -> None:
        if AppealOutcome(self.outcome.currentData()) is AppealOutcome.GRANTED:
            new = self._new_result()
            consequence = (
                self.tr("The candidate becomes qualified.")
                if new is Verdict.SUFFICIENT
                else self.tr(
                    "The candidate is no longer qualified and goes back to the portfolio; "
                    "a certificate issued on this result should be revoked."
                )
            )
            if not confirm(
                self,
                self.tr("Change the result"),
                self.tr("Change the result to '{new}'? {consequence}").format(
                    new=verdict_text(new), consequence=consequence
                ),
                self.tr("Change result"),
            ):
                return
        super()._save()

    def _store(self, value: tuple[AppealOutcome, date | None, str]) -> None:
        outcome, on, motivation = value
        assert on is not None
        self._save_call(outcome, on, motivation)
