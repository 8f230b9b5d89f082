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

The receipt sheet («Nhận báo cáo», `receipt_table`) is the receiving agency's
list of reports from many units: one row per member that owes a duty addressed
to a group (`tracking.receivable`), with what it is recorded to have sent (number,
date, note) to fill in; rows of members that have not sent by an effective last
day already passed are shaded, as the receiving agency's page calls them late.
"""

from __future__ import annotations

from datetime import date

from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..core.agenda import ended, recorded_words, status
from ..core.labels import ROLE_WORDS, STATE_WORDS
from ..core.models import Agency, ReportingDuty
from ..core.sheet import (
    DUTY_ID,
    ID_COLUMNS,
    MEMBER_ID,
    PLAN_ID,
    PROOF_DATE,
    PROOF_ISSUER,
    PROOF_NUMBER,
    PROOF_TYPE,
    PROOF_URL,
    RECEIPT_IDS,
    SENT_DATE,
    SENT_NOTE,
    SENT_NUMBER,
    STATE,
    STATUS_NOTE,
    TASK_ID,
    TITLE,
)
from ..core.tracking import receipts
from ..core.view import DutyView, TaskView

STATUS_WIDTHS = [(STATE, 17), (PROOF_TYPE, 16), (PROOF_NUMBER, 16), (PROOF_DATE, 12), (PROOF_ISSUER, 22),
                 (PROOF_URL, 20), (STATUS_NOTE, 28)]
IDS = [(PLAN_ID, 24), (TASK_ID, 24)]
PLAN_COLUMNS = [("TT", 6), ("Mục", 24), (TITLE, 60), ("Thời hạn (ghi trong văn bản)", 22), ("Hạn cuối", 12),
                ("Hạn tính theo ngày làm việc", 14), ("Chủ trì", 26), ("Phối hợp", 26), *STATUS_WIDTHS,
                ("Ghi chú", 30), *IDS]
AGENCY_COLUMNS = [("Kế hoạch", 30), ("Mục", 24), ("TT", 7), (TITLE, 60), ("Vai trò", 10),
                  ("Thời hạn (ghi trong văn bản)", 22), ("Hạn cuối", 12), ("Hạn tính theo ngày làm việc", 14),
                  ("Chủ trì", 26), ("Phối hợp", 26), *STATUS_WIDTHS, *IDS]
RECEIPT_COLUMNS = [("TT", 6), ("Kế hoạch", 30), ("Báo cáo", 40), ("Hạn tính theo ngày làm việc", 14),
                   ("Đơn vị gửi", 34), (SENT_NUMBER, 18), (SENT_DATE, 12), (SENT_NOTE, 30), (PLAN_ID, 24),
                   (DUTY_ID, 20), (MEMBER_ID, 24)]
RECEIPT_PLAN = [name for name, _ in RECEIPT_COLUMNS].index(PLAN_ID)  # where a receipt row names its plan
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


def receipt_table(views: list[DutyView], duties: dict[tuple[str, str], ReportingDuty], agencies: dict[str, Agency],
                  today: date) -> tuple[list[list[object]], list[bool]]:
    """The receipt sheet's rows (RECEIPT_COLUMNS order) for the duties `views`, and which are late as of `today`.

    One row per member that owes a duty, in `tracking.receipts` order; late: nothing recorded, the effective
    last day passed and the plan still in force (`agenda.ended`), as the receiving agency's page says.
    """
    rows: list[list[object]] = []
    late: list[bool] = []
    for view in views:
        for agency_id, sent in receipts(duties[(view.plan_id, view.id)], agencies):
            name = agencies[agency_id].name if agency_id in agencies else agency_id
            rows.append([len(rows) + 1, view.plan_title, view.title, view.effective_due, name,
                         (sent.number if sent else None) or "", sent.date if sent else None,
                         (sent.note if sent else None) or "", view.plan_id, view.id, agency_id])
            late.append(sent is None and view.effective_due is not None and view.effective_due < today
                        and not ended(view, today))
    return rows, late


def make_receipts_fillable(ws: Worksheet, header: list[str], top: int, late: list[bool]) -> None:
    """The receipt sheet's date cells formatted as dates, late rows shaded, the id columns hidden."""
    day = get_column_letter(header.index(SENT_DATE) + 1)
    for offset, shaded in enumerate(late, start=top + 1):
        ws[f"{day}{offset}"].number_format = "dd/mm/yyyy"
        if shaded:
            for cell in ws[offset]:
                cell.fill = OVERDUE_FILL
    for name in RECEIPT_IDS:
        ws.column_dimensions[get_column_letter(header.index(name) + 1)].hidden = True
