"""Certificates tab: the candidate's UTQ certificate and certificates of participation,
issuing them (only when the core says so; otherwise its reason is shown), opening the
PDF, saving a copy, reissuing and revoking."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.errors import UtqError
from utq_desktop.services.certificates_dto import CandidateCertificates, CertificateInfo

from ui.certificates.commands import CertificateCommands
from ui.certificates.model import CANDIDATE_COLUMNS, CertificateTableModel
from ui.certificates.texts import details_text
from ui.detail.base import DetailTab, TabContext
from ui.detail.certificates.participation_dialog import ParticipationDialog
from ui.formatting import format_date
from ui.messages import confirm, show_error

NOTICE_MS = 8000


class CertificatesTab(DetailTab):
    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("certificatesTab")
        self.data: CandidateCertificates | None = None
        self._requested = 0
        self.select_next = 0
        self.commands = CertificateCommands(self, lambda: self.services, context.runner)
        self.commands.changed.connect(self._changed)
        self.commands.notice.connect(self.show_notice)

        self.utq_status = QLabel(self)
        self.utq_status.setObjectName("certificatesUtqStatus")
        self.utq_status.setWordWrap(True)
        self.utq_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issue_button = QPushButton(self.tr("&Issue UTQ certificate"), self)
        self.issue_button.setObjectName("issueUtqButton")
        self.issue_button.clicked.connect(self.issue_utq)
        self.participation_status = QLabel(self)
        self.participation_status.setObjectName("certificatesParticipationStatus")
        self.participation_status.setWordWrap(True)
        self.participation_button = QPushButton(self.tr("Issue &participation certificate…"), self)
        self.participation_button.setObjectName("issueParticipationButton")
        self.participation_button.clicked.connect(self.issue_participation)

        self.open_action = self._action(
            "certificateOpen", self.tr("&Open PDF"), lambda: self._with(self.commands.open_pdf)
        )
        self.save_action = self._action(
            "certificateSave",
            self.tr("Save a &copy…"),
            lambda: self._with(self.commands.save_copy),
        )
        self.reissue_action = self._action(
            "certificateReissue",
            self.tr("&Reissue…"),
            lambda: self._with(self.commands.reissue),
        )
        self.revoke_action = self._action(
            "certificateRevoke", self.tr("Revo&ke…"), lambda: self._with(self.commands.revoke)
        )

        self.model = CertificateTableModel(CANDIDATE_COLUMNS, self)
        self.table = QTableView(self)
        self.table.setObjectName("candidateCertificates")
        self.table.setAccessibleName(self.tr("The candidate's certificates"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_action.trigger())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions(
            [self.open_action, self.save_action, self.reissue_action, self.revoke_action]
        )
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)
        enter = QAction(self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda: self.open_action.trigger())
        self.table.addAction(enter)
        self.details = QLabel(self)
        self.details.setObjectName("certificateDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(self.tr("No certificates issued yet."), self)
        self.empty.setObjectName("certificatesEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #5f6b7a;")
        self.notice = QLabel(self)
        self.notice.setObjectName("certificatesNotice")
        self.notice.setWordWrap(True)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice.clear)

        utq_row = QHBoxLayout()
        utq_row.addWidget(self.utq_status, 1)
        utq_row.addWidget(self.issue_button, 0, Qt.AlignmentFlag.AlignTop)
        participation_row = QHBoxLayout()
        participation_row.addWidget(self.participation_status, 1)
        participation_row.addWidget(self.participation_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        for action in (self.open_action, self.save_action):
            buttons.addWidget(self._button(action))
        buttons.addStretch(1)
        for action in (self.reissue_action, self.revoke_action):
            buttons.addWidget(self._button(action))
        layout = QVBoxLayout(self)
        layout.addLayout(utq_row)
        layout.addLayout(participation_row)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.empty, 1)  # takes the table's room: the rows stay on top
        layout.addWidget(self.notice)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Certificates")

    # --- loading -----------------------------------------------------------------------------

    def load(self, candidate_id: int) -> None:
        self._requested = candidate_id
        services = self.services
        self.context.runner.run(
            lambda: services.certificates.for_candidate(candidate_id), self._show, self._failed
        )

    def _show(self, data: CandidateCertificates) -> None:
        if data.candidate_id != self._requested:
            return  # the user moved on while this was loading
        selected = self.selected_certificate()
        self.data = data
        self.model.set_certificates(data.certificates)
        utq = data.utq
        if utq.eligible:
            self.utq_status.setText(
                self.tr("Sufficient result on {date}: a UTQ certificate can be issued.").format(
                    date=format_date(utq.award_date)
                )
            )
        else:
            self.utq_status.setText(utq.reason)
        self.issue_button.setEnabled(utq.eligible)
        self.issue_button.setToolTip("" if utq.eligible else utq.reason)
        count = len(data.participation)
        self.participation_status.setText(
            self.tr("Completed activities without a certificate of participation: %n.", "", count)
            if count
            else self.tr("No completed activity is waiting for a certificate of participation.")
        )
        self.participation_button.setEnabled(bool(count))
        self.table.setVisible(bool(data.certificates))
        self.empty.setVisible(not data.certificates)
        target = self.select_next or (selected.id if selected else 0)
        self.select_next = 0
        if target:
            self.select_certificate(target)
        if self.selected_certificate() is None and data.certificates:
            self.select_certificate(data.certificates[0].id)  # what they hold now
        self._update_actions()

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the certificates"), error)

    # --- selection ---------------------------------------------------------------------------

    def selected_certificate(self) -> CertificateInfo | None:
        index = self.table.currentIndex()
        return self.model.certificate_at(index.row()) if index.isValid() else None

    def select_certificate(self, certificate_id: int) -> None:
        row = self.model.row_of(certificate_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _update_actions(self, *_args: object) -> None:
        certificate = self.selected_certificate()
        self.open_action.setEnabled(certificate is not None)
        self.save_action.setEnabled(certificate is not None)
        valid = certificate is not None and certificate.valid
        self.reissue_action.setEnabled(valid)
        self.revoke_action.setEnabled(valid)
        self.details.setText(details_text(certificate) if certificate else "")
        self.details.setVisible(certificate is not None)

    def _with(self, command: object) -> None:
        certificate = self.selected_certificate()
        if certificate is not None and callable(command):
            command(certificate)

    # --- issuing -----------------------------------------------------------------------------

    def issue_utq(self) -> None:
        data = self.data
        if data is None or not data.utq.eligible:
            return
        question = self.tr(
            "Issue the UTQ certificate of {name}, dated {date}?\n\nIt gets its serial number "
            "and verification code now and stays in the register; a mistake can only be "
            "revoked, not undone."
        ).format(name=data.full_name, date=format_date(data.utq.award_date))
        if not confirm(self, self.tr("Issue UTQ certificate"), question, self.tr("Issue")):
            return
        try:
            issued = self.services.certificates.issue_utq(data.candidate_id)
        except UtqError as error:
            show_error(self, self.tr("Could not issue the UTQ certificate"), error)
            self._changed(data.candidate_id, 0)
            return
        self._changed(issued.candidate_id, issued.id)
        self.show_notice(
            self.tr("Issued UTQ certificate {serial}, verification code {code}.").format(
                serial=issued.serial, code=issued.verification_code
            )
        )

    def issue_participation(self) -> None:
        data = self.data
        if data is None or not data.participation:
            return
        dialog = ParticipationDialog(data.participation, self)
        if dialog.exec() != ParticipationDialog.DialogCode.Accepted:
            return
        activity_id = dialog.activity_id()
        if activity_id is None:
            return
        try:
            issued = self.services.certificates.issue_participation(activity_id)
        except UtqError as error:
            show_error(self, self.tr("Could not issue the certificate of participation"), error)
            self._changed(data.candidate_id, 0)
            return
        self._changed(issued.candidate_id, issued.id)
        self.show_notice(
            self.tr("Issued certificate of participation {serial} for '{title}'.").format(
                serial=issued.serial, title=issued.title
            )
        )

    def _changed(self, candidate_id: int, certificate_id: int) -> None:
        self.select_next = certificate_id
        self.candidate_changed.emit(candidate_id)  # the window refreshes the tabs

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self._notice_timer.start(NOTICE_MS)
