"""The search box finds the same pages, best first, whether a query is typed with diacritics or without.

Material's box, answered by Pagefind through kehoach's worker (site/search.py), on a desk (1366 px)
and on a phone (390 px).
"""

from __future__ import annotations

import re

import pytest
from browser_site import path_of
from site_search import first_result, search

from kehoach.core.text import fold

pytestmark = pytest.mark.browser

# (with diacritics, without, what the first result must show: in its address, title or text)
PAIRS = [
    ("sở nội vụ", "so noi vu", "title", r"^Sở Nội vụ "),  # not "Văn", "viên", "Việt" (Material's trimmed "v*")
    ("thi đua", "thi dua", "address", r"^ke-hoach/"),
    ("Đồng Nai", "dong nai", "title", r"Đồng Nai$"),
    ("khen thưởng", "khen thuong", "title", r"Khen thưởng"),
    ("quyết định", "quyet dinh", "address", r"^ke-hoach/"),
    ("đại hội", "dai hoi", "text", r"(?i)đại hội"),
]
WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}


def results(page, base_url: str, query: str) -> tuple[list[str], dict[str, str]]:
    """The address of every result, best first, and the first result's address, title and text."""
    paths = [path_of(url, base_url) for url in search(page, query)]
    first = page.locator(".md-search-result__list > li").first
    return paths, {"address": paths[0], "title": first.locator("h1").inner_text(),
                   "text": first_result(page)} if paths else {}


@pytest.mark.parametrize("width", WIDTHS)
def test_queries_with_and_without_diacritics_give_the_same_results_best_first(page, base_url, width) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page.goto("")
    for accented, plain, field, expected in PAIRS:
        found, first = results(page, base_url, accented)
        assert found, f"{accented!r} found nothing"
        assert results(page, base_url, plain)[0] == found, f"{accented!r} and {plain!r} differ"
        assert re.search(expected, first[field]), f"{accented!r}: first result's {field} is {first[field]!r}"
        assert len(found) == len(set(found)), f"{accented!r}: a page is listed twice"


def test_the_first_results_show_the_words_marked_and_the_page_opened_highlights_them(page, base_url) -> None:
    page.goto("")
    search(page, "so noi vu")
    marked = page.locator(".md-search-result__list > li").first.locator("mark")
    assert [fold(word) for word in marked.all_inner_texts()[:3]] == ["so", "noi", "vu"]
    page.locator(".md-search-result__list > li a").first.click()
    page.wait_for_url(re.compile(r"co-quan/[^/]+/so-noi-vu/\?h="))
    highlighted = page.locator("article mark[data-md-highlight]")
    highlighted.first.wait_for()
    assert "so noi vu" in fold(" ".join(highlighted.all_inner_texts()))  # Material joins neighbouring marks


def test_words_after_a_slash_a_bracket_or_a_quote_are_found(page, base_url) -> None:
    page.goto("")
    plans = [p for p in (path_of(url, base_url) for url in search(page, "NĐ")) if p.startswith("ke-hoach/")]
    assert len(plans) >= 2, f"«NĐ» of «91/2017/NĐ-CP» (legal bases) found in {plans}"
    assert [path_of(url, base_url) for url in search(page, "1948")] == ["ke-hoach/2023/dong-nai-ke-hoach-274/"]


def test_the_box_says_it_is_loading_in_vietnamese(site) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<div class="md-search-result__meta">\s*(.*?)\s*</div>', html)
    assert meta and meta[1] == "Đang chuẩn bị tìm kiếm"
