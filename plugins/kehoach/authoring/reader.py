"""One pass over a document's blocks after its header: body, căn cứ, task tables, nơi nhận, signer.

The header (`header.py`) gives the first document's facts; the reader walks the
rest once and fills the `Draft`. `mode` says which part of the document a block is
in. A later type line (the KẾ HOẠCH after a Quyết định) starts the next document.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.text import fold, legacy_encoding_column, slugify
from .agencies import Agencies
from .docx_text import SLASHED, Block, is_header_row
from .layout import Header, tidy_subject
from .legal import legal_basis
from .tasks import INLINE_DEADLINE, Draft, Tasks, period, strip_bullet
from .year import year_of

SKIPPED = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap – tu do – hanh phuc")
CLOSERS = ("tren day", "trong qua trinh")
# "I. MỤC ĐÍCH" and, in older school documents, "I/ Mục đích:", "4/ Thời gian …" (a letter after the slash,
# so that a date opening a line, "19/ 8 …", is not taken for a number).
_ROMAN = re.compile(r"^([IVX][IVX1l]*|[1l][IVX][IVX1l]*)(?:\.\s+|" + SLASHED + r")(.+)$")
_NUMBERED = re.compile(r"^(\d+)(?:\.\s+|/\s*(?=[^\W\d]))(.+)$")
_BULLET = re.compile(r"^[-+•–]\s*")
_CAPACITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.+)$")
_WHEN = re.compile(r"^Thời gian\s*:\s*(.+)$")
# A Quyết định phê duyệt that carries the plan itself in its Điều 1: "Điều 1. Phê duyệt Kế hoạch … với các nội
# dung cụ thể như sau:", then the plan's sections. The plan starts after that line.
_INLINE_PLAN = re.compile(r"^Điều 1\.\s*Phê duyệt\s+(Kế hoạch\s+.+?)(?:,?\s*với\s+(?:các|những)?\s*nội dung\b.*)?:\s*$")
_COLUMNS = {"tt": "number", "stt": "number", "noi dung": "title", "nhiem vu": "title", "thoi gian": "deadline",
            "thoi han": "deadline", "chu tri": "lead", "phoi hop": "partners"}


def is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class Reader:
    """One pass over the blocks after the header."""

    def __init__(self, agencies: Agencies, year: int | None, header: Header):
        self.draft = Draft(skipped=header.skipped)
        self.agencies, self.year = agencies, year
        self.tasks = Tasks(self.draft, agencies, self._year)
        self.columns = ["number", "title", "deadline", "lead", "partners"]
        self.next_document(header)
        self.mode = "after_title" if header.facts else "body"

    def next_document(self, header: Header) -> None:
        """Start a document at its own header: the first, or a plan with a full header after its decision."""
        self.level1 = ""  # the current level-1 heading, folded, and as printed
        self.level1_title = ""
        self.section: str | None = None
        self.lead: tuple[list[str], str | None] = ([], None)
        self.item: tuple[str, str] | None = None  # the last numbered item, for a "Thời gian:" line under it
        self.heading: tuple[str, str] | None = None  # the last numbered heading, for dated bullets under it
        self._new_doc()
        self.doc.update(header.facts)
        self.doc.setdefault("type", None)
        self.draft.notes.extend(header.notes)
        self.mode = "after_title"

    def _new_doc(self) -> None:
        self.doc: dict[str, Any] = {"type": None}
        self.draft.docs.append(self.doc)
        self.draft.bodies.append([])
        self.mode = "start"

    def read(self, blocks: list[Block]) -> Draft:
        for block in blocks:
            if isinstance(block, list):
                self.row(block)
            elif fold(block) not in SKIPPED:
                self.paragraph(block)
        return self.draft

    def paragraph(self, text: str) -> None:
        folded = fold(text)
        if legacy_encoding_column(text):
            self.draft.odd.append(text if len(text) <= 70 else text[:69] + "…")
        for handler in (self._type_line, self._header_line, self._ending, self._appendix_line):
            if handler(text, folded):
                return
        self.mode = "body" if self.mode in ("start", "title", "after_title") else self.mode
        inline = _INLINE_PLAN.match(text) if self.doc["type"] == "Quyết định" and len(self.draft.docs) == 1 else None
        self.body(text, folded)
        if inline:
            self._inline_plan(inline.group(1))

    def _inline_plan(self, name: str) -> None:
        """The plan a Quyết định phê duyệt carries in its Điều 1: a document of its own from here on, without a
        header (number and date are the decision's), named as Điều 1 names it."""
        self._new_doc()
        self.doc["type"], self.mode = "Kế hoạch", "body"
        self.level1 = self.level1_title = ""
        self.section, self.heading = None, None
        self.draft.named = name
        self.draft.notes.append(("inference", "Quyết định phê duyệt kế hoạch ngay trong Điều 1 («…" + name[:60] +
                                              "…»); phần sau Điều 1 được coi là nội dung kế hoạch, không có phần đầu "
                                              "riêng (số, ngày theo quyết định)."))

    def _type_line(self, text: str, folded: str) -> bool:
        if folded not in ("ke hoach", "quyet dinh"):
            return False
        if self.doc["type"] is not None or self.draft.bodies[-1] or "subject" in self.doc:
            self._new_doc()
        self.doc["type"] = "Kế hoạch" if folded == "ke hoach" else "Quyết định"
        self.mode = "title"
        return True

    def _header_line(self, text: str, folded: str) -> bool:
        if self.mode == "title":
            self.doc["subject"], self.mode = tidy_subject(text), "after_title"
        elif folded.startswith("(ban hanh kem theo"):
            (self.draft.appendix or self.doc)["reference" if self.mode == "appendix" else "attached_to"] = text
        elif text.startswith(("Căn cứ", "Theo đề nghị")) and not self.draft.bodies[-1]:
            self.doc.setdefault("legal_bases", []).append(legal_basis(text))
        elif is_caps(text) and self.mode == "after_title" and self.doc["type"] == "Quyết định" and not (
                {"issuing_title", "legal_bases"} & set(self.doc)):
            self.doc["issuing_title"] = text
        else:
            return False
        return True

    # --- nơi nhận, signer, Phụ lục --------------------------------------------------
    def _ending(self, text: str, folded: str) -> bool:
        if folded.startswith("noi nh") and ":" in text[:12]:
            self.mode = "recipients"
            rest = text.split(":", 1)[1].strip()
            if rest and is_caps(rest):
                self.doc["signer"] = {"title": rest}
            return True
        if self.mode == "recipients" and _BULLET.match(text):
            line = _BULLET.sub("", text)
            agency, _ = self.agencies.find(re.sub(r"\s*\((?:b/c|\d+b)\)", "", line))
            self.doc.setdefault("recipients", []).append({"text": line, **({"agency": agency} if agency else {})})
            return True
        if self.mode not in ("recipients", "signer") or fold(text).startswith("phu luc"):
            return False
        self.mode = "signer"
        self._signer_line(text, self.doc.setdefault("signer", {}))
        return True

    def _signer_line(self, text: str, signer: dict[str, Any]) -> None:
        capacity = _CAPACITY.match(text)
        if capacity:
            signer.setdefault("capacity", []).append({"kind": capacity.group(1) + ".", "of": capacity.group(2)})
        elif is_caps(text) and "title" not in signer:
            signer["title"] = text
        elif len(text.split()) <= 6 and "name" not in signer and not is_caps(text):
            signer["name"] = text
        else:
            self.draft.unplaced.append(text)

    def _appendix_line(self, text: str, folded: str) -> bool:
        if folded.startswith("phu luc") and (is_caps(text) or len(text) < 20):
            self.draft.appendix = {"label": text, "title": None, "sections": []}
            self.mode = "appendix"
            return True
        if self.mode != "appendix":
            return False
        if self.draft.appendix and self.draft.appendix["title"] is None:
            self.draft.appendix["title"] = text
        else:
            self.draft.unplaced.append(text)
        return True

    # --- body: headings, task candidates, reporting duties -------------------------------
    def body(self, text: str, folded: str) -> None:
        lines = self.draft.bodies[-1]
        self.tasks.reporting(text)
        roman, numbered, when = _ROMAN.match(text), _NUMBERED.match(text), _WHEN.match(text)
        item, self.item = self.item, None
        if roman and len(text) < 150:
            self.level1, self.section, self.lead, self.heading = fold(roman.group(2)), None, ([], None), None
            self.level1_title = roman.group(2)
            lines.append(f"## {text}")
        elif numbered and len(text) < 150 and not text.rstrip().endswith((".", ";")):
            self._heading(numbered.group(1), numbered.group(2), lines)
        elif folded.startswith(CLOSERS):
            self.section, self.level1 = None, ""
            lines.append(text)
        elif numbered and "to chuc thuc hien" in self.level1:
            self._numbered_task(numbered.group(1), numbered.group(2), lines)
        elif self.section:
            self._task(self.section, strip_bullet(text), lines, None, self.lead)
        elif when and item and lines and lines[-1] == f"{item[0]}. {item[1]}":
            lines.pop()  # the item becomes a task; its "Thời gian:" line is the deadline
            self._task(self._level1_section(), item[1], lines, f"{item[0]}.", ([], None), when.group(1))
        elif numbered and INLINE_DEADLINE.search(text):
            self._task(self._level1_section(), numbered.group(2), lines, f"{numbered.group(1)}.", ([], None))
        elif _BULLET.match(text) and INLINE_DEADLINE.search(text):
            self._task(self._heading_section(), strip_bullet(text), lines, None, ([], None))
        else:
            self.item = (numbered.group(1), numbered.group(2)) if numbered else None
            lines.append(text)

    def _level1_section(self) -> str:
        """The section of a task found under a level-1 heading (or before any)."""
        return self.tasks.ensure_section(slugify(self.level1 or "nhiem-vu"), self.level1_title or "NHIỆM VỤ", None)

    def _heading_section(self) -> str:
        """The section of a dated bullet: the numbered heading above it ("4/ Thời gian tổ chức chấm thi:")."""
        if not self.heading:
            return self._level1_section()
        number, title = self.heading
        return self.tasks.ensure_section(slugify(f"{number} {title}"), title.rstrip(" :"), f"{number}.")

    def _heading(self, number: str, title: str, lines: list[str]) -> None:
        self.heading = (number, title)
        lines.append(f"### {number}. {title}")
        found = period(title, self._year())
        in_charge = "to chuc thuc hien" in self.level1
        self.section = self.tasks.add_section(f"{number}.", title, found) if found or in_charge else None
        self.lead = self.tasks.agency_cell(title) if in_charge else ([], None)

    def _numbered_task(self, number: str, text: str, lines: list[str]) -> None:
        section = self.tasks.ensure_section(slugify(self.level1), self.level1_title, "III")
        prefix = text.split(":", 1)[0] if ":" in text[:120] else None
        lead = self.tasks.agency_cell(prefix) if prefix else (self.agencies.scan(text[:220]), None)
        self._task(section, text, lines, f"{number}.", lead)

    def _task(self, section: str, title: str, lines: list[str], number: str | None,
              lead: tuple[list[str], str | None], deadline: str | None = None) -> None:
        self.tasks.add(section, number, title, deadline, lead)
        marker = f"<!-- nhiem-vu: {section} -->"
        if marker not in lines:
            lines.append(marker)

    def row(self, cells: list[str]) -> None:
        if is_header_row(cells):
            self.columns = [next((v for k, v in _COLUMNS.items() if k in fold(c)), "note") for c in cells]
            return
        if self.draft.appendix is None:
            self.draft.appendix = {"label": "PHỤ LỤC", "title": "Nhiệm vụ cụ thể", "sections": []}
            self.draft.unplaced.append("(bảng nhiệm vụ không có tiêu đề «PHỤ LỤC»; đã đặt tạm tên «Nhiệm vụ cụ thể»)")
        self.mode = "appendix"
        sections = self.draft.appendix["sections"]
        if re.fullmatch(r"[IVX]+", cells[0].strip()) and len(cells) >= 2:
            sections.append(self.tasks.add_section(cells[0], cells[1], period(cells[1], self._year())))
        elif re.fullmatch(r"\d+\.?", cells[0].strip()) and len(cells) >= 2:
            if not sections:
                sections.append(self.tasks.add_section(None, self.draft.appendix["title"] or "Phụ lục", None))
            self.tasks.add_row(sections[-1], dict(zip(self.columns, cells, strict=False)))
        else:
            self.draft.unplaced.append(" | ".join(cells))

    def _year(self) -> int:
        return self.year or year_of(self.draft.docs)[0] or 2000
