"""Choose the completed activity a certificate of participation is for."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from utq_desktop.services.certificates_dto import ParticipationOption

from ui.formatting import format_date

ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 1


class ParticipationDialog(QDialog):
    def __init__(
        self, options: Sequence[ParticipationOption], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("participationDialog")
        self.setWindowTitle(self.tr("Certificate of participation"))
        intro = QLabel(
            self.tr(
                "For which completed activity? A certificate of participation records that "
                "the candidate took part; it is not the UTQ itself."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("participationActivities")
        self.list.setAccessibleName(self.tr("Completed activities"))
        for option in options:
            item = QListWidgetItem(
                self.tr("{title} — completed {date}").format(
                    title=option.title, date=format_date(option.completed_on)
                )
            )
            item.setData(ACTIVITY_ROLE, option.activity_id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.issue_button = buttons.addButton(
            self.tr("&Issue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.issue_button.setObjectName("participationIssueButton")
        self.issue_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def activity_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(ACTIVITY_ROLE)) if item is not None else None
