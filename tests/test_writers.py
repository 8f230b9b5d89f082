"""One writer per output format neutralises what its format needs, even for text the gate would refuse."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from kehoach.exports.docx import xml_text
from kehoach.exports.files import csv_cell
from kehoach.exports.xlsx import put
from kehoach.feeds.ical import escape, raw_line, text_line

HOSTILE = ["a\r\nBEGIN:VEVENT", "b\rUID:x", "c\nATTACH:y", "d\x00e\x0bf\x1b[31m\x7f", "g;h,i\\j"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_text_value_stays_on_its_property_line(value: str) -> None:
    line = text_line("SUMMARY", value)
    unfolded = line.replace(b"\r\n ", b"")
    assert unfolded.count(b"\r\n") == 1 and unfolded.endswith(b"\r\n")
    assert not any(byte < 0x20 and byte != 0x09 for byte in unfolded[:-2])


@pytest.mark.parametrize("value", HOSTILE)
def test_a_uri_value_stays_on_its_property_line(value: str) -> None:
    line = raw_line("URL", "https://intranet.example/" + value)
    assert line.count(b"\r\n") == 1 and not any(byte < 0x20 for byte in line[:-2].replace(b"\r\n ", b""))


def test_escape_keeps_tab_and_writes_newlines_as_escapes() -> None:
    assert escape("a\tb\r\nc") == "a\tb\\nc"


@pytest.mark.parametrize("value", ["=1+1", "+84 912", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("h","x")'])
def test_a_csv_cell_that_starts_a_formula_gets_an_apostrophe(value: str) -> None:
    assert csv_cell(value) == "'" + value and csv_cell("Sở Nội vụ") == "Sở Nội vụ"


@pytest.mark.parametrize("value", ["=1+1", "-Sở", "@x", "a\x0bb\x00"])
def test_an_xlsx_text_cell_is_never_a_formula_nor_illegal_xml(value: str) -> None:
    book = Workbook()
    put(book.active, 1, 1, value)
    out = io.BytesIO()
    book.save(out)
    cell = load_workbook(io.BytesIO(out.getvalue())).active.cell(1, 1)
    assert cell.data_type == "s" and cell.value == value.replace("\x0b", "").replace("\x00", "")


def test_docx_text_drops_what_xml_forbids_and_keeps_line_breaks() -> None:
    assert xml_text("a\x00b\x0bc\nd\tě") == "abc\nd\tě"
