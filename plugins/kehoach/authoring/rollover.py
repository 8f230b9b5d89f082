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

from ..core.checks import check_corpus
from ..core.errors import Finding, PlanError, has_errors
from ..core.loader import PLAN_FILE, LoadedPlan, load_corpus, plan_folder_name, shown_path
from ..core.models import Plan
from .checklist import Copied, build_checklist

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
    slug = plan_folder_name(slug or next_slug(source.resolve().name, old.plan, year))
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
    copied = Copied(old, created, shift.count, cleared, len(old.plan.source))
    findings = [f for f in check_corpus(corpus) if f.path.startswith(shown_path(folder, base) + "/")]
    return Rollover(old, created, folder, shift.count, cleared, len(old.plan.source),
                    build_checklist(copied, corpus.agencies, findings))


# A type word just before a number names that document: "quyet-dinh-43" goes as a whole.
_NUMBERED_TYPES = (("quyet", "dinh"), ("qd",))


def next_slug(name: str, old: Plan, year: int) -> str:
    """The new year's folder name from last year's: its years moved, its document numbers dropped.

    "son-la-quyet-dinh-43-tdkt" (Quyết định số 43) becomes "son-la-tdkt", "dong-nai-ke-hoach-274"
    becomes "dong-nai-ke-hoach", "ke-hoach-2024" becomes "ke-hoach-2025": last year's number would
    name a document the new plan is not.
    """
    numbers = {part.lstrip("0") for document in (old.document, old.decision) if document and document.number
               for part in re.findall(r"\d+", document.number)}
    kept: list[str] = []
    for token in name.split("-"):
        if re.fullmatch(r"\d{4}", token) and abs(int(token) - old.year) <= 1:
            kept.append(str(int(token) + year - old.year))
        elif token.isdigit() and token.lstrip("0") in numbers:
            for words in _NUMBERED_TYPES:
                if tuple(kept[-len(words):]) == words:
                    del kept[-len(words):]
        else:
            kept.append(token)
    return "-".join(kept) or "ke-hoach-tdkt"


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


