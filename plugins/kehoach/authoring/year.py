"""The year a plan is for, as the document says it.

In order: "năm học 2022-2023" in the subject (a school-year plan: its first year,
and the school year as the period), "năm 2025" in the subject, the year of the
document's date. None when the document says none of these: then a person gives it.
A year the subject states is the document's word; the year of its date is only a
likely one (a plan dated December may be for the next year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..core.text import fold

# "n\w{1,3}" also takes OCR's "nim", "nam" for "năm"; "năm học" is a school year.
_YEAR = re.compile(r"\bn\w{1,3}\s+(?!hoc\b)(20\d\d)\b")
_IN_DATE = re.compile(r"\bthang\s*\d{1,2}\s*$")  # "ngày 16 tháng 7 năm 2021": a cited document's date
_SCHOOL_YEAR = re.compile(r"\bnam hoc\s*(20\d\d)\s*[-–—]\s*(20\d\d)\b")  # "2024 – 2025": Word's en dash too


@dataclass(frozen=True)
class StatedYear:
    """The year the document gives, the school year if any, and where it says so."""

    year: int | None
    school_year: str | None = None
    from_subject: bool = False
    words: str = ""


def stated_year(docs: list[dict[str, Any]]) -> StatedYear:
    """The plan's year as the document states it, and the words that state it."""
    for doc in reversed(docs):
        subject = fold(doc.get("subject") or "")
        school = _SCHOOL_YEAR.search(subject)
        if school and int(school.group(2)) == int(school.group(1)) + 1:
            return StatedYear(int(school.group(1)), f"{school.group(1)}-{school.group(2)}", True,
                              f"năm học {school.group(1)}-{school.group(2)}")
        found = next((m for m in _YEAR.finditer(subject) if not _IN_DATE.search(subject[:m.start()])), None)
        if found:
            return StatedYear(int(found.group(1)), None, True, f"năm {found.group(1)}")
    for doc in docs:
        if doc.get("date"):
            return StatedYear(int(str(doc["date"])[:4]), None, False, str(doc["date"]))
    return StatedYear(None)


def year_of(docs: list[dict[str, Any]]) -> tuple[int | None, str | None]:
    """The plan's year and, for a school-year plan, its school year ("2022-2023")."""
    stated = stated_year(docs)
    return stated.year, stated.school_year
