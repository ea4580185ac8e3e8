"""The import dialog's second step: which field each column of the staff list holds, as
recognised from its name, for the user to correct."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget
from utq_desktop.documents.staff_list import FIELD_LABELS, REQUIRED_FIELDS, StaffSheet, parse_text

EXAMPLE_ROWS = 20


class MappingPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos: dict[int, QComboBox] = {}
        self.intro = QLabel(self)
        self.intro.setObjectName("mappingIntro")
        self.intro.setWordWrap(True)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.error = QLabel(self)
        self.error.setObjectName("mappingError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)

    def set_sheet(self, sheet: StaffSheet) -> None:
        self.intro.setText(
            self.tr(
                "{file}, sheet '{sheet}': the column names are on row {row}, followed by "
                "{count} rows. Check what each column holds; columns set to 'Ignore' are "
                "not imported. Staff number and Surname are required."
            ).format(
                file=sheet.file_name,
                sheet=sheet.sheet_name,
                row=sheet.header_row,
                count=len(sheet.rows),
            )
        )
        holder = QWidget(self.scroll)
        grid = QGridLayout(holder)
        grid.setColumnStretch(2, 1)
        titles = (
            self.tr("Column"),
            self.tr("Name in the file"),
            self.tr("Example"),
            self.tr("Import as"),
        )
        for position, title in enumerate(titles):
            grid.addWidget(QLabel(f"<b>{title}</b>", holder), 0, position)
        self.combos = {}
        for line, column in enumerate(sheet.columns, start=1):
            combo = QComboBox(holder)
            combo.setObjectName(f"mapping_{column.letter}")
            combo.addItem(self.tr("Ignore"), None)
            for key, label in FIELD_LABELS.items():
                required = self.tr(" (required)") if key in REQUIRED_FIELDS else ""
                combo.addItem(self.tr(label) + required, key)
            combo.setCurrentIndex(max(0, combo.findData(column.field)))
            combo.setAccessibleName(
                self.tr("Import column {letter} as").format(letter=column.letter)
            )
            self.combos[column.index] = combo
            grid.addWidget(QLabel(column.letter, holder), line, 0)
            grid.addWidget(QLabel(column.header or self.tr("(no name)"), holder), line, 1)
            grid.addWidget(QLabel(_example(sheet, column.index), holder), line, 2)
            grid.addWidget(combo, line, 3)
        grid.setRowStretch(len(sheet.columns) + 1, 1)
        self.scroll.setWidget(holder)  # the previous one is deleted
        self.error.clear()

    def mapping(self) -> dict[int, str]:
        """{column index: field} for every column not set to Ignore."""
        return {i: combo.currentData() for i, combo in self.combos.items() if combo.currentData()}


def _example(sheet: StaffSheet, index: int) -> str:
    """The column's first value, to recognise what it holds."""
    for _number, cells in sheet.rows[:EXAMPLE_ROWS]:
        text = parse_text(cells[index]) if index < len(cells) else ""
        if text:
            return text if len(text) <= 60 else text[:59] + "…"
    return ""
