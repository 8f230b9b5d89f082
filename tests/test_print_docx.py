"""The print page and the DOCX of a plan say the same: header, title lines, signature, Phụ lục rows.

Each output is read back as a reader gets it: the plan page's HTML (lxml) with
what the print style sheet hides taken out (`.kh-screen`, the task tables'
badges), and the DOCX with python-docx. Text is compared exactly, ordinary
white space collapsed but the no-break spaces of a blank kept, so a blank to
fill ("Số:      /KH-…", "…, ngày … tháng … năm …") must be the same blank in
both. Every real plan is compared, and a draft for signature that lacks its
issuer, place, number and signer (`tests/cases/check/for-signature-missing-elements`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import docx
import lxml.html
import pytest
from conftest import ROOT
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from kehoach.api import checked_corpus
from kehoach.core.loader import Corpus
from kehoach.exports.docx import plan_docx
from kehoach.site.builder import build_pages
from kehoach.site.options import Options

DRAFT = ROOT / "tests" / "cases" / "check" / "for-signature-missing-elements"
TODAY = date(2024, 6, 10)
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
Lines = tuple[str, ...]


@dataclass(frozen=True)
class Printed:
    """What one output prints of a plan's documents and Phụ lục, in reading order."""

    heads: list[tuple[Lines, Lines]]  # per document: left column (issuer, Số), right (Quốc hiệu, date)
    titles: list[Lines]  # per document: type, subject, attached-to line, issuing authority
    feet: list[tuple[Lines, Lines]]  # per signed document: Nơi nhận, signature block
    annex: list[Lines]  # the Phụ lục's label, title and reference, then each row of its table


def flat(text: str) -> str:
    """Ordinary white space collapsed; no-break spaces (the blanks of a draft) kept as they are."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _lines(texts: object) -> Lines:
    return tuple(line for line in (flat(str(text)) for text in texts) if line)  # type: ignore[attr-defined]


# --- the print page -----------------------------------------------------------------------

def _cell(element: lxml.html.HtmlElement) -> str:
    """A cell's printed lines, joined by " / " (a <br> starts a line)."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return " / ".join(_lines(element.text_content().split("\n")))


def print_page(markdown: str) -> Printed:
    """The plan page as printed: `.kh-screen` and the tables' badges are hidden by the print style sheet."""
    tree = lxml.html.fromstring(f"<div>{markdown}</div>")
    hidden = "//*[contains(concat(' ', @class, ' '), ' kh-screen ')] | //table//span[contains(@class, 'kh-badge')]"
    for element in tree.xpath(hidden):
        element.drop_tree()
    heads, titles = [], []
    for head in tree.xpath("//table[@class='kh-head']"):
        heads.append((_lines(p.text_content() for p in head.xpath(".//td[1]/p")),
                      _lines(p.text_content() for p in head.xpath(".//td[2]/p"))))
        kinds = ("kh-type", "kh-subject", "kh-attached", "kh-issuing")
        titles.append(_lines(p.text_content() for p in head.xpath("following-sibling::p") if p.get("class") in kinds))
    feet = [(_lines(e.text_content() for e in foot.xpath(".//td[1]//p | .//td[1]//li")),
             _lines(p.text_content() for p in foot.xpath(".//td[2]/p")))
            for foot in tree.xpath("//table[@class='kh-foot']")]
    annex: list[Lines] = []
    for box in tree.xpath("//div[contains(@class, 'kh-appendix')]"):
        annex.append(_lines(p.text_content() for p in box.xpath("./p")))
        annex += [tuple(_cell(cell) for cell in row.xpath("./th | ./td")) for row in box.xpath(".//tr")]
    return Printed(heads, titles, feet, annex)


# --- the DOCX ----------------------------------------------------------------------------------

def _texts(cell: object) -> Lines:
    return _lines(p.text for p in cell.paragraphs)  # type: ignore[attr-defined]


def _is_rule(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.find(qn("w:pBdr")) is not None


def docx_text(data: bytes) -> Printed:
    """The DOCX as Word shows it: header tables, the title lines under each, signature tables, the Phụ lục."""
    blocks = list(docx.Document(io.BytesIO(data)).iter_inner_content())
    printed = Printed([], [], [], [])
    for index, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        cells = [list({cell._tc: cell for cell in row.cells}.values()) for row in block.rows]
        if len(cells[0]) == 2 and NATIONAL in _texts(cells[0][1]):
            printed.heads.append((_texts(cells[0][0]) + _texts(cells[1][0]), _texts(cells[0][1]) + _texts(cells[1][1])))
            printed.titles.append(_title_lines(blocks[index + 1:]))
        elif len(cells[0]) == 2:
            printed.feet.append((_texts(cells[0][0]), _texts(cells[0][1])))
        else:
            before = [b for b in blocks[:index] if isinstance(b, Paragraph) and flat(b.text)][-3:]
            printed.annex.append(_lines(p.text for p in before))
            printed.annex.extend(tuple(" / ".join(_texts(cell)) for cell in row) for row in cells)
    return printed


def _title_lines(blocks: list[object]) -> Lines:
    """The lines under a header table up to the plain empty paragraph that closes the title (`docx._title`)."""
    lines = []
    for block in blocks:
        if not isinstance(block, Paragraph) or (not block.text and not _is_rule(block)):
            break
        lines.append(block.text)
    return _lines(lines)


# --- the comparison ---------------------------------------------------------------------------

def _outputs(corpus: Corpus) -> dict[str, tuple[Printed, Printed]]:
    pages = build_pages(corpus, Options(today=TODAY))
    return {loaded.id: (print_page(pages[f"ke-hoach/{loaded.id}.md"]), docx_text(plan_docx(loaded, corpus.agencies)))
            for loaded in corpus.plans}


@pytest.fixture(scope="module")
def real() -> dict[str, tuple[Printed, Printed]]:
    return _outputs(checked_corpus([ROOT / "plans"], ROOT))


@pytest.fixture(scope="module")
def draft() -> tuple[Printed, Printed]:
    (pair,) = _outputs(checked_corpus([DRAFT / "plans"], DRAFT)).values()
    return pair


def plan_ids() -> list[str]:
    return sorted(f"{year.name}/{folder.name}" for year in (ROOT / "plans").glob("2*") for folder in year.iterdir())


@pytest.mark.parametrize("plan_id", plan_ids())
def test_print_and_docx_of_a_real_plan_agree(real: dict[str, tuple[Printed, Printed]], plan_id: str) -> None:
    page, word = real[plan_id]
    assert page.heads and page.titles[0]
    assert word == page


def test_print_and_docx_show_the_same_annex_rows_with_inherited_deadlines(
        real: dict[str, tuple[Printed, Printed]]) -> None:
    page, word = real["2024/son-la-quyet-dinh-43-tdkt"]
    rows = [row for row in page.annex if len(row) == 5]
    assert len(rows) > 10 and all(row[2] for row in rows[1:]), "every task of the Phụ lục has its deadline"
    assert word.annex == page.annex


def test_a_draft_for_signature_prints_the_same_blanks_in_both(draft: tuple[Printed, Printed]) -> None:
    page, word = draft
    blanks = "\u00a0" * 6
    assert page.heads == [(("……………………", f"Số: {blanks}/KH-…"),
                           ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                            "…, ngày … tháng … năm …"))]
    assert page.feet == [(("Nơi nhận:", "- Các sở, ban, ngành;", "- Lưu: VT."), ("……………………", "……………………"))]
    assert page.annex == [
        ("PHỤ LỤC", "NHIỆM VỤ TRỌNG TÂM NĂM 2025", "(Kèm theo Kế hoạch số …/KH-…)"),
        ("TT", "Nội dung", "Thời gian thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp"),
        ("I. Nhiệm vụ thực hiện trong Quý I",),
        ("1", "Tổ chức tập huấn nghiệp vụ công tác thi đua, khen thưởng", "chậm nhất ngày 20/3/2025",
         "Sở Nội vụ tỉnh X", "Sở Tài chính tỉnh X"),
        ("2", "Hướng dẫn đăng ký thi đua năm 2025 / Gửi qua hệ thống quản lý văn bản.", "Quý I/2025",
         "Sở Nội vụ tỉnh X", ""),
        ("II. Nhiệm vụ thường xuyên",),
        ("1", "Tuyên truyền các phong trào thi đua, gương người tốt, việc tốt", "Thường xuyên",
         "Sở Khoa học và Công nghệ tỉnh X", ""),
    ]
    assert word == page

