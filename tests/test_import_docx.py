"""Word files shaped like real plans (built from the corpus texts) import to the same header.

tests/support/corpus_docx.py writes each corpus document that has a header (and each
with a task) as Word lays it out: the two-column header table, automatically numbered
lists whose numbers are not in the text, bulleted lists, a task table. Held-out
documents are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import CASES, ROOT
from docx import Document
from support.corpus_docx import build, expected, has_header

from kehoach.authoring.docx_text import docx_blocks
from kehoach.authoring.draft import header_facts
from kehoach.authoring.importer import read_draft

CORPUS = CASES / "import" / "corpus"
KEYS = ("parent", "issuer_name", "number", "symbol", "place", "date", "type", "subject", "year")
# An OCR page that lost every diacritic (03) is a scan, not a typed Word header: it is not shaped.
SHAPED = [folder.name for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir())
          if not yaml.safe_load((folder / "meta.yml").read_text(encoding="utf-8"))["held_out"]
          and (has_header(folder) or expected(folder)["tasks"])
          and re.search("[À-ỹ]", (folder / "source.txt").read_text(encoding="utf-8"))]


def test_the_shaped_documents_cover_the_header_layouts_and_the_tasks() -> None:
    assert len(SHAPED) == 43 and {"04-ban-dan-van-tw-17-dai-hoi-thi-dua", "22-tuyen-quang-doanh-nhan-tieu-bieu",
                                  "31-son-la-ubnd-68-quan-he-lao-dong"} <= set(SHAPED)


@pytest.mark.parametrize("name", SHAPED)
def test_a_word_plan_imports_to_the_header_and_tasks_written_by_hand(name: str, tmp_path: Path) -> None:
    folder = CORPUS / name
    draft = read_draft(build(folder, tmp_path / f"{name}.docx"), ROOT / "plans")
    want = expected(folder)
    got = header_facts(draft)
    assert {k: str(got[k]) for k in KEYS} == {k: str(want[k]) for k in KEYS}
    for task in want["tasks"]:
        assert any(t["title"].startswith(task["title_start"]) and t["deadline"]["text"] == task["deadline"]
                   for t in draft.tasks if t.get("deadline")), task


def test_word_list_numbers_are_read_from_the_numbering_not_the_text(tmp_path: Path) -> None:
    path = build(CORPUS / "13-nam-dinh-ubnd-60-dien-hinh-tien-tien", tmp_path / "13.docx")
    texts = [p.text for p in Document(str(path)).paragraphs]
    blocks = [b for b in docx_blocks(path) if isinstance(b, str)]
    assert "Mục đích" in texts and "1. Mục đích" not in texts
    assert blocks[blocks.index("I. MỤC ĐÍCH, YÊU CẦU") + 1] == "1. Mục đích"


def test_a_task_table_keeps_its_deadline_column(tmp_path: Path) -> None:
    path = build(CORPUS / "22-tuyen-quang-doanh-nhan-tieu-bieu", tmp_path / "22.docx")
    rows = [b for b in docx_blocks(path) if isinstance(b, list)]
    assert rows[0] == ["TT", "Nội dung", "Thời gian"] and rows[1][0] == "2" and rows[1][2] == "trong tháng 6/2022"
