"""Reading a plan document into blocks: paragraphs and table rows, in order.

`kehoach import` works on one simple shape whatever the source: a list of
blocks, each either a paragraph (str) or a table row (list of cell texts).
Word files are read with python-docx (table cells in order, so a Phụ lục stays
a table); plain text and Markdown are rejoined into paragraphs, because copied
or OCR'd text wraps lines in the middle of sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.text import fold, nfc

Block = str | list[str]

_MARKUP = re.compile(r"\*+|_{2,}|^#+\s*|\\$")
_STRUCTURAL = re.compile(
    r"^(?:[-+•–]\s|\d+(?:\.\d+)*\.\s|[IVX1l]+\.\s|Căn cứ|Theo đề nghị|Điều \d|Nơi nhận|\(|PHỤ LỤC|TM\.|KT\.)")
_TERMINAL = (".", ";", ":", "!", "?", ")")


def read_blocks(path: Path) -> list[Block]:
    """Blocks of a .docx, .txt or .md file."""
    if path.suffix.lower() == ".docx":
        return docx_blocks(path)
    return text_blocks(path.read_text(encoding="utf-8-sig"))


def docx_blocks(path: Path) -> list[Block]:
    """Paragraphs and table rows of a Word file, in document order.

    A table whose first row is not a task-table header (TT, Nội dung…) is a
    layout table (the header block, nơi nhận beside the signer): its cells are
    read as paragraphs.
    """
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from .numbering import Numbering

    document = open_docx(str(path))
    numbering = Numbering(document)
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            label = numbering.label(item)
            blocks.extend(_lines(f"{label} {item.text}" if label and item.text.strip() else item.text))
        elif isinstance(item, Table):
            rows = [_row_cells(row) for row in item.rows]
            if rows and is_header_row([" ".join(cell.split()) for cell in rows[0]]):
                blocks.extend([[" ".join(cell.split()) for cell in row] for row in rows])
            else:
                for row in rows:
                    for cell in row:
                        blocks.extend(_lines(cell))
    return blocks


def _row_cells(row: object) -> list[str]:
    cells: list[str] = []
    previous = None
    for cell in row.cells:  # type: ignore[attr-defined]
        if cell._tc is previous:  # a merged cell repeats; keep it once
            continue
        previous = cell._tc
        cells.append(nfc(cell.text))
    return cells


def _lines(text: str) -> list[str]:
    return [line for line in (" ".join(nfc(part).split()) for part in text.split("\n")) if line]


def is_header_row(cells: list[str]) -> bool:
    """True for the first row of a task table: TT/STT and a content column."""
    folded = [fold(cell) for cell in cells]
    return bool(folded) and folded[0] in ("tt", "stt", "so tt") and any(
        "noi dung" in cell or "nhiem vu" in cell for cell in folded[1:])


def text_blocks(text: str) -> list[Block]:
    """Paragraphs and table rows of plain text or Markdown.

    Tab-indented lines grouped between blank lines are one table row (how a
    Word table looks when copied as text); `| a | b |` lines are Markdown rows.
    """
    blocks: list[Block] = []
    row: list[str] | None = None
    blank = False
    for raw in nfc(text).splitlines():
        if raw.lstrip(" ").startswith("\t"):  # a cell of a table copied as text, maybe empty
            row = row if row is not None else []
            row.append(" ".join(raw.split()))
            continue
        if row is not None:
            blocks.extend([row] if any(row) else [])
            row = None
        line = " ".join(_MARKUP.sub("", raw.strip()).split()).strip()
        if line.startswith("|") and line.endswith("|"):
            cells = [" ".join(cell.split()) for cell in line.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                blocks.append(cells)
            continue
        if not line:
            blank = True
            continue
        _add_line(blocks, line, blank)
        blank = False
    if row is not None and any(row):
        blocks.append(row)
    return blocks


def _add_line(blocks: list[Block], line: str, after_blank: bool) -> None:
    """Append `line`, or join it to the paragraph it continues."""
    last = blocks[-1] if blocks and isinstance(blocks[-1], str) else None
    if last is not None and _continues(last, line, after_blank):
        blocks[-1] = f"{last} {line}"
    else:
        blocks.append(line)


def _continues(previous: str, line: str, after_blank: bool) -> bool:
    if previous.endswith(_TERMINAL) or _STRUCTURAL.match(line) or _is_caps(line) or _is_caps(previous):
        return False
    if line[0].islower():
        return True
    return not after_blank and not _is_heading(previous)


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_heading(line: str) -> bool:
    return bool(re.match(r"^(?:\d+(?:\.\d+)*|[IVX1l]+)\.\s", line)) and len(line) < 160
