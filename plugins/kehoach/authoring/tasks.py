"""Turning what the reader found into sections, tasks and reporting duties of the draft.

`Tasks` holds the draft being filled and the registry look-up; the reader calls it
when a line or a table row is a task, a section with a period, or a reporting duty.
A deadline not understood keeps its words; an agency not in the registry keeps its
name in `lead_text`/`partners_text`, and both are listed for a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.deadlines import read_phrase
from ..core.text import fold, slugify
from .agencies import Agencies

# "trước ngày 15/12/2024", "chậm nhất là ngày 20 tháng 11", "vào ngày 12, 13/ 9" (two days of one month).
INLINE_DEADLINE = re.compile(
    r"(?:trước|chậm nhất(?: là)?|vào)\s+ngày\s+\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?:/|tháng)\s*\d{1,2}"
    r"(?:\s*(?:/|năm)\s*\d{4})?"
    r"|trong (?:tháng \d{1,2}\s*(?:/|năm)\s*\d{4}|quý (?:IV|III|II|I)(?:\s*(?:/|năm)\s*\d{4})?)")
_REPORT_ON_DAY = re.compile(r"(6 tháng|năm|quý)\s*\((vào ngày [^)]+)\)")
_REPORT_FOR = re.compile(
    r"((?:trước ngày|chậm nhất ngày|vào ngày)?\s*\d{1,2}/\d{1,2}/\d{4})\s*\(đối với báo cáo ([^)]+)\)")
_BULLET = re.compile(r"^[-+•–]\s*")


@dataclass
class Draft:
    """What the reader understood, and what it could not place."""

    docs: list[dict[str, Any]] = field(default_factory=list)
    bodies: list[list[str]] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    reporting: list[dict[str, Any]] = field(default_factory=list)
    appendix: dict[str, Any] | None = None
    unplaced: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    namespace: str | None = None
    odd: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    proposed: list[str] = field(default_factory=list)
    named: str | None = None  # the plan's name where only its decision gives it ("Phê duyệt Kế hoạch …")


class Tasks:
    """Sections, tasks and reporting duties added to a draft."""

    def __init__(self, draft: Draft, agencies: Agencies, year: Callable[[], int]):
        self.draft, self.agencies, self.year = draft, agencies, year

    def add_section(self, number: str | None, title: str, period: dict[str, Any] | None) -> str:
        base = "-".join(slugify(f"{number or ''} {title}").split("-")[:6]) or "muc"
        section_id, n = base, 2
        while any(s["id"] == section_id for s in self.draft.sections):
            section_id, n = f"{base}-{n}", n + 1
        entry = {"id": section_id, "number": number, "title": title, "period": period}
        self.draft.sections.append({k: v for k, v in entry.items() if v is not None})
        return section_id

    def ensure_section(self, section_id: str, title: str, number: str | None) -> str:
        if not any(s["id"] == section_id for s in self.draft.sections):
            entry = {"id": section_id, "number": number, "title": title}
            self.draft.sections.append({k: v for k, v in entry.items() if v})
        return section_id

    def task_id(self, section: str) -> str:
        return f"{section}-{sum(1 for t in self.draft.tasks if t['section'] == section) + 1:02d}"

    def add(self, section: str, number: str | None, title: str, deadline: str | None,
            lead: tuple[list[str], str | None]) -> None:
        """A task from a line of the body; its deadline from `deadline` or from its own words."""
        task: dict[str, Any] = {"id": self.task_id(section), "section": section, "number": number, "title": title}
        inline = deadline or (found.group(0) if (found := INLINE_DEADLINE.search(title)) else None)
        if inline:
            task["deadline"] = self.deadline(inline)
        task["lead"], task["lead_text"] = lead
        task["conditional"] = "(nếu có" in title
        self.draft.tasks.append({k: v for k, v in task.items() if v not in (None, [], False)})

    def add_row(self, section: str, row: dict[str, str]) -> None:
        """A task from a row of a task table."""
        task: dict[str, Any] = {"id": self.task_id(section), "section": section, "number": row.get("number"),
                                "title": row.get("title")}
        if row.get("deadline"):
            task["deadline"] = self.deadline(row["deadline"])
        task["lead"], task["lead_text"] = self.agency_cell(row.get("lead", ""))
        task["partners"], task["partners_text"] = self.agency_cell(row.get("partners", ""))
        if row.get("note"):
            task["note"] = row["note"]
        self.draft.tasks.append({k: v for k, v in task.items() if v not in (None, [], "")})

    def deadline(self, phrase: str) -> dict[str, Any]:
        reading = read_phrase(phrase, self.year())
        if reading is None:
            self.draft.unread.append(phrase)
            return {"text": phrase}
        return {"text": phrase, reading.field: reading.value}

    def agency_cell(self, cell: str) -> tuple[list[str], str | None]:
        """Agency ids named in a cell; the cell's words too when any part is not an exact name."""
        ids, exact = [], True
        for piece in [p for p in re.split(r";", cell) if p.strip()]:
            agency, same = self.agencies.find(piece)
            if agency is None:
                self.draft.unmatched.append(piece.strip(" ;,."))
            elif agency not in ids:
                ids.append(agency)
            exact = exact and same and agency is not None
        return ids, (None if exact or not cell.strip() else cell.strip())

    def reporting(self, text: str) -> None:
        """Reporting duties a sentence sets: "6 tháng (vào ngày …)", "15/5/2024 (đối với báo cáo 6 tháng)"."""
        found = [(m.group(1), m.group(2), m.group(0)) for m in _REPORT_ON_DAY.finditer(text)]
        found += [(m.group(2), m.group(1).strip(), m.group(0)) for m in _REPORT_FOR.finditer(text)]
        for label, phrase, words in found:
            duty_id = "bao-cao-" + slugify(label)
            if any(d["id"] == duty_id for d in self.draft.reporting):
                continue
            self.draft.reporting.append({"id": duty_id, "title": f"Báo cáo {label} kết quả thực hiện Kế hoạch",
                                         "deadline": self.deadline(phrase), "text": words})


def period(title: str, year: int) -> dict[str, Any] | None:
    """The period a section heading gives its tasks: "thường xuyên", "Quý II"."""
    folded = fold(title)
    if "thuong xuyen" in folded:
        return {"text": title, "ongoing": True}
    if re.search(r"\bquy\s+(iv|iii|ii|i|[1-4])\b", folded):
        reading = read_phrase(title, year)
        return {"text": title, reading.field: reading.value} if reading else None
    return None


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text)
