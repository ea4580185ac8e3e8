"""The people who work with the application: list and add (consultants become supervisors)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.errors import UtqError
from utq_desktop.services.dto import UserInfo

from ui.qt_types import ModelIndex

if TYPE_CHECKING:
    from utq_desktop.services.app import Services

ROLE_LABELS = {
    "coordinator": "UTQ coordinator",
    "consultant": "Educational consultant (UTQ supervisor)",
    "hr": "HR advisor",
    "assessor": "Assessor",
}
HEADERS = ("Name", "Login", "Role")


def role_text(role: str) -> str:
    return QCoreApplication.translate("Roles", ROLE_LABELS.get(role, role))


class UsersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._users: list[UserInfo] = []

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return QCoreApplication.translate("Users", HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= index.row() < len(self._users):
            return None
        user = self._users[index.row()]
        return (user.name, user.login, role_text(user.role))[index.column()]


class UsersDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Users"))
        self.services = services
        self.added = 0

        self.model = UsersModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.name = QLineEdit(self)
        self.name.setObjectName("userName")
        self.name.setPlaceholderText(self.tr("e.g. Marloes Bakker"))
        self.login = QLineEdit(self)
        self.login.setObjectName("userLogin")
        self.login.setPlaceholderText(self.tr("their login on this computer or network"))
        self.email = QLineEdit(self)
        self.email.setObjectName("userEmail")
        self.role = QComboBox(self)
        self.role.setObjectName("userRole")
        for role, label in ROLE_LABELS.items():
            self.role.addItem(self.tr(label), role)
        self.role.setCurrentIndex(self.role.findData("consultant"))
        self.add_button = QPushButton(self.tr("&Add user"), self)
        self.add_button.setObjectName("addUser")
        self.add_button.clicked.connect(self._add)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()

        new = QGroupBox(self.tr("Add a user"), self)
        form = QFormLayout(new)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&E-mail:"), self.email)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.error)
        form.addRow(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(new)
        layout.addWidget(buttons)
        self.resize(640, 520)
        self._reload()

    def _reload(self) -> None:
        self.model.set_users(self.services.users.list())

    def _add(self) -> None:
        try:
            self.services.users.add(
                self.login.text(), self.name.text(), self.role.currentData(), self.email.text()
            )
        except UtqError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.added += 1
        self.error.hide()
        for edit in (self.name, self.login, self.email):
            edit.clear()
        self.name.setFocus()
        self._reload()
