"""Exports: every DOCX opened with python-docx and every XLSX with openpyxl, compared to the YAML.

The fixture plan under tests/cases/exports/plans has a decision, a blank number,
a date without its day, tasks in place and in a Phụ lục, a task given to a group
and a deadline on a Saturday; its DOCX outline, CSV and JSON are compared whole
with the files beside it. The real plans under plans/ are checked field by field.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import CASES, ROOT, compare_with_file
from docx.enum.section import WD_ORIENT
from docx.table import Table
from docx.text.paragraph import Paragraph

from kehoach.core.deadlines import due, effective_deadline
from kehoach.core.loader import Corpus, LoadedPlan, load_corpus
from kehoach.core.text import admin_date
from kehoach.core.workdays import effective
from kehoach.exports.files import export_files, plan_csv, stamp
from kehoach.feeds.calendar import plan_base

FIXTURE = CASES / "exports"
TODAY = date(2024, 6, 16)
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def real() -> tuple[Corpus, dict[str, bytes]]:
    corpus = load_corpus([ROOT / "plans"])
    return corpus, export_files(corpus, TODAY)


@pytest.fixture(scope="module")
def fixture() -> tuple[Corpus, dict[str, bytes]]:
    corpus = load_corpus([FIXTURE / "plans"])
    return corpus, export_files(corpus, TODAY)


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _flags(paragraph: Paragraph) -> str:
    runs = [run for run in paragraph.runs if run.text.strip()]
    flags = "".join(mark for mark, test in (("B", all(r.bold for r in runs)), ("I", all(r.italic for r in runs)))
                    if runs and test)
    sizes = {run.font.size.pt for run in runs if run.font.size}
    return f"[{flags}{'/'.join(f'{s:g}' for s in sorted(sizes))}]"


def outline(document: docx.document.Document) -> str:
    """The document's text in reading order: paragraphs with bold/italic/size flags, tables cell by cell."""
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.text.strip():
                lines.append(f"{_flags(block)} {block.text}")
        else:
            for row in block.rows:
                unique = {cell._tc: cell for cell in row.cells}.values()  # a merged cell once
                cells = [" / ".join(f"{_flags(p)} {p.text}" for p in cell.paragraphs if p.text.strip())
                         for cell in unique]
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def all_texts(document: docx.document.Document) -> list[str]:
    """Every paragraph text, table cells included, in reading order."""
    texts = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            texts.extend(p.text for row in block.rows for cell in row.cells for p in cell.paragraphs)
        else:
            texts.append(block.text)
    return texts


# --- the files and their bytes -------------------------------------------------------

def test_paths_follow_the_url_scheme(fixture: tuple[Corpus, dict[str, bytes]]) -> None:
    _, files = fixture
    assert list(files) == [
        "xuat/co-quan/thu-nghiem/cac-so.csv", "xuat/co-quan/thu-nghiem/cac-so.xlsx",
        "xuat/co-quan/thu-nghiem/so-noi-vu.csv",
        "xuat/co-quan/thu-nghiem/so-noi-vu.nhan-bao-cao.csv",  # it forwards a group's report: «Nhận báo cáo»
        "xuat/co-quan/thu-nghiem/so-noi-vu.xlsx",
        "xuat/co-quan/thu-nghiem/so-tai-chinh.csv", "xuat/co-quan/thu-nghiem/so-tai-chinh.xlsx",
        "xuat/co-quan/thu-nghiem/ubnd.nhan-bao-cao.csv",
        "xuat/co-quan/thu-nghiem/ubnd.xlsx",  # no task: it receives a report from a group («Nhận báo cáo»)
        "xuat/ke-hoach/2024/thu-nghiem-xuat.csv", "xuat/ke-hoach/2024/thu-nghiem-xuat.docx",
        "xuat/ke-hoach/2024/thu-nghiem-xuat.json", "xuat/ke-hoach/2024/thu-nghiem-xuat.nhan-bao-cao.csv",
        "xuat/ke-hoach/2024/thu-nghiem-xuat.xlsx",
    ]


def test_every_real_plan_has_four_files(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    for loaded in corpus.plans:
        for ext in ("docx", "xlsx", "csv", "json"):
            assert f"xuat/ke-hoach/{loaded.id}.{ext}" in files


def test_same_plans_give_byte_identical_files(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    assert export_files(load_corpus([ROOT / "plans"]), TODAY) == files


def test_zip_entries_and_properties_carry_the_plan_date_not_the_clock(
        real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    for loaded in corpus.plans:
        for ext in ("docx", "xlsx"):
            day = stamp(loaded.plan) if ext == "xlsx" else plan_base(loaded.plan)
            package = zipfile.ZipFile(io.BytesIO(files[f"xuat/ke-hoach/{loaded.id}.{ext}"]))
            assert {info.date_time for info in package.infolist()} == {(day.year, day.month, day.day, 0, 0, 0)}
            core = package.read("docProps/core.xml").decode()
            assert core.count(f">{day.isoformat()}T00:00:00Z<") >= 2, core


# --- DOCX ------------------------------------------------------------------------------

def test_fixture_docx_outline_matches_the_expected_file(fixture: tuple[Corpus, dict[str, bytes]]) -> None:
    _, files = fixture
    document = open_docx(files["xuat/ke-hoach/2024/thu-nghiem-xuat.docx"])
    compare_with_file(outline(document), FIXTURE / "thu-nghiem-xuat.docx.txt")


def test_docx_pages_are_a4_with_decree_margins_and_hidden_first_page_number(
        real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    for loaded in corpus.plans:
        document = open_docx(files[f"xuat/ke-hoach/{loaded.id}.docx"])
        assert len(document.sections) == (2 if loaded.plan.decision else 1)
        for section in document.sections:
            sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                     section.left_margin, section.right_margin)
            assert [round(size.mm) for size in sizes] == [210, 297, 20, 20, 30, 15]  # stored in twips
            assert section.orientation == WD_ORIENT.PORTRAIT
            assert section.different_first_page_header_footer
        header = document.sections[0].header._element
        assert header.findall(f".//{W_NS}fldSimple")[0].get(f"{W_NS}instr") == "PAGE"
        assert not document.sections[0].first_page_header.paragraphs[0].text


def test_docx_uses_times_new_roman_for_every_script(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    document = open_docx(files[f"xuat/ke-hoach/{corpus.plans[0].id}.docx"])
    for rpr in (document.styles["Normal"].element.rPr,
                document.styles.element.find(f"{W_NS}docDefaults").find(f".//{W_NS}rPr")):
        fonts = rpr.find(f"{W_NS}rFonts")
        assert {fonts.get(f"{W_NS}{script}") for script in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            "Times New Roman"}
        assert fonts.get(f"{W_NS}asciiTheme") is None


def test_docx_header_table_shows_issuer_number_motto_and_date(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    loaded = next(p for p in corpus.plans if p.id == "2023/dong-nai-ke-hoach-274")
    header = open_docx(files[f"xuat/ke-hoach/{loaded.id}.docx"]).tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"]
    assert [p.text for p in right.paragraphs if p.text] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                            "Độc lập - Tự do - Hạnh phúc"]
    assert header.rows[1].cells[0].text == "Số: 274/KH-UBND"
    assert header.rows[1].cells[1].text == "Đồng Nai, " + admin_date(date(2022, 12, 23))
    assert header._tbl.find(f".//{W_NS}tblBorders") is None  # "Normal Table": no borders


def test_docx_holds_every_task_title_in_plan_order_per_section(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    for loaded in corpus.plans:
        texts = all_texts(open_docx(files[f"xuat/ke-hoach/{loaded.id}.docx"]))
        for section in loaded.plan.sections:
            start = 0
            for task in (t for t in loaded.plan.tasks if t.section == section.id):
                found = [i for i, text in enumerate(texts) if i >= start and text.endswith(task.title)]
                assert found, f"{loaded.id}: {task.id} missing or out of order"
                start = found[0] + 1


def test_docx_ends_with_recipients_and_signer(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    for loaded in corpus.plans:
        texts = all_texts(open_docx(files[f"xuat/ke-hoach/{loaded.id}.docx"]))
        for document in filter(None, (loaded.plan.decision, loaded.plan.document)):
            for recipient in document.recipients:
                assert f"- {recipient.text}" in texts
            if document.signer and document.signer.name:
                assert document.signer.name in texts


def test_docx_appendix_table_repeats_its_header_row(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    loaded = next(p for p in corpus.plans if p.plan.appendix)
    table = open_docx(files[f"xuat/ke-hoach/{loaded.id}.docx"]).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["TT", "Nội dung", "Thời gian thực hiện", "Cơ quan chủ trì",
                                                      "Cơ quan phối hợp"]
    assert table.rows[0]._tr.find(f".//{W_NS}tblHeader") is not None
    titles = {row.cells[1].text for row in table.rows}
    assert {t.title for t in loaded.plan.tasks if t.section in loaded.plan.appendix.sections} <= titles


# --- XLSX, CSV, JSON -----------------------------------------------------------------

def _task_values(loaded: LoadedPlan, corpus: Corpus) -> list[tuple[object, ...]]:
    sections = {s.id: s for s in loaded.plan.sections}
    rows = []
    for task in loaded.plan.tasks:
        last = due(effective_deadline(task, sections))
        lead = task.lead_text or "; ".join(corpus.agencies[i].name for i in task.lead)
        rows.append((task.id, task.title, last, effective(last) if last else None, lead))
    return rows


def test_xlsx_task_sheet_matches_the_yaml(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    for loaded in corpus.plans:
        book = openpyxl.load_workbook(io.BytesIO(files[f"xuat/ke-hoach/{loaded.id}.xlsx"]))
        to_groups = [d.id for d in loaded.plan.reporting if d.submissions is not None
                     or any(corpus.agencies[r].kind == "group" for r in d.reporters if r in corpus.agencies)]
        assert book.sheetnames == ["Nhiệm vụ", "Báo cáo định kỳ"] + (["Nhận báo cáo"] if to_groups else [])
        sheet = book["Nhiệm vụ"]
        header = [c.value for c in sheet[4]]
        assert header[:3] == ["TT", "Mục", "Nội dung"] and header[4] == "Hạn cuối"
        assert header[-2:] == ["Mã kế hoạch", "Mã nhiệm vụ"]
        got = [(r[-1], r[2], r[4].date() if r[4] else None, r[5].date() if r[5] else None, r[6] or "")
               for r in sheet.iter_rows(min_row=5, values_only=True)]
        assert got == [(i, " ".join(t.split()), *rest) for i, t, *rest in _task_values(loaded, corpus)]
        assert (sheet.freeze_panes, sheet.auto_filter.ref.split(":")[0], sheet.print_title_rows) == ("A5", "A4",
                                                                                                    "$4:$4")
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet["E5"].number_format == "dd/mm/yyyy" or sheet["E5"].value is None
        reports = list(book["Báo cáo định kỳ"].iter_rows(min_row=5, values_only=True))
        assert [r[1] for r in reports] == [duty.id for duty in loaded.plan.reporting]


def test_csv_has_a_bom_and_parses_back_to_the_tasks(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    for loaded in corpus.plans:
        data = files[f"xuat/ke-hoach/{loaded.id}.csv"]
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert [(r["Mã nhiệm vụ"], r["Nội dung"], r["Hạn cuối"] or None) for r in rows] == [
            (i, " ".join(t.split()), d.isoformat() if d else None) for i, t, d, _, _ in _task_values(loaded, corpus)]


def test_json_round_trips_and_names_every_task(real: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, files = real
    for loaded in corpus.plans:
        data = files[f"xuat/ke-hoach/{loaded.id}.json"]
        parsed = json.loads(data)
        assert (json.dumps(parsed, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode() == data
        assert parsed["schema"] == "kehoach-export/1" and parsed["plan"]["id"] == loaded.id
        assert [(t["id"], t["title"], t["lead"] and t["lead"][0]["id"]) for t in parsed["tasks"]] == [
            (t.id, t.title, t.lead and t.lead[0]) for t in loaded.plan.tasks]


@pytest.mark.parametrize("name", ["thu-nghiem-xuat.csv", "thu-nghiem-xuat.json"])
def test_fixture_csv_and_json_match_the_expected_files(fixture: tuple[Corpus, dict[str, bytes]], name: str) -> None:
    _, files = fixture
    text = files[f"xuat/ke-hoach/2024/{name}"].decode("utf-8-sig").replace("\r\n", "\n")  # CRLF: tested above
    compare_with_file(text, FIXTURE / name)


def test_agency_files_include_tasks_given_to_its_groups(fixture: tuple[Corpus, dict[str, bytes]]) -> None:
    _, files = fixture
    rows = list(csv.DictReader(io.StringIO(files["xuat/co-quan/thu-nghiem/so-tai-chinh.csv"].decode("utf-8-sig"))))
    assert [(r["Mã nhiệm vụ"], r["Vai trò"]) for r in rows] == [("du-toan", "Chủ trì"), ("dang-ky", "Chủ trì")]
    book = openpyxl.load_workbook(io.BytesIO(files["xuat/co-quan/thu-nghiem/so-noi-vu.xlsx"]))
    got = [(r[-1], r[4], r[6]) for r in book["Nhiệm vụ"].iter_rows(min_row=5, values_only=True)]
    assert [(i, role, day.date() if day else None) for i, role, day in got] == [
        ("huong-dan", "Chủ trì", date(2024, 3, 14)), ("du-toan", "Phối hợp", date(2024, 6, 1)),
        ("dang-ky", "Chủ trì", date(2024, 6, 30))]


# --- the command -----------------------------------------------------------------------

def test_export_command_writes_every_file(kehoach: Callable[[list[str], Path], tuple[int, str]],
                                          fixture: tuple[Corpus, dict[str, bytes]], tmp_path: Path) -> None:
    _, files = fixture
    code, output = kehoach(["export", str(FIXTURE / "plans"), "--out", str(tmp_path), "--today", "2024-06-16"], ROOT)
    assert code == 0, output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == list(files)
    assert all((tmp_path / path).read_bytes() == data for path, data in files.items())
    assert output == f"Đã ghi 14 tệp vào {tmp_path / 'xuat'}\n"


def test_exports_made_after_the_plan_ended_read_no_outcome_recorded(
        fixture: tuple[Corpus, dict[str, bytes]]) -> None:
    corpus, _ = fixture
    (loaded,) = corpus.plans
    during = plan_csv(loaded, corpus.agencies, date(2024, 12, 31)).decode("utf-8-sig")
    after = plan_csv(loaded, corpus.agencies, date(2025, 1, 1)).decode("utf-8-sig")
    assert "Không ghi nhận kết quả" not in during and "Chưa thực hiện" in during
    assert "Chưa thực hiện" not in after and "Đang thực hiện" not in after
    assert after.count("Không ghi nhận kết quả") == sum(t.status.state != "done" for t in loaded.plan.tasks)
    assert after.count("Đã hoàn thành") == during.count("Đã hoàn thành") > 0


def test_export_command_stops_on_plan_errors(kehoach: Callable[[list[str], Path], tuple[int, str]],
                                             tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    (plans / "agencies").mkdir(parents=True)
    (plans / "2024" / "hong").mkdir(parents=True)
    (plans / "2024" / "hong" / "ke-hoach.yml").write_text("year: 2024\n", encoding="utf-8")
    code, output = kehoach(["export", str(plans), "--out", str(tmp_path / "out")], tmp_path)
    assert code == 1 and "KH203" in output
    assert not (tmp_path / "out").exists()
