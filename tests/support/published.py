"""What a build publishes must hold nothing executable: the assertions the hostile corpus and the property
test share.

Each function reads one kind of output and returns the offending pieces (empty when clean), so a failing
test names what leaked and where.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

ACTIVE_HTML = re.compile(r"<\s*(?:script|iframe|object|embed|plaintext|xmp|base|meta|form)\b|javascript\s*:"
                         r"|vbscript\s*:|data\s*:\s*text/html|\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ICS_LINE = re.compile(r"(?:[A-Z][A-Z0-9-]*(?:;[A-Z0-9-]+=(?:\"[^\"\x00-\x1f]*\"|[^\";:,\x00-\x1f]*)"
                      r"(?:,(?:\"[^\"\x00-\x1f]*\"|[^\";:,\x00-\x1f]*))*)*:[^\x00-\x08\x0a-\x1f\x7f]*)?")


def active_markdown(text: str) -> list[str]:
    """Script-like pieces in a generated Markdown page (`kehoach build-docs`), beyond the page's own markup."""
    return [match.group() for match in ACTIVE_HTML.finditer(text)]


def article(html: str) -> str:
    """The content of a built page (Material's `<article>`): what the plan's own text can reach."""
    start, end = html.find("<article"), html.rfind("</article>")
    return html[start:end] if 0 <= start < end else html


def active_html(html: str) -> list[str]:
    """Executable pieces inside a built page's content."""
    return [match.group() for match in ACTIVE_HTML.finditer(article(html))]


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
