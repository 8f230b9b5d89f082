"""A page without a "Số"/date header: a type line, a title line, or nothing at all.

Web pages often give a plan without its header: a title line in citation form
("Kế hoạch số 17-KH/BDVTW ngày 02/6/2020 của Ban Dân vận Trung ương về …"), a page
title ("KẾ HOẠCH Tuyên truyền …", "Kế hoạch phát động …"), sometimes with the
sentence that issues it ("… ban hành Kế hoạch số 45/KH-KTĐ9 ngày …"). What such a
line gives is taken and noted as inferred; an issuer named only in prose is not.
"""

from __future__ import annotations

import re

from ..core.text import fold
from .layout import BODY_START, TYPES, Header, Piece, make_date, read_title, tidy_subject

_CITATION = re.compile(
    r"^Kế hoạch\s+(?:số\s+)?(\d+)\s*[-/]\s*([A-ZĐ][\w&.\-/]*\w)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
    r"\s+của\s+(.+?)\s+về\s+(.+)$")
# The date may be missing: "… xây dựng kế hoạch Số: 52 /KH-UBND về việc …" (a school reposting a district's plan).
_LEAD_IN = re.compile(
    r"(?:ban hành|xây dựng)\s+[Kk]ế hoạch\s+(?:số|Số)\s*:?\s*(\d+)\s*[-/]\s*([A-ZĐ][\w&.\-/]*\w)"
    r"(?:\s+ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4}))?")
# A page title naming the plan, with or without its date: "Kế hoạch 28/KH-BYT của Bộ Y tế về việc …".
_NAMED = re.compile(r"^Kế hoạch\s+(?:số\s+)?(\d+)\s*[-/]\s*([A-ZĐ][\w&.\-/]*\w)(?:\s+ngày\s+[\d/]+)?"
                    r"\s+của\s+.+?\s+về\s+(?:việc\s+)?(.+)$")
_TITLE = re.compile(r"^(KẾ HOẠCH|Kế hoạch)\s+(?!số\s+\d)(\S.+)$")


def read_untitled(lines: list[str], cells: list[Piece]) -> Header:
    """No "Số"/date header: a type line, a title line ("KẾ HOẠCH …", "Kế hoạch số … của … về …"), or nothing."""
    header = Header()
    repeated = False  # a line that repeats the page's title is a title even with a full stop
    for index, piece in enumerate(cells[:12]):
        if BODY_START.match(piece.text) or len(piece.text) > 500:
            break
        if fold(piece.text) in TYPES:
            after = read_title(cells, index, header)
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
        if title and _repeated(title.group(2), cells[index + 1:index + 2]):
            repeated = True  # the page's title, then the document's own title line: the second is the document's
            continue
        if title and len(piece.text) <= 300 and (repeated or not piece.text.endswith((".", ":", ";"))):
            header.facts.update({"type": "Kế hoạch", "subject": tidy_subject(title.group(2))})
            _lead_in(cells[index + 1:index + 8], header)
            return _close(header, lines, cells, index, index + 1)
    return _first_line(lines, cells, header)


def subject_from_page_title(header: Header, skipped: list[str]) -> None:
    """A header without a trích yếu takes its subject from the page title above it that names the same plan.

    Only a title giving the header's own number and symbol is used; the subject is noted as inferred.
    """
    facts = header.facts
    if facts.get("subject") or not facts.get("symbol"):
        return
    for line in skipped:
        named = _NAMED.match(" ".join(line.split()))
        if named and named.group(1) == facts.get("number") and named.group(2) == facts["symbol"]:
            facts["subject"] = tidy_subject(named.group(3))
            header.notes.append(("inference", "Phần đầu văn bản không có trích yếu; trích yếu lấy từ tiêu đề trang "
                                              f"«{line[:80]}…», cùng số và ký hiệu."))
            return


def _repeated(subject: str, following: list[Piece]) -> bool:
    """True when the next line is a title line with the same words (a page title repeated by the document)."""
    again = _TITLE.match(following[0].text) if following else None
    return again is not None and same_words(subject, again.group(2))


def same_words(a: str, b: str) -> bool:
    """The same words whatever the case, spacing, punctuation and dashes."""
    return re.sub(r"\W+", " ", fold(a)).split() == re.sub(r"\W+", " ", fold(b)).split()


def _first_line(lines: list[str], cells: list[Piece], header: Header) -> Header:
    """A page whose first line is a short title naming a year (OCR'd title pages): its subject, in doubt."""
    first = cells[0] if cells else None
    if first and len(first.text) <= 200 and not first.text.endswith((".", ",", ";", ":")) and (
            not BODY_START.match(first.text) and re.search(r"\bn\w{1,3}\s+20\d\d\b", fold(first.text))):
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
            header.facts.update({"number": number, "symbol": symbol})
            if year:
                header.facts["date"] = make_date(year, month, day)
            what = "Số, ký hiệu và ngày" if year else "Số và ký hiệu"
            header.notes.append(("inference", f"{what} của kế hoạch lấy từ câu dẫn «…{found.group(0)}…»; bản nguồn "
                                              "không có phần đầu văn bản."))
            return


def _close(header: Header, lines: list[str], cells: list[Piece], start: int, after: int) -> Header:
    header.skipped = [line.strip() for line in lines[:cells[start].line] if line.strip()]
    header.end = cells[after - 1].line + 1
    return header


