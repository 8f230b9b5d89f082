"""The words every view shows for the same fact: status, roles, buckets, deadlines, plans, documents.

One vocabulary, in one place: the site, the feeds, the exports, the digest and
the diff all take their Vietnamese labels from here, so that a task reads
"Đang thực hiện" everywhere and a plan has one title. A second copy of one of
these words in a view is a bug in waiting.
"""

from __future__ import annotations

from datetime import date

from .deadlines import describe, meaning
from .models import Agency, Deadline, DocRef, Document, Plan, Section
from .text import short_date

STATE_WORDS = {"not_started": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành"}
"""A task's recorded state, as the plan file says it (`status.state`)."""

STATUS_WORDS = {
    **STATE_WORDS, "overdue": "Quá hạn", "soon": "Sắp đến hạn", "unrecorded": "Không ghi nhận kết quả",
}
"""Where a task stands on a given day: its state, or overdue/soon by its deadline, or, once its plan has
ended with the task still open, no outcome recorded."""

ROLE_WORDS = {"lead": "Chủ trì", "partner": "Phối hợp", "report": "Báo cáo", "receive": "Nhận báo cáo",
              "forward": "Tổng hợp báo cáo"}
"""An agency's part in a task or a reporting duty, most important first (`ROLE_RANK`).

"forward" is the agency a report goes through to its recipient ("báo cáo kết quả về Ủy ban nhân dân
tỉnh (qua Sở Nội vụ - Ban Thi đua - Khen thưởng) để tổng hợp", Kế hoạch 274/KH-UBND Đồng Nai 2023):
it gathers the reports for the recipient. Doubt: the Sơn La and Quyết Thắng plans say only "qua";
the word follows the one plan that says what the agency does with them.
"""

ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_WORDS)}
"""An agency with two parts in one item is listed under the first (Chủ trì before Phối hợp…)."""

BUCKETS = (
    ("overdue", "Quá hạn"), ("this_month", "Đến hạn tháng này"), ("next_month", "Đến hạn tháng sau"),
    ("later", "Sau đó"), ("ongoing", "Thường xuyên, không ghi hạn"), ("done", "Đã hoàn thành"),
)
"""The parts of an agency's list, in order."""


def phrase(deadline: Deadline | None) -> str:
    """The deadline as written, or its meaning in the words a plan would use ("trước ngày 15/03/2024")."""
    if deadline is None:
        return ""
    reading = meaning(deadline)
    return deadline.text or (describe(reading) if reading else "")


def effective_words(last: date | None, effective: date | None) -> str:
    """ "hạn thực tế 17/06/2024" when a limit's last day is a day off and it runs to the next working day."""
    return f"hạn thực tế {short_date(effective)}" if last and effective and effective != last else ""


NOTE_WORDS = {"gap": "Bản nguồn thiếu", "doubt": "Chưa chắc chắn", "ocr": "Có thể sai do nhận dạng chữ",
              "inference": "Suy luận khi chép"}
"""The kinds of a maintainer's note (`source` of a plan or of an agency), as the folded notes name them."""

PROOF_WORD = "Minh chứng"
"""What a done task's document is called where it is shown: "Minh chứng: Báo cáo số …"."""


def proof_name(ref: DocRef | None) -> str:
    """ "Báo cáo số 12/BC-SNV ngày 15/06/2024 của Sở Nội vụ": type, number, date, issuer; empty when no document.

    A task marked done names the document that shows it (`status.proof`), a plan
    its closing report (`closing`); every view names it this way so that a reader
    can find the document itself.
    """
    if ref is None:
        return ""
    parts = [ref.type, f"số {ref.number}" if ref.number else "", f"ngày {short_date(ref.date)}" if ref.date else "",
             f"của {ref.issuer}" if ref.issuer else ""]
    return " ".join(part for part in parts if part)


def proof_label(ref: DocRef | None) -> str:
    """The document's name (`proof_name`), then its subject and address, as plain text (feeds, exports)."""
    if ref is None:
        return ""
    return " ".join(part for part in (proof_name(ref), ref.title or "", ref.url or "") if part)


def proof_href(ref: DocRef | None) -> str | None:
    """The document's address when it is a web address (http, https); anything else is not made a link."""
    url = ref.url if ref else None
    return url if url and url.lower().startswith(("https://", "http://")) else None


def section_heading(section: Section) -> str:
    """ "I. Nhiệm vụ thực hiện trong quý I" from number and title."""
    if not section.number:
        return section.title
    return f"{section.number} {section.title}" if section.number.endswith(".") else f"{section.number}. {section.title}"


def plan_title(plan: Plan, plan_id: str) -> str:
    """The short title of a plan as every view shows it: its `title`, else its type and subject, else its id."""
    if plan.title:
        return plan.title
    return f"{plan.document.type} {plan.document.subject}" if plan.document.subject else plan_id


def document_label(document: Document) -> str:
    """ "Quyết định số 43/QĐ-UBND ngày 10/01/2024"; "Kế hoạch số …/KH-UBND" when unnumbered."""
    label = document.type
    if document.symbol or document.number:
        label += f" số {document.number or '…'}" + (f"/{document.symbol}" if document.symbol else "")
    return label + (f" ngày {short_date(document.date)}" if isinstance(document.date, date) else "")


def plan_label(plan: Plan, agencies: dict[str, Agency]) -> str:
    """ "Kế hoạch số 33/KH-UBND ngày 08/01/2024 của Ủy ban nhân dân phường …", and its decision."""
    document = plan.document
    issuer = agencies[document.issuer].name if document.issuer in agencies else document.issuer_name
    label = document_label(document) + (f" của {issuer}" if issuer else "")
    return label + (f", ban hành kèm theo {document_label(plan.decision)}" if plan.decision else "")


def _as_day(value: date | str | None) -> date | None:
    return value if isinstance(value, date) else None


def plan_base(plan: Plan) -> date:
    """The day the plan's events were first stated: its issue (or decision) date, else 1/1."""
    decided = plan.decision.date if plan.decision else None
    issued = [day for day in (_as_day(plan.document.date), _as_day(decided)) if day]
    return max(issued, default=date(plan.year, 1, 1))


# --- the elements of a document as printed (NĐ 30/2020/NĐ-CP), and the blanks of a draft --------------

FILL = "…"
"""A blank the signing office fills by hand: "…, ngày … tháng … năm …", "Số: 12/QĐ-…" (the
decree's own specimen writes its blanks so, Phụ lục III, Mẫu 1.4)."""

FILL_LINE = "……………………"
"""A dotted line to fill: the issuing body's name, the signer's title, the signer's name."""

DATE_FILL = f"ngày {FILL} tháng {FILL} năm {FILL}"
"""The date line of a document whose date is not known at all."""

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

TASK_TABLE_HEAD = ("TT", "Nội dung", "Thời gian thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp")
"""The header row of a task table, as the Phụ lục of a printed plan has it (print page and DOCX)."""

TYPE_SYMBOLS = {
    "nghị quyết": "NQ", "quyết định": "QĐ", "chỉ thị": "CT", "quy chế": "QC", "quy định": "QyĐ",
    "thông cáo": "TC", "thông báo": "TB", "hướng dẫn": "HD", "chương trình": "CTr", "kế hoạch": "KH",
    "phương án": "PA", "đề án": "ĐA", "dự án": "DA", "báo cáo": "BC", "biên bản": "BB", "tờ trình": "TTr",
}
"""The first part of a ký hiệu, by document type (NĐ 30/2020/NĐ-CP, Phụ lục III, Mục I): a document
without its ký hiệu prints "KH-…", the issuer's abbreviation left to fill."""

ELEMENT_WORDS = {
    "issuer": ("tên cơ quan ban hành", "`issuer_name: SỞ NỘI VỤ` (như in trên văn bản) hoặc `issuer:` mã cơ quan"),
    "symbol": ("ký hiệu", "`symbol: KH-UBND`"),
    "place": ("địa danh", "`place: Đồng Nai`"),
    "subject": ("trích yếu", "`subject: Công tác thi đua, khen thưởng năm 2025`"),
    "signer": ("chức vụ người ký", "`title: CHỦ TỊCH` trong `signer:`"),
    "signer_name": ("họ tên người ký", "`name: Nguyễn Văn A` trong `signer:`"),
    "recipients": ("nơi nhận", '`recipients: [{text: "Lưu: VT."}]`'),
}
"""An element of the decree a document can lack (Điều 8): its name, and the field that gives it with an
example value. The number and the day are not here: the office assigns them after the signature
(Điều 15 k2), so a draft for signature rightly leaves them blank."""


def symbol_blank(document: Document) -> str:
    """The ký hiệu a document without one prints: its type's part and a blank ("KH-…"), or a blank."""
    part = TYPE_SYMBOLS.get(document.type.casefold())
    return f"{part}-{FILL}" if part else FILL


def task_line(number: str | None, title: str) -> str:
    """A task as a line of the body: "1. Title" when numbered, else "- Title"."""
    return f"{number} {title}" if number else f"- {title}"


def appendix_reference(plan: Plan) -> str:
    """The appendix's "(Kèm theo …)" line: the plan's own words, else its type, number (blanks to fill) and date."""
    if plan.appendix and plan.appendix.reference:
        return plan.appendix.reference
    document = plan.document
    number = f" số {document.number or FILL}/{document.symbol or symbol_blank(document)}"
    when = f" ngày {short_date(document.date)}" if isinstance(document.date, date) else ""
    return f"(Kèm theo {document.type}{number}{when})"


def row_number(number: str | None, index: int) -> str:
    """The TT cell of a task table: the number the plan prints, else the row's place in its section (1, 2…)."""
    return number or str(index)
