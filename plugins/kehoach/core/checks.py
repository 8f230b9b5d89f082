"""The rules `kehoach check` applies to loaded plans and the agency registry.

Each rule is a function that yields findings; `check_corpus` runs them all so
that one run reports every problem. Rule codes: KH1xx files and encoding, KH2xx
structure, KH3xx dates and deadlines, KH4xx agencies, KH5xx text.
"""

from __future__ import annotations

import calendar
import difflib
import html
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any

from .bodies import MAX_NESTING, headings, relative_links, too_deep
from .deadlines import Reading, describe, due, effective_deadline, kind, quarter_of, read_phrase, span, written_day
from .elements import check_signing
from .errors import Finding, Severity, sort_key
from .lifecycle import period_of
from .loader import Corpus, LoadedPlan, odd_part
from .models import Agency, Deadline
from .source import line_col, position
from .text import YEARS, fold, roman, short_date, visible, weekday_name
from .tracking import check_submissions
from .workdays import effective, why_closed

MARKER = re.compile(r"<!--\s*nhiem-vu:\s*([a-z0-9-]+)\s*-->")


def check_corpus(corpus: Corpus) -> list[Finding]:
    """Run every rule; return the loader's findings and the rules' findings, sorted."""
    found = list(corpus.findings)
    found.extend(check_registry(corpus))
    names = AgencyNames(corpus.agencies, corpus.broken_agencies)
    for loaded in corpus.plans:
        found.extend(check_plan(loaded, corpus.agencies, names))
    return sorted(set(found), key=sort_key)


def check_plan(loaded: LoadedPlan, agencies: dict[str, Agency], names: AgencyNames) -> list[Finding]:
    """The rules about one plan: they read that plan and the registry, nothing else."""
    found: list[Finding] = []
    for rule in (check_structure, check_deadlines, check_text, check_markdown):
        found.extend(rule(loaded))
    found.extend(check_agencies(loaded, agencies, names))
    found.extend(check_submissions(loaded, agencies))
    found.extend(check_signing(loaded, agencies))
    return found


def _finding(loaded: LoadedPlan, loc: tuple[object, ...], code: str, severity: Severity,
             message: str, hint: str = "") -> Finding:
    line, col = loaded.at(*loc)
    return Finding(loaded.yaml_path, line, col, code, severity, message, hint)


# --- structure --------------------------------------------------------------------

def check_structure(loaded: LoadedPlan) -> Iterator[Finding]:
    """Task ids unique, sections known, every section shown somewhere."""
    plan = loaded.plan
    seen: dict[str, tuple[str, int]] = {}
    groups: list[tuple[str, list[Any]]] = [("sections", plan.sections), ("tasks", plan.tasks),
                                           ("reporting", plan.reporting)]
    for key, items in groups:
        section_seen: dict[str, tuple[str, int]] = {}
        for index, item in enumerate(items):
            pool = section_seen if key == "sections" else seen
            if item.id in pool:
                first_line, _ = loaded.at(*pool[item.id], "id")
                yield _finding(loaded, (key, index, "id"), "KH205", "error",
                               f"Mã «{item.id}» bị trùng với mã đã dùng ở dòng {first_line}",
                               "Mỗi nhiệm vụ, mục, báo cáo cần một mã riêng, không đổi theo thời gian; "
                               "thêm hậu tố như «-2».")
            pool.setdefault(item.id, (key, index))
    section_ids = {section.id for section in plan.sections}
    for index, task in enumerate(plan.tasks):
        if task.section not in section_ids:
            close = difflib.get_close_matches(task.section, sorted(section_ids), n=1)
            yield _finding(loaded, ("tasks", index, "section"), "KH206", "error",
                           f"Nhiệm vụ «{task.id}» thuộc mục «{task.section}» nhưng không có mục này trong «sections»",
                           f"Có phải ý bạn là «{close[0]}»?" if close else "Khai báo mục trong «sections» trước.")
    placed = set(plan.appendix.sections if plan.appendix else [])
    for text in loaded.bodies.values():
        placed.update(MARKER.findall(text))
    if plan.appendix:
        for index, section_id in enumerate(plan.appendix.sections):
            if section_id not in section_ids:
                yield _finding(loaded, ("appendix", "sections", index), "KH206", "error",
                               f"Phụ lục nhắc tới mục «{section_id}» nhưng không có mục này trong «sections»",
                               "Sửa mã mục cho khớp với «sections».")
    bodies_read = all(doc.body in loaded.bodies for doc in (plan.document, plan.decision) if doc and doc.body)
    used = {task.section for task in plan.tasks}
    for index, section in enumerate(plan.sections):
        if bodies_read and section.id not in placed and section.id in used:
            yield _finding(loaded, ("sections", index, "id"), "KH504", "warning",
                           f"Mục «{section.id}» có nhiệm vụ nhưng không được hiển thị ở đâu",
                           f"Thêm dòng «<!-- nhiem-vu: {section.id} -->» vào nội dung Markdown, "
                           "hoặc đưa mục vào «appendix.sections».")


# --- deadlines --------------------------------------------------------------------

def _deadlines(loaded: LoadedPlan) -> Iterator[tuple[tuple[object, ...], Deadline, str]]:
    plan = loaded.plan
    for index, section in enumerate(plan.sections):
        if section.period:
            yield ("sections", index, "period"), section.period, f"mục «{section.id}»"
    for index, task in enumerate(plan.tasks):
        if task.deadline:
            yield ("tasks", index, "deadline"), task.deadline, f"nhiệm vụ «{task.id}»"
    for index, duty in enumerate(plan.reporting):
        yield ("reporting", index, "deadline"), duty.deadline, f"báo cáo «{duty.id}»"


def plan_period(loaded: LoadedPlan) -> tuple[date, date]:
    """First and last day the plan covers (`lifecycle.period_of`: its period, school year or calendar year)."""
    return period_of(loaded.plan)


def issue_date(loaded: LoadedPlan) -> date | None:
    """The plan's full issue date, when the document gives day, month and year."""
    value = loaded.plan.document.date
    return value if isinstance(value, date) else None


def check_deadlines(loaded: LoadedPlan) -> Iterator[Finding]:
    """Phrase matches meaning; inside the period; not before issue; working day."""
    start, end = plan_period(loaded)
    issued = issue_date(loaded)
    years = tuple(dict.fromkeys((loaded.plan.year, start.year, end.year)))
    for loc, deadline, owner in _deadlines(loaded):
        if deadline.text:
            yield from _check_phrase(loaded, loc, deadline, owner, years)
        bounds = span(deadline)
        if bounds is None:
            continue
        written = f" «{deadline.text}»" if deadline.text else ""
        if bounds[1] < start or bounds[0] > end:
            yield _finding(loaded, loc, "KH302", "error",
                           f"Thời hạn{written} của {owner} (hết ngày {short_date(bounds[1])}) nằm ngoài thời gian "
                           f"của kế hoạch ({short_date(start)}–{short_date(end)})",
                           "Kiểm tra năm của thời hạn; nếu kế hoạch kéo dài hơn một năm, khai báo «period».")
        day = written_day(deadline)
        if issued and bounds[1] < issued:  # "trước ngày X" with X on the issue date ends the day before
            yield _finding(loaded, loc, "KH303", "error",
                           f"Thời hạn{written} của {owner} kết thúc ngày {short_date(bounds[1])}, trước ngày ban hành "
                           f"kế hoạch ({short_date(issued)})",
                           "Kiểm tra lại ngày, tháng, năm của thời hạn.")
        if day:
            last = bounds[1]
            closed = _why_closed(last)
            if closed:
                reason = "" if closed == weekday_name(last) else f" ({closed})"
                yield _finding(loaded, loc, "KH305", "warning",
                               f"Hạn cuối của {owner} rơi vào ngày nghỉ: "
                               f"{weekday_name(last)} {short_date(last)}{reason}",
                               f"Theo Điều 148 khoản 5 Bộ luật Dân sự 2015, hạn được tính đến hết ngày làm việc "
                               f"tiếp theo: {weekday_name(effective(last))} {short_date(effective(last))}.")
    yield from _check_quarters(loaded)


_why_closed = lru_cache(maxsize=4096)(why_closed)  # thousands of deadlines share a few hundred days


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February of a leap year: one more
_WRITTEN_DAY = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/])")


@lru_cache(maxsize=4096)
def _impossible_day(text: str, year: int) -> tuple[str, str] | None:
    """The first day written in a phrase ("31/6/2025") that no calendar has, and a hint, or None
    (remembered: a province's plans repeat a few thousand phrases)."""
    for match in _WRITTEN_DAY.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        in_year = int(match.group(3)) if match.group(3) else year
        if not 1 <= month <= 12:
            return match.group(), "Tháng chỉ từ 1 đến 12; sửa theo bản gốc."
        last = (_MONTH_DAYS[month] + (month == 2 and calendar.isleap(in_year))
                if YEARS[0] <= in_year <= YEARS[1] else 31)
        if not 1 <= day <= last:
            return match.group(), (f"Tháng {month} năm {in_year} có {last} ngày; sửa theo bản gốc, "
                                   f"ví dụ «{last}/{month}{'/' + match.group(3) if match.group(3) else ''}».")
    return None


def _check_phrase(loaded: LoadedPlan, loc: tuple[object, ...], deadline: Deadline, owner: str,
                  years: tuple[int, ...]) -> Iterator[Finding]:
    impossible = _impossible_day(deadline.text or "", years[0]) if "/" in (deadline.text or "") else None
    if impossible:
        yield _finding(loaded, loc + ("text",), "KH301", "error",
                       f"Thời hạn của {owner} ghi «{deadline.text}»: ngày «{impossible[0]}» không có thật",
                       impossible[1])
        return
    which = kind(deadline)
    if not deadline.text or which == "none":
        return
    value = getattr(deadline, which)  # = meaning(deadline).value
    reading = _misread(deadline.text, which, value, years)
    if reading is not None:
        stored = Reading(which, value)
        yield _finding(loaded, loc, "KH306", "error",
                       f"Thời hạn của {owner} ghi «{deadline.text}» nhưng được hiểu là «{describe(stored)}»",
                       f"Chữ ghi trong văn bản đọc ra là «{describe(reading)}»; sửa cho hai phần khớp nhau.")


@lru_cache(maxsize=4096)
def _misread(text: str, field: str, value: object, years: tuple[int, ...]) -> Reading | None:
    """How `text` reads when that disagrees with the stored meaning (`field`: `value`), else None; phrases
    repeat across plans (the key is plain values: cheaper to hash and compare than a `Reading`).

    A phrase without a year ("trước ngày 30/9") belongs to whichever of `years` (the plan's year, then the
    first and last year of its period) fits.
    """
    stored = Reading(field, value)
    readings = [read_phrase(text, year) for year in years]
    reading = readings[0]
    if reading is None or any(r == stored for r in readings):
        return None
    if reading.field != stored.field or str(reading.value) != str(stored.value):
        return reading
    return None


def _check_quarters(loaded: LoadedPlan) -> Iterator[Finding]:
    sections = {s.id: s for s in loaded.plan.sections if kind(s.period) == "quarter"}
    quarters = {section_id: span(section.period) for section_id, section in sections.items()}
    for index, task in enumerate(loaded.plan.tasks):
        bounds = quarters.get(task.section)
        if bounds is None or kind(task.deadline) in ("none", "ongoing"):
            continue
        section, last = sections[task.section], due(task.deadline)
        if last and not bounds[0] <= last <= bounds[1]:
            yield _finding(loaded, ("tasks", index, "deadline"), "KH304", "warning",
                           f"Nhiệm vụ «{task.id}» nằm trong mục «{section.title}» nhưng thời hạn "
                           f"«{task.deadline.text if task.deadline and task.deadline.text else short_date(last)}» "
                           f"thuộc quý {roman(quarter_of(last))}",
                           "Văn bản gốc tự mâu thuẫn: giữ nguyên nếu đúng như bản đã ký, "
                           "hoặc chuyển nhiệm vụ sang đúng mục quý.")


# --- agencies ---------------------------------------------------------------------

class AgencyNames:
    """Folded names, short names and abbreviations of agencies, for suggestions."""

    def __init__(self, agencies: dict[str, Agency], broken: set[str] | None = None):
        self.agencies = agencies
        self.broken = broken or set()  # declared but invalid: already reported in the registry
        self.by_name: dict[str, list[str]] = {}
        self._suggested: dict[tuple[str, str], str | None] = {}
        for agency in agencies.values():
            for name in (agency.id, agency.name, *agency.short, *agency.abbr):
                self.by_name.setdefault(fold(name), []).append(agency.id)

    def suggest(self, value: str, namespace: str) -> str | None:
        """The agency id most likely meant by `value`, preferring `namespace`."""
        if (value, namespace) not in self._suggested:  # one difflib pass per distinct typo, not per reference
            matches = difflib.get_close_matches(fold(value[:200]), list(self.by_name), n=5, cutoff=0.6)
            candidates = [agency_id for match in matches for agency_id in self.by_name[match]]
            best = [c for c in candidates if c.startswith(namespace + "/")] or candidates
            self._suggested[(value, namespace)] = best[0] if best else None
        return self._suggested[(value, namespace)]


def _references(loaded: LoadedPlan) -> Iterator[tuple[tuple[object, ...], str, date | None]]:
    plan = loaded.plan
    sections = {s.id: s for s in plan.sections}
    issued = issue_date(loaded)
    if plan.document.issuer:
        yield ("document", "issuer"), plan.document.issuer, issued
    for index, recipient in enumerate(plan.document.recipients):
        if recipient.agency:
            yield ("document", "recipients", index, "agency"), recipient.agency, issued
    for index, task in enumerate(plan.tasks):
        last = due(effective_deadline(task, sections))
        for role in ("lead", "partners"):
            for slot, agency_id in enumerate(getattr(task, role)):
                yield ("tasks", index, role, slot), agency_id, last
    for index, duty in enumerate(plan.reporting):
        for slot, agency_id in enumerate(duty.reporters):
            yield ("reporting", index, "reporters", slot), agency_id, due(duty.deadline)
        for role in ("recipient", "via"):
            if getattr(duty, role):
                yield ("reporting", index, role), getattr(duty, role), due(duty.deadline)
        for slot, submission in enumerate(duty.submissions or []):
            yield ("reporting", index, "submissions", slot, "agency"), submission.agency, submission.date


def check_agencies(loaded: LoadedPlan, agencies: dict[str, Agency], names: AgencyNames) -> Iterator[Finding]:
    """Every agency reference is known and valid on the date it is needed."""
    namespace = (loaded.plan.document.issuer or "").split("/")[0]
    for loc, agency_id, when in _references(loaded):
        agency = agencies.get(agency_id)
        if agency is None and agency_id in names.broken:
            continue
        if agency is None:
            guess = names.suggest(agency_id, namespace)
            hint = (f"Có phải ý bạn là «{guess}» ({agencies[guess].name})?" if guess
                    else "Thêm cơ quan vào danh mục plans/agencies/ trước, rồi dùng mã của nó.")
            yield _finding(loaded, loc, "KH401", "error",
                           f"Không có cơ quan «{visible(agency_id)}» trong danh mục{odd_part(agency_id)}", hint)
            continue
        if when is None:
            continue
        ended = agency.valid_until is not None and when > agency.valid_until
        not_yet = agency.valid_from is not None and when < agency.valid_from
        if ended or not_yet:
            yield _finding(loaded, loc, "KH402", "error", *_validity_message(agency, when, ended, agencies))


def _validity_message(agency: Agency, when: date, ended: bool, agencies: dict[str, Agency]) -> tuple[str, str]:
    """Message and hint for an agency used outside its validity: name who takes over, or who came before."""
    if ended and agency.valid_until:
        state = f"đã thôi hoạt động từ sau {short_date(agency.valid_until)}"
        successor = agencies.get(agency.successor) if agency.successor else None
        hint = (f"Cơ quan kế thừa: «{successor.id}» ({successor.name})." if successor
                else "Danh mục chưa ghi cơ quan kế thừa; hỏi cơ quan thường trực thi đua, khen thưởng.")
    else:
        state = f"chỉ hoạt động từ {short_date(agency.valid_from)}" if agency.valid_from else ""
        before = sorted(other.id for other in agencies.values() if other.successor == agency.id)
        hint = (f"Trước ngày đó, việc này thuộc {', '.join(f'«{b}» ({agencies[b].name})' for b in before)}."
                if before else "Kiểm tra ngày thành lập của cơ quan trong danh mục, hoặc giao cho cơ quan khác.")
    return f"«{agency.name}» {state}, nhưng được giao việc có hạn {short_date(when)}", hint


def check_registry(corpus: Corpus) -> Iterator[Finding]:
    """References inside the registry (parent, groups, successor) are known."""
    agencies = corpus.agencies
    for agency_id, agency in sorted(agencies.items()):
        shown, line, col = corpus.agency_pos[agency_id]
        namespace = shown.rsplit("/", 1)[-1].removesuffix(".yml")
        if agency_id.split("/")[0] != namespace:
            yield Finding(shown, line, col, "KH405", "warning",
                          f"Mã «{agency_id}» không bắt đầu bằng tên tệp danh mục «{namespace}/»",
                          "Mỗi tệp danh mục giữ các cơ quan của một địa bàn; đặt mã dạng "
                          f"«{namespace}/…» hoặc chuyển sang tệp đúng địa bàn.")
        refs: list[tuple[tuple[str | int, ...], str | None]] = [(("parent",), agency.parent),
                                                                (("successor",), agency.successor)]
        refs += [(("groups", index), group) for index, group in enumerate(agency.groups)]
        raw = corpus.agency_data.get(agency_id)
        yield from _check_agency_itself(agency, shown, raw, (line, col), agencies)
        for loc, ref in refs:
            if ref == agency_id:
                at_line, at_col = position(raw, loc) if raw is not None else (line, col)
                yield Finding(shown, at_line, at_col, "KH409", "error",
                              f"Cơ quan «{agency_id}» ghi chính nó ở «{loc[0]}»",
                              f"Xóa «{agency_id}» khỏi «{loc[0]}», hoặc thay bằng mã của cơ quan khác.")
            elif ref and ref not in agencies:
                close = difflib.get_close_matches(ref, sorted(agencies), n=1)
                at_line, at_col = position(raw, loc) if raw is not None else (line, col)
                yield Finding(shown, at_line, at_col, "KH404", "error",
                              f"Cơ quan «{agency_id}» ghi «{loc[0]}: {ref}» nhưng mã này không có trong danh mục",
                              f"Có phải ý bạn là «{close[0]}»?" if close else "Khai báo cơ quan đó trong danh mục.")


RESERVED_SEGMENT = re.compile(r"index|nam-[0-9]+")  # co-quan/<id>/index.md, co-quan/<id>/nam-<year>.md


def _check_agency_itself(agency: Agency, shown: str, raw: Any, at: tuple[int, int],
                         agencies: dict[str, Agency]) -> Iterator[Finding]:
    """An agency's own dates in order, and an id that does not take another page's address."""
    if agency.valid_from and agency.valid_until and agency.valid_until < agency.valid_from:
        line, col = position(raw, ("valid_until",)) if raw is not None else at
        yield Finding(shown, line, col, "KH410", "error",
                      f"Cơ quan «{agency.id}» thôi hoạt động ({short_date(agency.valid_until)}) trước ngày bắt đầu "
                      f"hoạt động ({short_date(agency.valid_from)})",
                      "Kiểm tra lại «valid_from» (ngày bắt đầu) và «valid_until» (ngày cuối còn hoạt động); "
                      "có thể hai ngày bị ghi đảo chỗ.")
    parent, _, last = agency.id.rpartition("/")
    if RESERVED_SEGMENT.fullmatch(last):
        owner = f" của cơ quan «{parent}»" if parent in agencies else " dành cho trang của cơ quan khác"
        yield Finding(shown, *at, "KH411", "error",
                      f"Mã «{agency.id}» trùng địa chỉ trang co-quan/{agency.id}/{owner}",
                      f"Đổi phần cuối của mã, ví dụ «{parent}/{last}-1»; «index» và «nam-NĂM» dành cho trang theo năm.")


# --- text -------------------------------------------------------------------------

_STALE = re.compile(
    r"(?:thi đua,?\s*-?\s*khen thưởng\b[^.;:\n]{0,40}?\bnăm|6 tháng (?:đầu|cuối) năm)\s+(\d{4})\b",
    re.IGNORECASE)
_UNSAFE_ELEMENT = (r"<\s*(?:script|iframe|object|embed|style|base|meta|link|form|plaintext|xmp|noembed"  # run,
                   r"|noframes|noscript|template|svg|math|frame|frameset|applet|textarea|input|button)\b")  # swallow
_UNSAFE = re.compile(
    rf"(?P<at>{_UNSAFE_ELEMENT})"
    r"|(?<![\w-])(?P<handler>on[a-z]{3,}\s*=)"  # an event handler, quoted or not (no tag context: stays linear)
    r"|(?<![\w-])(?P<style>style\s*=)"  # a style attribute: a fixed-position overlay covers the page
    r"|(?P<url>(?:java|vb)script\s*:|data\s*:\s*text/html)",
    re.IGNORECASE)
_RAW_TAG = re.compile(r"<[A-Za-z][^>]*>?")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)>]*)|^ {0,3}\[[^\]\n]+\]:\s*(\S+)", re.MULTILINE)
_HIDDEN_SCHEME = re.compile(r"(?:java|vb)script:|data:text/html")
_UNSAFE_TAG = re.compile(_UNSAFE_ELEMENT, re.IGNORECASE)


def _may_be_unsafe(text: str) -> bool:
    """Cheap necessary conditions for an `_UNSAFE` match, checked first: the full pattern tries every
    position of a body (a third of a millisecond for a 5 KB one) and almost never matches."""
    folded = text.casefold()  # as IGNORECASE matches: "ſcript" is "script" to it
    return "=" in text or "script" in folded or "text/html" in folded or _UNSAFE_TAG.search(text) is not None


def _short_texts(loaded: LoadedPlan) -> Iterator[tuple[tuple[object, ...], str, str]]:
    """Titles and subjects in the YAML, with where they are and whose they are."""
    plan = loaded.plan
    if plan.title:
        yield ("title",), plan.title, "Tên kế hoạch"
    for key, document in (("document", plan.document), ("decision", plan.decision)):
        if document and document.subject:
            yield (key, "subject"), document.subject, "Trích yếu" if key == "document" else "Trích yếu quyết định"
    for index, task in enumerate(plan.tasks):
        yield ("tasks", index, "title"), task.title, f"Nhiệm vụ «{task.id}»"
    for index, duty in enumerate(plan.reporting):
        yield ("reporting", index, "title"), duty.title, f"Báo cáo «{duty.id}»"


def check_text(loaded: LoadedPlan) -> Iterator[Finding]:
    """Stale years copied from last year's plan, duplicated tasks, the (nếu có) flag."""
    year = loaded.plan.year
    hint = (f"Kế hoạch năm {year} nhắc tới năm cũ; có thể sót khi sao chép từ kế hoạch năm trước. "
            "Giữ nguyên nếu đúng như văn bản đã ký.")
    for loc, text, owner in _short_texts(loaded):
        for match in _STALE.finditer(text) if "năm" in text.lower() else ():
            if int(match.group(1)) < year:
                yield _finding(loaded, loc, "KH501", "warning",
                               f"{owner} nhắc «{match.group(0)}» trong kế hoạch năm {year}", hint)
    for name, text in sorted(loaded.bodies.items()):
        for match in _STALE.finditer(text) if _names_older_year(text, year) else ():
            if int(match.group(1)) < year:
                line, col = line_col(text, match.start())
                yield Finding(loaded.body_paths[name], line, col, "KH501", "warning",
                              f"Văn bản nhắc «{match.group(0)}» trong kế hoạch năm {year}", hint)
    keys = [fold(task.title).rstrip(" .;") for task in loaded.plan.tasks]
    titles = Counter(keys)
    if len(titles) == len(keys):
        return  # no title twice
    first: dict[str, str] = {}
    for index, (task, key) in enumerate(zip(loaded.plan.tasks, keys, strict=True)):
        if titles[key] > 1 and key in first:
            yield _finding(loaded, ("tasks", index, "title"), "KH502", "warning",
                           f"Nhiệm vụ «{task.id}» trùng nội dung với nhiệm vụ «{first[key]}»",
                           "Văn bản gốc ghi lặp; giữ nguyên nếu đúng như bản đã ký, hoặc gộp thành một nhiệm vụ.")
        first.setdefault(key, task.id)


_YEAR_NAMED = re.compile(r"năm\s+(\d{4})")


def _names_older_year(text: str, year: int) -> bool:
    """Whether `text` says «năm YYYY» with YYYY before `year`: every `_STALE` match that yields a finding
    does, and this plain pattern over the lower-cased text runs at C speed where `_STALE`, case-blind
    over Vietnamese, tries every position of a body (the lower-casing can only add candidates)."""
    return any(int(found.group(1)) < year for found in _YEAR_NAMED.finditer(text.lower()))


def _unsafe_pieces(text: str) -> Iterator[tuple[int, str]]:
    """Offset and text of each piece of a body that would run or cover the page: the plain patterns, then
    URLs that hide a javascript: scheme behind character references or line breaks (browsers decode the
    first and drop the second), in raw tags and in Markdown link targets."""
    found: set[int] = set()
    for match in _UNSAFE.finditer(text) if _may_be_unsafe(text) else ():
        part = match.lastgroup or 0
        found.add(match.start(part))
        yield match.start(part), match.group(part)
    pieces = [*(_RAW_TAG.finditer(text) if "<" in text else ()), *(_LINK_TARGET.finditer(text) if "](" in text
                                                                     or "]:" in text else ())]
    for match in pieces:
        squeezed = re.sub(r"[\x00-\x20]+", "", html.unescape(match.group())).lower()
        hidden = _HIDDEN_SCHEME.search(squeezed)
        if hidden and not any(match.start() <= offset < match.end() for offset in found):
            yield match.start(), match.group()[:80]


def check_markdown(loaded: LoadedPlan) -> Iterator[Finding]:
    """Plan Markdown carries no scripts, event handlers or javascript: links."""
    section_ids = {section.id for section in loaded.plan.sections}
    for name, text in sorted(loaded.bodies.items()):
        shown = loaded.body_paths[name]
        for start, piece in _unsafe_pieces(text):
            line, col = line_col(text, start)
            yield Finding(shown, line, col, "KH503", "error",
                          f"Nội dung chứa mã có thể chạy trên trình duyệt: «{visible(piece)}»",
                          "Kế hoạch chỉ chứa văn bản; xóa thẻ script, thuộc tính on…= và style=, "
                          "liên kết javascript: (kể cả viết bằng mã &#…;).")
        for match in MARKER.finditer(text):
            if match.group(1) not in section_ids:
                line, col = line_col(text, match.start())
                yield Finding(shown, line, col, "KH504", "error",
                              f"Dòng chèn nhiệm vụ trỏ tới mục «{match.group(1)}» không có trong «sections»",
                              "Sửa mã mục cho khớp với «sections» trong ke-hoach.yml.")
        yield from _check_anchors_and_links(loaded, shown, text)
        for line, col, what in too_deep(text):
            yield Finding(shown, line, col, "KH507", "error",
                          f"Nội dung lồng quá sâu ({what} quá {MAX_NESTING} cấp), trang không dựng được",
                          "Văn bản hành chính chỉ cần vài cấp; bớt cấp lồng ở dòng này (bớt dấu «>», "
                          "bớt thụt lề, đóng bớt thẻ).")


PAGE_IDS = ("kh-quyet-dinh", "kh-ke-hoach", "kh-phu-luc", "kh-nhiem-vu-khac", "kh-bao-cao", "kh-dong-thoi-gian")


def _check_anchors_and_links(loaded: LoadedPlan, shown: str, text: str) -> Iterator[Finding]:
    """Headings whose id takes a task's (or the page's own) anchor; links into the repository."""
    if "#" in text or "\n=" in text or "\n-" in text:
        taken = {item.id: "nhiệm vụ" for item in loaded.plan.tasks}
        taken.update({duty.id: "báo cáo" for duty in loaded.plan.reporting})
        taken.update(dict.fromkeys(PAGE_IDS, "phần của trang"))
        for line, col, words, anchor, explicit in headings(text):
            if anchor in taken:
                yield Finding(shown, line, col, "KH505", "error",
                              f"Đề mục «{words}» có neo #{anchor}, trùng với neo của {taken[anchor]} «{anchor}»: "
                              "liên kết tới đó sẽ mở đề mục này",
                              f"Đổi «{{#{anchor}}}» thành một neo khác, ví dụ «{{#muc-{anchor}}}»." if explicit
                              else f"Thêm chữ vào đề mục cho khác mã, ví dụ «Mục {words}».")
    for line, col, target in relative_links(text) if "](" in text or "]:" in text else ():
        yield Finding(shown, line, col, "KH506", "error",
                      f"Liên kết «{target[:60]}» trỏ tới một tệp trong kho, không có trên trang đã dựng",
                      "Dùng địa chỉ đầy đủ bắt đầu bằng https://, hoặc bỏ liên kết và giữ lại chữ.")
