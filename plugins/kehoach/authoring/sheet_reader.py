"""A filled tracking sheet (XLSX or CSV) read into rows of cells keyed by their column headers.

The reader knows files, not plans: it finds the sheets `core.sheet.TASK_SHEET`
and `RECEIPT_SHEET` (an XLSX holds either or both) or takes the whole file (a
CSV: one of them, told apart by its key column), finds the header row by the
key column's header (task id, member id), and gives each later row with its
row number, so that every message can point a person at a cell as Excel names
it ("dòng 7, cột J"). A date cell is read here too (`cell_date`): a date, or
text in the two ways people write one.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..core.errors import Finding, PlanError
from ..core.sheet import MEMBER_ID, PLAN_ID, RECEIPT_SHEET, TASK_ID, TASK_SHEET
from ..core.text import nfc

HEADER_SEARCH = 12  # rows above the table: the export's title block is three
FORMATS = "Dùng tệp XLSX hoặc CSV tải từ trang kế hoạch hay trang cơ quan (nút Tải về), rồi điền vào đó."
KEYS = {TASK_SHEET: TASK_ID, RECEIPT_SHEET: MEMBER_ID}
"""Each sheet the import reads, by the hidden column its header row is found by."""
_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class SheetRow:
    """One row of the table: its number in the sheet and its cells by header."""

    number: int
    cells: dict[str, object]


@dataclass(frozen=True)
class Sheet:
    """The table of a tracking sheet: where it came from, its columns and its rows."""

    path: str  # as shown in messages
    name: str  # which of KEYS it is: TASK_SHEET or RECEIPT_SHEET
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


def _table(shown: str, name: str, label: str, values: Sequence[tuple[object, ...]]) -> Sheet | None:
    """The sheet from its rows of values: header row found by its key column, empty rows dropped."""
    for index, row in enumerate(values[:HEADER_SEARCH]):
        headers = [_text(cell) if isinstance(cell, str) else None for cell in row]
        if KEYS[name] in headers:
            columns = {str(h): number for number, h in enumerate(headers, start=1) if h}
            rows = []
            for number, cells in enumerate(values[index + 1:], start=index + 2):
                found = {h: _text(cells[c - 1]) for h, c in columns.items() if c <= len(cells)}
                if any(value not in (None, "") for value in found.values()):
                    rows.append(SheetRow(number, found))
            return Sheet(shown, name, label, columns, rows)
    return None


def _no_header(shown: str, label: str, names: Sequence[str]) -> PlanError:
    keys = " hoặc ".join(f"«{KEYS[name]}»" for name in names)
    return _refuse(shown, f"{label} không có dòng tiêu đề với cột {keys}",
                   f"Giữ nguyên các cột ẩn «{PLAN_ID}», {keys} của tệp đã tải về. {FORMATS}")


def read_sheets(path: Path, shown: str) -> list[Sheet]:
    """The tables of an XLSX (sheets «Nhiệm vụ», «Nhận báo cáo») or a CSV file; KH608 when it has none."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [_read_csv(path, shown)]
    if suffix != ".xlsx":
        raise _refuse(shown, f"Không đọc được tệp «{path.name}»: chỉ nhận tệp .xlsx hoặc .csv")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _refuse(shown, f"Không mở được tệp «{path.name}» như một bảng tính Excel "
                             f"({type(exc).__name__})") from None
    try:
        names = [name for name in KEYS if name in book.sheetnames]
        if not names:
            raise _refuse(shown, f"Tệp «{path.name}» không có trang tính «{TASK_SHEET}» hay «{RECEIPT_SHEET}»",
                          f"Các trang tính có trong tệp: {', '.join(f'«{n}»' for n in book.sheetnames)}. {FORMATS}")
        tables = {name: [tuple(row) for row in book[name].iter_rows(values_only=True)] for name in names}
    finally:
        book.close()
    sheets = []
    for name, values in tables.items():
        sheet = _table(shown, name, f"Trang tính «{name}»", values)
        if sheet is None:
            raise _no_header(shown, f"Trang tính «{name}»", [name])
        sheets.append(sheet)
    return sheets


def _read_csv(path: Path, shown: str) -> Sheet:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(shown, f"Tệp «{path.name}» không phải văn bản UTF-8",
                      "Trong Excel, lưu bằng «CSV UTF-8 (Comma delimited)», hoặc gửi lại tệp XLSX.") from None
    rows = [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))]
    for name in KEYS:
        sheet = _table(shown, name, f"Tệp «{path.name}»", rows)
        if sheet is not None:
            return sheet
    raise _no_header(shown, f"Tệp «{path.name}»", list(KEYS))


def has_columns(sheet: Sheet, headers: Sequence[str], problems: list[Finding]) -> bool:
    """True when the sheet has every column in `headers`; else KH608 naming those it lacks."""
    missing = [header for header in headers if header not in sheet.columns]
    if missing:
        problems.append(Finding(sheet.path, 1, 1, "KH608", "error",
                                f"{sheet.label} thiếu cột {', '.join(f'«{h}»' for h in missing)}",
                                "Không xóa cột của tệp đã tải về (cột mã được ẩn, không cần hiện)."))
    return not missing


def cell_text(row: SheetRow, header: str) -> str:
    """A cell as text, stripped; empty for an empty cell or a column the sheet lacks."""
    value = row.cells.get(header)
    return "" if value is None else str(value).strip()


def cell_date(sheet: Sheet, row: SheetRow, header: str, problems: list[Finding]) -> date | None:
    """A date cell, or text dd/mm/yyyy or yyyy-mm-dd naming a real day of 1900-2199 (as plans' dates are);
    None when empty or refused (KH606)."""
    value = row.cells.get(header)
    text = cell_text(row, header)
    day = value.date() if isinstance(value, datetime) else value if isinstance(value, date) else None
    if day is None and text:
        found, iso = _DAY.match(text), _ISO.match(text)
        parts = (found.group(3), found.group(2), found.group(1)) if found else iso.groups() if iso else None
        if parts is None:
            problems.append(sheet.finding(row.number, header, "KH606", f"Không đọc được ngày «{text}»",
                                          "Ghi ngày dạng ngày/tháng/năm, ví dụ 15/06/2024."))
            return None
        try:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            problems.append(sheet.finding(row.number, header, "KH606", f"Ngày không có thật: «{text}»",
                                          "Kiểm tra ngày và tháng (tháng 2 có 28 hoặc 29 ngày; "
                                          "tháng 4, 6, 9, 11 có 30 ngày)."))
            return None
    if day is not None and not 1900 <= day.year <= 2199:
        problems.append(sheet.finding(row.number, header, "KH606", f"Năm {day.year} của ngày «{text}» ngoài "
                                      "khoảng 1900–2199", "Ghi đủ bốn chữ số của năm, ví dụ 15/06/2024."))
        return None
    return day
