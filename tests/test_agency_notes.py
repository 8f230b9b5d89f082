"""Agency notes shown to readers state what a document says and where; reasoning is for maintainers.

A registry entry's `note` is printed on its agency page («Ghi chú: …»); what the
person who wrote the entry inferred or doubts goes in its `source` notes, which
the page folds away after the lists, out of search and print, as a plan's
transcription notes are.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from kehoach.core.loader import load_corpus
from kehoach.site.builder import build_pages
from kehoach.site.options import Options

SEEDS = Path("/work/shared/seeds")
# Words of reasoning or doubt met in the registry's notes before they were split.
MARKERS = ("suy ra", "có lẽ", "gắn với", "chưa rõ", "đoán", "có thể", "chưa xác minh", "chưa đối chiếu",
           "mô hình chung", "hiểu là", "ý là", "như ở")
CORPUS = load_corpus([ROOT / "plans"], base=ROOT)
NOTED = sorted((a for a in CORPUS.agencies.values() if a.note), key=lambda a: a.id)


def _reasoning(text: str) -> list[str]:
    lower = text.lower()
    return [m for m in MARKERS if re.search(rf"(?<!\w){m}(?!\w)", lower)]


def _haystack() -> str:
    """Every plan file and seed, with runs of white space (YAML folding, Markdown) as one space."""
    files = sorted((ROOT / "plans").glob("[0-9]*/*/*")) + sorted(SEEDS.glob("*.txt"))
    return " ".join(" ".join(p.read_text(encoding="utf-8").replace("**", "").split()) for p in files)


def test_the_registry_has_notes_to_check() -> None:
    assert len(NOTED) >= 10
    assert sum(bool(a.source) for a in CORPUS.agencies.values()) >= 10


@pytest.mark.parametrize("agency", NOTED, ids=[a.id for a in NOTED])
def test_a_reader_shown_note_holds_no_reasoning(agency) -> None:  # type: ignore[no-untyped-def]
    assert _reasoning(agency.note) == [], agency.note


@pytest.mark.parametrize("agency", NOTED, ids=[a.id for a in NOTED])
def test_a_reader_shown_note_names_the_document_it_comes_from(agency) -> None:  # type: ignore[no-untyped-def]
    assert re.search(r"(Kế hoạch|Quyết định)\b", agency.note), agency.note


@pytest.mark.parametrize("agency", NOTED, ids=[a.id for a in NOTED])
def test_what_a_note_quotes_is_written_in_a_plan(agency) -> None:  # type: ignore[no-untyped-def]
    haystack = _haystack()
    quoted = [q.rstrip("…") for q in re.findall(r"«(.+?)»", agency.note)]
    assert quoted, f"{agency.id}: quote the document's words in «…»"
    missing = [q for q in quoted if " ".join(q.split()) not in haystack]
    assert missing == [], f"{agency.id}: not found in plans/ or the seeds: {missing}"


@pytest.fixture(scope="module")
def agency_pages() -> dict[str, str]:
    pages = build_pages(CORPUS, Options(date(2024, 6, 10), "https://intranet.example/kehoach/"))
    return {path: page for path, page in pages.items() if path.startswith("co-quan/")}


def test_agency_pages_show_no_reasoning_before_the_folded_notes(agency_pages: dict[str, str]) -> None:
    assert agency_pages
    for path, page in agency_pages.items():
        shown = page.split("<details>")[0]
        assert _reasoning(" ".join(re.findall(r"Ghi chú: (.*?)</p>", shown))) == [], path


def test_the_maintainers_notes_are_folded_away_out_of_search(agency_pages: dict[str, str]) -> None:
    agency = CORPUS.agencies["son-la/so-noi-vu"]
    page = agency_pages["co-quan/son-la/so-noi-vu.md"]
    folded = page.split('<div class="kh-screen kh-notes" data-search-exclude>\n<details>\n'
                        "<summary>Ghi chú khi lập danh mục (dành cho người cập nhật danh mục)</summary>")
    assert len(folded) == 2, "the agency's source notes are not in one folded block"
    assert f"<strong>Chưa chắc chắn:</strong> {agency.source[0].text}" in folded[1]
    assert agency.source[0].text not in folded[0]
    assert f"Ghi chú: {agency.note}" in folded[0]
