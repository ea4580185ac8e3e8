"""The certificate register (View → Certificate register…): every certificate issued, with
filters; open, save, reissue or revoke one; verify a code; start a ceremony batch."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.domain.certificates import CertificateKind, CertificateStatus
from utq_desktop.services.certificates_dto import CertificateInfo, RegisterQuery

from ui.certificates.commands import CertificateCommands
from ui.certificates.guard import while_alive
from ui.certificates.model import REGISTER_COLUMNS, CertificateTableModel
from ui.certificates.texts import kind_text, status_text
from ui.formatting import date_format
from ui.messages import show_error
from ui.register_window import RegisterWindow
from ui.workers import TaskRunner

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

SEARCH_DELAY_MS = 250
REGISTER_LIMIT = 5000


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CertificateRegisterWindow(RegisterWindow):
    """``candidate_changed(id)``: a certificate of this candidate was reissued or revoked
    here, so the main window can refresh its tabs."""

    candidate_changed = Signal(int)
    verify_requested = Signal()
    ceremony_requested = Signal()

    def __init__(
        self, services: Services, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            services, runner, parent, "certificateRegisterWindow", self.tr("Certificate register")
        )
        self._requested: RegisterQuery | None = None
        self.commands = CertificateCommands(self, lambda: self.services, self.runner)
        self.commands.changed.connect(self._changed)
        self.commands.notice.connect(self._notice)

        self.search = QLineEdit(self)
        self.search.setObjectName("certificateSearch")
        self.search.setPlaceholderText(self.tr("Name, staff number, serial or code"))
        self.search.setAccessibleName(self.tr("Search certificates"))
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        self.kind.setObjectName("certificateKindFilter")
        self.kind.setAccessibleName(self.tr("Kind"))
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in CertificateKind:
            self.kind.addItem(kind_text(kind), kind)
        self.status = QComboBox(self)
        self.status.setObjectName("certificateStatusFilter")
        self.status.setAccessibleName(self.tr("Status"))
        self.status.addItem(self.tr("Any status"), None)
        for status in CertificateStatus:
            self.status.addItem(status_text(status), status)
        self.period = QCheckBox(self.tr("&Dated from"), self)
        self.period.setObjectName("certificatePeriod")
        today = QDate.currentDate()
        self.date_from = QDateEdit(QDate(today.year(), 1, 1), self)
        self.date_from.setObjectName("certificateFrom")
        self.date_to = QDateEdit(today, self)
        self.date_to.setObjectName("certificateTo")
        for edit, name in ((self.date_from, self.tr("From")), (self.date_to, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())
            edit.setAccessibleName(name)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._schedule)
        self.period.toggled.connect(self.date_from.setEnabled)
        self.period.toggled.connect(self.date_to.setEnabled)
        self.period.toggled.connect(self._schedule)
        self.search.textChanged.connect(self._schedule)
        self.kind.currentIndexChanged.connect(self._schedule)
        self.status.currentIndexChanged.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)

        self.model = CertificateTableModel(REGISTER_COLUMNS, self)
        self.table = self._table("certificateRegister", self.tr("Certificates"), self.model)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the long participation titles give way (elided, full text in the tooltip): the
        # code and the issue date stay in view without scrolling sideways
        header.setSectionResizeMode(REGISTER_COLUMNS.index("what"), QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)

        self.open_action = self._action(
            "registerOpen", self.tr("&Open PDF"), self.commands.open_pdf
        )
        self.save_action = self._action(
            "registerSave", self.tr("Save a &copy…"), self.commands.save_copy
        )
        self.reissue_action = self._action(
            "registerReissue", self.tr("&Reissue…"), self.commands.reissue
        )
        self.revoke_action = self._action(
            "registerRevoke", self.tr("Re&voke…"), self.commands.revoke
        )
        self.table.doubleClicked.connect(lambda _index: self.open_action.trigger())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions(
            [self.open_action, self.save_action, self.reissue_action, self.revoke_action]
        )
        self.verify_button = QPushButton(self.tr("Verify &code…"), self)
        self.verify_button.setObjectName("registerVerifyButton")
        self.verify_button.clicked.connect(self.verify_requested)
        self.ceremony_button = QPushButton(self.tr("Ceremony &batch…"), self)
        self.ceremony_button.setObjectName("registerCeremonyButton")
        self.ceremony_button.clicked.connect(self.ceremony_requested)
        self.count = QLabel(self)
        self.count.setObjectName("certificateCount")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind)
        filters.addWidget(self.status)
        filters.addWidget(self.period)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.date_to)
        buttons = QHBoxLayout()
        for action in (self.open_action, self.save_action, self.reissue_action, self.revoke_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"{action.objectName()}Button")
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.ceremony_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        self.resize(1100, 640)
        self._update_actions()
        self.reload()

    def _action(self, name: str, text: str, command: object) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda: self._with(command))
        self.addAction(action)
        return action

    def _with(self, command: object) -> None:
        certificate = self.selected_certificate()
        if certificate is not None and callable(command):
            command(certificate)

    def query(self) -> RegisterQuery:
        period = self.period.isChecked()
        return RegisterQuery(
            text=self.search.text(),
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            awarded_from=_to_date(self.date_from.date()) if period else None,
            awarded_to=_to_date(self.date_to.date()) if period else None,
        )

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def reload(self) -> None:
        self._timer.stop()
        query = self.query()
        self._requested = query
        service = self.services.certificates
        self.runner.run(
            lambda: (query, service.register(query)),
            while_alive(self, self._show),
            while_alive(
                self, lambda error: show_error(self, self.tr("Could not load the register"), error)
            ),
        )

    def _show(self, result: tuple[RegisterQuery, list[CertificateInfo]]) -> None:
        query, rows = result
        if query != self._requested:
            return  # a newer filter is on its way
        selected = self.selected_certificate()
        self.model.set_certificates(rows)
        if len(rows) >= REGISTER_LIMIT:
            text = self.tr("The first {count} certificates; narrow the filters to see others.")
        else:
            text = self.tr("Certificates shown: {count}")
        self.count.setText(text.format(count=len(rows)))
        if selected is not None:
            row = self.model.row_of(selected.id)
            if row is not None:
                self.table.selectRow(row)
        self._update_actions()

    def selected_certificate(self) -> CertificateInfo | None:
        index = self.table.currentIndex()
        return self.model.certificate_at(index.row()) if index.isValid() else None

    def _update_actions(self, *_args: object) -> None:
        certificate = self.selected_certificate()
        for action in (self.open_action, self.save_action):
            action.setEnabled(certificate is not None)
        valid = certificate is not None and certificate.valid
        self.reissue_action.setEnabled(valid)
        self.revoke_action.setEnabled(valid)

    def _changed(self, candidate_id: int, _certificate_id: int) -> None:
        self.candidate_changed.emit(candidate_id)
        self.reload()

    def _notice(self, text: str) -> None:
        self.count.setText(text)
