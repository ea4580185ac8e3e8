"""Dialogs about the dossier as a whole and its parts' judgements: a feedback comment, a
criterion's state with a note, and submission (checklist, exception with a reason, confirm).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.portfolio import SUPERVISOR_STATES, CriterionState
from utq_desktop.errors import ValidationError
from utq_desktop.services.portfolio_dto import (
    CriterionCoverage,
    DossierView,
    Feedback,
    FeedbackInput,
)

from ui.detail.portfolio.models import ChecklistModel
from ui.detail.portfolio.service_dialog import Save, ServiceDialog
from ui.detail.portfolio.texts import state_text
from ui.detail.route.dialogs import date_edit, from_qdate, to_qdate
from ui.messages import confirm
from ui.workers import TaskRunner

Target = tuple[int | None, str | None]  # (item id, competence code); neither: the dossier


def feedback_targets(dossier: DossierView) -> list[tuple[str, Target]]:
    """What feedback can be about, as (label, target), in the order a reader expects."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("PortfolioFeedback", text)

    targets: list[tuple[str, Target]] = [(tr("The whole dossier"), (None, None))]
    targets += [(f"{c.code} {c.name}", (None, c.code)) for c in dossier.competences]
    targets += [
        (tr("Evidence: {title}").format(title=i.title), (i.id, None)) for i in dossier.items
    ]
    return targets


class FeedbackDialog(ServiceDialog):
    """A comment; ``fixed`` keeps its target (an existing comment's never changes)."""

    def __init__(
        self,
        parent: QWidget | None,
        runner: TaskRunner,
        title: str,
        targets: Sequence[tuple[str, Target]],
        target: Target,
        initial: Feedback | None,
        author: str,
        today: date,
        save: Save,
        *,
        fixed: bool = False,
    ) -> None:
        super().__init__(parent, "feedbackDialog", title, runner, save)
        self.about = QComboBox(self)
        self.about.setObjectName("feedbackAbout")
        self.about.setAccessibleName(self.tr("Feedback on"))
        for label, value in targets:
            self.about.addItem(label, value)
        position = next((i for i, (_l, v) in enumerate(targets) if v == target), 0)
        self.about.setCurrentIndex(position)
        self.about.setEnabled(not fixed)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("feedbackText")
        self.text.setAccessibleName(self.tr("Feedback"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 6 + 10)
        self.author = QLineEdit(initial.author if initial else author, self)
        self.author.setObjectName("feedbackAuthor")
        self.author.setAccessibleName(self.tr("Given by"))
        self.author.setMaxLength(200)
        self.given_on = date_edit(self, "feedbackDate", self.tr("Given on"), False)
        self.given_on.setMaximumDate(to_qdate(today))
        self.given_on.setDate(to_qdate(initial.given_on if initial else today))
        if initial is not None:
            self.text.setPlainText(initial.text)
        self.form.addRow(self.tr("&On:"), self.about)
        self.form.addRow(self.tr("&Feedback:"), self.text)
        self.form.addRow(self.tr("Given &by:"), self.author)
        self.form.addRow(self.tr("Given o&n:"), self.given_on)
        self.fields = {"text": self.text, "author": self.author, "given_on": self.given_on}
        self.setMinimumWidth(520)

    def value(self) -> FeedbackInput:
        item_id, competence = self.about.currentData()
        return FeedbackInput(
            text=self.text.toPlainText(),
            item_id=item_id,
            competence_code=competence,
            author=self.author.text(),
            given_on=from_qdate(self.given_on.date()),
        )


class CriterionStateDialog(ServiceDialog):
    """The supervisor's judgement of one criterion, with a note (e.g. what to revise)."""

    def __init__(
        self,
        parent: QWidget | None,
        runner: TaskRunner,
        criterion: CriterionCoverage,
        save: Save,
    ) -> None:
        super().__init__(parent, "criterionStateDialog", "", runner, save)
        self.setWindowTitle(self.tr("State of {code}").format(code=criterion.code))
        label = QLabel(f"{criterion.code}  {criterion.name}", self)
        label.setWordWrap(True)
        self.state = QComboBox(self)
        self.state.setObjectName("criterionState")
        self.state.setAccessibleName(self.tr("State"))
        self.state.addItem(self.tr("Automatic (from the evidence)"), None)
        for state in SUPERVISOR_STATES:
            self.state.addItem(state_text(state), state.value)
        current = criterion.set_state.value if criterion.set_state else None
        self.state.setCurrentIndex(max(0, self.state.findData(current)))
        self.note = QPlainTextEdit(criterion.note, self)
        self.note.setObjectName("criterionNote")
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 4 + 10)
        self.form.addRow(self.tr("Criterion:"), label)
        self.form.addRow(self.tr("&State:"), self.state)
        self.form.addRow(self.tr("&Note:"), self.note)
        self.fields = {"state": self.state, "note": self.note}
        self.setMinimumWidth(460)

    def value(self) -> tuple[CriterionState | None, str]:
        data = self.state.currentData()
        return (CriterionState(data) if data else None), self.note.toPlainText()


class OverrideDialog(QDialog):
    """Why the dossier goes to assessment although required components are missing."""

    def __init__(self, parent: QWidget | None, reason: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("overrideDialog")
        self.setWindowTitle(self.tr("Submit by exception"))
        text = QLabel(
            self.tr(
                "The coordinator may submit a dossier that lacks required components. The "
                "reason is recorded with the snapshot and in the candidate's timeline."
            ),
            self,
        )
        text.setWordWrap(True)
        self.reason = QPlainTextEdit(reason, self)
        self.reason.setObjectName("overrideReason")
        self.reason.setAccessibleName(self.tr("Reason for the exception"))
        self.reason.setPlaceholderText(
            self.tr("e.g. class observation postponed by the faculty; agreed with the chair")
        )
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.toPlainText().strip()))


class SubmitDialog(ServiceDialog):
    """The checklist; Submit once it is met, or with an exception and its reason."""

    def __init__(
        self, parent: QWidget | None, runner: TaskRunner, dossier: DossierView, save: Save
    ) -> None:
        super().__init__(parent, "submitDialog", "", runner, save)
        self.setWindowTitle(self.tr("Submit for assessment"))
        self.dossier = dossier
        self.reason = ""
        intro = QLabel(
            self.tr(
                "Submitting takes a snapshot of {name}'s dossier — {items} evidence items, "
                "{files} files — which the assessment works on; the working dossier stays "
                "editable. The candidate's status becomes Assessment."
            ).format(
                name=dossier.candidate_name,
                items=len(dossier.items),
                files=dossier.content.attachments,
            ),
            self,
        )
        intro.setWordWrap(True)
        self.checklist_model = ChecklistModel(self)
        self.checklist_model.set_rows(dossier.checklist)
        self.checklist = QTableView(self)
        self.checklist.setObjectName("submitChecklist")
        self.checklist.setAccessibleName(self.tr("Required components"))
        self.checklist.setModel(self.checklist_model)
        self.checklist.verticalHeader().setVisible(False)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.checklist.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checklist.setWordWrap(True)  # the framework's wording, in full
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.checklist.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.status = QLabel(self)
        self.status.setObjectName("submitStatus")
        self.status.setWordWrap(True)
        self.override_button = QPushButton(self.tr("&Override with a reason…"), self)
        self.override_button.setObjectName("submitOverride")
        self.override_button.clicked.connect(self.override)
        self.submit_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.submit_button.setText(self.tr("&Submit…"))
        self.submit_button.setObjectName("submitButton")
        self.layout_.insertWidget(0, intro)
        self.layout_.insertWidget(1, self.checklist, 1)
        self.layout_.insertWidget(2, self.status)
        self.layout_.insertWidget(3, self.override_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.fields = {"override_reason": self.override_button}
        self.setMinimumSize(560, 420)
        self._update()

    @property
    def blocked(self) -> bool:
        return not self.dossier.requirements_met and not self.reason

    def _update(self) -> None:
        missing = sum(not c.met for c in self.dossier.checklist)
        if not self.dossier.checklist:
            text = self.tr("The framework requires no particular components.")
        elif not missing:
            text = self.tr("Every required component is in the dossier.")
        elif self.reason:
            text = self.tr("Missing: {n}. Submitted by exception: {reason}").format(
                n=missing, reason=self.reason
            )
        else:
            text = self.tr(
                "Missing: {n}. Submission is blocked until they are added, unless the "
                "coordinator overrides with a reason."
            ).format(n=missing)
        self.status.setText(text)
        self.status.setStyleSheet("" if not self.blocked else "color: #c62828;")
        self.override_button.setVisible(missing > 0)
        self.submit_button.setEnabled(not self.blocked)

    def override(self) -> None:
        dialog = OverrideDialog(self, self.reason)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reason = dialog.reason.toPlainText().strip()
            self._update()

    def value(self) -> str:
        if self.blocked:
            raise ValidationError(
                self.tr("Add the missing components, or override with a reason."),
                "override_reason",
            )
        return self.reason

    def save(self) -> None:
        if self.blocked:
            return
        question = self.tr(
            "Submit {name}'s dossier for assessment now?\n\nThe snapshot cannot be changed "
            "afterwards; a resubmission makes a new one."
        ).format(name=self.dossier.candidate_name)
        if confirm(self, self.tr("Submit for assessment"), question, self.tr("Submit")):
            super().save()
