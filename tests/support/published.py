"""What a build publishes must hold nothing executable: the assertions the hostile corpus and the property
test share.

Each function reads one kind of output and returns the offending pieces (empty when clean), so a failing
test names what leaked and where.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "plaintext", "xmp", "base", "meta", "form", "frame",
                   "frameset", "applet", "noembed", "noframes", "link", "style"}
TAG = re.compile(r"<([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
ACTIVE_ATTRIBUTE = re.compile(r"\s(?:on[a-z]+|style|formaction)\s*=", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(r"\s(?:href|src|action|xlink:href|background|poster)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)",
                           re.IGNORECASE)
MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)>]*)")
ACTIVE_SCHEME = re.compile(r"(?:java|vb)script:|data:text/html")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ICS_LINE = re.compile(r"(?:[A-Z][A-Z0-9-]*(?:;[A-Z0-9-]+=(?:\"[^\"\x00-\x1f]*\"|[^\";:,\x00-\x1f]*)"
                      r"(?:,(?:\"[^\"\x00-\x1f]*\"|[^\";:,\x00-\x1f]*))*)*:[^\x00-\x08\x0a-\x1f\x7f]*)?")


def _active_url(value: str) -> bool:
    """True for an address a browser would run: the scheme read as a browser reads it (references decoded,
    spaces and control characters dropped, any case)."""
    return ACTIVE_SCHEME.match(re.sub(r"[\x00-\x20]+", "", html.unescape(value.strip("\"'"))).lower()) is not None


def _active_tags(text: str) -> list[str]:
    found = []
    for tag in TAG.finditer(text):
        attributes = tag.group(2)
        if tag.group(1).lower() in ACTIVE_ELEMENTS or ACTIVE_ATTRIBUTE.search(attributes) or any(
                _active_url(url.group(1)) for url in URL_ATTRIBUTE.finditer(attributes)):
            found.append(tag.group()[:120])
    return found


def active_markdown(text: str) -> list[str]:
    """Executable pieces in a generated Markdown page (`kehoach build-docs`): active tags and attributes,
    and link targets that run script. Text that merely reads "javascript:" is not one."""
    return _active_tags(text) + [target.group() for target in MARKDOWN_TARGET.finditer(text)
                                 if _active_url(target.group(1))]


def article(page: str) -> str:
    """The content of a built page (Material's `<article>`): what the plan's own text can reach."""
    start, end = page.find("<article"), page.rfind("</article>")
    return page[start:end] if 0 <= start < end else page


def active_html(page: str) -> list[str]:
    """Executable pieces inside a built page's content."""
    return _active_tags(article(page))


def formula_cells(path: Path) -> list[str]:
    """Cells of a CSV or XLSX export that a spreadsheet would run as a formula."""
    if path.suffix == ".csv":
        rows = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
        return [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]
    book = load_workbook(path)
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book.worksheets for row in sheet.iter_rows()
            for cell in row if cell.data_type == "f"]


def injected_feed_lines(data: bytes) -> list[str]:
    """Lines of an iCalendar feed that are not a well-formed property line after unfolding (RFC 5545 3.1)."""
    text = data.decode("utf-8")
    bad = [repr(piece) for piece in re.findall(r"\r(?!\n)|(?<!\r)\n", text)]
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    bad += [line for line in unfolded.split("\r\n") if line and not ICS_LINE.fullmatch(line)]
    return bad


def xml_illegal(path: Path) -> list[str]:
    """Parts of a DOCX or XLSX whose XML holds characters XML 1.0 forbids."""
    illegal = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
                         r"|&#(?:x0*[0-8bcef]|x0*1[0-9a-f]|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));", re.IGNORECASE)
    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist() if name.endswith(".xml")
                and illegal.search(archive.read(name).decode("utf-8", "replace"))]


def problems_in(out: Path) -> list[str]:
    """Every executable or injected piece in a `kehoach build-docs --exports` output folder."""
    found: list[str] = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        where = path.relative_to(out).as_posix()
        if path.suffix == ".md":
            found += [f"{where}: {piece}" for piece in active_markdown(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".html":
            found += [f"{where}: {piece}" for piece in active_html(path.read_text(encoding="utf-8"))]
        elif path.suffix in (".csv", ".xlsx"):
            found += [f"{where}: formula {cell}" for cell in formula_cells(path)]
        elif path.suffix == ".ics":
            found += [f"{where}: {line[:80]}" for line in injected_feed_lines(path.read_bytes())]
        if path.suffix in (".docx", ".xlsx"):
            found += [f"{where}: XML-illegal character in {part}" for part in xml_illegal(path)]
    return found
