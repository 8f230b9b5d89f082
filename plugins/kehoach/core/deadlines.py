"""What a deadline means: its kind, its last day, and how Vietnamese phrases read.

The rule, used by checks, pages and feeds alike:

* an exact date ("15/6", "vào ngày 15 tháng 6") and "chậm nhất ngày X" end on X;
* "trước ngày X" ends on the day before X;
* a month, quarter, half-year or school year ends on its last day
  (Bộ luật Dân sự 2015 Điều 146: "cuối tháng" is the last day of the month);
* "Thường xuyên" (ongoing) and a deadline not given have no last day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .errors import Finding, PlanError
from .models import Deadline, Section, Task
from .text import ROMAN, YEARS, fold, roman

KIND_VI = {
    "date": "đúng ngày", "before": "trước ngày", "by": "chậm nhất ngày", "month": "trong tháng",
    "quarter": "trong quý", "half": "trong nửa năm", "school_year": "trong năm học",
    "ongoing": "thường xuyên", "none": "không ghi thời hạn",
}


def kind(deadline: Deadline | None) -> str:
    """Name of what the deadline means: date, before, by, month, …, ongoing, none."""
    if deadline is None:
        return "none"
    fields = deadline.__dict__  # plain dict lookups: kind() runs for every deadline in several rules
    for name in _KINDS:
        if fields[name]:
            return name
    return "none"


_KINDS = ("date", "before", "by", "month", "quarter", "half", "school_year", "ongoing")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def span(deadline: Deadline | None) -> tuple[date, date] | None:
    """First and last day of the time the deadline allows, or None when open."""
    which = kind(deadline)
    if which in ("none", "ongoing") or deadline is None:
        return None
    if which == "date":
        assert deadline.date is not None
        return deadline.date, deadline.date
    if which == "by":
        assert deadline.by is not None
        return deadline.by, deadline.by
    if which == "before":
        assert deadline.before is not None
        last = deadline.before - timedelta(days=1)
        return last, last
    if which == "month":
        year, month = map(int, str(deadline.month).split("-"))
        return date(year, month, 1), _month_end(year, month)
    if which == "quarter":
        year, quarter = int(str(deadline.quarter)[:4]), int(str(deadline.quarter)[-1])
        return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if which == "half":
        year, half = int(str(deadline.half)[:4]), int(str(deadline.half)[-1])
        return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))
    first, second = map(int, str(deadline.school_year).split("-"))
    # A school year runs from September to the end of May (Bộ GD&ĐT calendars); the
    # summer review falls after, so the span ends on 31/8 of the second year.
    return date(first, 9, 1), date(second, 8, 31)


def due(deadline: Deadline | None) -> date | None:
    """Last day of the deadline as written (before any shift for holidays)."""
    bounds = span(deadline)
    return bounds[1] if bounds else None


def written_day(deadline: Deadline | None) -> date | None:
    """The day the text names, for deadlines that name a day; None for periods."""
    if deadline is None:
        return None
    return deadline.date or deadline.by or deadline.before


def effective_deadline(task: Task, sections: dict[str, Section]) -> Deadline | None:
    """The task's own deadline, or its section's period when it gives none."""
    if kind(task.deadline) != "none":
        return task.deadline
    section = sections.get(task.section)
    return section.period if section else task.deadline


def quarter_of(day: date) -> int:
    """Quarter (1-4) of a date."""
    return (day.month - 1) // 3 + 1


# --- reading Vietnamese phrases -------------------------------------------------

_DATE = r"(\d{1,2})\s*(?:/|-|tháng|thang)\s*(\d{1,2})(?!\d)(?:\s*(?:/|-|năm|nam)\s*(\d{4}))?"


@dataclass(frozen=True)
class Reading:
    """What a phrase means: one field of `Deadline` and its value."""

    field: str
    value: object


def _date(match: re.Match[str], year: int) -> date | None:
    day, month = int(match.group(1)), int(match.group(2))
    try:
        return date(int(match.group(3) or year), month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def read_phrase(phrase: str, year: int) -> Reading | None:
    """Read a Vietnamese deadline phrase; `year` fills in a missing year.

    >>> read_phrase("trước ngày 15 tháng 3 năm 2023", 2023)
    Reading(field='before', value=datetime.date(2023, 3, 15))
    >>> read_phrase("Trong quý III", 2024)
    Reading(field='quarter', value='2024-Q3')
    """
    text = " ".join(phrase.lower().split())
    folded = fold(phrase)
    if folded.startswith("thuong xuyen") or folded == "ca nam":
        return Reading("ongoing", True)
    end = _read_period_end(folded, year)
    if end:
        return Reading("by", end)
    school = re.search(r"nam hoc\s*(\d{4})\s*-\s*(\d{4})", folded)
    if school:
        return Reading("school_year", f"{school.group(1)}-{school.group(2)}")
    half = re.search(r"6 thang (dau|cuoi) nam(?:\s+(\d{4}))?", folded)
    if half:
        return Reading("half", f"{half.group(2) or year}-H{1 if half.group(1) == 'dau' else 2}")
    quarter = re.search(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?", folded)
    if quarter:
        raw = quarter.group(1).upper()
        number = ROMAN[raw] if raw in ROMAN else int(raw)
        return Reading("quarter", f"{quarter.group(2) or year}-Q{number}")
    found = re.search(_DATE, text)
    if found and not re.fullmatch(r"\s*(?:tháng\s*)?\d{1,2}\s*/\s*\d{4}\s*", text):
        day = _date(found, year)
        if day is None:
            return None
        if re.search(r"chậm nhất", text):
            return Reading("by", day)
        if re.search(r"trước", text):
            return Reading("before", day)
        return Reading("date", day)
    month = re.search(r"(?:tháng\s*)?(\d{1,2})\s*(?:/|năm)\s*(\d{4})", text) or re.search(
        r"tháng\s*(\d{1,2})()", text)
    if month and 1 <= int(month.group(1)) <= 12:
        return Reading("month", f"{month.group(2) or year}-{int(month.group(1)):02d}")
    return None


_PERIOD_END = re.compile(r"(?:(?:truoc|cham nhat) )?(?:vao )?(cuoi|giua) (nam(?! hoc)|thang|quy)\b"
                         r"(?: (\d{1,2}|iv|iii|ii|i)\b)?(?:\s*(?:/|nam)?\s*(\d{4}))?")


def _read_period_end(folded: str, year: int) -> date | None:
    """"Cuối năm", "giữa năm", "cuối tháng 5", "cuối quý III": their last day (BLDS 2015 Điều 146)."""
    found = _PERIOD_END.match(folded)
    if not found:
        return None
    which, unit, number, written_year = found.groups()
    in_year = int(written_year or year)
    if unit == "nam":
        return date(in_year, 6, 30) if which == "giua" else date(in_year, 12, 31)
    if which != "cuoi" or not number:
        return None
    months = int(number) if number.isdigit() else ROMAN[number.upper()]
    month = 3 * months if unit == "quy" else months
    return _month_end(in_year, month) if 1 <= month <= 12 and (unit == "thang" or months <= 4) else None


def describe(reading: Reading) -> str:
    """A meaning in words, as the plan would write it: "chậm nhất ngày 20/03/2025", "quý II/2025"."""
    value = reading.value
    if isinstance(value, date):
        return f"{KIND_VI[reading.field]} {value.day:02d}/{value.month:02d}/{value.year}"
    text = str(value)
    if reading.field == "month":
        return f"tháng {int(text[5:])}/{text[:4]}"
    if reading.field == "quarter":
        return f"quý {roman(int(text[-1]))}/{text[:4]}"
    if reading.field == "half":
        return f"6 tháng {'đầu' if text.endswith('1') else 'cuối'} năm {text[:4]}"
    if reading.field == "school_year":
        return f"năm học {text}"
    return KIND_VI[reading.field]


def meaning(deadline: Deadline) -> Reading | None:
    """The stored meaning of a deadline as a `Reading`, to compare with the text."""
    which = kind(deadline)
    if which == "none":
        return None
    return Reading(which, getattr(deadline, which))


def check_day(day: date, name: str) -> date:
    """`day` when its year is one plans can name (1900-2199); `PlanError` (KH603) otherwise.

    A build or digest "as of" year 1 or 9999 is a typing mistake, and date arithmetic past it overflows.
    """
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise PlanError([Finding(name, 1, 1, "KH603", "error", f"Ngày «{day.isoformat()}» ngoài khoảng năm 1900–2199",
                                 "Ghi ngày dạng NĂM-THÁNG-NGÀY với năm đủ bốn chữ số, ví dụ 2025-06-15.")])
    return day
