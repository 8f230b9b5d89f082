"""What a person must still decide in a plan `kehoach new` copied from last year: the printed checklist.

Everything is named for this plan: the document numbers and dates left empty,
last year's decision number still written in lines kept word for word, the căn
cứ that no longer apply, and each thing `kehoach check` flags in the new plan
(stale years, a task under one quarter with a deadline in another, deadlines
outside the year or on a day off, agencies closed, tasks written twice). The
words are a civil servant's; the rule code stands beside them so that the
editing guide's table can be looked up. Only public texts are cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.checks import plan_period
from ..core.deadlines import due, written_day
from ..core.errors import Finding
from ..core.labels import STATE_WORDS
from ..core.loader import PLAN_FILE, LoadedPlan
from ..core.models import Agency
from ..core.text import fold, short_date, weekday_name
from ..core.workdays import effective, why_closed
from .superseded import SUPERSEDED

_EVENT = re.compile(r"k[ỷỉ] niệm\s+\d+\s+năm|\d+\s+năm\s+(?:thành lập|ngày)|chào mừng đại hội|tổ chức đại hội",
                    re.IGNORECASE)
_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})(?!\d)")
_CITED_TYPES = {"luật", "bộ luật", "nghị định", "thông tư", "chỉ thị", "nghị quyết", "hiến pháp"}
DECREE_30 = "Nghị định 30/2020/NĐ-CP, Điều 8 khoản 2"
"""The public text that lists a document's number, place and date, and signer among its required parts."""

# What `kehoach check` flags in a copied plan, as sections of the checklist: codes, heading, what to do.
CHECKED = (
    (("KH501",), "Chữ còn ghi năm cũ",
     "Khi chép, năm của kế hoạch được đổi; những chỗ sau nhắc một năm trước năm {year}. Sửa nếu là chữ "
     "sót lại từ văn bản năm trước; giữ nếu đúng ý (ví dụ nói về kết quả năm trước)."),
    (("KH304",), "Nhiệm vụ xếp vào quý này nhưng thời hạn thuộc quý khác",
     "Văn bản năm {old} đã ghi như vậy và được chép nguyên; chuyển nhiệm vụ sang đúng quý hoặc sửa thời hạn."),
    (("KH302", "KH303"), "Thời hạn nằm ngoài năm {year} hoặc trước ngày ban hành",
     "Thường là ngày còn giữ năm cũ; sửa ngày, tháng, năm của thời hạn."),
    (("KH502",), "Nhiệm vụ ghi hai lần",
     "Văn bản năm {old} ghi lặp; gộp thành một nhiệm vụ, hoặc giữ nếu cố ý."),
    (("KH508",), "Bản để trình ký còn thiếu thành phần thể thức",
     "Kế hoạch ghi «for_signature: true» (để trình ký) nhưng còn thiếu thành phần " + DECREE_30 + " đòi hỏi; "
     "điền trước khi trình (số và ngày ban hành do văn thư ghi sau khi ký)."),
)


@dataclass(frozen=True)
class Copied:
    """Last year's plan, the plan made from it, and what was changed without asking."""

    source: LoadedPlan
    created: LoadedPlan
    years_moved: int
    statuses_cleared: int
    notes_dropped: int


def build_checklist(copied: Copied, agencies: dict[str, Agency], findings: list[Finding]) -> list[str]:
    """The Vietnamese checklist `kehoach new` prints, as lines; `findings` are `kehoach check`'s on the new plan."""
    new, old = copied.created, copied.source
    year, old_year = new.plan.year, old.plan.year
    parts = [
        ("Số và ngày ban hành", _number_lines(old, new)),
        ("Người ký", _signer_lines(old)),
        (f"Căn cứ (chép nguyên văn từ năm {old_year})", _basis_lines(old, year)),
    ]
    for codes, heading, action in CHECKED:
        found = [f for f in findings if f.code in codes]
        if found:
            lines = [action.format(year=year, old=old_year)] + [_finding_line(f) for f in found]
            parts.append((f"{heading} ({', '.join(sorted({f.code for f in found}))})", lines))
    parts += [
        (f"Cơ quan không còn (hoặc chưa) hoạt động trong năm {year} (KH402)", _agency_lines(new, agencies)),
        (f"Thời hạn rơi vào ngày nghỉ năm {year} (KH305)", _day_off_lines(new)),
        ("Nội dung gắn với sự kiện một lần hoặc giai đoạn đã hết", _event_lines(new)),
    ]
    named = {code for codes, _, _ in CHECKED for code in codes} | {"KH402", "KH305"}
    other = [_finding_line(f) for f in findings if f.code not in named]
    if other:
        parts.append(("Điều khác «kehoach check» báo", other))
    lines = [f"Đã tạo {new.yaml_path.rsplit('/', 1)[0]}/ từ {old.yaml_path.rsplit('/', 1)[0]}/.",
             "", "Việc cần người quyết định trước khi trình ký:"]
    for number, (heading, items) in enumerate(parts, start=1):
        lines.append(f"{number}. {heading}")
        lines.extend(f"   - {item}" for item in items or ["Không có."])
    return lines + _done_lines(copied)


def _done_lines(copied: Copied) -> list[str]:
    year = copied.created.plan.year
    return ["", "Đã làm tự động:",
            f"   - Dời {copied.years_moved} chỗ ghi năm trong chữ, cùng mọi ngày, tháng, quý, năm học.",
            f"   - Đặt lại {copied.statuses_cleared} nhiệm vụ về «{STATE_WORDS['not_started']}» "
            "(bỏ văn bản chứng minh).",
            f"   - Bỏ {copied.notes_dropped} ghi chú về bản nguồn năm trước (source).",
            "   - Hạn tính theo ngày làm việc (Điều 148 khoản 5 Bộ luật Dân sự 2015) không ghi trong tệp: trang "
            f"và lịch tự tính lại theo ngày nghỉ năm {year}.",
            "   - Các dòng chú thích (#) trong ke-hoach.yml giữ nguyên như năm trước; sửa tay nếu còn nhắc năm cũ."]


def _finding_line(finding: Finding) -> str:
    return f"{Path(finding.path).name} dòng {finding.line}: {finding.message} ({finding.code})."


def _number_lines(old: LoadedPlan, new: LoadedPlan) -> list[str]:
    names = "kế hoạch" + (" và quyết định ban hành" if new.plan.decision else "")
    lines = [f"Đã để trống số và ngày ban hành của {names} (number: null, date: null); điền khi văn bản được "
             f"ký và lấy số: số, ký hiệu, địa danh và ngày ban hành là thành phần bắt buộc ({DECREE_30})."]
    for document in (new.plan.document, new.plan.decision):
        if document and document.attached_to:
            lines.append(f"Dòng dưới tên kế hoạch «{document.attached_to}» vẫn ghi theo văn bản năm {old.plan.year}; "
                         f"sửa theo văn bản năm {new.plan.year} khi có số.")
    if new.plan.appendix and new.plan.appendix.reference:
        lines.append(f"Dòng dưới tên phụ lục «{new.plan.appendix.reference}» vẫn ghi theo văn bản năm "
                     f"{old.plan.year}; sửa cùng lúc.")
    return lines + _old_number_lines(old, new)


def _old_number_lines(old: LoadedPlan, new: LoadedPlan) -> list[str]:
    """Where the new folder's files still write last year's plan or decision number."""
    lines = []
    for document in (old.plan.document, old.plan.decision):
        if not document or not document.number:
            continue
        number = re.escape(document.number)
        cited = re.compile(rf"\bsố\s+{number}(?![\d/])|(?<![\d/]){number}/{re.escape(document.symbol or '')}\b"
                           if document.symbol else rf"\bsố\s+{number}(?![\d/])", re.IGNORECASE)
        written = f"{document.type} số {document.number}" + (f"/{document.symbol}" if document.symbol else "")
        for path in sorted(new.folder.iterdir()):
            if path.suffix not in (".yml", ".md") or not path.is_file():
                continue
            found = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if cited.search(line)]
            if found:
                comments = " (kể cả dòng chú thích #)" if path.name == PLAN_FILE else ""
                lines.append(f"{path.name} dòng {', '.join(map(str, found))}{comments} còn nhắc «{written}» "
                             f"của năm {old.plan.year}.")
    return lines


def _signer_lines(old: LoadedPlan) -> list[str]:
    signer = old.plan.document.signer
    if signer is None:
        return [f"Kế hoạch năm trước không ghi người ký; điền chức vụ, họ tên người ký ({DECREE_30})."]
    words = ", ".join([f"{c.kind} {c.of}" for c in signer.capacity] + [signer.title or "", signer.name or ""])
    return [f"Năm trước: {', '.join(part for part in words.split(', ') if part)}; xác nhận người ký năm nay."]


def _basis_lines(old: LoadedPlan, year: int) -> list[str]:
    bases = old.plan.document.legal_bases + (old.plan.decision.legal_bases if old.plan.decision else [])
    lines = [f"Giữ nguyên {len(bases)} đoạn căn cứ của năm trước; rà soát từng đoạn."] if bases else []
    cited = fold(" ".join([b.text for b in bases] + [r.number or "" for b in bases for r in b.refs]))
    for item in SUPERSEDED:
        if item.since <= date(year, 12, 31) and any(alias in cited for alias in item.aliases):
            lines.append(f"{item.name}: {item.change} ({item.basis}).")
    for ref in (r for b in bases for r in b.refs):
        if ref.date and ref.date.year >= old.plan.year - 1 and fold(ref.type) not in {fold(t) for t in _CITED_TYPES}:
            lines.append(f"{ref.type} {ref.number or ''} ngày {short_date(ref.date)} là văn bản của năm "
                         f"{ref.date.year}: kiểm tra đã có văn bản tương ứng cho năm {year} chưa.".replace("  ", " "))
    return lines


def _agency_lines(new: LoadedPlan, agencies: dict[str, Agency]) -> list[str]:
    start, end = plan_period(new)
    plan, lines = new.plan, []
    used = {plan.document.issuer, *(r.agency for r in plan.document.recipients)}
    used |= {a for t in plan.tasks for a in (*t.lead, *t.partners)}
    used |= {a for d in plan.reporting for a in (*d.reporters, d.recipient, d.via)}
    for agency_id in sorted(a for a in used if a):
        agency = agencies.get(agency_id)
        if agency is None:
            lines.append(f"«{agency_id}»: không có trong danh mục cơ quan.")
            continue
        ended = agency.valid_until is not None and agency.valid_until < end
        if not ended and not (agency.valid_from and agency.valid_from > start):
            continue
        state = (f"hoạt động đến hết {short_date(agency.valid_until)}" if ended and agency.valid_until
                 else f"chỉ hoạt động từ {short_date(agency.valid_from)}" if agency.valid_from else "")
        successor = agencies.get(agency.successor) if agency.successor else None
        then = (f"cơ quan kế thừa: {successor.name} ({successor.id})" if successor
                else "danh mục chưa ghi cơ quan kế thừa; hỏi cơ quan thường trực thi đua, khen thưởng")
        lines.append(f"{agency.name} ({agency_id}): {state}; {then}.")
    return lines


def _day_off_lines(new: LoadedPlan) -> list[str]:
    items = [(f"mục «{s.id}»", s.period) for s in new.plan.sections if s.period]
    items += [(f"nhiệm vụ «{t.id}»", t.deadline) for t in new.plan.tasks if t.deadline]
    items += [(f"báo cáo «{d.id}»", d.deadline) for d in new.plan.reporting]
    lines = []
    for owner, deadline in items:
        last = due(deadline) if written_day(deadline) else None
        if last and why_closed(last):
            moved = effective(last)
            lines.append(f"{owner.capitalize()} («{deadline.text or short_date(last)}»): {weekday_name(last)} "
                         f"{short_date(last)} là ngày nghỉ ({why_closed(last)}); hạn tính đến "
                         f"{weekday_name(moved)} {short_date(moved)}.")
    return lines


def _texts(new: LoadedPlan) -> list[tuple[str, str]]:
    plan = new.plan
    found = [("tên kế hoạch", plan.title or ""), ("trích yếu", plan.document.subject or "")]
    found += [(f"mục «{s.id}»", s.title) for s in plan.sections]
    found += [(f"nhiệm vụ «{t.id}»", t.title) for t in plan.tasks]
    for name, text in sorted(new.bodies.items()):
        found += [(f"{name} dòng {n}", line) for n, line in enumerate(text.splitlines(), start=1)]
    return found


def _event_lines(new: LoadedPlan) -> list[str]:
    year, lines = new.plan.year, []
    for where, text in _texts(new):
        events = list(_EVENT.finditer(text))
        if events:
            more = f" (và {len(events) - 1} chỗ khác)" if len(events) > 1 else ""
            lines.append(f"{where}: «{_around(text, events[0].start(), events[0].end())}»{more}: "
                         f"kiểm tra sự kiện còn trong năm {year}.")
        for found in _RANGE.finditer(text):
            first, last = int(found.group(1)), int(found.group(2))
            if last - first > 1 and last < year:
                lines.append(f"{where}: «{_around(text, found.start(), found.end())}»: giai đoạn đã kết thúc "
                             f"trước năm {year}.")
    return lines


def _around(text: str, start: int, end: int) -> str:
    head = max(0, start - 40)
    tail = min(len(text), end + 50)
    return ("…" if head else "") + " ".join(text[head:tail].split()) + ("…" if tail < len(text) else "")
