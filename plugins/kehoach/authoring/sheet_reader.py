"""A filled tracking sheet (XLSX or CSV) read into rows of cells keyed by their column headers.

The reader knows files, not plans: it finds the sheet `core.sheet.TASK_SHEET`
(an XLSX) or takes the whole file (a CSV), finds the header row by the task-id
header, and gives each later row with its row number, so that every message
can point a person at a cell as Excel names it ("dòng 7, cột J").
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..core.errors import Finding, PlanError
from ..core.sheet import TASK_ID, TASK_SHEET
from ..core.text import nfc

HEADER_SEARCH = 12  # rows above the table: the export's title block is three
FORMATS = "Dùng tệp XLSX hoặc CSV tải từ trang kế hoạch hay trang cơ quan (nút Tải về), rồi điền vào đó."


@dataclass(frozen=True)
class SheetRow:
    """One row of the table: its number in the sheet and its cells by header."""

    number: int
    cells: dict[str, object]


@dataclass(frozen=True)
class Sheet:
    """The table of a tracking sheet: where it came from, its columns and its rows."""

    path: str  # as shown in messages
    label: str  # "Trang tính «Nhiệm vụ»" or "Tệp «x.csv»"
    columns: dict[str, int]  # header -> 1-based column number
    rows: list[SheetRow]

    def where(self, row: int, header: str) -> str:
        """ "Trang tính «Nhiệm vụ», dòng 7, cột J": a cell as a person finds it in Excel."""
        column = self.columns.get(header)
        return f"{self.label}, dòng {row}" + (f", cột {get_column_letter(column)}" if column else "")

    def finding(self, row: int, header: str, code: str, message: str, hint: str) -> Finding:
        """An error about one cell (or one row when `header` is not a column)."""
        return Finding(self.path, row, self.columns.get(header, 1), code, "error",
                       f"{self.where(row, header)}: {message}", hint)


def _refuse(shown: str, message: str, hint: str = FORMATS) -> PlanError:
    return PlanError([Finding(shown, 1, 1, "KH608", "error", message, hint)])


def _text(value: object) -> object:
    return nfc(" ".join(value.split())) if isinstance(value, str) else value


def _table(shown: str, label: str, values: Sequence[tuple[object, ...]]) -> Sheet:
    """The sheet from its rows of values: header row found, empty rows dropped."""
    for index, row in enumerate(values[:HEADER_SEARCH]):
        headers = [_text(cell) if isinstance(cell, str) else None for cell in row]
        if TASK_ID in headers:
            columns = {str(h): number for number, h in enumerate(headers, start=1) if h}
            rows = []
            for number, cells in enumerate(values[index + 1:], start=index + 2):
                found = {h: _text(cells[c - 1]) for h, c in columns.items() if c <= len(cells)}
                if any(value not in (None, "") for value in found.values()):
                    rows.append(SheetRow(number, found))
            return Sheet(shown, label, columns, rows)
    raise _refuse(shown, f"{label} không có dòng tiêu đề với cột «{TASK_ID}»",
                  f"Giữ nguyên các cột ẩn «{TASK_ID}» và «Mã kế hoạch» của tệp đã tải về. {FORMATS}")


def read_sheet(path: Path, shown: str) -> Sheet:
    """The tracking table of an XLSX (sheet «Nhiệm vụ») or a CSV file; KH608 when it is neither."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, shown)
    if suffix != ".xlsx":
        raise _refuse(shown, f"Không đọc được tệp «{path.name}»: chỉ nhận tệp .xlsx hoặc .csv")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _refuse(shown, f"Không mở được tệp «{path.name}» như một bảng tính Excel "
                             f"({type(exc).__name__})") from None
    try:
        if TASK_SHEET not in book.sheetnames:
            raise _refuse(shown, f"Tệp «{path.name}» không có trang tính «{TASK_SHEET}»",
                          f"Các trang tính có trong tệp: {', '.join(f'«{n}»' for n in book.sheetnames)}. {FORMATS}")
        values = [tuple(row) for row in book[TASK_SHEET].iter_rows(values_only=True)]
    finally:
        book.close()
    return _table(shown, f"Trang tính «{TASK_SHEET}»", values)


def _read_csv(path: Path, shown: str) -> Sheet:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(shown, f"Tệp «{path.name}» không phải văn bản UTF-8",
                      "Trong Excel, lưu bằng «CSV UTF-8 (Comma delimited)», hoặc gửi lại tệp XLSX.") from None
    rows = [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))]
    return _table(shown, f"Tệp «{path.name}»", rows)
