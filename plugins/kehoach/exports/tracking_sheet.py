"""The tracking sheet: a plan's or an agency's tasks as a table people fill in and send back.

The columns a person fills (status from a drop-down of `labels.STATE_WORDS`, the
proof document's type, number, date, issuer and link, a progress note) sit
right of what the plan says; the ids the round trip needs (`core.sheet`) come
last, hidden, never deleted. Rows overdue on the export's `today` are shaded:
a value computed at export, no formula, so the file is the same for the same
plans and day. An open task of a plan ended by then is not overdue: its status
cell reads "Không ghi nhận kết quả" (`agenda.recorded_words`), as everywhere,
and `kehoach status import` reads that word back as "leave the state as it is".
The CSV has the same columns (dates ISO 8601).
"""

from __future__ import annotations

from datetime import date

from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..core.agenda import recorded_words, status
from ..core.labels import ROLE_WORDS, STATE_WORDS
from ..core.sheet import (
    ID_COLUMNS,
    PLAN_ID,
    PROOF_DATE,
    PROOF_ISSUER,
    PROOF_NUMBER,
    PROOF_TYPE,
    PROOF_URL,
    STATE,
    STATUS_NOTE,
    TASK_ID,
    TITLE,
)
from ..core.view import TaskView

STATUS_WIDTHS = [(STATE, 17), (PROOF_TYPE, 16), (PROOF_NUMBER, 16), (PROOF_DATE, 12), (PROOF_ISSUER, 22),
                 (PROOF_URL, 20), (STATUS_NOTE, 28)]
IDS = [(PLAN_ID, 24), (TASK_ID, 24)]
PLAN_COLUMNS = [("TT", 6), ("Mục", 24), (TITLE, 60), ("Thời hạn (ghi trong văn bản)", 22), ("Hạn cuối", 12),
                ("Hạn tính theo ngày làm việc", 14), ("Chủ trì", 26), ("Phối hợp", 26), *STATUS_WIDTHS,
                ("Ghi chú", 30), *IDS]
AGENCY_COLUMNS = [("Kế hoạch", 30), ("Mục", 24), ("TT", 7), (TITLE, 60), ("Vai trò", 10),
                  ("Thời hạn (ghi trong văn bản)", 22), ("Hạn cuối", 12), ("Hạn tính theo ngày làm việc", 14),
                  ("Chủ trì", 26), ("Phối hợp", 26), *STATUS_WIDTHS, *IDS]
OVERDUE_FILL = PatternFill(fill_type="solid", start_color="FFF4CCCC", end_color="FFF4CCCC")


def status_cells(view: TaskView, today: date | None) -> list[object]:
    """The cells a person fills: state word as of `today`, proof type, number, date, issuer, link, progress note."""
    proof = view.proof
    return [recorded_words(view, today), proof.type if proof else "", (proof.number if proof else None) or "",
            proof.date if proof else None, (proof.issuer if proof else None) or "",
            (proof.url if proof else None) or "", view.progress_note or ""]


def plan_cells(view: TaskView, today: date | None = None) -> list[object]:
    """One task of the plan sheet as of `today`, in PLAN_COLUMNS order."""
    return [view.number or "", view.section, " ".join(view.title.split()), view.deadline_text, view.due,
            view.effective_due, view.lead_cell, view.partners_cell, *status_cells(view, today), view.note or "",
            view.plan_id, view.id]


def agency_cells(number: str, role: str, view: TaskView, today: date | None = None) -> list[object]:
    """One task of an agency's sheet as of `today`, in AGENCY_COLUMNS order; `number` is the TT with its section."""
    return [view.plan_title, view.section, number, " ".join(view.title.split()), ROLE_WORDS[role],
            view.deadline_text, view.due, view.effective_due, view.lead_cell, view.partners_cell,
            *status_cells(view, today), view.plan_id, view.id]


def is_overdue(view: TaskView, today: date) -> bool:
    """The task is open and its effective last day has passed, as every other view says (`agenda.status`)."""
    return status(view, today) == "overdue"


def csv_cells(cells: list[object]) -> list[str]:
    """Cells as CSV text: dates ISO 8601, empty for none."""
    return ["" if cell is None else cell.isoformat() if isinstance(cell, date) else str(cell) for cell in cells]


def make_fillable(ws: Worksheet, header: list[str], top: int, count: int, overdue: list[bool]) -> None:
    """The status drop-down, date format of the proof date, shaded overdue rows, hidden id columns."""
    first, last = top + 1, top + max(count, 1)
    column = get_column_letter(header.index(STATE) + 1)
    choices = DataValidation(type="list", formula1='"' + ",".join(STATE_WORDS.values()) + '"', allow_blank=False,
                             showErrorMessage=True, errorTitle="Trạng thái không hợp lệ",
                             error="Chọn một trong: " + ", ".join(STATE_WORDS.values()) + ".",
                             showInputMessage=True, promptTitle=STATE, prompt="Chọn trạng thái trong danh sách.")
    choices.add(f"{column}{first}:{column}{last + 200}")  # room for rows a person adds by mistake: still checked
    ws.add_data_validation(choices)
    day = get_column_letter(header.index(PROOF_DATE) + 1)
    for offset in range(count):
        ws[f"{day}{first + offset}"].number_format = "dd/mm/yyyy"
        if overdue[offset]:
            for cell in ws[first + offset]:
                cell.fill = OVERDUE_FILL
    for name in ID_COLUMNS:
        ws.column_dimensions[get_column_letter(header.index(name) + 1)].hidden = True
