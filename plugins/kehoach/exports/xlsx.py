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
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.agenda import recorded_words
from ..core.models import Agency
from ..core.view import DutyView, PlanView, TaskView

TASK_COLUMNS = [("TT", 6), ("Mã", 16), ("Nội dung", 60), ("Mục", 28), ("Thời hạn (ghi trong văn bản)", 22),
                ("Hạn cuối", 12), ("Hạn tính theo ngày làm việc", 14), ("Chủ trì", 26), ("Phối hợp", 26),
                ("Trạng thái", 15), ("Văn bản chứng minh", 26), ("Ghi chú", 30)]
REPORT_COLUMNS = [("TT", 6), ("Mã", 18), ("Nội dung", 50), ("Thời hạn (ghi trong văn bản)", 24), ("Hạn cuối", 12),
                  ("Hạn tính theo ngày làm việc", 14), ("Đơn vị báo cáo", 30), ("Gửi", 24), ("Qua", 24),
                  ("Nguyên văn", 40)]
AGENCY_WIDTHS = [30, 22, 6, 16, 60, 10, 22, 12, 14, 26, 26, 15]
DATE_FORMAT = "dd/mm/yyyy"
FONT = "Times New Roman"
THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_ROWS = 3  # title, number/date line, blank; the table header is the next row


def _table(ws: Worksheet, titles: list[str], header: list[str], widths: list[int],
           rows: list[list[object]]) -> None:
    """Write title lines, then a header and rows as an office table with print setup."""
    for index, line in enumerate(titles, start=1):
        cell = ws.cell(row=index, column=1, value=line)
        cell.font = Font(name=FONT, size=14 if index == 1 else 12, bold=index == 1, italic=index > 1)
    top = TITLE_ROWS + 1
    for column, (name, width) in enumerate(zip(header, widths, strict=True), start=1):
        cell = ws.cell(row=top, column=column, value=name)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = GRID
        ws.column_dimensions[get_column_letter(column)].width = width
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=top + offset, column=column, value=value)
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


def task_cells(view: TaskView, today: date | None = None) -> list[object]:
    """The cells of one task row of the "Nhiệm vụ" sheet as of `today`, in TASK_COLUMNS order."""
    return [view.number or "", view.id, view.title, view.section, view.deadline_text, view.due, view.effective_due,
            view.lead_cell, view.partners_cell, recorded_words(view, today), view.proof_label, view.note or ""]


def report_cells(index: int, view: DutyView) -> list[object]:
    """The cells of one row of the "Báo cáo định kỳ" sheet, in REPORT_COLUMNS order."""
    return [index, view.id, view.title, view.deadline_text, view.due, view.effective_due,
            "; ".join(a.name for a in view.reporters), view.recipient.name if view.recipient else "",
            view.via.name if view.via else "", view.text or ""]


def plan_workbook(plan: PlanView, label: str, today: date | None = None) -> bytes:
    """Sheets "Nhiệm vụ" (the task table as of `today`) and "Báo cáo định kỳ" (reporting duties) of one plan."""
    wb = Workbook()
    titles = [plan.title, label]
    ws = wb.active
    ws.title = "Nhiệm vụ"
    _table(ws, titles, [n for n, _ in TASK_COLUMNS], [w for _, w in TASK_COLUMNS],
           [task_cells(t, today) for t in plan.tasks])
    reports = wb.create_sheet("Báo cáo định kỳ")
    _table(reports, titles, [n for n, _ in REPORT_COLUMNS], [w for _, w in REPORT_COLUMNS],
           [report_cells(index, duty) for index, duty in enumerate(plan.duties, start=1)])
    wb.properties.title = plan.title
    wb.properties.creator = "kehoach"
    return _save(wb)


def agency_workbook(agency: Agency, header: list[str], rows: list[list[object]]) -> bytes:
    """Sheet "Nhiệm vụ" of one agency: its tasks across plans."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    _table(ws, [agency.name, f"Nhiệm vụ chủ trì và phối hợp ({len(rows)} nhiệm vụ)"], header, AGENCY_WIDTHS, rows)
    wb.properties.title = agency.name
    wb.properties.creator = "kehoach"
    return _save(wb)
