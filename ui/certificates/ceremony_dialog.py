"""Ceremony batch: the UTQ certificates of everyone qualified in a period, issued where
missing and written into a folder and/or one combined PDF for the printer — on the worker
thread, with progress and cancel, and a summary with Open folder at the end."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.errors import OperationCancelledError, UtqError
from utq_desktop.services.certificates_dto import CeremonyPlan, CeremonyResult

from ui.certificates.ceremony_output import CeremonyOutput
from ui.certificates.guard import while_alive
from ui.formatting import date_format
from ui.messages import error_text
from ui.workers import Progress, TaskRunner

if TYPE_CHECKING:
    from utq_desktop.services.app import Services
    from utq_desktop.services.dto import CertificateSettings

PLAN_DELAY_MS = 300


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CeremonyDialog(QDialog):
    """``issued(count)``: certificates were issued (the register and tabs may refresh)."""

    issued = Signal(int)

    def __init__(
        self, services: Services, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ceremonyDialog")
        self.setWindowTitle(self.tr("Ceremony batch"))
        self.services = services
        self.runner = runner
        self.plan: CeremonyPlan | None = None
        self.result_: CeremonyResult | None = None
        self._progress: Progress | None = None
        self._planned_for: tuple[date, date] | None = None

        today = QDate.currentDate()
        self.date_from = QDateEdit(QDate(today.year(), 1, 1), self)
        self.date_from.setObjectName("ceremonyFrom")
        self.date_to = QDateEdit(today, self)
        self.date_to.setObjectName("ceremonyTo")
        for edit, name in (
            (self.date_from, self.tr("Qualified from")),
            (self.date_to, self.tr("Qualified until")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._schedule_plan)
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel(self.tr("to"), self))
        period.addWidget(self.date_to)
        period.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("ceremonySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.left_out = QLabel(self)
        self.left_out.setObjectName("ceremonyLeftOut")
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("color: #5f6b7a;")
        self.left_out.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.left_out.hide()

        self.output = CeremonyOutput(self)
        self.output.changed.connect(self._update)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("ceremonyProgress")
        self.progress_bar.hide()
        self.outcome = QLabel(self)
        self.outcome.setObjectName("ceremonyOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.run_button = self.buttons.addButton(
            self.tr("&Issue and write"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.run_button.setObjectName("ceremonyRun")
        self.run_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button.setObjectName("ceremonyCancel")
        self.cancel_button.hide()
        self.open_button = self.buttons.addButton(
            self.tr("&Open folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("ceremonyOpenFolder")
        self.open_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)

        form = QFormLayout()
        period_label = QLabel(self.tr("Qualified &from:"), self)
        period_label.setBuddy(self.date_from)
        form.addRow(period_label, period)
        form.addRow("", self.summary)
        form.addRow("", self.left_out)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.output)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PLAN_DELAY_MS)
        self._timer.timeout.connect(self.refresh_plan)
        self.refresh_plan()

    # --- the selection ----------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        return _to_date(self.date_from.date()), _to_date(self.date_to.date())

    def _schedule_plan(self, *_args: object) -> None:
        self.plan = None
        self._update()
        self._timer.start()

    def refresh_plan(self) -> None:
        self._timer.stop()
        since, until = self.period()
        self._planned_for = (since, until)
        self.summary.setText(self.tr("Looking up who qualified in this period…"))
        service, settings = self.services.certificates, self.services.settings
        self.runner.run(
            lambda: ((since, until), service.plan_ceremony(since, until), settings.certificates()),
            while_alive(self, self._show_plan),
            while_alive(self, self._plan_failed),
        )

    def _show_plan(
        self, result: tuple[tuple[date, date], CeremonyPlan, CertificateSettings]
    ) -> None:
        period, plan, certificates = result
        if period != self._planned_for:
            return  # the dates changed meanwhile; a newer plan is on its way
        self.plan = plan
        count, to_issue = len(plan.items), plan.to_issue
        if not count:
            text = self.tr("Nobody qualified in this period has a certificate to print.")
        else:
            text = self.tr("Qualified in this period: %n.", "", count)
            text += " " + self.tr("Certificates to issue now: %n.", "", to_issue)
            if count - to_issue:
                text += " " + self.tr(
                    "Already issued (printed again, same serial and code): %n.",
                    "",
                    count - to_issue,
                )
            unnamed = [s.role for s in certificates.signatories if not s.name.strip()]
            if unnamed:  # a PDF, once written, is kept as it is: say so before, not after
                text += "\n\n" + self.tr(
                    "Warning: no name is set for the {roles} (Edit → Institution settings…). "
                    "The certificates would carry the role without a name, and a "
                    "certificate's PDF, once written, stays as it is."
                ).format(roles=self.tr(" and the ").join(unnamed))
        self.summary.setText(text)
        self.left_out.setText(
            self.tr("Left out:") + "\n• " + "\n• ".join(plan.skipped) if plan.skipped else ""
        )
        self.left_out.setVisible(bool(plan.skipped))
        self._update()
        self.adjustSize()

    def _plan_failed(self, error: Exception) -> None:
        self.plan = None
        self.summary.setText(error_text(error))
        self._update()

    def _update(self, *_args: object) -> None:
        running = self._progress is not None
        self.run_button.setEnabled(
            not running
            and self.plan is not None
            and bool(self.plan.items)
            and self.output.has_output()
        )
        self.output.lock(running)
        for widget in (self.date_from, self.date_to):
            widget.setEnabled(not running)

    # --- running ----------------------------------------------------------------------------

    def start(self) -> None:
        plan = self.plan
        if plan is None or not plan.items:
            return
        folder, combined = self.output.target_folder(), self.output.target_combined()
        progress = Progress(self)
        progress.progressed.connect(self._progressed)
        self._progress = progress
        self.result_ = None
        self.outcome.clear()
        self.open_button.hide()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.close_button.setEnabled(False)
        self._update()
        service = self.services.certificates
        self.runner.run(
            lambda: service.run_ceremony(plan, folder, combined, progress),
            while_alive(self, self._finished),
            while_alive(self, self._failed),
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setFormat(self.tr("%v of %m PDFs"))

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
            self.cancel_button.setEnabled(False)
            self.outcome.setText(self.tr("Cancelling…"))

    def _end(self) -> None:
        self._progress = None
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.close_button.setEnabled(True)
        self._update()

    def _finished(self, result: CeremonyResult) -> None:
        self._end()
        self.result_ = result
        lines = []
        if result.folder is not None:
            lines.append(
                self.tr("Wrote %n certificate(s) to {folder}.", "", len(result.written)).format(
                    folder=result.folder
                )
            )
        if result.combined is not None:
            lines.append(self.tr("Combined PDF for printing: {path}.").format(path=result.combined))
        lines.append(self.tr("Certificates issued for this batch: %n.", "", result.issued))
        self.outcome.setText("\n".join(lines))
        self.open_button.setVisible(result.folder is not None or result.combined is not None)
        if result.issued:
            self.issued.emit(result.issued)
        self.refresh_plan()

    def _failed(self, error: Exception) -> None:
        self._end()
        if isinstance(error, OperationCancelledError):
            self.outcome.setText(str(error))
        else:
            self.outcome.setText(
                self.tr("The batch stopped: {reason}").format(reason=error_text(error))
            )
        if isinstance(error, UtqError):
            self.issued.emit(0)  # certificates may have been issued before it stopped
        self.refresh_plan()

    def open_folder(self) -> None:
        result = self.result_
        if result is None:
            return
        folder = result.folder or (result.combined.parent if result.combined else None)
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        if self._progress is not None:
            self.cancel()  # the dialog stays until the worker has stopped
            return
        super().reject()
