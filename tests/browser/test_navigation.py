"""A reader's journey by clicking links: home, a year, a plan, an agency; and no request leaves the site."""

from __future__ import annotations

import re

import pytest
from browser_site import TODAY, corpus, noon, path_of, plan_by_id, plan_ids
from site_search import search

pytestmark = pytest.mark.browser


def heading(page) -> str:
    """Text of the page's first-level heading."""
    return " ".join(page.locator("article h1").first.inner_text().split())


def follow(page, href_end: str) -> None:
    """Click the first visible link whose address ends with `href_end` and wait for its page."""
    page.locator(f'a[href$="{href_end}"]:visible').first.click()
    page.wait_for_url(re.compile(re.escape(href_end) + r"(#.*)?$"))
    page.wait_for_load_state()


def test_home_year_plan_agency_by_clicking_links(page, base_url, network):
    plan_id = plan_ids()[0]
    loaded = plan_by_id(plan_id)
    page.goto("")
    assert heading(page), "the home page has no heading"

    follow(page, f"nam/{loaded.plan.year}/")
    assert str(loaded.plan.year) in heading(page)

    follow(page, f"ke-hoach/{plan_id}/")
    subject = " ".join((loaded.plan.document.subject or loaded.plan.title or "").split())
    assert subject.casefold() in " ".join(page.locator("article").inner_text().split()).casefold()

    agency_link = page.locator('article a[href*="co-quan/"]:visible').first
    agency_id = re.search(r"co-quan/(.+?)/(?:#.*)?$", agency_link.get_attribute("href")).group(1)
    follow(page, f"co-quan/{agency_id}/")
    assert corpus().agencies[agency_id].name in heading(page)

    assert search(page, "khen thưởng"), "search found nothing for 'khen thưởng'"
    visited = {path_of(url, base_url) for url in network.urls}
    assert "search/search_index.json" in visited, "the search box's settings request was not recorded"
    assert any(path.startswith("pagefind/index/") for path in visited), "no search index chunk was requested"
    assert not network.foreign(), "requests to hosts other than the site:\n" + "\n".join(network.foreign())


def test_every_page_type_loads_only_from_the_site(context, page_paths, network):
    tab = context.new_page()
    tab.clock.set_system_time(noon(TODAY))
    for path in page_paths.values():
        response = tab.goto(path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        tab.wait_for_load_state("networkidle")
    assert len(network.urls) > len(page_paths), "too few requests recorded: the recorder is not working"
    assert not network.foreign(), "requests to hosts other than the site:\n" + "\n".join(network.foreign())
