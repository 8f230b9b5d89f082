"""Next year's plan from last year's: `kehoach new YEAR --from PLAN_FOLDER`.

The YAML is edited round-trip (ruamel.yaml), so comments, key order, quoting and
folded lines stay as people wrote them. What moves:

* every date and every month, quarter, half-year and school-year value, by the
  year difference (29/02 becomes 28/02 in a year without it);
* years written in text (titles, subject, deadline phrases, Markdown): the plan's
  year and the years next to it ("năm 2023" in a 2023 plan becomes "năm 2024",
  last year's "năm 2022" becomes "năm 2023", "năm học 2022 - 2023" becomes
  "2023 - 2024"). A written "15/6" has no year and stays "15/6".

What does not move: document numbers ("98/2023/NĐ-CP"), the dates of cited
documents ("Kế hoạch số 33/KH-UBND ngày 08/01/2024", "Luật … ngày 15/6/2022"),
multi-year periods ("giai đoạn 2021-2025"), the căn cứ (copied word for word for a
person to review) and YAML comments. Statuses are cleared, the document number
and date emptied, notes about last year's source dropped. Effective dates
(a deadline on a weekend runs to the next working day) are not stored: pages and
feeds compute them for the new year's calendar by themselves.

What a person must still decide is returned as a checklist (see `checklist`).
"""

from __future__ import annotations

import calendar
import io
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..core.errors import Finding, PlanError, has_errors
from ..core.labels import STATE_WORDS
from ..core.loader import PLAN_FILE, LoadedPlan, load_corpus, plan_folder_name, shown_path

# Keys whose values are identifiers, file names or links: never rewritten.
_KEEP = {"id", "section", "lead", "partners", "reporters", "recipient", "via", "agency", "issuer", "body",
         "url", "sections", "kind", "schema_version"}
_PERIOD_KEYS = {"month", "quarter", "half"}
# Copied word for word: the căn cứ cite documents by their own dates; a person reviews them.
_VERBATIM = {"legal_bases", "source", "attached_to", "reference"}

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–]\s*(\d{4})(?!\d)")
_DATE_BEFORE = re.compile(r"(?<!\d)(\d{1,2})(\s*/\s*|\s*-\s*|\s+tháng\s+)(\d{1,2})(\s*/\s*|\s*-\s*|\s+năm\s+)$")
# A document's own number or a law's name just before "ngày": the date is that document's.
_CITED = re.compile(r"(?:\bsố\s+\S*\d\S*|\S*\d\S*/[^\s,;]*[A-ZĐ][^\s,;]*|\bluật\b[^;.]{0,80}?)"
                    r"\s*,?\s*(?:ban hành\s+)?(?:ngày\s*)?$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"(?<![\d/])(\d+)/$")


@dataclass
class YearShift:
    """Moves years in text from a plan of `old` to a plan of `old + delta`."""

    old: int
    delta: int
    count: int = 0

    def date(self, day: date) -> date:
        """The same day and month `delta` years on (29/02 -> 28/02 when needed)."""
        year = day.year + self.delta
        return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))

    def text(self, text: str) -> str:
        """`text` with the years that belong to the plan moved; see the module docstring."""
        forced: set[int] = set()
        skipped: set[int] = set()
        for found in _RANGE.finditer(text):
            first, second = int(found.group(1)), int(found.group(2))
            near = {first, second} & self._window
            target = forced if second == first + 1 and near else skipped
            target.update({found.start(1), found.start(2)})
        pieces, last = [], 0
        for found in _YEAR.finditer(text):
            start, end = found.span()
            year = int(found.group())
            if start in skipped or (start not in forced and year not in self._window):
                continue
            day_month = _DATE_BEFORE.search(text[max(0, start - 24):start])
            if self._is_cited(text, start, end, day_month):
                continue
            new_year = year + self.delta
            head = start
            if day_month and int(day_month.group(1)) == 29 and int(day_month.group(3)) == 2 \
                    and not calendar.isleap(new_year):
                head = start - len(day_month.group(0))
                pieces.append(text[last:head])
                pieces.append("28" + day_month.group(0)[len(day_month.group(1)):])
                last = start
            pieces.append(text[last:start])
            pieces.append(str(new_year))
            last = end
            self.count += 1
        return "".join(pieces) + text[last:]

    @property
    def _window(self) -> set[int]:
        return {self.old - 1, self.old, self.old + 1}

    @staticmethod
    def _is_cited(text: str, start: int, end: int, day_month: re.Match[str] | None) -> bool:
        if text[start - 1:start] == "/" and text[end:end + 1] == "/":
            return True  # 98/2023/NĐ-CP
        if day_month:
            before = text[max(0, start - len(day_month.group(0)) - 100):start - len(day_month.group(0))]
            return bool(_CITED.search(before))
        number = _NUMBER_BEFORE.search(text[max(0, start - 8):start])
        return bool(number and int(number.group(1)) > 12)  # NĐ 152/2025; "tháng 5/2024" moves


def _like(old: Any, text: str) -> Any:
    """`text` as the same kind of YAML string as `old` (quoted, folded…)."""
    if type(old) is str or text == old:
        return text if text != old else old
    new = type(old)(text)
    if hasattr(old, "fold_pos") and len(text) == len(old):
        new.fold_pos = old.fold_pos  # same length: the folds stay where they were
    return new


def _shift_period(value: str, shift: YearShift, both: bool = False) -> str:
    first, sep, rest = value.partition("-")
    if both:
        return f"{int(first) + shift.delta}-{int(rest) + shift.delta}"
    return f"{int(first) + shift.delta}{sep}{rest}"


def _walk(node: Any, shift: YearShift, key: Any = None) -> Any:
    """A node with dates, periods and years in text moved; ids and links untouched."""
    if key in _VERBATIM:
        return node
    if isinstance(node, CommentedMap):
        for name in list(node):
            node[name] = _walk(node[name], shift, name)
        return node
    if isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            node[index] = _walk(item, shift, key)
        return node
    if isinstance(node, date):
        return shift.date(node)
    if not isinstance(node, str) or key in _KEEP:
        return node
    if key in _PERIOD_KEYS:
        return _like(node, _shift_period(node, shift))
    if key == "school_year":
        return _like(node, _shift_period(node, shift, both=True))
    return _like(node, shift.text(node))


def _clear(data: CommentedMap, year: int) -> int:
    """Set the year, empty numbers and dates, clear statuses; the number of statuses cleared."""
    data["year"] = year
    for name in ("source", "updated"):
        data.pop(name, None)
    for name in ("document", "decision"):
        document = data.get(name)
        if isinstance(document, CommentedMap):
            for field in ("number", "date"):
                if field in document:
                    document[field] = None
    cleared = 0
    for task in data.get("tasks") or []:
        if isinstance(task, CommentedMap) and "status" in task:
            del task["status"]
            cleared += 1
    return cleared


def rewrite_yaml(text: str, old_year: int, year: int) -> tuple[str, YearShift, int]:
    """Next year's ke-hoach.yml from last year's text; the shift used and statuses cleared."""
    yaml = _yaml()
    data = yaml.load(text)
    shift = YearShift(old_year, year - old_year)
    _walk(data, shift)
    cleared = _clear(data, year)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue(), shift, cleared


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


@dataclass
class Rollover:
    """The new plan folder, what moved, and the checklist for a person."""

    source: LoadedPlan
    created: LoadedPlan
    folder: Path
    years_moved: int
    statuses_cleared: int
    notes_dropped: int
    checklist: list[str]


def roll_forward(source: Path, year: int, slug: str | None = None, plans_root: Path | None = None,
                 base: Path | None = None) -> Rollover:
    """Create `plans/<year>/<slug>/` from the plan in `source`; never overwrite a folder."""
    base = base or Path.cwd()
    old = _load_one(source, base)
    root = plans_root or source.resolve().parent.parent
    slug = plan_folder_name(slug or source.resolve().name.replace(str(old.plan.year), str(year)))
    folder = root / str(year) / slug
    _refuse(old, folder, year, base)
    folder.mkdir(parents=True)
    try:
        shift, cleared = _write(source, folder, old.plan.year, year)
        corpus = load_corpus([folder], base=base)
        created = next((p for p in corpus.plans if p.folder == folder), None)
        if created is None:
            raise PlanError([f for f in corpus.findings if f.severity == "error"])
    except BaseException:
        shutil.rmtree(folder)  # ours, just made: leave no half-written plan behind
        raise
    result = Rollover(old, created, folder, shift.count, cleared, len(old.plan.source), [])
    result.checklist = build_checklist(result, corpus.agencies)
    return result


def _write(source: Path, folder: Path, old_year: int, year: int) -> tuple[YearShift, int]:
    text, shift, cleared = rewrite_yaml((source / PLAN_FILE).read_text(encoding="utf-8"), old_year, year)
    (folder / PLAN_FILE).write_text(text, encoding="utf-8")
    for path in sorted(source.iterdir()):
        if path.is_file() and not path.is_symlink() and path.name != PLAN_FILE:  # nothing from outside
            if path.suffix == ".md":
                (folder / path.name).write_text(shift.text(path.read_text(encoding="utf-8")), encoding="utf-8")
            else:
                shutil.copy2(path, folder / path.name)
    return shift, cleared


def _load_one(source: Path, base: Path) -> LoadedPlan:
    corpus = load_corpus([source], base=base)
    loaded = next((p for p in corpus.plans if p.folder.resolve() == source.resolve()), None)
    errors = [f for f in corpus.findings if f.severity == "error"]
    if loaded is None or has_errors(errors):
        raise PlanError(errors or [Finding(shown_path(source, base), 1, 1, "KH108", "error",
                                           "Không thấy kế hoạch trong thư mục này",
                                           "Chỉ tới thư mục kế hoạch, ví dụ plans/2024/ten-ke-hoach.")])
    return loaded


def _refuse(old: LoadedPlan, folder: Path, year: int, base: Path) -> None:
    shown = shown_path(folder, base)
    if folder.exists():
        raise PlanError([Finding(shown, 1, 1, "KH601", "error", f"Thư mục {shown} đã có; kehoach new không ghi đè",
                                 "Chọn tên khác bằng --slug, hoặc xóa thư mục đó nếu chắc chắn không cần.")])
    if year == old.plan.year:
        raise PlanError([Finding(shown, 1, 1, "KH603", "error", f"Kế hoạch nguồn đã là của năm {year}",
                                 "Ghi năm mới, ví dụ: kehoach new 2025 --from plans/2024/ten-ke-hoach")])


# --- the checklist -------------------------------------------------------------------

@dataclass(frozen=True)
class Superseded:
    """A legal instrument replaced or amended on a known day, and where that is written."""

    name: str
    aliases: tuple[str, ...]  # folded forms as plans cite it
    since: date  # first day the old text no longer applies as cited
    change: str
    source: str


SUPERSEDED = (
    Superseded("Nghị định 98/2023/NĐ-CP", ("98/2023/nd-cp",), date(2025, 7, 1),
               "hết hiệu lực, thay bằng Nghị định 152/2025/NĐ-CP ngày 14/6/2025 (Điều 59)",
               "domain.md §2.1, nguồn L2, L3"),
    Superseded("Nghị định 28/2024/NĐ-CP", ("28/2024/nd-cp",), date(2025, 7, 1),
               "hết hiệu lực, thay bằng Nghị định 152/2025/NĐ-CP (Điều 59 khoản 2)", "domain.md §2.1, nguồn L3"),
    Superseded("Thông tư 01/2024/TT-BNV", ("01/2024/tt-bnv",), date(2025, 8, 5),
               "được thay bằng Thông tư 15/2025/TT-BNV (chưa kiểm chứng)", "domain.md §2.1, nguồn L5"),
    Superseded("Nghị định 91/2017/NĐ-CP", ("91/2017/nd-cp",), date(2024, 1, 1),
               "thay bằng Nghị định 98/2023/NĐ-CP từ khi Luật Thi đua, khen thưởng 2022 có hiệu lực (suy ra, "
               "chưa kiểm chứng)", "domain.md §2.1, nguồn L1, L2"),
    Superseded("Thông tư 12/2019/TT-BNV", ("12/2019/tt-bnv",), date(2024, 1, 1),
               "hướng dẫn Nghị định 91/2017/NĐ-CP; nay dùng Thông tư 01/2024/TT-BNV (suy ra, chưa kiểm chứng)",
               "domain.md §2.1"),
    Superseded("Thông tư 29/2023/TT-BGDĐT", ("29/2023/tt-bgddt",), date(2026, 4, 2),
               "được thay bằng Thông tư 07/2026/TT-BGDĐT (chưa kiểm chứng)", "domain.md §2.1, nguồn L5"),
    Superseded("Luật Thi đua, khen thưởng số 06/2022/QH15",
               ("06/2022/qh15", "luat thi dua, khen thuong ngay 15/6/2022"),
               date(2026, 10, 1), "được sửa đổi bởi Luật 06/2026/QH16 (chưa kiểm chứng)", "domain.md §2.1, nguồn L5"),
)

_EVENT = re.compile(r"k[ỷỉ] niệm\s+\d+\s+năm|\d+\s+năm\s+(?:thành lập|ngày)|chào mừng đại hội|tổ chức đại hội",
                    re.IGNORECASE)
_CITED_TYPES = {"luật", "bộ luật", "nghị định", "thông tư", "chỉ thị", "nghị quyết", "hiến pháp"}


def build_checklist(result: Rollover, agencies: dict[str, Any]) -> list[str]:
    """The Vietnamese checklist `kehoach new` prints, as lines."""
    year = result.created.plan.year
    parts = [
        ("Số và ngày ban hành", _number_lines(result.created)),
        ("Người ký", _signer_lines(result.source)),
        ("Căn cứ", _basis_lines(result.source, year)),
        (f"Cơ quan không còn (hoặc chưa) hoạt động trong năm {year}", _agency_lines(result.created, agencies)),
        (f"Thời hạn rơi vào ngày nghỉ năm {year}", _day_off_lines(result.created)),
        ("Nội dung gắn với sự kiện một lần hoặc giai đoạn đã hết", _event_lines(result.created)),
    ]
    lines = [f"Đã tạo {result.created.yaml_path.rsplit('/', 1)[0]}/ từ {result.source.yaml_path.rsplit('/', 1)[0]}/.",
             "", "Việc cần người quyết định trước khi trình ký:"]
    for number, (heading, items) in enumerate(parts, start=1):
        lines.append(f"{number}. {heading}")
        lines.extend(f"   - {item}" for item in items or ["Không có."])
    lines += ["", "Đã làm tự động:",
              f"   - Dời {result.years_moved} chỗ ghi năm trong chữ, cùng mọi ngày, tháng, quý, năm học.",
              f"   - Đặt lại {result.statuses_cleared} nhiệm vụ về «{STATE_WORDS['not_started']}» "
              "(bỏ văn bản chứng minh).",
              f"   - Bỏ {result.notes_dropped} ghi chú về bản nguồn năm trước (source).",
              "   - Hạn tính theo ngày làm việc (Điều 148 BLDS) không ghi trong tệp: trang và lịch tự tính lại "
              f"theo ngày nghỉ năm {year}.",
              "   - Các dòng chú thích (#) trong ke-hoach.yml giữ nguyên như năm trước; sửa tay nếu còn nhắc năm cũ."]
    return lines


def _number_lines(new: LoadedPlan) -> list[str]:
    names = "kế hoạch" + (" và quyết định ban hành" if new.plan.decision else "")
    lines = [f"Đã để trống số và ngày ban hành của {names} (number: null, date: null); "
             "điền khi văn bản được ký và lấy số."]
    for document in (new.plan.document, new.plan.decision):
        if document and document.attached_to:
            lines.append(f"Dòng «{document.attached_to}» còn ghi theo văn bản năm trước.")
    if new.plan.appendix and new.plan.appendix.reference:
        lines.append(f"Dòng dưới tên phụ lục «{new.plan.appendix.reference}» còn ghi theo văn bản năm trước.")
    return lines


def _signer_lines(old: LoadedPlan) -> list[str]:
    signer = old.plan.document.signer
    if signer is None:
        return ["Kế hoạch năm trước không ghi người ký; điền khi có."]
    words = ", ".join([f"{c.kind} {c.of}" for c in signer.capacity] + [signer.title or "", signer.name or ""])
    return [f"Năm trước: {', '.join(part for part in words.split(', ') if part)}; xác nhận người ký năm nay."]


def _basis_lines(old: LoadedPlan, year: int) -> list[str]:
    from ..core.text import fold, short_date

    bases = old.plan.document.legal_bases + (old.plan.decision.legal_bases if old.plan.decision else [])
    lines = [f"Giữ nguyên {len(bases)} đoạn căn cứ của năm trước; rà soát từng đoạn."] if bases else []
    cited = fold(" ".join([b.text for b in bases] + [r.number or "" for b in bases for r in b.refs]))
    for item in SUPERSEDED:
        if item.since <= date(year, 12, 31) and any(alias in cited for alias in item.aliases):
            lines.append(f"{item.name}: từ {short_date(item.since)} {item.change}. Nguồn: {item.source}.")
    for ref in (r for b in bases for r in b.refs):
        if ref.date and ref.date.year >= old.plan.year - 1 and fold(ref.type) not in {fold(t) for t in _CITED_TYPES}:
            lines.append(f"{ref.type} {ref.number or ''} ngày {short_date(ref.date)} là văn bản của năm "
                         f"{ref.date.year}: kiểm tra đã có văn bản tương ứng cho năm {year} chưa.".replace("  ", " "))
    return lines


def _agency_lines(new: LoadedPlan, agencies: dict[str, Any]) -> list[str]:
    from ..core.checks import plan_period
    from ..core.text import short_date

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
        state = (f"hoạt động đến hết {short_date(agency.valid_until)}" if ended
                 else f"chỉ hoạt động từ {short_date(agency.valid_from)}")
        successor = agencies.get(agency.successor) if agency.successor else None
        then = (f"cơ quan kế thừa: {successor.name} ({successor.id})" if successor
                else "danh mục chưa ghi cơ quan kế thừa; hỏi cơ quan thường trực thi đua, khen thưởng")
        lines.append(f"{agency.name} ({agency_id}): {state}; {then}.")
    return lines


def _day_off_lines(new: LoadedPlan) -> list[str]:
    from ..core.deadlines import due, written_day
    from ..core.text import short_date, weekday_name
    from ..core.workdays import effective, why_closed

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
