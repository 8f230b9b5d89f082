"""The receipt sheet «Nhận báo cáo»: the reports a receiving agency is owed by the members of a group.

One row per member that owes a duty addressed to a group (`tracking.receivable`),
in `tracking.receipts` order, with what it is recorded to have sent (number,
date, note) for the receiving agency to fill in; the ids the round trip needs
(plan, duty, member) come last, hidden. Rows of members that have not sent by an
effective last day already passed, while the plan is in force, are shaded: the
receiving agency's page calls them late. The plan's workbook lists its own
duties in the plan's order; an agency's, those it receives or forwards
(`view.involved`: "receive", "forward"), by last day, as its page does.
"""

from __future__ import annotations

from datetime import date

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.agenda import status
from ..core.loader import Corpus, LoadedPlan
from ..core.models import Agency, ReportingDuty
from ..core.registry import name_of
from ..core.sheet import DUTY_ID, MEMBER_ID, PLAN_ID, RECEIPT_IDS, SENT_DATE, SENT_NOTE, SENT_NUMBER
from ..core.tracking import receipts, receivable
from ..core.view import DutyView, PlanView, resolve
from .tracking_sheet import OVERDUE_FILL

RECEIPT_COLUMNS = [("TT", 6), ("Kế hoạch", 30), ("Báo cáo", 40), ("Hạn tính theo ngày làm việc", 14),
                   ("Đơn vị gửi", 34), (SENT_NUMBER, 18), (SENT_DATE, 12), (SENT_NOTE, 30), (PLAN_ID, 24),
                   (DUTY_ID, 20), (MEMBER_ID, 24)]
RECEIPT_PLAN = [name for name, _ in RECEIPT_COLUMNS].index(PLAN_ID)  # where a receipt row names its plan

Receipts = tuple[list[list[object]], list[bool]]  # the receipt sheet's rows, and which are late
Duties = dict[tuple[str, str], ReportingDuty]  # (plan id, duty id) -> the duty


def receipt_table(views: list[DutyView], duties: Duties, agencies: dict[str, Agency], today: date) -> Receipts:
    """The receipt sheet's rows (RECEIPT_COLUMNS order) for the duties `views`, and which are late as of `today`.

    One row per member that owes a duty, in `tracking.receipts` order; late: nothing recorded and the duty
    overdue (`agenda.status`: its effective last day passed, its plan still in force), as every view says.
    """
    rows: list[list[object]] = []
    late: list[bool] = []
    for view in views:
        for agency_id, sent in receipts(duties[(view.plan_id, view.id)], agencies):
            rows.append([len(rows) + 1, view.plan_title, view.title, view.effective_due, name_of(agency_id, agencies),
                         (sent.number if sent else None) or "", sent.date if sent else None,
                         (sent.note if sent else None) or "", view.plan_id, view.id, agency_id])
            late.append(sent is None and status(view, today) == "overdue")
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


def plan_receipts(loaded: LoadedPlan, view: PlanView, agencies: dict[str, Agency], today: date) -> Receipts:
    """The receipt sheet of one plan's duties addressed to a group, in the plan's order."""
    duties = {(loaded.id, duty.id): duty for duty in loaded.plan.reporting}
    return receipt_table([d for d in view.duties if receivable(duties[(loaded.id, d.id)], agencies)], duties,
                         agencies, today)


def agency_receipts(agency_id: str, corpus: Corpus, today: date, duties: Duties | None = None) -> Receipts:
    """The receipt sheet of the duties addressed to a group that an agency receives or forwards, by last day.

    `duties`: every duty of the corpus by (plan id, duty id), when the caller has it already."""
    duties = duties or {(loaded.id, duty.id): duty for loaded in corpus.plans for duty in loaded.plan.reporting}
    views = sorted((row.item for row in resolve(corpus).by_agency().get(agency_id, [])
                    if row.role in ("receive", "forward") and isinstance(row.item, DutyView)
                    and receivable(duties[(row.item.plan_id, row.item.id)], corpus.agencies)),
                   key=lambda v: (v.effective_due or date.max, v.plan_id, v.id))
    return receipt_table(views, duties, corpus.agencies, today)
