"""Driving the search box (Material's, answered by Pagefind) as a reader does, and reading back the result pages."""

from __future__ import annotations

import re

META = ".md-search-result__meta"
READY = "tài liệu liên quan"  # "# tài liệu liên quan" and "Không tìm thấy tài liệu liên quan"
EMPTY = "Nhập để bắt đầu tìm kiếm"
# The box first lists pages from the word index (titles only), then Pagefind's results, whose first has its
# excerpt: wait for those (or for no result at all).
ANSWERED = """() => {
  const first = document.querySelector('.md-search-result__list > li article');
  return !first || first.querySelector('p:not(.md-search-result__terms)') !== null;
}"""
PAGE_LINKS = """() => [...document.querySelectorAll('.md-search-result__list > li > a:first-child')].map(a => a.href)"""
# Material adds four results each time the list *reaches* its bottom (checked once per animation
# frame): leave the bottom for a few frames, then go back.
SCROLL = """async (top) => {
  const wrap = document.querySelector('.md-search__scrollwrap');
  wrap.scrollTop = top ? 0 : wrap.scrollHeight;
  for (let frame = 0; frame < 3; frame++) await new Promise(requestAnimationFrame);
}"""


def result_count(meta: str) -> int:
    """Number of result pages Material announces in the meta line."""
    found = re.search(r"(\d+) tài liệu liên quan", meta)
    return int(found.group(1)) if found else 0


def search(page, query: str, timeout: float = 15_000) -> list[str]:
    """Type `query` into the search box; return the address of every result page, best first.

    Pagefind's answer is waited for (the word index's list comes first). Material renders results ten at a
    time and adds more as the list scrolls, so the list is scrolled until it holds as many pages as the meta
    line says.
    """
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on a phone the box opens from the header's magnifier
        page.locator('label.md-header__button[for="__search"]').click()
    box.fill("")
    box.dispatch_event("keyup")  # Material reads the box on keyup; fill() sends only input events
    page.wait_for_function(f"() => document.querySelector('{META}').textContent.includes('{EMPTY}')", timeout=timeout)
    box.fill(query)
    box.dispatch_event("keyup")
    page.wait_for_function(f"() => document.querySelector('{META}').textContent.includes('{READY}')", timeout=timeout)
    page.wait_for_function(ANSWERED, timeout=timeout)
    total = result_count(page.locator(META).inner_text())
    links = page.evaluate(PAGE_LINKS)
    for _ in range(50):
        if len(links) >= total:
            break
        page.evaluate(SCROLL, True)
        page.evaluate(SCROLL, False)
        links = page.evaluate(PAGE_LINKS)
    assert len(links) == total, f"{query!r}: Material announced {total} pages, the list shows {len(links)}"
    return [re.sub(r"#.*$", "", link) for link in links]


def first_result(page) -> str:
    """The text of the first result (title and excerpt), as the reader sees it."""
    return page.locator(".md-search-result__list > li").first.inner_text()
