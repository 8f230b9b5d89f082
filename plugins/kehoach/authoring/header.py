"""Reading the header of a plan document, in the layouts it really arrives in.

A Vietnamese administrative header is a two-column table: issuer (and parent) and
"Số: 12/KH-UBND" on the left, the national motto and "<place>, ngày … tháng … năm …"
on the right, then the type line (KẾ HOẠCH) and the subject. Copied from a web page
the table arrives stacked, interleaved line by line, with "|" cell residue, its
phrases broken mid-word and its date split over two lines, often after site chrome
and a legal database's metadata; some pages have no header at all, only a title
line ("Kế hoạch số 17-KH/BDVTW ngày … của … về …").

`read_header` finds the header in the first lines and returns its facts, the index
of the first line after it, the lines before it that are not the document, and
notes on what it inferred. A fact the lines do not give stays absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.text import fold
from .issuer import is_banner, is_motto, split_units, strip_banner

ZONE = 80  # a header starts within the first lines of a page, after its chrome
_MARKUP = re.compile(r"\*+|_{2,}|^#+\s*|\\$")
_CELL_GAP = re.compile(r"\s*\|\s*|\s{3,}")
_RULE = re.compile(r"^[-–—_=*.\s]+$")
_NUMBER = re.compile(r"(?:^|\s)Số\s*:?\s*(\d[\w.]*)?\s*[-/]\s*([A-ZĐ\d][\w&.\-/]*\w)")
_DATE = re.compile(r",\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
_DATE_START = re.compile(r",\s*ngày\b(?!.*năm\s*\d{4})")
_TYPES = {"ke hoach": "Kế hoạch", "quyet dinh": "Quyết định"}
_BODY_START = re.compile(r"^(?:[IVX]+\s*[.\-/]?\s|\d+\s*[.)/]\s*|[a-zđ]\)|[-+•–]\s|Căn cứ|Thực hiện|Theo đề nghị|"
                         r"Nhằm|Để\s|Trên cơ sở|Tiếp theo|Năm \d{4},|Ngày \d|\(Ban hành kèm)")
_OPENING = re.compile(r"^(?:[IVX]+\.\s|Căn cứ\s|Thực hiện\s)")
_CITATION = re.compile(
    r"^Kế hoạch\s+(?:số\s+)?(\d+)\s*[-/]\s*([A-ZĐ][\w&.\-/]*\w)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
    r"\s+của\s+(.+?)\s+về\s+(.+)$")
_LEAD_IN = re.compile(
    r"(?:ban hành|xây dựng)\s+Kế hoạch\s+số\s+(\d+)\s*[-/]\s*([A-ZĐ][\w&.\-/]*\w)\s+ngày\s+(\d{1,2})"
    r"\s*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4})")
_TITLE = re.compile(r"^(KẾ HOẠCH|Kế hoạch)\s+(?!số\s+\d)(\S.+)$")
_PLACE_WORDS = ("phố", "xã", "trấn")
# Who decides: the line under a Quyết định's subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH").
_DECIDERS = ("CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "TRƯỞNG BAN", "HIỆU TRƯỞNG", "THỦ TRƯỞNG", "TỔNG GIÁM ĐỐC",
             "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "CHÁNH", "VIỆN TRƯỞNG", "CỤC TRƯỞNG", "BAN THƯỜNG VỤ")


@dataclass
class Piece:
    """One cell of one line: a header table cell as it survives copying."""

    line: int
    text: str


@dataclass
class Header:
    """The header's facts, where the body starts, and what was skipped or inferred."""

    facts: dict[str, Any] = field(default_factory=dict)
    end: int = 0
    skipped: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def clean(line: str) -> str:
    """A line without Markdown emphasis, table bars and runs of spaces."""
    return " ".join(_MARKUP.sub("", line.replace("|", " ")).split())


def pieces(lines: list[str]) -> list[Piece]:
    """The cells of the first lines: "|" residue and wide space runs separate columns."""
    found: list[Piece] = []
    for index, raw in enumerate(lines[:ZONE]):
        for cell in _CELL_GAP.split(_MARKUP.sub("", raw.strip())):
            text = " ".join(cell.split())
            if text and not _RULE.match(text):
                found.append(Piece(index, text))
    return _join_dates(found)


def _join_dates(found: list[Piece]) -> list[Piece]:
    """"Hà Nội, ngày 03" + "tháng 06 năm 2014": a date split over two lines, rejoined."""
    joined: list[Piece] = []
    for piece in found:
        last = joined[-1] if joined else None
        if last and _DATE_START.search(last.text) and piece.text[:1].isdigit() | piece.text.startswith("tháng"):
            joined[-1] = Piece(last.line, f"{last.text} {piece.text}")
        else:
            joined.append(piece)
    return joined


def read_header(lines: list[str]) -> Header:
    """The header of the document whose first lines are `lines`."""
    cells = pieces(lines)
    anchors = [i for i, p in enumerate(cells) if len(p.text) < 300 and (_NUMBER.search(p.text) or _DATE.search(p.text))]
    anchors = [i for i in anchors if not _opens_body(cells, i)]
    if anchors:
        return _formal(lines, cells, anchors)
    return _untitled(lines, cells)


def _opens_body(cells: list[Piece], index: int) -> bool:
    """True when a body paragraph comes before `index`: an anchor after it is prose, not a header."""
    return any(_OPENING.match(p.text) for p in cells[:index])


def _formal(lines: list[str], cells: list[Piece], anchors: list[int]) -> Header:
    """A header with "Số: …" or "<place>, ngày …": issuer above, type and subject below."""
    header = Header()
    first, last = anchors[0], anchors[-1]
    for index in anchors:
        _read_anchor(cells[index].text, header.facts)
    if any(index > first + 6 for index in anchors):
        last = max(i for i in anchors if i <= first + 6)
    start = _read_issuer(cells, first, header)
    after = _read_title(cells, last + 1, header)
    header.end = cells[after - 1].line + 1 if after > 0 else 0
    header.skipped = [line.strip() for line in lines[:cells[start].line] if line.strip()] if start < len(cells) else []
    if "type" not in header.facts and str(header.facts.get("symbol", "")).startswith("KH"):
        header.facts["type"] = "Kế hoạch"
        header.notes.append(("inference", "Bản nguồn không có dòng «KẾ HOẠCH»; loại văn bản suy ra từ ký hiệu "
                                          f"«{header.facts['symbol']}»."))
    return header


def _read_anchor(text: str, facts: dict[str, Any]) -> None:
    number, when = _NUMBER.search(text), _DATE.search(text)
    if number and "symbol" not in facts:
        facts["symbol"] = number.group(2).rstrip(".")
        if number.group(1):
            facts["number"] = number.group(1)
    if when and "date" not in facts:
        facts["place"] = _place(text[:when.start()])
        facts["date"] = make_date(when.group(3), when.group(2), when.group(1))
        if not facts["place"]:
            del facts["place"]


def _place(before: str) -> str:
    """The place name that ends `before`: the capitalised words before ", ngày"."""
    words = before.split()
    taken: list[str] = []
    for word in reversed(words):
        title_case = word[:1].isupper() and (len(word) == 1 or not _is_caps(word) or word == "TP.")
        if not (title_case or (word in _PLACE_WORDS and taken)):
            break
        taken.insert(0, word)
    return " ".join(taken)


def make_date(year: str, month: str | None, day: str | None) -> Any:
    """A date, or a partial date ("2024-02", "2024") when the day or month is left blank."""
    import datetime as dt

    if not month:
        return year
    try:
        return dt.date(int(year), int(month), int(day)) if day else f"{int(year)}-{int(month):02d}"
    except ValueError:
        return None


def _read_issuer(cells: list[Piece], first: int, header: Header) -> int:
    """Issuer and parent from the capitals above the first anchor; the index of the header's first cell."""
    fragments: list[str] = []
    start = first
    for index in range(first - 1, -1, -1):
        text = cells[index].text
        if is_motto(text) or is_banner(text):
            start = index
            continue
        if _is_caps(text):
            fragments.insert(0, text)
            start = index
            continue
        leading = _leading_caps(text)
        if leading:
            fragments[:0] = leading
            start = index
            header.notes.append(("inference", "Tên cơ quan ban hành tách từ một dòng bị dồn "
                                              f"(«{text[:60]}…»); cần người soát lại."))
        break
    units = split_units([strip_banner(f) for f in fragments if not is_banner(f)])
    if units:
        header.facts["issuer_name"] = units[-1]
        if len(units) > 1:
            header.facts["parent"] = units[-2]
    return start


def _leading_caps(text: str) -> list[str]:
    """The capitals a flattened header line opens with, split at stray page numbers."""
    parts: list[list[str]] = [[]]
    for word in text.split():
        if word.isdigit():
            parts.append([])
        elif _is_caps(word) or (len(word) == 1 and word.isupper()):
            parts[-1].append(word)
        else:
            break
    if sum(len(part) for part in parts) < 3:
        return []
    return [" ".join(part) for part in parts if part]


def _read_title(cells: list[Piece], index: int, header: Header) -> int:
    """Type line and subject after the anchors; the index of the first cell after them."""
    while index < len(cells) and (is_motto(cells[index].text) or is_banner(cells[index].text)):
        index += 1
    if index < len(cells) and fold(cells[index].text) in _TYPES:
        header.facts["type"] = _TYPES[fold(cells[index].text)]
        index += 1
    subject: list[str] = []
    caps_only = "type" not in header.facts
    while index < len(cells) and len(subject) < 6:
        text = cells[index].text
        if subject and cells[index].line > cells[index - 1].line + 1 and not _open_quote(subject):
            break
        if _BODY_START.match(text) or (caps_only and not _is_caps(text)) or (subject and len(text) > 250) or (
                subject and header.facts.get("type") == "Quyết định" and text.startswith(_DECIDERS)):
            break
        subject.append(text)
        index += 1
    if subject:
        header.facts["subject"] = tidy_subject(" ".join(subject))
    return index


def _open_quote(parts: list[str]) -> bool:
    joined = " ".join(parts)
    return joined.count("“") > joined.count("”")


def tidy_subject(text: str) -> str:
    """The subject as printed on one line, without the full stop a trích yếu does not take."""
    return " ".join(text.split()).rstrip(" .")


def _untitled(lines: list[str], cells: list[Piece]) -> Header:
    """No "Số"/date header: a type line, a title line ("KẾ HOẠCH …", "Kế hoạch số … của … về …"), or nothing."""
    header = Header()
    for index, piece in enumerate(cells[:12]):
        if _BODY_START.match(piece.text) or len(piece.text) > 500:
            break
        if fold(piece.text) in _TYPES:
            after = _read_title(cells, index, header)
            return _close(header, lines, cells, index, after)
        citation = _CITATION.match(piece.text)
        if citation:
            number, symbol, day, month, year, issuer, subject = citation.groups()
            header.facts.update({"type": "Kế hoạch", "number": number, "symbol": symbol, "issuer_name": issuer,
                                 "date": make_date(year, month, day), "subject": tidy_subject(subject)})
            header.notes.append(("inference", "Không có phần đầu văn bản; số, ngày, cơ quan ban hành và trích yếu "
                                              f"lấy từ dòng tiêu đề «{piece.text[:80]}…»."))
            return _close(header, lines, cells, index, index + 1)
        title = _TITLE.match(piece.text)
        if title and len(piece.text) <= 300 and not piece.text.endswith((".", ":", ";")):
            header.facts.update({"type": "Kế hoạch", "subject": tidy_subject(title.group(2))})
            _lead_in(cells[index + 1:index + 8], header)
            return _close(header, lines, cells, index, index + 1)
    return _first_line(lines, cells, header)


def _first_line(lines: list[str], cells: list[Piece], header: Header) -> Header:
    """A page whose first line is a short title naming a year (OCR'd title pages): its subject, in doubt."""
    first = cells[0] if cells else None
    if first and len(first.text) <= 200 and not first.text.endswith((".", ",", ";", ":")) and (
            not _BODY_START.match(first.text) and re.search(r"\bn\w{1,3}\s+20\d\d\b", fold(first.text))):
        header.facts["subject"] = tidy_subject(first.text)
        header.notes.append(("doubt", f"Không có phần đầu văn bản; dòng đầu «{first.text}» được coi là trích yếu."))
        return _close(header, lines, cells, 0, 1)
    return header


def _lead_in(cells: list[Piece], header: Header) -> None:
    """Number and date from the sentence that issues the plan: "… ban hành Kế hoạch số 45/KH-KTĐ9 ngày …"."""
    for piece in cells:
        found = _LEAD_IN.search(piece.text)
        if found:
            number, symbol, day, month, year = found.groups()
            header.facts.update({"number": number, "symbol": symbol, "date": make_date(year, month, day)})
            header.notes.append(("inference", "Số, ký hiệu và ngày của kế hoạch lấy từ câu dẫn "
                                              f"«…{found.group(0)}…»; bản nguồn không có phần đầu văn bản."))
            return


def _close(header: Header, lines: list[str], cells: list[Piece], start: int, after: int) -> Header:
    header.skipped = [line.strip() for line in lines[:cells[start].line] if line.strip()]
    header.end = cells[after - 1].line + 1
    return header


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
