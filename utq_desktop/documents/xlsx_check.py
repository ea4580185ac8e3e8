"""What a fast reader does not say about an .xlsx: is it one at all, is it encrypted, which
sheet comes first, how many rows, formulas and merged cells — found cheaply, before loading.

python-calamine reads values ten times faster than openpyxl but reports neither formulas
nor (before loading the whole sheet) the row count; one streaming pass over the worksheet's
XML with C-level byte searches finds both in about a tenth of the time calamine needs.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from utq_desktop.errors import WorkbookError

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
CHUNK = 1 << 20
MAX_FORMULAS_NOTED = 100
UNKNOWN_ROW = 1 << 30

SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
ROOT_PREFIX = re.compile(rb"<(\w+):worksheet\b")
CELL_ROW = re.compile(r"^[A-Z]+(\d+)$")

SAVE_AS_XLSX = "Open it in Excel and save it as an Excel workbook (.xlsx), then import that."


@dataclass
class SheetScan:
    """The first visible worksheet's name and what its XML says about it."""

    name: str
    rows: int  # rows that hold cells
    formulas: list[tuple[int, str]] = field(default_factory=list)  # (row, cell) of the first
    merges: list[tuple[int, int, str]] = field(default_factory=list)  # (first, last row, ref)


def check_workbook(path: Path, max_rows: int) -> SheetScan:
    """Raise WorkbookError with a clear message unless ``path`` is a readable .xlsx whose
    first visible worksheet has at most ``max_rows`` rows; return what was found."""
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except IsADirectoryError:
        raise WorkbookError(f"'{path}' is a folder, not an Excel workbook.") from None
    except FileNotFoundError:
        raise WorkbookError(f"'{path}' does not exist.") from None
    except OSError as error:
        raise WorkbookError(f"'{path}' cannot be read ({error.strerror}).") from error
    if not head:
        raise WorkbookError(f"'{name}' is empty (0 bytes); it is not an Excel workbook.")
    if head.startswith(CFB_MAGIC):
        if _contains(path, ENCRYPTED_STREAM):
            raise WorkbookError(
                f"'{name}' is protected with a password. Open it in Excel, remove the password "
                "(File → Info → Protect Workbook → Encrypt with Password, clear it), save it "
                "and import it again."
            )
        raise WorkbookError(f"'{name}' is an old Excel 97–2003 workbook (.xls). {SAVE_AS_XLSX}")
    if head.startswith(b"%PDF"):
        raise WorkbookError(f"'{name}' is a PDF document, not an Excel workbook.")
    if not head.startswith(ZIP_MAGIC):
        if _looks_like_text(path):
            raise WorkbookError(
                f"'{name}' is a text file (such as CSV), not an Excel workbook. {SAVE_AS_XLSX}"
            )
        raise WorkbookError(f"'{name}' is not an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(path) as archive:
            sheet_name, member = _first_worksheet(archive, name)
            return _scan_sheet(archive, member, sheet_name, max_rows, name)
    except zipfile.BadZipFile as error:
        raise WorkbookError(f"'{name}' is damaged: it cannot be opened as a workbook.") from error
    except (KeyError, ElementTree.ParseError) as error:
        raise WorkbookError(
            f"'{name}' is damaged: its workbook structure cannot be read. {SAVE_AS_XLSX}"
        ) from error


def _contains(path: Path, needle: bytes) -> bool:
    overlap = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if needle in overlap + chunk:
                return True
            overlap = chunk[-len(needle) :]
    return False


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > len(sample) - 4  # a character cut off at the end of the sample
    return True


def _first_worksheet(archive: zipfile.ZipFile, name: str) -> tuple[str, str]:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise WorkbookError(f"'{name}' is an OpenDocument spreadsheet (.ods). {SAVE_AS_XLSX}")
        if "word/document.xml" in names:
            raise WorkbookError(f"'{name}' is a Word document, not an Excel workbook.")
        raise WorkbookError(f"'{name}' is a ZIP archive, not an Excel workbook (.xlsx).")
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        rel.get("Id"): (rel.get("Type", ""), rel.get("Target", ""))
        for rel in rels.iter(f"{{{PACKAGE_RELS_NS}}}Relationship")
    }
    for sheet in workbook.iter(f"{{{SPREADSHEET_NS}}}sheet"):
        if sheet.get("state", "visible") != "visible":
            continue
        kind, target = targets.get(sheet.get(f"{{{RELATIONSHIP_NS}}}id"), ("", ""))
        if not kind.endswith("/worksheet"):
            continue  # a chart sheet or a dialog sheet
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        member = posixpath.normpath(member)
        if member in names:
            return sheet.get("name", ""), member
    raise WorkbookError(f"'{name}' holds no visible worksheet.")


def _scan_sheet(
    archive: zipfile.ZipFile, member: str, sheet_name: str, max_rows: int, name: str
) -> SheetScan:
    """Count rows and note formulas and merged cells in one streaming pass. Each part
    searched ends at a ``</row>``, so no row, cell or formula is ever cut in two; the
    merged cells follow the rows, in the last part."""
    scan = SheetScan(sheet_name, 0)
    with archive.open(member) as stream:
        buffer = stream.read(CHUNK)
        match = ROOT_PREFIX.search(buffer[:2048])
        prefix = match.group(1) + b":" if match else b""
        end_row = b"</" + prefix + b"row>"  # rows with cells; empty ones are <row …/>
        while True:
            chunk = stream.read(CHUNK)
            last = buffer.rfind(end_row)
            cut = len(buffer) if not chunk else (last + len(end_row) if last >= 0 else 0)
            part, carry = buffer[:cut], buffer[cut:]
            scan.rows += part.count(end_row)
            if scan.rows > max_rows:
                raise WorkbookError(
                    f"'{name}' has more than {max_rows:,} rows; import at most "
                    f"{max_rows:,} at a time (split the list into smaller workbooks)."
                )
            _note_formulas(part, prefix, scan.formulas)
            if not chunk:
                scan.merges.extend(_merges(part))
                return scan
            buffer = carry + chunk


def _note_formulas(part: bytes, prefix: bytes, found: list[tuple[int, str]]) -> None:
    tag = b"<" + prefix + b"f"
    position = part.find(tag)
    while position >= 0 and len(found) < MAX_FORMULAS_NOTED:
        following = part[position + len(tag) : position + len(tag) + 1]
        if following in (b">", b" ", b"/"):  # <f>, <f t="shared" …>, not <filter…>
            cell_start = part.rfind(b"<" + prefix + b"c ", 0, position)
            match = CELL_REF.search(part, cell_start, position) if cell_start >= 0 else None
            if match:
                column, row = match.group(1).decode(), int(match.group(2))
                found.append((row, f"{column}{row}"))
            else:  # a cell without its reference (allowed, rare): assume it is in the list
                found.append((UNKNOWN_ROW, ""))
        position = part.find(tag, position + 1)


def _merges(tail: bytes) -> list[tuple[int, int, str]]:
    start = tail.find(b"mergeCell")  # mostly absent: one fast search instead of a regex
    if start < 0:
        return []
    merges = []
    for match in MERGE_REF.finditer(tail, max(0, start - 16)):
        ref = match.group(1).decode()
        cells = ref.split(":")
        first = CELL_ROW.match(cells[0])
        last = CELL_ROW.match(cells[-1])
        if first and last:
            merges.append((int(first.group(1)), int(last.group(1)), ref))
    return merges
