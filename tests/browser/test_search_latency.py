"""bench/search_latency.py measures the real site's search in Chromium: figures only, no time is asserted."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from browser_site import CHROMIUM, LAUNCH_ARGS, REPO

pytestmark = pytest.mark.browser


def bench_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("search_latency", REPO / "bench" / "search_latency.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_launches_chromium_as_the_browser_suite_does() -> None:
    bench = bench_module()
    assert (bench.CHROMIUM, bench.LAUNCH_ARGS) == (CHROMIUM, LAUNCH_ARGS)


def test_measure_reports_the_index_and_the_first_result_of_each_query(site: Path, browser) -> None:
    report = bench_module().measure(site, ("Sở Nội vụ", "so noi vu"), runs=1, browser=browser)
    index = report["index"]
    assert index["bytes"] > index["chunks"]["bytes"] > 0 and index["fragments"]["files"] == index["pages"] > 0
    assert {"plan", "agency"} <= set(index["by_page_type"]) and "home" not in index["by_page_type"]
    assert report["page"].startswith("ke-hoach/")
    for query, row in report["queries"].items():
        assert row["results_shown"] > 0, query
        assert row["first_result_ms"] > row["load_ms"] > 0, (query, row)
        assert row["ready_ms"] > 0, (query, row)
        assert 0 < row["fetched_bytes"] < index["bytes"] and row["requests"] > 2, (query, row)
