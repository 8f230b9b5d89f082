"""The search box finds the same plan pages whether a query is typed with diacritics or without."""

from __future__ import annotations

import pytest
from browser_site import path_of
from site_search import search

pytestmark = pytest.mark.browser

PAIRS = [
    ("thi đua", "thi dua"),
    ("khen thưởng", "khen thuong"),
    ("Sở Nội vụ", "so noi vu"),
    ("Đồng Nai", "dong nai"),
]


def plan_pages(page, base_url: str, query: str) -> list[str]:
    """Plan pages among the results of `query`, in result order, each once."""
    paths = [path_of(url, base_url) for url in search(page, query)]
    return list(dict.fromkeys(path for path in paths if path.startswith("ke-hoach/")))


def required(query: str) -> str:
    """The query with every word required (`+word`): no page matches on one word alone."""
    return " ".join(f"+{word}" for word in query.split())


def test_queries_with_and_without_diacritics_find_the_same_plan_pages(page, base_url):
    page.goto("")
    found = {query: plan_pages(page, base_url, query) for pair in PAIRS for query in pair}
    report = "\n".join(f"{query!r}: {pages}" for query, pages in found.items())
    for accented, plain in PAIRS:
        assert found[accented], f"{accented!r} found no plan page\n{report}"
        assert sorted(found[plain]) == sorted(found[accented]), f"{accented!r} and {plain!r} differ\n{report}"


def test_folded_words_never_show_in_the_results(page):
    page.goto("")
    assert search(page, "khen thuong"), "search found nothing for 'khen thuong'"
    assert page.locator(".md-search-result [data-fold]").count() > 0, "the results carry no folded words"
    assert page.locator(".md-search-result [data-fold]:visible").count() == 0, "folded words show in the results"


def result_pages(page, base_url: str, query: str) -> set[str]:
    return {path_of(url, base_url) for url in search(page, query)}


def test_unaccented_words_are_matched_one_by_one(page, base_url):
    """With every word required, a page matches only if each folded word is in the index, on any page type."""
    page.goto("")
    for accented, plain in PAIRS:
        with_marks = result_pages(page, base_url, required(accented))
        without = result_pages(page, base_url, required(plain))
        assert any(path.startswith("ke-hoach/") for path in with_marks), f"{required(accented)!r} found no plan"
        assert with_marks <= without, f"{required(plain)!r} misses {sorted(with_marks - without)}"


def test_words_after_a_slash_a_bracket_or_a_quote_are_found(page, base_url):
    """mkdocs.yml's search separator: with Material's default ([\\s\\-]+) both queries found no page at all."""
    page.goto("")
    assert len(plan_pages(page, base_url, "NĐ")) >= 3, "«NĐ» of «91/2017/NĐ-CP» (legal bases) not found"
    assert plan_pages(page, base_url, "1948") == ["ke-hoach/2023/dong-nai-ke-hoach-274/"]
