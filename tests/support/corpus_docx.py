"""Word files shaped like real plans, built from the corpus texts (into a temporary folder).

The corpus holds plans as web pages give them; a unit's own plan arrives as a .docx.
This builds that .docx from a corpus document the way Word lays it out: the header as
the official borderless two-column table (issuer over "Số: …" on the left; the
motto, or the Party/Đoàn/Đội banner, over "<place>, ngày …" on the right), the type
line and subject centred, then the body with "1." items as an automatically numbered
list (restarting under each "I." heading, so the numbers are not in the text) and
"-" items as a bulleted list, and the expected tasks as a TT | Nội dung | Thời gian
table. The header table is written from expected.yml, the body from source.txt.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.+)$")
_BULLET = re.compile(r"^[-+•]\s*(.+)$")
_ROMAN = re.compile(r"^[IVX]+[.\-]?\s")


def expected(folder: Path) -> dict[str, Any]:
    return yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))


def has_header(folder: Path) -> bool:
    """True for corpus documents printed with a header (number or place and date)."""
    facts = expected(folder)
    return bool(facts["place"] and facts["date"] and facts["issuer_name"])


def build(folder: Path, out: Path) -> Path:
    """Write the .docx of corpus document `folder` to `out`."""
    facts = expected(folder)
    document = Document()
    if has_header(folder):
        _header_table(document, facts)
        for text in ("KẾ HOẠCH", facts["subject"]):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).bold = True
    _body(document, _body_lines(folder, facts if has_header(folder) else {}), facts)
    document.save(str(out))
    return out


def _header_table(document: Any, facts: dict[str, Any]) -> None:
    table = document.add_table(rows=2, cols=2)
    issuer = "\n".join(v for v in (facts["parent"], facts["issuer_name"]) if v)
    table.cell(0, 0).text = issuer
    table.cell(0, 1).text = "\n".join(_banner(facts))
    party_style = str(facts["symbol"]).startswith("KH/")
    number = facts["number"] or "   "
    table.cell(1, 0).text = f"Số {number}-{facts['symbol']}" if party_style else f"Số: {number}/{facts['symbol']}"
    table.cell(1, 1).text = f"{facts['place']}, {_date_words(str(facts['date']))}"
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _banner(facts: dict[str, Any]) -> tuple[str, ...]:
    """The right column's first line: the state motto, or the banner of a Đoàn or Đội unit."""
    names = f"{facts['parent'] or ''} {facts['issuer_name']}"
    if "ĐỘI" in names:
        return ("ĐỘI TNTP HỒ CHÍ MINH",)
    if "ĐOÀN TNCS" in names or "BCH ĐOÀN" in names:
        return ("ĐOÀN TNCS HỒ CHÍ MINH",)
    return MOTTO


def _date_words(iso: str) -> str:
    parts = iso.split("-")
    day = parts[2] if len(parts) > 2 else "  "
    month = parts[1] if len(parts) > 1 else "  "
    return f"ngày {day} tháng {month} năm {parts[0]}"


def _body_lines(folder: Path, facts: dict[str, Any]) -> list[str]:
    """The source's lines after its subject (all of them when it has none)."""
    lines = [" ".join(line.split()) for line in (folder / "source.txt").read_text(encoding="utf-8").splitlines()]
    subject = facts.get("subject") or ""
    tail = " ".join(subject.split()[-3:])
    # The subject's last words may be broken over lines ("… TỈNH SÓC TRĂNG" / "NĂM 2022"): join up to three.
    ends = [i for i, line in enumerate(lines[:40]) if tail and len(line) <= len(subject) + 40
            and " ".join(lines[max(0, i - 2):i + 1]).endswith((tail, tail + ".", tail + "”"))]
    return [line for line in lines[ends[-1] + 1 if ends else 0:] if line]


def _body(document: Any, lines: list[str], facts: dict[str, Any]) -> None:
    tasks = facts.get("tasks") or []
    rows: list[tuple[str, str, str]] = []
    num_id = None
    for line in lines:
        numbered, bullet = _NUMBERED.match(line), _BULLET.match(line)
        task = next((t for t in tasks if numbered and numbered.group(2).startswith(t["title_start"])), None)
        if numbered and task and task["deadline"] in line:
            rows.append((numbered.group(1), numbered.group(2).replace(task["deadline"], "").replace("  ", " "),
                         task["deadline"]))
        elif numbered:
            num_id = num_id or _new_list(document)
            _list_item(document, numbered.group(2), "List Number", num_id)
        elif bullet:
            _list_item(document, bullet.group(1), "List Bullet", None)
        else:
            num_id = None if _ROMAN.match(line) else num_id
            document.add_paragraph(line)
    if rows:
        table = document.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ("TT", "Nội dung", "Thời gian"), strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text


def _new_list(document: Any) -> str:
    """A new instance of the List Number list that restarts at 1, as Word makes one per list."""
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return str(num.numId)


def _list_item(document: Any, text: str, style: str, num_id: str | None) -> None:
    paragraph = document.add_paragraph(text, style=style)
    if num_id is not None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(num_id)
