"""Drafting a plan folder from an existing plan document (`kehoach import`).

The reader walks the document's blocks once (header, căn cứ, body, Phụ lục
table, nơi nhận, signer) and fills a `Draft`: plain dicts in the order of the
YAML fields, plus what it could not place. Nothing is guessed silently: an
agency not found in the registry stays as text, a deadline not understood keeps
only its words, and every such case is listed for the person who checks the draft.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.checks import AgencyNames
from ..core.deadlines import read_phrase
from ..core.errors import Finding, PlanError
from ..core.loader import AGENCY_DIR, SCHEMA_LINE, load_registry
from ..core.models import Agency, Plan
from ..core.text import fold, legacy_encoding_column, slugify
from .docx_text import Block, is_header_row, read_blocks

SCHEMA = SCHEMA_LINE + "../../../schema/ke-hoach.schema.json"
SKIPPED = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap – tu do – hanh phuc")
CLOSERS = ("tren day", "trong qua trinh")
_ROMAN = re.compile(r"^([IVX][IVX1l]*|[1l][IVX][IVX1l]*)\.\s+(.+)$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.+)$")
_BULLET = re.compile(r"^[-+•–]\s*")
_NUMBER = re.compile(r"^Số\s*:?\s*([^/\s]*)\s*/\s*(\S+)")
_PLACE_DATE = re.compile(r"^(.+?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
_INLINE_DEADLINE = re.compile(
    r"(?:trước|chậm nhất(?: là)?)\s+ngày\s+\d{1,2}\s*(?:/|tháng)\s*\d{1,2}(?:\s*(?:/|năm)\s*\d{4})?")
_REPORT_ON_DAY = re.compile(r"(6 tháng|năm|quý)\s*\((vào ngày [^)]+)\)")
_REPORT_FOR = re.compile(
    r"((?:trước ngày|chậm nhất ngày|vào ngày)?\s*\d{1,2}/\d{1,2}/\d{4})\s*\(đối với báo cáo ([^)]+)\)")
_CAPACITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.+)$")


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


class Agencies:
    """Registry look-up by folded name, short name or abbreviation, strict by design."""

    def __init__(self, agencies: dict[str, Agency], namespace: str | None):
        self.by_name = AgencyNames(agencies).by_name
        self.namespace = namespace

    def find(self, text: str) -> tuple[str | None, bool]:
        """The agency `text` names and whether the words matched exactly."""
        plain = fold(re.sub(r"^(?:giao|các)\s+", "", text.strip(" ;,.:-"), flags=re.I))
        keys = [fold(text.strip(" ;,.:-")), plain, fold(re.sub(r"\s*\([^)]*\)", "", text).strip(" ;,.:-"))]
        for index, key in enumerate(keys):
            found = self._pick(self.by_name.get(key, []))
            if found:
                return found, index == 0
        for close in difflib.get_close_matches(keys[0], list(self.by_name), n=3, cutoff=0.9):
            found = self._pick(self.by_name[close])
            if found:
                return found, False
        return None, False

    def _pick(self, ids: list[str]) -> str | None:
        home = [i for i in ids if self.namespace is None or i.startswith(self.namespace + "/")]
        central = [i for i in ids if i.startswith("trung-uong/")]
        return next(iter(home or central), None)

    def scan(self, text: str) -> list[str]:
        """Agencies whose full name or short name occurs in `text`, longest first, no overlaps."""
        folded, found, taken = fold(text), list[str](), list[tuple[int, int]]()
        for key in sorted(self.by_name, key=len, reverse=True):
            at = folded.find(key) if len(key) >= 12 else -1
            agency = self._pick(self.by_name[key]) if at >= 0 else None
            if agency and agency not in found and not any(s < at + len(key) and at < e for s, e in taken):
                found.append(agency)
                taken.append((at, at + len(key)))
        return [a for _, a in sorted(zip([s for s, _ in taken], found, strict=True))]


def guess_namespace(blocks: list[Block], agencies: dict[str, Agency]) -> str | None:
    """The jurisdiction the document belongs to: the registry prefix it names most."""
    text = fold(" ".join(b if isinstance(b, str) else " ".join(b) for b in blocks))
    scores: dict[str, int] = {}
    for agency in agencies.values():
        prefix = agency.id.split("/")[0]
        if prefix == "trung-uong":
            continue
        names = [fold(agency.name), *(fold(s) for s in agency.short)]
        scores[prefix] = scores.get(prefix, 0) + sum(1 for name in names if len(name) >= 12 and name in text)
    for prefix in scores:
        scores[prefix] += 3 * text.count(prefix.replace("-", " "))
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return best[0][0] if best and best[0][1] > 0 else None


_DOC_TYPES = ("Luật", "Nghị định", "Nghị quyết", "Thông tư", "Quyết định", "Chỉ thị", "Kế hoạch", "Tờ trình",
              "Công văn", "Hướng dẫn", "Thông báo")
_REF_START = re.compile(r"[;,]\s*(?=(?:{})\b)".format("|".join(_DOC_TYPES)))
_REF_DATE = re.compile(r"ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4})")


def legal_basis(text: str) -> dict[str, Any]:
    """One căn cứ paragraph with the documents it cites (type, number, date, issuer)."""
    body = re.sub(r"^(?:Căn cứ|Theo đề nghị của)\s+", "", text)
    refs = []
    for clause in _REF_START.split(body):
        proposer = re.match(r"(.+?)\s+tại\s+(.+)$", clause) if text.startswith("Theo đề nghị") else None
        words = proposer.group(2) if proposer else clause
        kind = next((t for t in _DOC_TYPES if words.startswith(t)), None)
        if kind is None:
            continue
        ref: dict[str, Any] = {"type": kind}
        number = re.search(r"\bsố\s+([\w./-]+\w)", words)
        if number:
            ref["number"] = number.group(1)
        day = _REF_DATE.search(words)
        if day:
            ref["date"] = _date(day.group(3), day.group(2), day.group(1))
        issuer = re.search(r"\bcủa\s+(.+?)(?=\s+(?:quy định|về|hướng dẫn|ban hành)\b|[,;.]|$)", words)
        if proposer:
            ref["issuer"] = proposer.group(1)
        elif issuer and len(issuer.group(1).split()) <= 8:
            ref["issuer"] = issuer.group(1)
        if kind == "Luật":
            ref["title"] = re.split(r"\s+ngày\s+", words)[0].rstrip(" ;.")
        refs.append({k: v for k, v in ref.items() if v})
    return {"text": text, "refs": refs} if refs else {"text": text}


def _date(year: str, month: str, day: str | None) -> Any:
    import datetime as dt

    try:
        return dt.date(int(year), int(month), int(day)) if day else f"{int(year)}-{int(month):02d}"
    except ValueError:
        return None


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class Reader:
    """One pass over the blocks; `mode` says which part of the document we are in."""

    def __init__(self, agencies: Agencies, year: int | None):
        self.draft = Draft()
        self.agencies, self.year = agencies, year
        self.mode = "start"
        self.issuer_lines: list[str] = []
        self.level1 = ""
        self.section: str | None = None
        self.lead: tuple[list[str], str | None] = ([], None)
        self.columns = ["number", "title", "deadline", "lead", "partners"]
        self._new_doc()

    # --- documents and header ---------------------------------------------------
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
        if self.mode in ("start", "title", "after_title"):
            if self.doc["type"] is None and "subject" not in self.doc and len(text) < 150:
                self.doc["subject"] = text  # no type line: the first short line is the subject
                self.mode = "after_title"
                return
            self.mode = "body"
        self.body(text, folded)

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
            self.doc["subject"], self.mode = text, "after_title"
            return True
        number, when = _NUMBER.match(text), _PLACE_DATE.match(text)
        if number and self.mode == "start":
            self.doc["number"], self.doc["symbol"] = number.group(1) or None, number.group(2)
        elif when and self.mode == "start":
            self.doc["place"] = when.group(1)
            self.doc["date"] = _date(when.group(4), when.group(3), when.group(2)) if when.group(3) else when.group(4)
        elif folded.startswith("(ban hanh kem theo"):
            (self.draft.appendix or self.doc)["reference" if self.mode == "appendix" else "attached_to"] = text
        elif text.startswith(("Căn cứ", "Theo đề nghị")) and not self.draft.bodies[-1]:
            self.doc.setdefault("legal_bases", []).append(legal_basis(text))
            self.mode = "after_title" if self.mode == "start" else self.mode
        elif _is_caps(text) and self.mode == "start":
            self.issuer_lines.append(text)
            self.doc["parent"], self.doc["issuer_name"] = ([None, *self.issuer_lines])[-2:]
        elif _is_caps(text) and self.mode == "after_title" and self.doc["type"] == "Quyết định" and not (
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
            if rest and _is_caps(rest):
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
        signer = self.doc.setdefault("signer", {})
        capacity = _CAPACITY.match(text)
        if capacity:
            signer.setdefault("capacity", []).append({"kind": capacity.group(1) + ".", "of": capacity.group(2)})
        elif _is_caps(text) and "title" not in signer:
            signer["title"] = text
        elif len(text.split()) <= 6 and "name" not in signer and not _is_caps(text):
            signer["name"] = text
        else:
            self.draft.unplaced.append(text)
        return True

    def _appendix_line(self, text: str, folded: str) -> bool:
        if folded.startswith("phu luc") and (_is_caps(text) or len(text) < 20):
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
        self._reporting(text)
        roman, numbered = _ROMAN.match(text), _NUMBERED.match(text)
        if roman and len(text) < 150:
            self.level1, self.section, self.lead = fold(roman.group(2)), None, ([], None)
            lines.append(f"## {text}")
        elif numbered and len(text) < 150 and not text.rstrip().endswith((".", ";")):
            self._heading(numbered.group(1), numbered.group(2), lines)
        elif folded.startswith(CLOSERS):
            self.section, self.level1 = None, ""
            lines.append(text)
        elif numbered and "to chuc thuc hien" in self.level1:
            self._numbered_task(numbered.group(1), numbered.group(2), lines)
        elif self.section:
            self._task(self.section, text, lines, None, self.lead)
        else:
            lines.append(text)

    def _heading(self, number: str, title: str, lines: list[str]) -> None:
        lines.append(f"### {number}. {title}")
        period = _period(title, self._year())
        in_charge = "to chuc thuc hien" in self.level1
        self.section = self._add_section(f"{number}.", title, period) if period or in_charge else None
        self.lead = self._agency_cell(title, "lead") if in_charge else ([], None)

    def _numbered_task(self, number: str, text: str, lines: list[str]) -> None:
        section = self._ensure_section(slugify(self.level1), self.level1.upper(), "III")
        prefix = text.split(":", 1)[0] if ":" in text[:120] else None
        ids, shown = self._agency_cell(prefix, "lead") if prefix else (self.agencies.scan(text[:220]), None)
        self._task(section, f"{number}. {text}", lines, f"{number}.", (ids, shown))

    def _task(self, section: str, text: str, lines: list[str], number: str | None,
              lead: tuple[list[str], str | None]) -> None:
        title = _BULLET.sub("", text)
        if number:
            title = title.split(" ", 1)[1]
        task: dict[str, Any] = {"id": self._task_id(section), "section": section, "number": number, "title": title}
        inline = _INLINE_DEADLINE.search(title)
        if inline:
            task["deadline"] = self._deadline(inline.group(0))
        self._set_agencies(task, "lead", lead)
        task["conditional"] = "(nếu có" in title
        self.draft.tasks.append({k: v for k, v in task.items() if v not in (None, [], False)})
        marker = f"<!-- nhiem-vu: {section} -->"
        if marker not in lines:
            lines.append(marker)

    def row(self, cells: list[str]) -> None:
        folded = [fold(c) for c in cells]
        if is_header_row(cells):
            names = {"tt": "number", "stt": "number", "noi dung": "title", "nhiem vu": "title", "thoi gian": "deadline",
                     "thoi han": "deadline", "chu tri": "lead", "phoi hop": "partners"}
            self.columns = [next((v for k, v in names.items() if k in c), "note") for c in folded]
            return
        if self.draft.appendix is None:
            self.draft.appendix = {"label": "PHỤ LỤC", "title": "Nhiệm vụ cụ thể", "sections": []}
            self.draft.unplaced.append("(bảng nhiệm vụ không có tiêu đề «PHỤ LỤC»; đã đặt tạm tên «Nhiệm vụ cụ thể»)")
        self.mode = "appendix"
        roman = re.fullmatch(r"[IVX]+", cells[0].strip())
        if roman and len(cells) >= 2:
            section = self._add_section(cells[0], cells[1], _period(cells[1], self._year()))
            self.draft.appendix["sections"].append(section)
        elif re.fullmatch(r"\d+\.?", cells[0].strip()) and len(cells) >= 2:
            self._row_task(dict(zip(self.columns, cells, strict=False)))
        else:
            self.draft.unplaced.append(" | ".join(cells))

    def _row_task(self, row: dict[str, str]) -> None:
        if not self.draft.appendix["sections"]:  # type: ignore[index]
            self.draft.appendix["sections"].append(  # type: ignore[index]
                self._add_section(None, self.draft.appendix["title"] or "Phụ lục", None))  # type: ignore[index]
        section = self.draft.appendix["sections"][-1]  # type: ignore[index]
        task: dict[str, Any] = {"id": self._task_id(section), "section": section, "number": row.get("number"),
                                "title": row.get("title")}
        if row.get("deadline"):
            task["deadline"] = self._deadline(row["deadline"])
        self._set_agencies(task, "lead", self._agency_cell(row.get("lead", ""), "lead"))
        self._set_agencies(task, "partners", self._agency_cell(row.get("partners", ""), "partners"))
        if row.get("note"):
            task["note"] = row["note"]
        self.draft.tasks.append({k: v for k, v in task.items() if v not in (None, [], "")})

    # --- helpers ---------------------------------------------------------------------
    def _year(self) -> int:
        return self.year or _year_of(self.draft.docs) or 2000

    def _add_section(self, number: str | None, title: str, period: dict[str, Any] | None) -> str:
        base = "-".join(slugify(f"{number or ''} {title}").split("-")[:6]) or "muc"
        section_id, n = base, 2
        while any(s["id"] == section_id for s in self.draft.sections):
            section_id, n = f"{base}-{n}", n + 1
        entry = {"id": section_id, "number": number, "title": title, "period": period}
        self.draft.sections.append({k: v for k, v in entry.items() if v is not None})
        return section_id

    def _ensure_section(self, section_id: str, title: str, number: str) -> str:
        if not any(s["id"] == section_id for s in self.draft.sections):
            self.draft.sections.append({"id": section_id, "number": number, "title": title})
        return section_id

    def _task_id(self, section: str) -> str:
        return f"{section}-{sum(1 for t in self.draft.tasks if t['section'] == section) + 1:02d}"

    def _deadline(self, phrase: str) -> dict[str, Any]:
        reading = read_phrase(phrase, self._year())
        if reading is None:
            self.draft.unread.append(phrase)
            return {"text": phrase}
        return {"text": phrase, reading.field: reading.value}

    def _agency_cell(self, cell: str, role: str) -> tuple[list[str], str | None]:
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

    @staticmethod
    def _set_agencies(task: dict[str, Any], role: str, found: tuple[list[str], str | None]) -> None:
        task[role], task[f"{role}_text"] = found

    def _reporting(self, text: str) -> None:
        found = [(m.group(1), m.group(2), m.group(0)) for m in _REPORT_ON_DAY.finditer(text)]
        found += [(m.group(2), m.group(1).strip(), m.group(0)) for m in _REPORT_FOR.finditer(text)]
        for label, phrase, words in found:
            duty_id = "bao-cao-" + slugify(label)
            if any(d["id"] == duty_id for d in self.draft.reporting):
                continue
            self.draft.reporting.append({"id": duty_id, "title": f"Báo cáo {label} kết quả thực hiện Kế hoạch",
                                         "deadline": self._deadline(phrase), "text": words})


def _period(title: str, year: int) -> dict[str, Any] | None:
    folded = fold(title)
    if "thuong xuyen" in folded:
        return {"text": title, "ongoing": True}
    if re.search(r"\bquy\s+(iv|iii|ii|i|[1-4])\b", folded):
        reading = read_phrase(title, year)
        return {"text": title, reading.field: reading.value} if reading else None
    return None


def _year_of(docs: list[dict[str, Any]]) -> int | None:
    for doc in reversed(docs):
        found = re.search(r"\bn\w{1,3}\s+(20\d\d)\b", fold(doc.get("subject") or ""))
        if found:
            return int(found.group(1))
    for doc in docs:
        if doc.get("date"):
            return int(str(doc["date"])[:4])
    return None


# --- assembling and writing the draft ---------------------------------------------------

_DOC_ORDER = ("type", "parent", "issuer_name", "issuer", "number", "symbol", "place", "date", "subject",
              "attached_to", "issuing_title", "legal_bases", "body", "recipients", "signer")


def read_draft(path: Path, plans: Path, year: int | None = None) -> Draft:
    """Read a document into a draft, matching agencies against the registry under `plans`."""
    findings: list[Finding] = []
    registry, _ = load_registry(plans / AGENCY_DIR, Path.cwd(), findings)
    blocks = read_blocks(path)
    namespace = guess_namespace(blocks, registry)
    draft = Reader(Agencies(registry, namespace), year).read(blocks)
    draft.namespace = namespace
    _number_from_attachment(draft)
    return draft


def _number_from_attachment(draft: Draft) -> None:
    """A decision without its own header takes number and date from "(Ban hành kèm theo Quyết định số 43 ngày …)"."""
    for before, after in zip(draft.docs, draft.docs[1:], strict=False):
        cited = re.search(r"Quyết định số\s+([\w/.-]+)(?:\s+ngày\s+(\d{1,2}) tháng (\d{1,2}) năm (\d{4}))?",
                          after.get("attached_to") or "")
        if cited and before.get("type") == "Quyết định" and not before.get("number"):
            before["number"] = cited.group(1).split("/")[0]
            if "/" in cited.group(1):
                before["symbol"] = cited.group(1).split("/", 1)[1]
            if cited.group(2) and not before.get("date"):
                before["date"] = _date(cited.group(4), cited.group(3), cited.group(2))


def plan_data(draft: Draft, year: int, source_name: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The ke-hoach.yml mapping and the Markdown files of a draft."""
    docs = [(d, b) for d, b in zip(draft.docs, draft.bodies, strict=True) if d.get("type") or d.get("subject") or b]
    plan_doc, plan_body = docs[-1] if docs else ({}, [])
    decision = docs[0] if len(docs) > 1 else None
    files = {"noi-dung.md": "\n\n".join(plan_body) + "\n"}
    data: dict[str, Any] = {"schema_version": 1, "year": year, "title": _title(plan_doc, decision),
                            "document": _document(plan_doc, "noi-dung.md")}
    if decision:
        files["quyet-dinh.md"] = "\n\n".join(decision[1]) + "\n" if decision[1] else "\n"
        data["document"].setdefault("issuer", decision[0].get("issuer"))
        data["decision"] = _document(decision[0], "quyet-dinh.md")
    data.update({"sections": draft.sections, "tasks": draft.tasks, "reporting": draft.reporting})
    if draft.appendix and draft.appendix["sections"]:
        data["appendix"] = {k: v for k, v in draft.appendix.items() if v is not None}
    data["source"] = [{"kind": "inference", "text": f"Bản nháp do «kehoach import» tạo từ «{source_name}»; "
                                                     "cần người soát lại trước khi dùng."}]
    return {k: v for k, v in data.items() if v not in (None, [])}, files


def _document(doc: dict[str, Any], body: str) -> dict[str, Any]:
    found = {**doc, "type": doc.get("type") or "Kế hoạch", "body": body}
    return {key: found[key] for key in _DOC_ORDER if found.get(key) not in (None, [], {})}


def _title(doc: dict[str, Any], decision: Any) -> str:
    subject = " ".join((doc.get("subject") or "").split())
    words = subject[:1].upper() + subject[1:].lower() if _is_caps(subject) else subject
    return f"{doc.get('type') or 'Kế hoạch'} {words[:1].lower()}{words[1:]}".strip()


def default_slug(data: dict[str, Any], namespace: str | None) -> str:
    """A folder name from place (or jurisdiction), type and number: dong-nai-ke-hoach-274."""
    doc = data.get("decision") or data["document"]
    place = doc.get("place") or (namespace or "")
    return slugify(" ".join([place, *(str(doc.get(k) or "") for k in ("type", "number"))])) or "ke-hoach"


def write_draft(path: Path, plans: Path, year: int | None = None, slug: str | None = None) -> tuple[Path, Draft]:
    """Write plans/<year>/<slug>/ from a document; refuse when the folder exists."""
    draft = read_draft(path, plans, year)
    year = year or _year_of(draft.docs)
    if year is None:
        raise PlanError([Finding(str(path), 1, 1, "KH603", "error", "Không xác định được năm của kế hoạch",
                                 "Ghi rõ năm: kehoach import TỆP --year 2024")])
    data, files = plan_data(draft, year, path.name)
    Plan.model_validate(data)
    folder = plans / str(year) / (slug or default_slug(data, draft.namespace))
    if folder.exists():
        raise PlanError([Finding(folder.as_posix(), 1, 1, "KH601", "error",
                                 f"Thư mục kế hoạch «{folder.as_posix()}» đã có; không ghi đè",
                                 "Chọn tên khác bằng --slug, hoặc xóa/đổi tên thư mục cũ nếu chắc chắn.")])
    folder.mkdir(parents=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    (folder / "ke-hoach.yml").write_text(f"{SCHEMA}\n{text}", encoding="utf-8")
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder, draft


class _Dumper(yaml.SafeDumper):
    """Writes every value in full: the plan reader refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def report(folder: Path, draft: Draft) -> str:
    """What was drafted and what a person must still place, in Vietnamese."""
    lines = [f"Đã tạo bản nháp {folder.as_posix()}/: {len(draft.tasks)} nhiệm vụ, {len(draft.sections)} mục, "
             f"{len(draft.reporting)} báo cáo định kỳ."]
    for heading, items in (("Cơ quan chưa khớp danh mục (giữ nguyên văn ở lead_text/partners_text):",
                            draft.unmatched),
                           ("Thời hạn chưa hiểu (chỉ giữ nguyên văn ở deadline.text):", draft.unread),
                           ("Dòng chưa xếp được chỗ (chưa có trong bản nháp):", draft.unplaced),
                           ("Dòng có ký tự lạ (mã cũ TCVN3/VNI hoặc lỗi OCR; «kehoach check» sẽ báo KH104), "
                            "cần gõ lại:", draft.odd)):
        unique = list(dict.fromkeys(items))
        if unique:
            lines.append(heading)
            lines.extend(f"  - «{item}»" for item in unique)
    if len(lines) == 1:
        lines.append("Không còn dòng nào chưa xếp được chỗ; vẫn cần người soát lại bản nháp.")
    return "\n".join(lines) + "\n"
