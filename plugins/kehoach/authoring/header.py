"""Reading the header of a plan document, in the layouts it really arrives in.

A Vietnamese administrative header is a two-column table: issuer (and parent) and
"Số: 12/KH-UBND" on the left, the national motto and "<place>, ngày … tháng … năm …"
on the right, then the type line (KẾ HOẠCH) and the subject. Copied from a web page
the table arrives stacked, interleaved line by line, with "|" cell residue, its
phrases broken mid-word and its date split over two lines, often after site chrome
and a legal database's metadata; some pages have no header at all, only a title
line ("Kế hoạch số 17-KH/BDVTW ngày … của … về …"). A school or commune site may put its
one-line summary of the header (cut with "…") above the header itself, and a draft as
posted leaves the number and the day blank ("Số:   /KH-UBND", "ngày   tháng   năm 2019"),
sometimes without the comma after the place.

`read_header` finds the header in the first lines and returns its facts, the index
of the first line after it, the lines before it that are not the document, and
notes on what it inferred. A fact the lines do not give stays absent.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.text import fold
from .issuer import is_banner, is_motto, split_run, split_units, strip_banner
from .layout import TYPES, ZONE, Header, Piece, is_caps, make_date, pieces, read_title
from .unaccented import date_parts, is_unaccented
from .untitled import read_untitled, subject_from_page_title

# "Số: 12/KH-UBND"; unaccented, "So: ^3 /KH-HDTDKT" (an OCR'd number that is not digits is left blank).
# A symbol typed with a space after its hyphen ("KH- THCN") is one symbol; so is one ending in an abbreviated
# name after a dot at the end of its cell ("KH-THPTTX. PL", the school of thị xã Phước Long).
_NUMBER = re.compile(r"(?:^|\s)(?:Số\s*:?|So\s*:)\s*(?:(\d[\w.]*)|([^\s/\d]\S{0,3}))?\s*[-/]\s*"
                     r"([A-ZĐ\d](?:[\w&.\-/]|-\s+(?=[A-ZĐ]))*\w(?:\.\s[A-ZĐ]{1,4}(?=\s*$))?)")
_ACCENTED_DATE = re.compile(r"ngày|tháng|năm")
_DATE = re.compile(r",\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
# "Cẩm Nhượng ngày    tháng   năm 2016": a place-date typed without its comma, alone in its cell.
_BARE_DATE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\w.]*\s+){1,4}(ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4}))\s*$")
# A page's summary of the document above the document itself: one long line with the header's landmarks,
# cut by the site with "…" ("UBND HUYỆN … Số: /KH- THCN CỘNG HÒA … KẾ HOẠCH Thực hiện … năm…").
_TEASER = re.compile(r"(?:…|\.\.\.)\s*$")
_OPENING = re.compile(r"^(?:[IVX]+\.\s|Căn cứ\s|Thực hiện\s)")
_PLACE_WORDS = ("phố", "xã", "trấn")
_RULE = re.compile(r"^[-–—_=*.\s|]+$")
_TITLE_AFTER = re.compile(r"\s+(?:KẾ HOẠCH|Kế hoạch)\s+\S+\s+\S+")


def read_header(lines: list[str]) -> Header:
    """The header of the document whose first lines are `lines`."""
    cells = pieces(lines)
    teasers = {index for index, line in enumerate(lines[:ZONE]) if len(line) > 150 and _TEASER.search(line)}
    anchors = [i for i, p in enumerate(cells) if len(p.text) < 300 and (_NUMBER.search(p.text) or _date(p.text))
               and p.line not in teasers]
    anchors = [i for i in anchors if not _opens_body(cells, i)]
    while len(anchors) > 1 and _page_title(cells[anchors[0]].text):
        anchors = anchors[1:]
    if anchors:
        return _formal(lines, cells, anchors)
    return read_untitled(lines, cells)


def later_headers(lines: list[str]) -> list[tuple[int, Header]]:
    """Documents after the first that open with their own full header (a plan after its Quyết định).

    A later header is the motto or a "Số:" line with a type line (KẾ HOẠCH) a few lines below; it
    starts at the issuer's capitals just above (after the decision's signer). Each is read as a
    header of its own: (index of its first line, header with `end` counted from that line).
    """
    found: list[tuple[int, Header]] = []
    index = 1
    while index < len(lines):
        text = lines[index]
        if (is_motto(text) or _NUMBER.search(text)) and any(fold(line) in TYPES for line in lines[index:index + 8]):
            start = index
            while start > max(index - 5, 1) and _issuer_line(lines[start - 1]):
                start -= 1
            header = read_header(lines[start:])
            if header.facts.get("type") and header.end:
                found.append((start, header))
                index = start + header.end
                continue
        index += 1
    return found


def _issuer_line(text: str) -> bool:
    """A line of a header's issuer column: capitals or a rule, not a signer's capacity ("TM. ỦY BAN …")."""
    return (is_caps(text) or bool(_RULE.match(text))) and not text.startswith(("TM.", "KT.", "Q.", "TL.", "TUQ."))


def _page_title(text: str) -> bool:
    """A page's title line that repeats the document ("Số: 119 - KH/ĐUK KẾ HOẠCH Phát động …"): number, type
    word and subject in one cell, which no header table has. The header below it is the document's."""
    number = _NUMBER.search(text)
    return bool(number and _TITLE_AFTER.match(text[number.end():]))


def _opens_body(cells: list[Piece], index: int) -> bool:
    """True when a body paragraph comes before `index`: an anchor after it is prose, not a header."""
    return any(_OPENING.match(p.text) for p in cells[:index])


def _formal(lines: list[str], cells: list[Piece], anchors: list[int]) -> Header:
    """A header with "Số: …" or "<place>, ngày …": issuer above, type and subject below."""
    header = Header()
    first, last = anchors[0], anchors[-1]
    for index in anchors:
        _read_anchor(cells[index].text, header.facts, header.notes)
    if any(index > first + 6 for index in anchors):
        last = max(i for i in anchors if i <= first + 6)
    start = _read_issuer(cells, first, header)
    after = read_title(cells, last + 1, header)
    header.end = cells[after - 1].line + 1 if after > 0 else 0
    header.rest = " ".join(p.text for p in cells[after:] if p.line == header.end - 1) if after > 0 else ""
    header.skipped = [line.strip() for line in lines[:cells[start].line] if line.strip()] if start < len(cells) else []
    subject_from_page_title(header, header.skipped)
    if start < after and is_unaccented(" ".join(cell.text for cell in cells[start:after])):
        header.notes.append(("doubt", "Phần đầu văn bản không có dấu tiếng Việt (bản quét OCR): tên, địa danh và trích "
                                      "yếu giữ nguyên chữ in; cần người soát và gõ lại theo bản gốc."))
    if "type" not in header.facts and str(header.facts.get("symbol", "")).startswith("KH"):
        header.facts["type"] = "Kế hoạch"
        header.notes.append(("inference", "Bản nguồn không có dòng «KẾ HOẠCH»; loại văn bản suy ra từ ký hiệu "
                                          f"«{header.facts['symbol']}»."))
    return header


def _read_anchor(text: str, facts: dict[str, Any], notes: list[tuple[str, str]]) -> None:
    number, when = _NUMBER.search(text), _date(text)
    if number and "symbol" not in facts:
        facts["symbol"] = re.sub(r"-\s+", "-", number.group(3)).rstrip(".")
        if number.group(1):
            facts["number"] = number.group(1)
        elif number.group(2):
            notes.append(("doubt", f"Số văn bản đọc không rõ («{number.group(2)}», lỗi OCR); để trống, cần người "
                                   "điền theo bản gốc."))
    if when and "date" not in facts:
        start, year, month, day = when
        facts["place"] = _place(text[:start])
        facts["date"] = make_date(year, month, day)
        if not facts["place"]:
            del facts["place"]


def _date(text: str) -> tuple[int, str, str | None, str | None] | None:
    """Where a place-date's ", ngày" starts, and its year, month and day (None when left blank or unreadable)."""
    found = _DATE.search(text)
    if found:
        return found.start(), found.group(3), found.group(2), found.group(1)
    bare = _BARE_DATE.match(text)
    if bare:
        return bare.start(1), bare.group(4), bare.group(3), bare.group(2)
    return None if _ACCENTED_DATE.search(text) else date_parts(text)


def _place(before: str) -> str:
    """The place name that ends `before`: the capitalised words before ", ngày"."""
    words = before.split()
    taken: list[str] = []
    for word in reversed(words):
        title_case = word[:1].isupper() and (len(word) == 1 or not is_caps(word) or word == "TP.")
        if not (title_case or (word in _PLACE_WORDS and taken)):
            break
        taken.insert(0, word)
    return " ".join(taken)


def _read_issuer(cells: list[Piece], first: int, header: Header) -> int:
    """Issuer and parent from the capitals above the first anchor; the index of the header's first cell."""
    fragments: list[str] = []
    start = first
    for index in range(first - 1, -1, -1):
        text = cells[index].text
        if is_motto(text) or is_banner(text):
            start = index
            continue
        if _titled(text):
            break  # a page title in capitals ("KẾ HOẠCH HOẠT ĐỘNG … NĂM HỌC 2020 - 2021") above the header
        if is_caps(text):
            fragments.insert(0, text)
            start = index
            continue
        leading = _leading_caps(text)
        if leading and is_unaccented(text):  # OCR: one run "UBND QUAN LONG BIEN HOI DONG …" holds two units
            leading = [unit for part in leading for unit in split_run(part)]
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


def _titled(text: str) -> bool:
    """A line that opens with a type word and goes on: a title, never a line of the issuer's name."""
    return any(fold(text).startswith(f"{word} ") for word in TYPES)


def _leading_caps(text: str) -> list[str]:
    """The capitals a flattened header line opens with, split at stray page numbers."""
    parts: list[list[str]] = [[]]
    unaccented = is_unaccented(text)  # OCR reads a capital I as "l": "THl/ONG" is still a word in capitals
    for word in text.split():
        if word.isdigit():
            parts.append([])
        elif is_caps(word) or (len(word) == 1 and word.isupper()) or (unaccented and is_caps(word.replace("l", "I"))):
            parts[-1].append(word)
        else:
            break
    if sum(len(part) for part in parts) < 3:
        return []
    return [" ".join(part) for part in parts if part]


