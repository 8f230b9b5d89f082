"""What Pagefind indexes of a built site: each thing once, at its best page.

Read from the fragments Pagefind writes (one a page: its address, title, indexed
text and headings). Plan pages give the document (number, subject, text) and
their tasks' titles; agency pages give the agency's name and other names; year
pages their title. Lists that repeat those (home, years index, an agency's
tasks), and what changes daily or repeats on every page (statuses, counts,
deadlines, agency cells, the national motto, recipients, feed boxes, the
timeline) stay out.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_site import TINY_CONFIG, build_tiny_site

from kehoach.core.text import fold
from kehoach.site import search
from kehoach.site.indexer import Indexer
from kehoach.site.search import MATERIAL_INDEX, PAGE_LIST, fragments
from kehoach.site.wordindex import FOLDER

PLAN = "ke-hoach/2024/ke-hoach-mau/"
AGENCY = "co-quan/thu-nghiem/so-tai-chinh/"
TASK_TITLES = ("Phát động phong trào thi đua năm 2024", "Sơ kết 6 tháng", "Bố trí kinh phí khen thưởng",
               "Sở Nội vụ tuyên truyền các phong trào thi đua.", "Báo cáo tổng kết năm")
PLAN_HEADINGS = ["I. MỤC ĐÍCH, YÊU CẦU", "II. TỔ CHỨC THỰC HIỆN"]
NEVER_INDEXED = ("Sắp đến hạn", "Chưa thực hiện", "Hoàn thành", "hạn thực tế", "theo mục", "CỘNG HÒA",
                 "Độc lập", "Nơi nhận", "Lưu: VT", "Tải tệp", "Dòng thời gian", "Hình thoi", "Ghi chú khi chép",
                 "Bản nguồn để trống", "Thời hạn", "Chủ trì", "Phối hợp", "tính đến ngày", "Không có.",
                 "Thành viên nhóm", "Thuộc nhóm", "Tất cả cơ quan", "¶", "Báo cáo định kỳ")
# Quarter II's three tasks also shown in place, one after another, then a closing paragraph.
BODY_END = "\n<!-- nhiem-vu: quy-ii -->\n\nKết thúc kế hoạch.\n"

Index = dict[str, dict]  # page address -> its fragment


def build_index(root: Path, config: str, body_end: str = "") -> Index:
    """Build the tiny plans tree with `config` (and `body_end` added to the plan's text); return what
    Pagefind indexed, by page address."""
    site = build_tiny_site(root, config, body_end)
    return {entry["url"].lstrip("/"): entry for _, entry in fragments(site)}


def with_options(**options: object) -> str:
    """The tiny site's mkdocs.yml with these kehoach options added."""
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items())
    config = TINY_CONFIG.replace("  - kehoach:\n", f"  - kehoach:\n{lines}")
    assert lines in config
    return config


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return build_index(tmp_path_factory.mktemp("index"), TINY_CONFIG, BODY_END)


@pytest.fixture(scope="module")
def index_of_titles(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return build_index(tmp_path_factory.mktemp("index-titles"), with_options(search="titles"), BODY_END)


def headings(index: Index, page: str) -> list[str]:
    """The headings that give a page's sections (Pagefind keeps the id of an excluded one, with no text,
    and makes no section of it)."""
    return [a["text"] for a in index[page]["anchors"] if a["element"] in ("h2", "h3") and a["text"].strip()]


def found(index: Index, query: str) -> list[str]:
    """Pages holding every folded word of `query` as the start of a folded word (as the search box
    asks Pagefind), those with every word in their title first."""
    words = fold(query).replace("/", " ").replace("-", " ").split()

    def holds(text: str) -> bool:
        present = fold(text).replace("/", " ").replace("-", " ").split()
        return all(any(token.startswith(word) for token in present) for word in words)

    hits = [page for page, entry in index.items() if holds(entry["content"])]
    return sorted(hits, key=lambda page: not holds(index[page]["meta"]["title"]))


def test_plan_agency_year_and_guide_pages_are_indexed_home_and_years_index_are_not(index) -> None:
    assert {PLAN, AGENCY, "nam/2024/", "co-quan/", "huong-dan/"} <= set(index)
    assert "" not in index and "nam/" not in index


def test_the_plan_page_holds_its_title_number_text_and_task_titles(index) -> None:
    plan = index[PLAN]["content"]
    for text in ("05/QĐ-UBND", "KH-SNV", "Ban hành Kế hoạch công tác thi đua", "Đẩy mạnh phong trào thi đua yêu nước",
                 "Nguyễn Văn A", "Kết thúc kế hoạch.", *TASK_TITLES):
        assert text in plan, text
    assert headings(index, PLAN) == PLAN_HEADINGS  # "Báo cáo định kỳ", on every plan, is left out


def test_statuses_deadlines_agency_cells_and_boilerplate_are_not_indexed(index) -> None:
    for page, entry in index.items():
        if page != "huong-dan/":
            for text in NEVER_INDEXED:
                assert text not in entry["content"], (page, text)
                assert text not in entry["meta"]["title"], (page, text)
    for name in ("Sở Tài chính tỉnh Thử Nghiệm", "Sở Thông tin và Truyền thông", "Các sở, ban, ngành tỉnh"):
        assert name not in index[PLAN]["content"], name


def test_an_agency_page_holds_its_names_not_its_tasks_nor_its_group_headings(index) -> None:
    agency = index["co-quan/thu-nghiem/so-noi-vu/"]
    assert agency["meta"]["title"] == "Sở Nội vụ tỉnh Thử Nghiệm" and "Sở Nội vụ" in agency["content"]
    for title in TASK_TITLES:
        assert title not in agency["content"], title
    assert headings(index, "co-quan/thu-nghiem/so-noi-vu/") == []


def test_a_task_a_plan_number_and_an_agency_are_found_at_their_page_with_or_without_diacritics(index) -> None:
    for query in ("Phát động phong trào", "phat dong phong trao", "Bố trí kinh phí", "bo tri kinh phi",
                  "05/QĐ-UBND", "05/qd-ubnd"):
        assert found(index, query)[:1] == [PLAN], query
    for query in ("Sở Tài chính", "so tai chinh"):
        assert found(index, query) == [AGENCY], query  # named once: on its own page, not in the plan's cells


def test_in_titles_mode_the_plan_keeps_its_heading_block_headings_and_tasks_not_its_text(index_of_titles) -> None:
    plan = index_of_titles[PLAN]["content"]
    for text in ("05/QĐ-UBND", "KH-SNV", "Ban hành Kế hoạch công tác thi đua", *TASK_TITLES):
        assert text in plan, text
    assert headings(index_of_titles, PLAN) == PLAN_HEADINGS
    for text in ("Đẩy mạnh phong trào thi đua yêu nước", "Kết thúc kế hoạch."):
        assert text not in plan, text


def test_in_titles_mode_only_plan_pages_change(index, index_of_titles) -> None:
    assert set(index) == set(index_of_titles)
    assert [e for p, e in index.items() if p != PLAN] == [e for p, e in index_of_titles.items() if p != PLAN]
    assert index[PLAN] != index_of_titles[PLAN]


def test_auto_indexes_titles_from_the_threshold_on(tmp_path: Path, index, index_of_titles) -> None:
    """The tiny site has one plan: a threshold of 1 gives the titles index, of 2 the full one."""
    at = build_index(tmp_path / "at", with_options(search="auto", search_titles_from=1), BODY_END)
    assert at[PLAN] == index_of_titles[PLAN]
    below = build_index(tmp_path / "below", with_options(search_titles_from=2), BODY_END)  # auto is the default
    assert below[PLAN] == index[PLAN]


def test_the_page_list_names_every_indexed_page_and_material_keeps_only_its_settings(tmp_path: Path) -> None:
    site = build_tiny_site(tmp_path)
    listed = json.loads((site / PAGE_LIST).read_text(encoding="utf-8"))
    assert {key: value for key, value in listed.items()} == {
        path.stem: [entry["url"].lstrip("/"), entry["meta"]["title"]] for path, entry in fragments(site)}
    assert listed and all(url and title for url, title in listed.values())
    material = json.loads((site / MATERIAL_INDEX).read_text(encoding="utf-8"))
    assert material["docs"] == [] and material["config"]["lang"] == ["vi"]


@pytest.mark.parametrize("mode", ["full", "titles"])
def test_the_cut_pages_make_the_bundle_the_written_pages_make(tmp_path: Path, mode) -> None:
    """Under serve the bundle is made from each page cut to what Pagefind reads (`indexer.searchable_part`), in
    a thread; a one-off build's, from the written pages: the same files, byte for byte."""
    site = build_tiny_site(tmp_path / "site", with_options(search=mode), BODY_END)
    written = files(site / search.BUNDLE)
    indexer, reports = Indexer(), []
    indexer.use(search.EXCLUDE + (search.TITLES_EXCLUDE if mode == "titles" else ()))
    shutil.rmtree(site / search.BUNDLE)
    indexer.index(site, [page.relative_to(site).as_posix() for page in site.rglob("*.html")],
                  lambda message, failed: reports.append((message, failed)))
    indexer.wait()
    assert len(reports) == 1 and reports[0][0].startswith("Đã cập nhật chỉ mục tìm kiếm") and not reports[0][1]
    cut = files(site / search.BUNDLE)
    assert any(name.startswith("fragment/") for name in written) and cut.keys() == written.keys()
    assert [name for name in cut if cut[name] != written[name]] == []
    assert indexer.staging is not None and sum(1 for _ in indexer.staging.rglob("*.html")) == len(list(fragments(site)))
    shutil.rmtree(indexer.staging)


def files(bundle: Path) -> dict[str, bytes]:
    """Every file of a Pagefind bundle by its path in the bundle."""
    return {path.relative_to(bundle).as_posix(): path.read_bytes() for path in sorted(bundle.rglob("*"))
            if path.is_file()}


def test_the_word_index_lists_each_page_under_its_folded_words_titles_marked(tmp_path: Path) -> None:
    site = build_tiny_site(tmp_path)
    numbers = {url: number for number, (url, _) in
               enumerate(json.loads((site / PAGE_LIST).read_text(encoding="utf-8")).values())}
    postings: dict[str, dict[int, tuple[int, int]]] = {}
    for path in (site / search.BUNDLE / FOLDER).glob("*.json"):
        for word, flat in json.loads(path.read_text(encoding="utf-8")).items():
            assert path.stem == word[:2], (path.name, word)
            page, listed = -1, {}
            for step, times, titled in zip(flat[::3], flat[1::3], flat[2::3], strict=True):
                page += step
                listed[page] = (times, titled)
            postings[word] = listed
    plan, agency = numbers[PLAN], numbers[AGENCY]
    assert postings["phat"][plan][1] == 0 and postings["kinh"][plan] == (1, 0)  # task titles, not the title
    assert postings["tai"][agency][1] == 1 and postings["chinh"][agency][1] == 1  # "Sở Tài chính"
    assert "dua" in postings and "đua" not in postings  # folded
    assert plan not in postings.get("sap", {}) and agency not in postings.get("sap", {})  # "Sắp đến hạn": left out
