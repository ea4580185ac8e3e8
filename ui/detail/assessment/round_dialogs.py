"""Dialogs for an assessment round: start it (submission, panel, date), an assessor's
judgement or the chair's decision, the result, and the reason for cancelling. Each hands
what was entered to its ``save`` callback, which calls the service; a UtqError keeps the
dialog open with the message (ui.detail.route.dialogs.FormDialog)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from utq_desktop.domain.assessment import Verdict
from utq_desktop.errors import ValidationError
from utq_desktop.services.assessment_dto import SnapshotRef
from utq_desktop.services.dto import UserInfo

from ui.detail.assessment.texts import verdict_text
from ui.detail.route.dialogs import FormDialog, date_edit, from_qdate, to_qdate
from ui.formatting import format_timestamp
from ui.messages import confirm


def text_edit(parent: QWidget, name: str, accessible: str, text: str = "") -> QPlainTextEdit:
    """A multi-line text field where Tab moves on to the next field (shared with appeals)."""
    edit = QPlainTextEdit(text, parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(90)
    return edit


class StartDialog(FormDialog):
    """Which submission, which assessors (two) and which chair; and the start date."""

    def __init__(
        self,
        parent: QWidget,
        snapshots: Sequence[SnapshotRef],
        users: Sequence[UserInfo],
        today: date,
        save: Callable[[int, list[int], int, date], object],
    ) -> None:
        super().__init__(parent, "assessmentStartDialog", parent.tr("Start assessment"))
        self._save_call = save
        self.snapshot = QComboBox(self)
        self.snapshot.setObjectName("assessmentSnapshot")
        for ref in snapshots:
            when = format_timestamp(ref.submitted_at) if ref.submitted_at else ""
            self.snapshot.addItem(
                self.tr("Submission {n} ({when})").format(n=ref.number, when=when), ref.id
            )
        # assessors first: the role is a hint, any user may be appointed
        ordered = sorted(users, key=lambda u: u.role != "assessor")
        self.first = self._user_combo("assessmentFirstAssessor", ordered, 0)
        self.second = self._user_combo("assessmentSecondAssessor", ordered, 1)
        self.chair = self._user_combo("assessmentChair", ordered, 2)
        self.started_on = date_edit(self, "assessmentStartedOn", self.tr("Start date"), False)
        self.started_on.setDate(to_qdate(today))
        self.form.addRow(self.tr("&Submission:"), self.snapshot)
        self.form.addRow(self.tr("&First assessor:"), self.first)
        self.form.addRow(self.tr("S&econd assessor:"), self.second)
        self.form.addRow(self.tr("&Chair:"), self.chair)
        self.form.addRow(self.tr("S&tarted on:"), self.started_on)
        hint = QLabel(
            self.tr(
                "Each assessor judges every competence without seeing the other's "
                "judgements; the chair decides where they disagree."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self._fields = {
            "snapshot": self.snapshot,
            "assessors": self.first,
            "chair": self.chair,
            "started_on": self.started_on,
        }

    def _user_combo(self, name: str, users: Sequence[UserInfo], index: int) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for user in users:
            combo.addItem(f"{user.name} ({user.role})", user.id)
        combo.setCurrentIndex(min(index, combo.count() - 1))
        return combo

    def _value(self) -> tuple[int, list[int], int, date]:
        day = from_qdate(self.started_on.date())
        assert day is not None
        return (
            int(self.snapshot.currentData() or 0),
            [int(self.first.currentData() or 0), int(self.second.currentData() or 0)],
            int(self.chair.currentData() or 0),
            day,
        )

    def _store(self, value: tuple[int, list[int], int, date]) -> None:
        self._save_call(*value)


class JudgementDialog(FormDialog):
    """A verdict on one competence with its motivation and date: an assessor's judgement
    or the chair's decision."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        about: str,
        verdict: Verdict | None,
        motivation: str,
        on: date,
        save: Callable[[Verdict, str, date], object],
    ) -> None:
        super().__init__(parent, "assessmentJudgementDialog", title)
        self._save_call = save
        about_label = QLabel(about, self)
        about_label.setWordWrap(True)
        self.form.addRow(about_label)
        self.sufficient = QRadioButton(verdict_text(Verdict.SUFFICIENT), self)
        self.sufficient.setObjectName("verdictSufficient")
        self.insufficient = QRadioButton(verdict_text(Verdict.INSUFFICIENT), self)
        self.insufficient.setObjectName("verdictInsufficient")
        group = QButtonGroup(self)
        group.addButton(self.sufficient)
        group.addButton(self.insufficient)
        self.sufficient.setChecked(verdict is Verdict.SUFFICIENT)
        self.insufficient.setChecked(verdict is Verdict.INSUFFICIENT)
        row = QHBoxLayout()
        row.addWidget(self.sufficient)
        row.addWidget(self.insufficient)
        row.addStretch(1)
        self.form.addRow(self.tr("Verdict:"), row)
        self.motivation = text_edit(self, "judgementMotivation", self.tr("Motivation"), motivation)
        self.form.addRow(self.tr("&Motivation:"), self.motivation)
        self.on = date_edit(self, "judgementDate", self.tr("Date"), optional=False)
        self.on.setDate(to_qdate(on))
        self.form.addRow(self.tr("&Date:"), self.on)
        self._fields = {
            "motivation": self.motivation,
            "judged_on": self.on,
            "decided_on": self.on,
        }
        self.resize(520, 320)

    def _value(self) -> tuple[Verdict | None, str, date | None]:
        verdict = (
            Verdict.SUFFICIENT
            if self.sufficient.isChecked()
            else Verdict.INSUFFICIENT
            if self.insufficient.isChecked()
            else None
        )
        return verdict, self.motivation.toPlainText(), from_qdate(self.on.date())

    def _store(self, value: tuple[Verdict | None, str, date | None]) -> None:
        verdict, motivation, on = value
        if verdict is None:
            raise ValidationError(self.tr("Choose sufficient or insufficient."), "verdict")
        assert on is not None
        self._save_call(verdict, motivation, on)


class ResultDialog(FormDialog):
    """The round's result — what the verdicts make it — with its date and motivation.
    Saving asks first: the result changes the candidate's status."""

    def __init__(
        self,
        parent: QWidget,
        result: Verdict,
        candidate_name: str,
        today: date,
        save: Callable[[date, str], object],
    ) -> None:
        super().__init__(parent, "assessmentResultDialog", parent.tr("Record the result"))
        self._save_call = save
        self._result = result
        self._name = candidate_name
        color = "#2e7d32" if result is Verdict.SUFFICIENT else "#c62828"
        label = QLabel(
            f"<b style='color:{color}'>{verdict_text(result)}</b> — "
            + (
                self.tr("every competence is sufficient.")
                if result is Verdict.SUFFICIENT
                else self.tr("at least one competence is insufficient.")
            ),
            self,
        )
        label.setObjectName("resultVerdict")
        self.form.addRow(self.tr("Result:"), label)
        self.on = date_edit(self, "resultDate", self.tr("Date of the result"), optional=False)
        self.on.setDate(to_qdate(today))
        self.form.addRow(self.tr("&Date:"), self.on)
        self.motivation = text_edit(self, "resultMotivation", self.tr("Motivation"))
        self.form.addRow(self.tr("&Motivation:"), self.motivation)
        self._fields = {"decided_on": self.on, "motivation": self.motivation}
        self.resize(520, 300)

    def _value(self) -> tuple[date | None, str]:
        return from_qdate(self.on.date()), self.motivation.toPlainText()

    def _save(self) -> None:
        if self._result is Verdict.SUFFICIENT:
            text = self.tr(
                "Record the result 'sufficient'? {name} becomes qualified: the UTQ is "
                "complete. Afterwards the result can only change through an appeal."
            ).format(name=self._name)
        else:
            text = self.tr(
                "Record the result 'insufficient'? The dossier of {name} goes back for "
                "revision with the assessors' motivations as feedback, and the status "
                "returns to 'Portfolio'. Afterwards the result can only change through an "
                "appeal."
            ).format(name=self._name)
        if confirm(self, self.tr("Record the result"), text, self.tr("Record result")):
            super()._save()

    def _store(self, value: tuple[date | None, str]) -> None:
        on, motivation = value
        assert on is not None
        self._save_call(on, motivation)


class ReasonDialog(FormDialog):
    """One line of text: why a round is cancelled."""

    def __init__(
        self, parent: QWidget, title: str, label: str, save: Callable[[str], object]
    ) -> None:
        super().__init__(parent, "assessmentReasonDialog", title)
        self._save_call = save
        self.reason = text_edit(self, "assessmentReason", label)
        self.reason.setMinimumHeight(60)
        self.form.addRow(label, self.reason)
        self._fields = {"reason": self.reason}

    def _value(self) -> str:
        return self.reason.toPlainText()

    def _store(self, value: str) -> None:
        self._save_call(value)
