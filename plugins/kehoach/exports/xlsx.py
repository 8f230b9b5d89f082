"""Excel workbooks of task tables, laid out the way offices keep them.

A title block (plan name, number and date), then one table: bold header row,
frozen and repeated on every printed page, autofilter, wrapped text, dates as
real date cells shown dd/mm/yyyy, A4 landscape fitted to the page width.
Called by `exports`, which fixes the workbook's timestamps afterwards.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.models import Agency
from ..core.sheet import PLAN_ID, RECEIPT_SHEET, REPORT_SHEET, TASK_SHEET
from ..core.view import DutyView, PlanView
from .receipt_sheet import RECEIPT_COLUMNS, Receipts, make_receipts_fillable
from .tracking_sheet import AGENCY_COLUMNS, PLAN_COLUMNS, is_overdue, make_fillable, plan_cells

REPORT_COLUMNS = [("TT", 6), ("Mã", 18), ("Nội dung", 50), ("Thời hạn (ghi trong văn bản)", 24), ("Hạn cuối", 12),
                  ("Hạn tính theo ngày làm việc", 14), ("Đơn vị báo cáo", 30), ("Gửi", 24), ("Qua", 24),
                  ("Nguyên văn", 40), ("Tình hình gửi báo cáo", 50)]
AGENCY_REPORT_COLUMNS = [("Kế hoạch", 30), ("Nội dung", 50), ("Vai trò", 12), ("Thời hạn (ghi trong văn bản)", 24),
                         ("Hạn cuối", 12), ("Hạn tính theo ngày làm việc", 14), ("Đơn vị báo cáo", 30), ("Gửi", 24),
                         ("Tình hình gửi báo cáo", 50), (PLAN_ID, 24), ("Mã báo cáo", 20)]
DATE_FORMAT = "dd/mm/yyyy"
FONT = "Times New Roman"
THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as the start of a formula
TITLE_ROWS = 3  # title, number/date line, blank; the table header is the next row


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell; text is always a text cell, never a formula.

    openpyxl makes a formula of any text starting with "=": plan text such as
    "=HYPERLINK(…)" or "- Sở Nội vụ" must stay what it says (OWASP, CSV and
    spreadsheet injection). Text is stored as a string with Excel's quote prefix
    (an edit keeps it text), without the characters XML 1.0 forbids.
    """
    if not isinstance(value, str):
        return ws.cell(row=row, column=column, value=value)
    cell = ws.cell(row=row, column=column, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    if cell.data_type != "s":
        cell.data_type = "s"
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def _table(ws: Worksheet, titles: list[str], header: list[str], widths: list[int],
           rows: list[list[object]]) -> None:
    """Write title lines, then a header and rows as an office table with print setup."""
    for index, line in enumerate(titles, start=1):
        cell = put(ws, index, 1, line)
        cell.font = Font(name=FONT, size=14 if index == 1 else 12, bold=index == 1, italic=index > 1)
    top = TITLE_ROWS + 1
    for column, (name, width) in enumerate(zip(header, widths, strict=True), start=1):
        cell = put(ws, top, column, name)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = GRID
        ws.column_dimensions[get_column_letter(column)].width = width
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = put(ws, top + offset, column, value)
            cell.font = Font(name=FONT, size=12)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = GRID
            if hasattr(value, "isoformat"):
                cell.number_format = DATE_FORMAT
    last = get_column_letter(len(header))
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.auto_filter.ref = f"A{top}:{last}{top + len(rows)}"
    ws.print_title_rows = f"{top}:{top}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def report_cells(index: int, view: DutyView, tracked: str) -> list[object]:
    """The cells of one row of the "Báo cáo định kỳ" sheet, in REPORT_COLUMNS order; `tracked`: who has sent."""
    return [index, view.id, view.title, view.deadline_text, view.due, view.effective_due,
            "; ".join(a.name for a in view.reporters), view.recipient.name if view.recipient else "",
            view.via.name if view.via else "", view.text or "", tracked]


def _fillable(ws: Worksheet, titles: list[str], columns: list[tuple[str, int]], rows: list[list[object]],
              overdue: list[bool]) -> None:
    header = [name for name, _ in columns]
    _table(ws, titles, header, [width for _, width in columns], rows)
    make_fillable(ws, header, TITLE_ROWS + 1, len(rows), overdue)


def _receipts(wb: Workbook, titles: list[str], receipts: Receipts) -> None:
    """The sheet "Nhận báo cáo" when there is a row for it: who has sent each report addressed to a group."""
    rows, late = receipts
    if not rows:
        return
    ws = wb.create_sheet(RECEIPT_SHEET)
    header = [name for name, _ in RECEIPT_COLUMNS]
    _table(ws, titles, header, [width for _, width in RECEIPT_COLUMNS], rows)
    make_receipts_fillable(ws, header, TITLE_ROWS + 1, late)


def plan_workbook(plan: PlanView, label: str, today: date, tracked: list[str], receipts: Receipts) -> bytes:
    """Sheets "Nhiệm vụ" (the tracking sheet of the tasks, overdue as of `today` shaded), "Báo cáo định kỳ"
    (reporting duties; `tracked`, one a duty: who has sent it) and "Nhận báo cáo" (each member's report of the
    duties addressed to a group, to fill in) of one plan."""
    wb = Workbook()
    titles = [plan.title, label]
    ws = wb.active
    ws.title = TASK_SHEET
    _fillable(ws, titles, PLAN_COLUMNS, [plan_cells(t, today) for t in plan.tasks],
              [is_overdue(t, today) for t in plan.tasks])
    reports = wb.create_sheet(REPORT_SHEET)
    _table(reports, titles, [n for n, _ in REPORT_COLUMNS], [w for _, w in REPORT_COLUMNS],
           [report_cells(index, duty, words) for index, (duty, words) in enumerate(zip(plan.duties, tracked,
                                                                                      strict=True), start=1)])
    _receipts(wb, [plan.title, "Báo cáo các đơn vị gửi về: ghi số, ngày văn bản khi nhận được"], receipts)
    wb.properties.title = plan.title
    wb.properties.creator = "kehoach"
    return _save(wb)


def agency_workbook(agency: Agency, rows: list[list[object]], overdue: list[bool],
                    reports: list[list[object]], receipts: Receipts) -> bytes:
    """Sheets "Nhiệm vụ" (its tasks across plans, to fill in; none when it has no task), "Báo cáo định kỳ"
    (reports it owes or receives) and "Nhận báo cáo" (each member's report of those it receives from a group)."""
    wb = Workbook()
    ws = wb.active
    if rows:
        ws.title = TASK_SHEET
        _fillable(ws, [agency.name, f"Nhiệm vụ chủ trì và phối hợp ({len(rows)} nhiệm vụ)"], AGENCY_COLUMNS, rows,
                  overdue)
        sheet = wb.create_sheet(REPORT_SHEET)
    else:
        sheet = ws
        sheet.title = REPORT_SHEET
    _table(sheet, [agency.name, f"Báo cáo phải gửi và báo cáo nhận ({len(reports)} báo cáo)"],
           [n for n, _ in AGENCY_REPORT_COLUMNS], [w for _, w in AGENCY_REPORT_COLUMNS], reports)
    for name in (PLAN_ID, "Mã báo cáo"):
        index = [n for n, _ in AGENCY_REPORT_COLUMNS].index(name) + 1
        sheet.column_dimensions[get_column_letter(index)].hidden = True
    _receipts(wb, [agency.name, "Báo cáo các đơn vị gửi về: ghi số, ngày văn bản khi nhận được"], receipts)
    wb.properties.title = agency.name
    wb.properties.creator = "kehoach"
    return _save(wb)
