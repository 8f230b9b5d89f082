"""Every real plan page prints as the official A4 document, without the site around it."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from browser_site import plan_by_id, plan_ids

from kehoach.core.text import admin_date

pytestmark = pytest.mark.browser

A4_POINTS = (595.3, 841.9)
NATIONAL = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
# Words of the site around a page (search box, footer, edit button, table of contents title, skip link).
SITE_CHROME = ["Tìm kiếm", "Material for MkDocs", "Chỉnh sửa", "Mục lục", "Bỏ qua"]


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def flat(text: str) -> str:
    """Whitespace collapsed, NFC: text that wraps or is spread by -layout still compares."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_size(pdf: Path) -> tuple[float, float]:
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(pdf)))
    assert found, f"pdfinfo shows no page size for {pdf}"
    return float(found.group(1)), float(found.group(2))


def expected_text(plan_id: str) -> list[str]:
    """What the printed header and footer must say, from the plan's YAML.

    Parts a source lacks (a plan issued with a decision has no number of its
    own; some sources lost the signer's name) are not required.
    """
    document = plan_by_id(plan_id).plan.document
    expected = [*NATIONAL, document.type.upper()]
    signer_name = document.signer.name if document.signer else None
    optional = [document.subject, document.attached_to, signer_name]
    expected += [text for text in optional if text]
    expected += ["Số:"] if document.number or document.symbol else []
    expected += ["Nơi nhận"] if document.recipients else []
    decision = plan_by_id(plan_id).plan.decision
    if decision:  # the decision that issues the plan prints before it
        expected += [decision.type.upper(), *([decision.subject] if decision.subject else [])]
    if isinstance(document.date, date) and document.place:
        expected.append(f"{document.place}, {admin_date(document.date)}")
    return expected


def page_count(pdf: Path) -> int:
    found = re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf)))
    assert found, f"pdfinfo shows no page count for {pdf}"
    return int(found.group(1))


def first_line(pdf: Path, number: int) -> str:
    """First non-blank line of one page of the PDF, stripped."""
    lines = run("pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-").splitlines()
    return next((line.strip() for line in lines if line.strip()), "")


def chrome_in(plan_id: str, text: str) -> list[str]:
    """Site words found in the printed text that the plan's own sources do not use."""
    loaded = plan_by_id(plan_id)
    yaml_text = (loaded.folder / "ke-hoach.yml").read_text(encoding="utf-8")
    sources = flat(yaml_text + " ".join(loaded.bodies.values())).casefold()
    return [item for item in SITE_CHROME if item.casefold() in text and item.casefold() not in sources]


def place_and_year_line(plan_id: str, layout: str) -> bool:
    """A line of the PDF names the place, "ngày" and the year, as the place and date line does."""
    document = plan_by_id(plan_id).plan.document
    if not document.place:
        return True  # the source gives no place: there is no such line to print
    year = str(document.date)[:4] if document.date else str(plan_by_id(plan_id).plan.year)
    lines = [flat(line) for line in layout.splitlines()]
    return any(f"{document.place}, ngày" in line and f"năm {year}" in line for line in lines)


@pytest.mark.parametrize("plan_id", plan_ids())
def test_plan_prints_as_an_a4_document_with_its_header(page, plan_id, pdfs):
    page.goto(f"ke-hoach/{plan_id}/")
    page.emulate_media(media="print")
    pdf = pdfs / f"{plan_id.replace('/', '-')}.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)

    width, height = page_size(pdf)
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, f"not A4: {width} x {height} pts"
    layout = run("pdftotext", "-layout", str(pdf), "-")
    text = flat(layout).casefold()
    missing = [item for item in expected_text(plan_id) if flat(item).casefold() not in text]
    assert not missing, f"{pdf} lacks {missing}"
    assert place_and_year_line(plan_id, layout), f"{pdf} has no place and date line"
    numbers = [first_line(pdf, number) for number in range(1, page_count(pdf) + 1)]
    assert numbers[0] != "1", f"{pdf}: page 1 carries a page number"
    assert numbers[1:] == [str(number) for number in range(2, len(numbers) + 1)], (
        f"{pdf}: pages 2 and on must start with their number at the top, start with {numbers[1:]}"
    )
    chrome = chrome_in(plan_id, text)
    assert not chrome, f"{pdf} prints site chrome: {chrome}"
