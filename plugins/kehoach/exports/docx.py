"""The plan as a Word document in the Nghị định 30/2020 layout: the file a leader signs.

`plan_docx(loaded, agencies) -> bytes`. A4 portrait, margins 20/20/30/15 mm,
Times New Roman (also for East Asian and complex scripts, so every Vietnamese
letter uses it); a borderless two-column header (parent and issuer, "Số:" |
Quốc hiệu, Tiêu ngữ, place and date); type and subject centred with a short
rule; căn cứ in italics; the Markdown body with each section's tasks at its
`<!-- nhiem-vu: ID -->` marker; "Nơi nhận" and the signature block; the Phụ lục
table on a new page with its header row repeated. Page numbers are centred in
the header and hidden on each document's first page. A decision issuing the
plan comes first, and the plan starts on a new page with its own numbering.

`stable_zip(data, day)` rewrites a DOCX/XLSX package with every zip entry dated
`day` and the document properties' dates set to it, so output never depends
on the clock.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..core.checks import MARKER
from ..core.elements import Elements, elements, is_attached
from ..core.labels import (
    MOTTO,
    NATIONAL_TITLE,
    TASK_TABLE_HEAD,
    appendix_reference,
    plan_base,
    row_number,
    section_heading,
    task_line,
)
from ..core.loader import LoadedPlan
from ..core.models import Agency, Document
from ..core.view import PlanView, TaskView, resolve_plan

FONT = "Times New Roman"
TEXT_MM = 165  # 210 mm less the 30 mm and 15 mm side margins
HEADER_MM = (62, 103)  # the header table's columns; the Quốc hiệu needs ~100 mm at 12 pt bold
SIGN_MM = (75, 90)
APPENDIX_MM = (12, 64, 27, 31, 31)
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
_CORE_DATE = re.compile(r"(<(?:dcterms:created|dcterms:modified|cp:lastPrinted)[^>]*>)[^<]*(<)")
_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def stable_zip(data: bytes, day: date) -> bytes:
    """The same OOXML package with fixed entry dates and core-property dates (see module docstring)."""
    moment = f"{day.isoformat()}T00:00:00Z"
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATE.sub(lambda m: m.group(1) + moment + m.group(2), content.decode("utf-8")).encode()
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


# --- low-level helpers ------------------------------------------------------------------

def _fonts(rpr: object) -> None:
    """Times New Roman for every script of a run-properties element, theme fonts removed."""
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text a Word document can hold: XML 1.0 forbids most control characters (lxml raises on them)."""
    return text if text.isprintable() else _XML_ILLEGAL.sub("", text)


def _para(box: DocxDocument | _Cell, text: str = "", size: float = 14, bold: bool = False, italic: bool = False,
          align: object = CENTER, indent: bool = False, after: float = 0, keep: bool = False) -> Paragraph:
    """Add a paragraph of one run; centred, single-spaced and unindented unless told."""
    cell_start = isinstance(box, _Cell) and len(box.paragraphs) == 1 and not box.paragraphs[0].text
    paragraph = box.paragraphs[0] if cell_start and not getattr(box, "_used", False) else box.add_paragraph()
    if isinstance(box, _Cell):
        box._used = True  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.space_after, fmt.keep_with_next = align, Pt(after), keep
    fmt.first_line_indent = Cm(1.27) if indent else Cm(0)
    if not indent and not after:
        fmt.line_spacing = 1.0
    if text:
        run = paragraph.add_run(xml_text(text))
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return paragraph


def _inline(paragraph: Paragraph, text: str, size: float = 14, italic: bool = False) -> None:
    """Add Markdown text as runs: **bold** and *italic* become bold and italic runs."""
    position = 0
    for match in _INLINE.finditer(text):
        pieces = [(text[position:match.start()], False, italic), (match.group(1) or match.group(2),
                                                                  bool(match.group(1)), italic or not match.group(1))]
        for words, bold, slanted in pieces:
            if words:
                run = paragraph.add_run(xml_text(words))
                run.font.size, run.font.bold, run.font.italic = Pt(size), bold or None, slanted or None
        position = match.end()
    if text[position:]:
        run = paragraph.add_run(xml_text(text[position:]))
        run.font.size, run.font.italic = Pt(size), italic or None


def _rule(box: DocxDocument | _Cell, length_mm: float, width_mm: float) -> None:
    """A short solid rule, centred in a box `width_mm` wide, drawn as a tiny paragraph's bottom border."""
    paragraph = _para(box, after=0)
    side = Mm(max(0.0, (width_mm - length_mm) / 2))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing = Pt(3)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _tiny(paragraph: Paragraph) -> None:
    """Shrink an empty paragraph (and its mark) to 1 pt so it takes no visible room."""
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    paragraph._p.get_or_add_pPr().append(mark)


def _text_mm(text: str, size: float, caps: bool = False) -> float:
    """Rough printed width of a line of Times New Roman (for rule lengths only)."""
    return len(text) * size * (0.68 if caps else 0.48) * 0.3528


def _table(box: DocxDocument, widths: tuple[float, ...], rows: int = 1, grid: bool = False) -> Table:
    """A fixed-layout table with the given column widths in mm; borderless unless `grid`."""
    table = box.add_table(rows=rows, cols=len(widths))
    if grid:
        table.style = box.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    return table


# --- document setup ------------------------------------------------------------------

def _setup(doc: DocxDocument, loaded: LoadedPlan) -> None:
    """Styles, page setup and fixed document properties."""
    styles = doc.styles.element
    default_rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(default_rpr)
    default_rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(14)
    fmt = normal.paragraph_format
    fmt.alignment, fmt.space_after, fmt.line_spacing = JUSTIFY, Pt(6), 1.15
    _page(doc.sections[0])
    core = doc.core_properties
    when = datetime.combine(plan_base(loaded.plan), datetime.min.time())
    core.created = core.modified = core.last_printed = when
    core.author = core.last_modified_by = "kehoach"
    core.title = loaded.plan.title or loaded.plan.document.subject or loaded.id
    core.comments = ""


def _page(section: object, restart: bool = False) -> None:
    """A4 portrait, NĐ 30 margins, centred page number hidden on the first page."""
    section.orientation = WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    section.page_width, section.page_height = Mm(210), Mm(297)  # type: ignore[attr-defined]
    section.top_margin = section.bottom_margin = Mm(20)  # type: ignore[attr-defined]
    section.left_margin, section.right_margin = Mm(30), Mm(15)  # type: ignore[attr-defined]
    section.header_distance = section.footer_distance = Mm(10)  # type: ignore[attr-defined]
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    if restart:
        number = OxmlElement("w:pgNumType")
        number.set(qn("w:start"), "1")
        section._sectPr.append(number)  # type: ignore[attr-defined]
        return
    section.first_page_header.is_linked_to_previous = False  # type: ignore[attr-defined]
    paragraph = section.header.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = paragraph.add_run("1")
    run.font.size = Pt(14)
    run._r.addprevious(field)
    field.append(run._r)


# --- the parts of a document -----------------------------------------------------------

def _header(doc: DocxDocument, printed: Elements) -> None:
    """The borderless two-column header: issuer and number | Quốc hiệu, Tiêu ngữ and date."""
    table = _table(doc, HEADER_MM, rows=2)
    left, right = table.rows[0].cells
    if printed.parent:
        _para(left, printed.parent, 12)
    _para(left, printed.issuer, 12, bold=True)
    _rule(left, min(HEADER_MM[0] * 0.6, max(18, _text_mm(printed.issuer, 12, True) / 3)), HEADER_MM[0])
    _para(right, NATIONAL_TITLE, 12, bold=True)
    _para(right, MOTTO, 13, bold=True)
    _rule(right, _text_mm(MOTTO, 13) + 4, HEADER_MM[1])
    below_left, below_right = table.rows[1].cells
    _para(below_left, printed.number or "", 13, after=0).paragraph_format.space_before = Pt(6)
    _para(below_right, printed.date or "", 13, italic=True).paragraph_format.space_before = Pt(6)


def _title(doc: DocxDocument, document: Document, printed: Elements) -> None:
    """Type name, subject, the attached-to line, a short rule, and the issuing authority."""
    _para(doc, printed.type, 14, bold=True, keep=True).paragraph_format.space_before = Pt(18)
    if document.subject:
        _para(doc, document.subject, 14, bold=True, keep=True)
    if document.attached_to:
        _para(doc, document.attached_to, 14, italic=True, keep=True)
    _rule(doc, 45, TEXT_MM)
    if printed.issuing:
        _para(doc, printed.issuing, 14, bold=True, keep=True).paragraph_format.space_before = Pt(12)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _bases(doc: DocxDocument, document: Document) -> None:
    for basis in document.legal_bases:
        _inline(_para(doc, align=JUSTIFY, indent=True, after=6), " ".join(basis.text.split()), italic=True)


def _body(doc: DocxDocument, text: str, place_tasks: Callable[[str], None]) -> None:
    """The Markdown body: headings bold (level 2 in capitals), lines starting "- " as items, markers as tasks."""
    for block in re.split(r"\n\s*\n", text.strip()):
        marker = MARKER.fullmatch(block.strip())
        if marker:
            place_tasks(marker.group(1))
            continue
        heading = _HEADING.match(block.strip())
        if heading:
            words = heading.group(2).strip()
            words = words.upper() if len(heading.group(1)) <= 2 else words
            _para(doc, words, 14, bold=True, align=JUSTIFY, indent=True, after=6, keep=True)
            continue
        for item in re.split(r"\n(?=\s*- )", block):
            words = " ".join(MARKER.sub("", item).split())
            if not words:
                continue
            centred = re.fullmatch(r"\*\*[^*a-zà-ỹđ]+:?\*\*", words) is not None  # "**QUYẾT ĐỊNH:**"
            paragraph = _para(doc, align=CENTER if centred else JUSTIFY, indent=not centred, after=6)
            _inline(paragraph, words)


def _signature(doc: DocxDocument, document: Document, printed: Elements) -> None:
    """Nơi nhận at the left, the signer's capacity, title and name (or the blanks to fill) at the right."""
    if not document.recipients and printed.signer_name is None:
        return
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the last lines go with the signature
    _para(doc, keep=True)
    table = _table(doc, SIGN_MM)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # signature and Nơi nhận stay together
    left, right = table.rows[0].cells
    if document.recipients:
        _para(left, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT)
        for recipient in document.recipients:
            _para(left, f"- {recipient.text}", 11, align=LEFT)
    if printed.signer_name is None:
        return
    for line in printed.capacity:
        _para(right, line, 14, bold=True)
    for _ in range(4):
        _para(right, "", 14)
    _para(right, printed.signer_name, 14, bold=True)


def _cell(cell: _Cell, text: str, bold: bool = False, align: object = LEFT) -> None:
    _para(cell, text, 12, bold=bold, align=align)


def _repeat_header(table: Table) -> None:
    """Mark the first row as the header row Word repeats on every page (w:tblHeader)."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    properties.append(flag)


def _appendix(doc: DocxDocument, view: PlanView) -> None:
    """The Phụ lục on a new page: label, title, reference, and the task table."""
    plan, appendix = view.loaded.plan, view.loaded.plan.appendix
    if appendix is None:
        return
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, appendix.label, 14, bold=True, keep=True)
    _para(doc, appendix.title.upper(), 14, bold=True, keep=True)
    _para(doc, appendix_reference(plan), 14, italic=True, keep=True)
    _rule(doc, 45, TEXT_MM)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    table = _table(doc, APPENDIX_MM, grid=True)
    for cell, name in zip(table.rows[0].cells, TASK_TABLE_HEAD, strict=True):
        _cell(cell, name, bold=True, align=CENTER)
    _repeat_header(table)
    sections = {s.id: s for s in plan.sections}
    for section_id in appendix.sections:
        row = table.add_row().cells
        merged = row[0].merge(row[-1])
        _cell(merged, section_heading(sections[section_id]) if section_id in sections else section_id, bold=True)
        for index, task in enumerate((t for t in view.tasks if t.section_id == section_id), start=1):
            _task_row(table.add_row().cells, task, index)


def _task_row(cells: list[_Cell], task: TaskView, index: int) -> None:
    """One task of the Phụ lục: its deadline as resolved (a section's period when it has none of its own)."""
    values = (row_number(task.number, index), task.title, task.deadline_text, task.lead_cell, task.partners_cell)
    for cell, value, align in zip(cells, values, (CENTER, JUSTIFY, CENTER, LEFT, LEFT), strict=True):
        _cell(cell, value, align=align)
    if task.note:
        _para(cells[1], task.note, 12, italic=True, align=JUSTIFY)


def _document(doc: DocxDocument, loaded: LoadedPlan, document: Document, agencies: dict[str, Agency],
              place_tasks: Callable[[str], None], after_body: Callable[[], None]) -> None:
    printed = elements(document, agencies, is_attached(loaded.plan, document))
    _header(doc, printed)
    _title(doc, document, printed)
    _bases(doc, document)
    if document.body:
        _body(doc, loaded.bodies.get(document.body, ""), place_tasks)
    after_body()
    _signature(doc, document, printed)


def plan_docx(loaded: LoadedPlan, agencies: dict[str, Agency], view: PlanView | None = None) -> bytes:
    """The decision (if any) and the plan as one DOCX file (see the module docstring)."""
    plan = loaded.plan
    doc = new_document()
    _setup(doc, loaded)
    placed = set(plan.appendix.sections if plan.appendix else [])
    for text in loaded.bodies.values():
        placed.update(MARKER.findall(text))

    def place_tasks(section_id: str) -> None:
        for task in (t for t in plan.tasks if t.section == section_id):
            _inline(_para(doc, align=JUSTIFY, indent=True, after=6), task_line(task.number, task.title))

    def unplaced() -> None:
        for section in (s for s in plan.sections if s.id not in placed):
            if any(t.section == section.id for t in plan.tasks):
                _para(doc, section_heading(section), 14, bold=True, align=JUSTIFY, indent=True, after=6, keep=True)
                place_tasks(section.id)

    if plan.decision:
        _document(doc, loaded, plan.decision, agencies, place_tasks, lambda: None)
        _page(doc.add_section(WD_SECTION.NEW_PAGE), restart=True)
        _tiny(doc.paragraphs[-1])  # the section-break paragraph must not spill onto a blank page
    _document(doc, loaded, plan.document, agencies, place_tasks, unplaced)
    _appendix(doc, view or resolve_plan(loaded, agencies))
    out = io.BytesIO()
    doc.save(out)
    return stable_zip(out.getvalue(), plan_base(plan))
