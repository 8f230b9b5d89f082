"""The year a plan is for, as the document says it.

In order: "năm học 2022-2023" in the subject (a school-year plan: its first year,
and the school year as the period), "năm 2025" in the subject, the year of the
document's date. None when the document says none of these: then a person gives it.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.text import fold

# "n\w{1,3}" also takes OCR's "nim", "nam" for "năm"; "năm học" is a school year.
_YEAR = re.compile(r"\bn\w{1,3}\s+(?!hoc\b)(20\d\d)\b")
_SCHOOL_YEAR = re.compile(r"\bnam hoc\s*(20\d\d)\s*-\s*(20\d\d)\b")


def year_of(docs: list[dict[str, Any]]) -> tuple[int | None, str | None]:
    """The plan's year and, for a school-year plan, its school year ("2022-2023")."""
    for doc in reversed(docs):
        subject = fold(doc.get("subject") or "")
        school = _SCHOOL_YEAR.search(subject)
        if school and int(school.group(2)) == int(school.group(1)) + 1:
            return int(school.group(1)), f"{school.group(1)}-{school.group(2)}"
        found = _YEAR.search(subject)
        if found:
            return int(found.group(1)), None
    for doc in docs:
        if doc.get("date"):
            return int(str(doc["date"])[:4]), None
    return None, None
