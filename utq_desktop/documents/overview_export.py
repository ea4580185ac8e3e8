"""Write a table to an .xlsx that opens cleanly in Excel and LibreOffice: one header row,
frozen and filterable, real dates, column widths that fit the contents.

openpyxl's write-only mode streams the rows (50,000 candidates without holding a
worksheet model in memory). The file is written next to the target and moved into place
at the end, so a failed or cancelled export never leaves half a workbook behind and never
damages an earlier one.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from utq_desktop.errors import WorkbookError

DATE_FORMAT = "d-m-yyyy"  # Dutch users expect this; Excel shows it in the reader's locale
MAX_WIDTH = 60
PROGRESS_EVERY = 1000

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: str = "text"  # text, date or number
    min_width: int = 8


def write_table(
    path: str | Path,
    sheet_title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    title: str = "",
    progress: Progress | None = None,
) -> None:
    """Write ``rows`` under a header of ``columns`` to ``path`` (replaced if it exists).
    An exception from ``progress(done, total)`` cancels: the target is left as it was."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(f"'{path.name}' must end in .xlsx, the Excel workbook format.")
    if not path.parent.is_dir():
        raise WorkbookError(f"The folder '{path.parent}' does not exist.")
    workbook = Workbook(write_only=True)
    workbook.properties.title = title or sheet_title
    workbook.properties.creator = "UTQ Desktop"
    sheet = workbook.create_sheet(sheet_title)
    last = get_column_letter(len(columns))
    for index, width in enumerate(_widths(columns, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    # printed: landscape, as wide as one page, the header on every page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE5F0")
    wrap = Alignment(vertical="center")
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.header)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        header.append(cell)
    sheet.append(header)
    dates = [i for i, column in enumerate(columns) if column.kind == "date"]
    date_cell = _date_cell_factory(sheet, WriteOnlyCell)
    total = len(rows)
    try:
        for done, row in enumerate(rows, start=1):
            values: list[object] = list(row)
            for i in dates:
                if isinstance(values[i], date):
                    values[i] = date_cell(values[i])
            sheet.append(values)
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if progress is not None:
            progress(total, total)  # the last chance to cancel: saving is all or nothing
    except BaseException:
        sheet.close()  # ends the row stream; openpyxl deletes its temporary file at exit
        raise
    _save(workbook, path)


def _date_cell_factory(sheet: object, cell_class: type) -> Callable[[object], object]:
    def make(value: object) -> object:
        cell = cell_class(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell

    return make


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> list[float]:
    """Wide enough for the header and nearly every value (the 98th percentile, so one odd
    long name does not stretch a column), at most MAX_WIDTH characters."""
    widths = []
    for index, column in enumerate(columns):
        if column.kind == "date":
            longest = 10
        else:
            lengths = sorted(len(str(row[index])) for row in rows if row[index] is not None)
            longest = lengths[int(len(lengths) * 0.98)] if lengths else 0
            if lengths and len(lengths) < 50:
                longest = lengths[-1]
        header = len(column.header) + 4  # room for the filter button
        widths.append(min(MAX_WIDTH, max(column.min_width, header, longest + 2)))
    return widths


def _save(workbook: object, path: Path) -> None:
    """Save next to ``path`` under a temporary name, then move it into place (created as any
    new file, so it gets the user's usual permissions)."""
    temporary = path.with_name(f".{path.stem}-{secrets.token_hex(4)}.xlsx")
    try:
        workbook.save(temporary)  # type: ignore[attr-defined]
        os.replace(temporary, path)
    except PermissionError as error:
        raise WorkbookError(
            f"'{path.name}' cannot be written ({error.strerror}). If it is open in Excel, "
            "close it and export again."
        ) from error
    except OSError as error:
        raise WorkbookError(f"'{path}' cannot be written ({error.strerror}).") from error
    finally:
        temporary.unlink(missing_ok=True)
