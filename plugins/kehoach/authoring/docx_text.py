"""Reading a plan document into blocks: paragraphs and table rows, in order.

`kehoach import` works on one simple shape whatever the source: a list of
blocks, each either a paragraph (str) or a table row (list of cell texts).
Word files are read with python-docx (table cells in order, so a Phụ lục stays
a table); plain text and Markdown are rejoined into paragraphs, because copied
or OCR'd text wraps lines in the middle of sentences.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..core.errors import Finding, PlanError
from ..core.source import read_bounded
from ..core.text import fold, nfc

Block = str | list[str]

_MARKUP = re.compile(r"\*+|_{2,}|^#+\s*|\\$")
# The slash after a number in older schools' numbering ("4/ Thời gian …", "II/ Nội dung:"): a letter follows,
# and it is not "V/v" (về việc).
SLASHED = r"/(?![Vv]\b)\s*(?=[^\W\d])"
_STRUCTURAL = re.compile(
    r"^(?:[-+•–]\s|\d+(?:\.\d+)*\.\s|[IVX1l]+\.\s|(?:\d{1,2}|[IVX]+)" + SLASHED + r"|[a-zđ]\)\s|"
    r"Căn cứ|Theo đề nghị|Điều \d|Nơi nhận|\(|PHỤ LỤC|TM\.|KT\.)")
_TERMINAL = (".", ";", ":", "!", "?", ")")
_HEADING = re.compile(r"^(?:(?:\d+(?:\.\d+)*|[IVX1l]+)\.\s|(?:\d{1,2}|[IVX]+)" + SLASHED + ")")


MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # a Word file with scanned pages; a plan's text is a few dozen KB


def read_blocks(path: Path, shown: str = "") -> list[Block]:
    """Blocks of a .docx, .txt or .md file; `PlanError` with a Vietnamese finding when it cannot be read."""
    shown = shown or path.as_posix()
    raw = read_raw(path, shown)
    if path.suffix.lower() == ".docx" or raw.startswith(b"PK\x03\x04"):
        return docx_blocks(raw, shown)
    return text_blocks(unescaped(decoded(raw, shown)))


def read_raw(path: Path, shown: str = "") -> bytes:
    """The bytes of a document to import, read bounded; `PlanError` for what cannot be one (not a regular
    file, too large, a PDF)."""
    shown = shown or path.as_posix()
    raw, (code, message, hint) = read_bounded(path, MAX_DOCUMENT_BYTES)
    if raw is None:
        raise _unreadable(shown, code, message, hint)
    if raw.startswith(b"%PDF"):
        raise _unreadable(shown, "KH108", "Tệp PDF chưa đọc được để soạn kế hoạch",
                          "Mở tệp bằng Word (hoặc chép chữ ra), lưu thành .docx hay .txt rồi chạy lại lệnh.")
    return raw


def _unreadable(shown: str, code: str, message: str, hint: str) -> PlanError:
    return PlanError([Finding(shown, 1, 1, code, "error", message, hint)])


def decoded(raw: bytes, shown: str) -> str:
    """Text of a .txt or .md file: UTF-8 (with or without BOM), or UTF-16 with its BOM (Notepad's "Unicode")."""
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _unreadable(shown, "KH101", f"Tệp không phải văn bản mã UTF-8 (byte lạ ở vị trí {exc.start})",
                          "Có thể tệp dùng bảng mã cũ (TCVN3, VNI, Windows-1258) hoặc không phải tệp chữ; chuyển "
                          "sang Unicode UTF-8 (Unikey: Công cụ chuyển mã) rồi lưu lại.") from None


ESCAPED_BREAKS = 3  # "\\r\\n" written out this many times: the page's line breaks, not a path in the text


def unescaped(text: str) -> str:
    """A page that kept its line breaks as the characters "\\r\\n" (exported twice escaped): real breaks again."""
    return text.replace("\\r\\n", "\n") if text.count("\\r\\n") >= ESCAPED_BREAKS else text


def docx_blocks(source: Path | bytes, shown: str = "") -> list[Block]:
    """Paragraphs and table rows of a Word file, in document order.

    A table whose first row is not a task-table header (TT, Nội dung…) is a
    layout table (the header block, nơi nhận beside the signer): its cells are
    read as paragraphs. A damaged file is a `PlanError`, not a traceback.
    """
    shown = shown or (source.as_posix() if isinstance(source, Path) else "")
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = open_docx(io.BytesIO(read_raw(source, shown) if isinstance(source, Path) else source))
    except Exception:  # python-docx, zipfile and lxml raise many kinds on a damaged file
        raise _unreadable(shown, "KH108", "Không đọc được tệp Word: tệp hỏng hoặc không phải .docx",
                          "Mở tệp bằng Word, chọn «Lưu thành» dạng .docx rồi chạy lại lệnh.") from None
    from .numbering import Numbering

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
            if any(cells) and not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                blocks.append(cells)  # a lone "|" left by a copied header table is no row
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
    return bool(_HEADING.match(line)) and len(line) < 160
