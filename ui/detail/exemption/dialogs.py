"""Dialogs of the Exemption tab: filing (or correcting) a request, and recording one step
of its procedure (a partial certificate's: certificate_dialog.py).

As in the route tab (ui/detail/route/dialogs.py), each dialog hands what was entered to
its ``save`` callback, which calls the service: an error keeps the dialog open with the
message, and the field it names gets the focus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from utq_desktop.domain.exemption import CaseStatus, ExemptionGround, Verdict
from utq_desktop.services.exemption_dto import (
    CaseInput,
    ExemptionCaseInfo,
    StepInput,
)

from ui.detail.exemption.texts import (
    advice_text,
    decision_text,
    ground_short_text,
    ground_text,
    step_action_text,
)
from ui.detail.route.dialogs import FormDialog, date_edit, from_qdate, to_qdate
from ui.formatting import format_date


def names_combo(parent: QWidget, name: str, accessible: str, names: Sequence[str]) -> QComboBox:
    """A name as typed, with the application's users on offer."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(dict.fromkeys(names)))
    combo.setAccessibleName(accessible)
    combo.lineEdit().setMaxLength(200)
    return combo


def text_box(parent: QWidget, name: str, accessible: str, lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class CaseDialog(FormDialog):
    """File an exemption request, or correct what was filed."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: CaseInput,
        names: Sequence[str],
        today: date,
        save: Callable[[CaseInput], None],
    ) -> None:
        super().__init__(parent, "exemptionCaseDialog", title)
        self._save_value = save
        self.ground = QComboBox(self)
        self.ground.setObjectName("ground")
        self.ground.setAccessibleName(self.tr("Ground"))
        for ground in ExemptionGround:
            self.ground.addItem(ground_short_text(ground), ground.value)
            self.ground.setItemData(
                self.ground.count() - 1, ground_text(ground), Qt.ItemDataRole.ToolTipRole
            )
        self.ground_help = QLabel(self)
        self.ground_help.setObjectName("groundHelp")
        self.ground_help.setWordWrap(True)
        self.ground_help.setStyleSheet("color: palette(placeholder-text);")
        self.ground_detail = QLineEdit(self)
        self.ground_detail.setObjectName("ground_detail")
        self.ground_detail.setAccessibleName(self.tr("Diploma or certificate"))
        self.ground_detail.setMaxLength(300)
        self.filed_on = date_edit(self, "filed_on", self.tr("Filed on"), False)
        self.filed_on.setMaximumDate(to_qdate(today))
        self.filed_by = names_combo(self, "filed_by", self.tr("Filed by (HR advisor)"), names)
        self.notes = text_box(self, "notes", self.tr("Notes"))
        self.form.addRow(self.tr("&Ground:"), self.ground)
        self.form.addRow("", self.ground_help)
        self.form.addRow(self.tr("&Diploma / certificate:"), self.ground_detail)
        self.form.addRow(self.tr("&Filed on:"), self.filed_on)
        self.form.addRow(self.tr("Filed &by:"), self.filed_by)
        self.form.addRow(self.tr("&Notes:"), self.notes)
        self._fields = {
            "ground": self.ground,
            "ground_detail": self.ground_detail,
            "filed_on": self.filed_on,
            "filed_by": self.filed_by,
            "notes": self.notes,
        }
        self.ground.currentIndexChanged.connect(self._show_ground)
        self.ground.setCurrentIndex(max(0, self.ground.findData(initial.ground.value)))
        self.ground_detail.setText(initial.ground_detail)
        self.filed_on.setDate(to_qdate(initial.filed_on or today))
        self.filed_by.setCurrentText(initial.filed_by)
        self.notes.setPlainText(initial.notes)
        self._show_ground()
        self.setMinimumWidth(560)

    def _show_ground(self) -> None:
        ground = ExemptionGround(self.ground.currentData())
        self.ground_help.setText(ground_text(ground))
        self.ground_detail.setPlaceholderText(
            self.tr("required: describe the ground")
            if ground is ExemptionGround.OTHER
            else self.tr("e.g. the diploma's name and year (optional)")
        )

    def _value(self) -> CaseInput:
        return CaseInput(
            ground=ExemptionGround(self.ground.currentData()),
            ground_detail=self.ground_detail.text(),
            filed_on=from_qdate(self.filed_on.date()),
            filed_by=self.filed_by.currentText(),
            notes=self.notes.toPlainText(),
        )

    def _store(self, value: CaseInput) -> None:
        self._save_value(value)


class StepDialog(FormDialog):
    """Record one step: its day and who did it, plus what that step needs (the advisor,
    the meeting's day, the advice or decision with its motivation, the reason)."""

    def __init__(
        self,
        parent: QWidget | None,
        target: CaseStatus,
        case: ExemptionCaseInfo,
        candidate: str,
        names: Sequence[str],
        me: str,
        today: date,
        save: Callable[[StepInput], None],
    ) -> None:
        title = self.tr("{action} — {name}").format(action=step_action_text(target), name=candidate)
        super().__init__(parent, "exemptionStepDialog", title)
        self._save_value = save
        self.target = target
        self.on = date_edit(self, "on", self.tr("Date"), False)
        self.on.setMaximumDate(to_qdate(today))
        self.on.setMinimumDate(to_qdate(case.last_on))
        self.on.setDate(to_qdate(today))
        self.by = names_combo(self, "by", self.tr("By"), [me, *names])
        self.advisor = names_combo(self, "advisor", self.tr("Exemption advisor"), names)
        self.meeting_on = date_edit(self, "meeting_on", self.tr("Meeting on"), False)
        self.meeting_on.setMinimumDate(to_qdate(case.last_on))
        self.meeting_on.setDate(to_qdate(today + timedelta(days=14)))
        self.grant = QRadioButton(self)
        self.grant.setObjectName("verdictGrant")
        self.refuse = QRadioButton(self)
        self.refuse.setObjectName("verdictRefuse")
        self.verdicts = QButtonGroup(self)
        for button in (self.grant, self.refuse):
            self.verdicts.addButton(button)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.grant)
        verdict_row.addWidget(self.refuse)
        verdict_row.addStretch(1)
        self.verdict_box = QWidget(self)
        self.verdict_box.setObjectName("verdict")
        self.verdict_box.setLayout(verdict_row)
        verdict_row.setContentsMargins(0, 0, 0, 0)
        self.motivation = text_box(self, "motivation", self.tr("Motivation"), 5)
        self.reason = text_box(self, "reason", self.tr("Reason"), 3)
        self.consequence = QLabel(self)
        self.consequence.setObjectName("stepConsequence")
        self.consequence.setWordWrap(True)
        self._fields = {
            "on": self.on,
            "by": self.by,
            "advisor": self.advisor,
            "meeting_on": self.meeting_on,
            "verdict": self.grant,
            "motivation": self.motivation,
            "reason": self.reason,
        }
        self._lay_out(target, case, candidate)
        self.setMinimumWidth(560)

    def _lay_out(self, target: CaseStatus, case: ExemptionCaseInfo, candidate: str) -> None:
        C = CaseStatus
        by_labels = {
            C.UNDER_EVALUATION: self.tr("Assigned &by:"),
            C.MEETING_PLANNED: self.tr("Planned &by:"),
            C.ADVICE_GIVEN: self.tr("Advice &by:"),
            C.DECIDED: self.tr("Decided &by:"),
            C.INFORMED: self.tr("Informed &by:"),
            C.WITHDRAWN: self.tr("Withdrawn &by:"),
        }
        self.form.addRow(self.tr("&Date:"), self.on)
        self.form.addRow(by_labels[target], self.by)
        shown = {"on", "by"}
        if target is C.UNDER_EVALUATION:
            self.form.addRow(self.tr("Exemption &advisor:"), self.advisor)
            self.advisor.setCurrentText("")
            shown.add("advisor")
        elif target is C.MEETING_PLANNED:
            self.form.addRow(self.tr("&Meeting on:"), self.meeting_on)
            self.by.setCurrentText(case.advisor or self.by.currentText())
            shown.add("meeting_on")
        elif target in (C.ADVICE_GIVEN, C.DECIDED):
            advice = target is C.ADVICE_GIVEN
            label = advice_text if advice else decision_text
            self.grant.setText(label(Verdict.GRANT))
            self.refuse.setText(label(Verdict.REFUSE))
            label_text = self.tr("&Advice:") if advice else self.tr("&Decision:")
            verdict_label = QLabel(label_text, self)
            verdict_label.setBuddy(self.grant)
            self.form.addRow(verdict_label, self.verdict_box)
            self.form.addRow(self.tr("&Motivation:"), self.motivation)
            shown |= {"verdict", "motivation"}
            if advice:
                self.by.setCurrentText(case.advisor or self.by.currentText())
                if case.meeting_on is not None:
                    self.on.setMinimumDate(to_qdate(max(case.meeting_on, case.last_on)))
            else:  # the faculty usually follows the advice: start from it
                advised = case.step(C.ADVICE_GIVEN)
                if case.advice is not None and advised is not None:
                    given = QLabel(
                        self.tr("{advice}, by {name} on {date}").format(
                            advice=advice_text(case.advice),
                            name=advised.by,
                            date=format_date(advised.on),
                        ),
                        self,
                    )
                    given.setObjectName("adviceGiven")
                    self.form.insertRow(0, self.tr("The advice:"), given)
                self.by.setCurrentText("")
                self.by.lineEdit().setPlaceholderText(self.tr("e.g. the dean of the faculty"))
                if case.advice is not None:
                    (self.grant if case.advice is Verdict.GRANT else self.refuse).setChecked(True)
                self.motivation.setPlainText(case.advice_motivation)
                self.form.addRow("", self.consequence)
                self.grant.toggled.connect(lambda _on: self._show_consequence(candidate))
                self._show_consequence(candidate)
        elif target is C.INFORMED:
            self.form.addRow("", self.consequence)
            self.consequence.setText(
                self.tr("The decision letter is kept with the request (Decision letter).")
            )
        elif target is C.WITHDRAWN:
            self.form.addRow(self.tr("&Reason:"), self.reason)
            self.form.addRow("", self.consequence)
            self.consequence.setText(
                self.tr(
                    "Nothing more can be recorded on a withdrawn request; a new one can be "
                    "filed. Edit → Undo takes the withdrawal back."
                )
            )
            shown.add("reason")
        for name, widget in self._fields.items():
            if name not in shown and name != "verdict":
                widget.hide()
        if "verdict" not in shown:
            self.verdict_box.hide()
        if target not in (C.DECIDED, C.INFORMED, C.WITHDRAWN):
            self.consequence.hide()

    def _show_consequence(self, candidate: str) -> None:
        if self.grant.isChecked():
            text = self.tr(
                "Granting makes {name} 'Exempted': the UTQ obligation is fulfilled and no "
                "deadline applies. An exemption never leads to a UTQ certificate. The decision "
                "letter is written with it."
            )
        else:
            text = self.tr(
                "Refusing leaves {name}'s UTQ obligation and deadline as they are. The "
                "decision letter is written with it."
            )
        self.consequence.setText(text.format(name=candidate))

    def _value(self) -> StepInput:
        verdict = None
        if self.grant.isChecked():
            verdict = Verdict.GRANT
        elif self.refuse.isChecked():
            verdict = Verdict.REFUSE
        on = from_qdate(self.on.date())
        assert on is not None
        C = CaseStatus
        return StepInput(
            target=self.target,
            on=on,
            by=self.by.currentText(),
            advisor=self.advisor.currentText() if self.target is C.UNDER_EVALUATION else "",
            meeting_on=(
                from_qdate(self.meeting_on.date()) if self.target is C.MEETING_PLANNED else None
            ),
            verdict=verdict,
            motivation=self.motivation.toPlainText(),
            reason=self.reason.toPlainText(),
        )

    def _store(self, value: StepInput) -> None:
        self._save_value(value)
