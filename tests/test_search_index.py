"""What Material's search index holds for a built site: each thing once, at its best page.

Plan pages give the document (number, subject, text) and their tasks' titles; agency pages give
the agency's name and other names; year pages their title. Lists that repeat those (home, years
index, an agency's tasks), and what changes daily or repeats on every page (statuses, counts,
deadlines, agency cells, the national motto, recipients, feed boxes, the timeline) stay out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_search import matches
from test_site import TINY_CONFIG, build_tiny_site

from kehoach.site.search import tokens

PLAN = "ke-hoach/2024/ke-hoach-mau/"
AGENCY = "co-quan/thu-nghiem/so-tai-chinh/"
TASK_TITLES = ("Phát động phong trào thi đua năm 2024", "Sơ kết 6 tháng", "Bố trí kinh phí khen thưởng",
               "Sở Nội vụ tuyên truyền các phong trào thi đua.", "Báo cáo tổng kết năm")
PLAN_HEADINGS = ["I. MỤC ĐÍCH, YÊU CẦU", "II. TỔ CHỨC THỰC HIỆN"]
NEVER_INDEXED = ("Sắp đến hạn", "Chưa thực hiện", "Hoàn thành", "hạn thực tế", "theo mục", "CỘNG HÒA",
                 "Độc lập", "Nơi nhận", "Lưu: VT", "Tải tệp", "Dòng thời gian", "Hình thoi", "Ghi chú khi chép",
                 "Bản nguồn để trống", "Thời hạn", "Chủ trì", "Phối hợp", "tính đến ngày", "Không có.",
                 "Thành viên nhóm", "Thuộc nhóm", "Tất cả cơ quan")


def build_index(root: Path, config: str, body_end: str = "") -> list[dict[str, str]]:
    """Build the tiny plans tree with `config` (and `body_end` added to the plan's text); return its index entries."""
    site = build_tiny_site(root, config, body_end)
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    return build_index(tmp_path_factory.mktemp("index"), TINY_CONFIG)


def with_options(**options: object) -> str:
    """The tiny site's mkdocs.yml with these kehoach options added."""
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items())
    config = TINY_CONFIG.replace("  - kehoach:\n", f"  - kehoach:\n{lines}")
    assert lines in config
    return config


# Quarter II's three tasks also shown in place, one after another, then a closing paragraph.
BODY_END = "\n<!-- nhiem-vu: quy-ii -->\n\nKết thúc kế hoạch.\n"


@pytest.fixture(scope="module")
def index_of_titles(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    return build_index(tmp_path_factory.mktemp("index-titles"), with_options(search="titles"), BODY_END)


def pages_of(entries: list[dict[str, str]]) -> set[str]:
    return {entry["location"].split("#")[0] for entry in entries}


def text_of(entries: list[dict[str, str]], page: str) -> str:
    return " ".join(f"{e['title']} {e['text']}" for e in entries if e["location"].split("#")[0] == page)


def found(entries: list[dict[str, str]], query: str) -> list[str]:
    """Pages of the entries matching every word of `query`, those matching in their title first.

    The query is split as lunr splits it (on spaces and hyphens), each word required.
    """
    every = " ".join(f"+{word}" for word in tokens(query))
    hits = [e for e in entries if matches(e, every)]
    in_title = [e for e in hits if matches({"title": e["title"], "text": ""}, every)]
    return list(dict.fromkeys(e["location"].split("#")[0] for e in in_title + hits))


def test_plan_agency_year_and_guide_pages_are_indexed_home_and_years_index_are_not(index) -> None:
    pages = pages_of(index)
    assert {PLAN, AGENCY, "nam/2024/", "co-quan/", "huong-dan/"} <= pages
    assert "" not in pages and "nam/" not in pages


def test_the_plan_page_holds_its_number_text_and_task_titles(index) -> None:
    plan = text_of(index, PLAN)
    for text in ("05/QĐ-UBND", "KH-SNV", "Ban hành Kế hoạch công tác thi đua", "Đẩy mạnh phong trào thi đua yêu nước",
                 "Nguyễn Văn A", *TASK_TITLES):
        assert text in plan, text


def test_statuses_deadlines_agency_cells_and_boilerplate_are_not_indexed(index) -> None:
    for entry in index:
        if entry["location"] != "huong-dan/":
            for text in NEVER_INDEXED:
                assert text not in entry["text"], (entry["location"], text)
    plan = text_of(index, PLAN)
    for name in ("Sở Tài chính tỉnh Thử Nghiệm", "Sở Thông tin và Truyền thông", "Các sở, ban, ngành tỉnh"):
        assert name not in plan, name


def test_every_entry_has_its_own_title_and_no_section_is_left_empty(index) -> None:
    """An excluded box must take its heading along: no entry falls back to the page title with no text."""
    for entry in index:
        if "#" in entry["location"]:
            assert entry["text"].split("<span hidden data-fold>")[0].strip(), entry
    assert not [e for e in index if e["location"].endswith(("#kh-dong-thoi-gian", "#kh-lich"))]


def test_an_agency_page_holds_its_names_not_its_tasks(index) -> None:
    agency = text_of(index, "co-quan/thu-nghiem/so-noi-vu/")
    assert "Sở Nội vụ tỉnh Thử Nghiệm" in agency and "Sở Nội vụ" in agency
    for title in TASK_TITLES:
        assert title not in agency, title


def test_a_task_a_plan_number_and_an_agency_are_found_at_their_page_with_or_without_diacritics(index) -> None:
    for query in ("Phát động phong trào", "phat dong phong trao", "Bố trí kinh phí", "bo tri kinh phi",
                  "05/QĐ-UBND", "05/qd-ubnd"):
        assert found(index, query)[:1] == [PLAN], query
    for query in ("Sở Tài chính", "so tai chinh"):
        assert found(index, query)[:1] == [AGENCY], query
    assert found(index, "Sở Tài chính") == [AGENCY]  # named once: on its own page, not in the plan's cells


def test_an_agency_page_gives_no_entry_for_its_task_groups(index) -> None:
    """Its groups' headings ("Quá hạn", "Sắp đến hạn") were entries holding nothing but the heading."""
    agency_entries = [e for e in index if e["location"].startswith("co-quan/") and e["location"] != "co-quan/"]
    assert agency_entries and not [e for e in agency_entries if "#" in e["location"]]
    assert {e["location"] for e in agency_entries} == {e["location"].split("#")[0] for e in agency_entries}


def test_in_full_mode_the_plan_gives_its_headings_with_their_text(index) -> None:
    plan = {e["title"]: e["text"] for e in index if e["location"].startswith(PLAN + "#")}
    assert PLAN_HEADINGS <= list(plan) and "Báo cáo định kỳ" in plan
    assert "Sở Nội vụ tuyên truyền" in plan["II. TỔ CHỨC THỰC HIỆN"]


def test_in_titles_mode_the_plan_gives_its_heading_block_and_headings_not_its_text_or_tasks(index_of_titles) -> None:
    entries = [e for e in index_of_titles if e["location"].split("#")[0] == PLAN]
    opening, sections = entries[0], entries[1:]
    assert opening["location"] == PLAN
    for text in ("05/QĐ-UBND", "KH-SNV", "Ban hành Kế hoạch công tác thi đua"):
        assert text in opening["text"], text
    assert [e["title"] for e in sections] == PLAN_HEADINGS  # "Báo cáo định kỳ", on every plan, is left out
    assert all(e["text"].split("<span hidden data-fold>")[0] == "" for e in sections)
    plan = text_of(index_of_titles, PLAN)
    for text in ("Đẩy mạnh phong trào thi đua yêu nước", "Kết thúc kế hoạch.", *TASK_TITLES):
        assert text not in plan, text


def test_in_titles_mode_plans_are_found_by_number_and_heading_agencies_as_in_full_mode(index, index_of_titles) -> None:
    for query in ("05/QĐ-UBND", "05/qd-ubnd", "ban hanh ke hoach"):
        assert found(index_of_titles, query)[:1] == [PLAN], query
    assert found(index_of_titles, "to chuc thuc hien") == [PLAN]
    assert found(index_of_titles, "Bố trí kinh phí") == []  # a task: on its plan page, not in the index
    assert found(index_of_titles, "Sở Tài chính") == [AGENCY]
    others = [e for e in index if not e["location"].startswith(PLAN)]
    assert [e for e in index_of_titles if not e["location"].startswith(PLAN)] == others


def test_auto_indexes_titles_from_the_threshold_on(tmp_path: Path, index, index_of_titles) -> None:
    """The tiny site has one plan: a threshold of 1 gives the titles index, of 2 the full one."""
    assert index != index_of_titles
    at = build_index(tmp_path / "at", with_options(search="auto", search_titles_from=1), BODY_END)
    assert at == index_of_titles
    below = build_index(tmp_path / "below", with_options(search_titles_from=2))  # auto is the default
    assert below == index
