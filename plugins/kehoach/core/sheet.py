"""The tracking sheet's layout: the columns the exports write and `kehoach status import` reads back.

One place for the headers, so the sheet a person fills in and the reader that
takes it back cannot drift apart. The exporter lays the columns out in these
orders; the reader finds them by their header text, so a person may move or
add columns. The two id columns (plan, task) are what the round trip matches
on; the exporter hides them rather than leave them out. The receipt sheet
(«Nhận báo cáo») has one row per member that owes a duty addressed to a group;
its three id columns (plan, duty, member) are hidden the same way.
"""

from __future__ import annotations

from .models import Plan, Section, Task

TASK_SHEET = "Nhiệm vụ"
REPORT_SHEET = "Báo cáo định kỳ"
RECEIPT_SHEET = "Nhận báo cáo"

PLAN_ID = "Mã kế hoạch"
TASK_ID = "Mã nhiệm vụ"
TITLE = "Nội dung"
STATE = "Trạng thái"
PROOF_TYPE = "Loại văn bản chứng minh"
PROOF_NUMBER = "Số, ký hiệu văn bản"
PROOF_DATE = "Ngày văn bản"
PROOF_ISSUER = "Cơ quan ban hành văn bản"
PROOF_URL = "Đường dẫn văn bản"
STATUS_NOTE = "Ghi chú tiến độ"

STATUS_COLUMNS = (STATE, PROOF_TYPE, PROOF_NUMBER, PROOF_DATE, PROOF_ISSUER, PROOF_URL, STATUS_NOTE)
"""What a person fills in: the status block of a task, one column a field."""

ID_COLUMNS = (PLAN_ID, TASK_ID)
"""What the round trip matches on: kept in the sheet, hidden from view."""

DUTY_ID = "Mã báo cáo"
MEMBER_ID = "Mã đơn vị gửi"
SENT_NUMBER = PROOF_NUMBER  # the received report's own number and date, as a proof's are written
SENT_DATE = PROOF_DATE
SENT_NOTE = "Ghi chú"

RECEIPT_COLUMNS = (SENT_NUMBER, SENT_DATE, SENT_NOTE)
"""What the receiving agency fills in: a member's `submissions` entry (number, date, note)."""

RECEIPT_IDS = (PLAN_ID, DUTY_ID, MEMBER_ID)
"""What the receipt sheet's round trip matches on: kept, hidden."""

PROOF_FIELDS = {PROOF_TYPE: "type", PROOF_NUMBER: "number", PROOF_DATE: "date", PROOF_ISSUER: "issuer",
                PROOF_URL: "url"}
"""Header -> the `status.proof` field it fills."""


def row_number(section: Section | None, task: Task, position: int) -> str:
    """The TT of a task with its section: "III.2"; the task's position in its section when it has no number.

    A list across plans and sections (an agency's sheet) would otherwise read
    1, 2, 1, 2: the section's number in front keeps every row's TT its own.
    """
    own = (task.number or str(position)).strip().rstrip(".")
    head = (section.number or "").strip().rstrip(".") if section else ""
    return f"{head}.{own}" if head else own


def task_numbers(plan: Plan) -> dict[str, str]:
    """Task id -> its TT with its section ("III.2"), for lists that mix sections and plans."""
    sections = {section.id: section for section in plan.sections}
    positions: dict[str, int] = {}
    numbers = {}
    for task in plan.tasks:
        positions[task.section] = positions.get(task.section, 0) + 1
        numbers[task.id] = row_number(sections.get(task.section), task, positions[task.section])
    return numbers
