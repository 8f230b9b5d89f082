"""How long the search box takes to answer in Chromium, and how much of its index a query fetches.

Serves a built site on 127.0.0.1 (a static server in a thread), opens Debian's
Chromium through Playwright with the browser suite's launch settings, and per
query measures:

* `first_result_ms`: from navigation start to the first search result shown,
  for a query typed as soon as the page has loaded: loading Pagefind, the index
  chunks of the query's words and the fragments of the results shown are
  included (a fresh browser context each run, so no HTTP cache);
* `cold_ms`: from typing to the first result, on that page just loaded (what a
  reader waits for after typing);
* `answered_ms`: from typing to Pagefind's answer shown (the first list comes
  from the word index, titles only; Pagefind's replaces it, excerpts and all);
* `ready_ms`: from typing the query to its first result shown, once the index
  is ready (the same page, after the first query has answered);
* `cpu_s`: CPU seconds (user + system) the browser's processes spent from
  opening the context to the first result, less sensitive than wall time to
  other work on the machine (read from /proc); `load`: the 1-minute load
  average when the run ended;
* `fetched_bytes`, `requests`: what the run downloaded of the search (Pagefind's
  files and Material's settings file), up to the first result.

Also reports the bundle's bytes and files (index chunks, page fragments) and the
indexed pages per page type.

    .venv/bin/python bench/search_latency.py SITE_DIR              # a built site
    .venv/bin/python bench/search_latency.py --plans 3000           # bench/province.py, build, measure
    .venv/bin/python bench/search_latency.py --plans 300 --runs 1 --query "thi đua"
    .venv/bin/python bench/search_latency.py --plans 3000 --search titles --root /tmp/p3000  # kept, reused

From Python: `measure(Path("site"))` returns a dict (see `measure`). Timings
are printed, never asserted (the VM's clock pauses now and then).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # bench/measure.py
# One query with diacritics and the same without: the folded index must answer both.
DEFAULT_QUERIES = ("khen thưởng", "khen thuong")
BUNDLE, PAGE_LIST = "pagefind", "pagefind/pages.json"  # as kehoach.site.search writes them
SEARCH_FILES = ("pagefind/", "search/search_index.json")  # what the search box downloads
# The same as tests/browser/browser_site.py (a test keeps them equal).
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
LOCAL_HOST = "127.0.0.1"
TIMEOUT_MS = 120_000
INPUT = "input.md-search__input"
# Installed before any page script: notes when the first search result enters the page.
# Also when Pagefind's answer replaces the word index's first list (its first result has an excerpt).
WATCH_FIRST_RESULT = """
window.__khFirstResult = null;
window.__khAnswered = null;
new MutationObserver((changes, observer) => {
  if (window.__khFirstResult === null && document.querySelector('.md-search-result__item'))
    window.__khFirstResult = performance.now();
  if (document.querySelector('.md-search-result__item article p:not(.md-search-result__terms)')) {
    window.__khAnswered = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
# Types a query the way Material reads it (on keyup).
TYPE = """(query) => {
  const box = document.querySelector('input.md-search__input');
  box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  box.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
}"""
# Clears the box, then types a query; resolves with the ms from typing to its first result.
TYPE_AND_WAIT = f"""async (query) => {{
  const type = {TYPE};
  const list = document.querySelector('.md-search-result__list');
  const until = (done) => new Promise((resolve) => {{
    if (done()) return resolve();
    const observer = new MutationObserver(() => {{ if (done()) {{ observer.disconnect(); resolve(); }} }});
    observer.observe(list, {{childList: true, subtree: true}});
  }});
  type('');
  await until(() => !list.querySelector('.md-search-result__item'));
  const start = performance.now();
  type(query);
  await until(() => list.querySelector('.md-search-result__item'));
  return performance.now() - start;
}}"""


def page_type(location: str) -> str:
    """What kind of page an index entry belongs to, from its address."""
    page = location.split("#")[0]
    kinds = {"": "home", "nam/": "years index", "co-quan/": "agencies index"}
    if page in kinds:
        return kinds[page]
    for prefix, kind in (("ke-hoach/", "plan"), ("co-quan/", "agency"), ("nam/", "year")):
        if page.startswith(prefix):
            return kind
    return "other"


def index_stats(site_dir: Path) -> dict[str, Any]:
    """Bytes and files of Pagefind's bundle (all, index chunks, page fragments) and indexed pages per page type."""
    bundle = site_dir / BUNDLE
    sizes = {path: path.stat().st_size for path in bundle.rglob("*") if path.is_file()}
    pages = json.loads((site_dir / PAGE_LIST).read_bytes())
    kinds = Counter(page_type(url) for url, _ in pages.values())

    def part(folder: str) -> dict[str, int]:
        chosen = [size for path, size in sizes.items() if path.parent.name == folder]
        return {"files": len(chosen), "bytes": sum(chosen)}

    return {"bytes": sum(sizes.values()), "files": len(sizes), "pages": len(pages),
            "chunks": part("index"), "fragments": part("fragment"), "by_page_type": dict(kinds.most_common())}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 and a free port, in a thread; yield its base URL."""
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_plan_page(site_dir: Path) -> str:
    """Address of the first plan page indexed (an ordinary page), or of the home page if there is none."""
    pages = sorted(url for url, _ in json.loads((site_dir / PAGE_LIST).read_bytes()).values())
    return next((url for url in pages if page_type(url) == "plan"), "")


def _browser_ticks() -> dict[int, int]:
    """CPU clock ticks (user + system) so far of each descendant of this process (Playwright's driver, the browser)."""
    parent, ticks = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # a process that ended meanwhile
        pid = int(stat.parent.name)
        parent[pid], ticks[pid] = int(fields[1]), int(fields[11]) + int(fields[12])
    mine, todo = set(), [os.getpid()]
    while todo:
        children = [child for child, of in parent.items() if of == todo[-1]]
        todo.pop()
        mine.update(children)
        todo += children
    return {pid: ticks[pid] for pid in mine}


def _cpu_s_since(before: dict[int, int]) -> float:
    """CPU seconds the browser's live processes spent since `before` (a renderer of the previous run that
    exits meanwhile takes its ticks along, so only processes alive now are counted)."""
    now = _browser_ticks()
    return sum(ticks - before.get(pid, 0) for pid, ticks in now.items()) / os.sysconf("SC_CLK_TCK")


def _one_run(browser: Any, base_url: str, site_dir: Path, path: str, query: str) -> dict[str, Any]:
    """Open `path` in a fresh context (empty cache), type `query` once it has loaded, then again once ready."""
    before = _browser_ticks()
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url.removeprefix(base_url).split("?")[0]))
    try:
        page = context.new_page()
        page.add_init_script(WATCH_FIRST_RESULT)
        page.goto(path, wait_until="load")
        page.locator(INPUT).click()
        typed = page.evaluate("() => performance.now()")
        page.evaluate(TYPE, query)
        page.wait_for_function("() => window.__khFirstResult !== null", timeout=TIMEOUT_MS)
        cpu = _cpu_s_since(before)
        page.wait_for_function("() => window.__khAnswered !== null", timeout=TIMEOUT_MS)
        searched = [path for path in fetched if path.startswith(SEARCH_FILES)]
        fetched_bytes = sum((site_dir / path).stat().st_size for path in searched if (site_dir / path).is_file())
        timing = page.evaluate("""() => {
          const nav = performance.getEntriesByType('navigation')[0];
          return {first: window.__khFirstResult, answered: window.__khAnswered, load: nav.loadEventEnd};
        }""")
        ready = page.evaluate(TYPE_AND_WAIT, query)
        results = page.locator(".md-search-result__item").count()
        return {"first_result_ms": timing["first"], "load_ms": timing["load"], "cold_ms": timing["first"] - typed,
                "answered_ms": timing["answered"] - typed,
                "ready_ms": ready, "cpu_s": round(cpu, 2), "load": os.getloadavg()[0], "results_shown": results,
                "fetched_bytes": fetched_bytes, "requests": len(searched)}
    finally:
        context.close()


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [run[key] for run in runs if run[key] is not None]
    return round(statistics.median(values), 1) if values else None


def measure(site_dir: Path, queries: Sequence[str] = DEFAULT_QUERIES, runs: int = 3,
            page: str | None = None, browser: Any = None) -> dict[str, Any]:
    """Measure the search of the built site in `site_dir`; timings are medians of `runs` cold runs per query.

    Each run opens `page` (a site-relative address; default the first plan page of the index,
    an ordinary page, rather than the home page whose own size grows with the plans) in a fresh
    browser context and types the query as soon as the page has loaded. `browser`: a Playwright
    Chromium already launched (Playwright's sync API runs once per thread); default, one of its own.

    Returns {"page": ..., "index": index_stats(...), "queries": {query: {"first_result_ms",
    "cold_ms", "ready_ms", "cpu_s", "load_ms", "fetched_bytes", "requests", "results_shown",
    "runs": [...]}}}; times in ms from navigation start (first_result_ms, load_ms) or from typing
    (cold_ms: on the page just loaded, nothing of the search fetched but its worker's start;
    ready_ms: the same query again). A
    query that finds nothing times out (Playwright's TimeoutError): choose queries the site answers.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                return measure(site_dir, queries, runs, page, own)
            finally:
                own.close()
    path = first_plan_page(site_dir) if page is None else page
    report: dict[str, Any] = {"page": path, "index": index_stats(site_dir), "queries": {}}
    with served(site_dir) as base_url:
        for query in queries:
            done = [_one_run(browser, base_url, site_dir, path, query) for _ in range(runs)]
            report["queries"][query] = {key: _median(done, key) for key in
                                        ("first_result_ms", "cold_ms", "answered_ms", "ready_ms", "cpu_s", "load_ms",
                                         "fetched_bytes", "requests")}
            report["queries"][query].update(results_shown=done[-1]["results_shown"], runs=done)
    return report


def build_site(root: Path, plans: int, search: str | None = None) -> Path:
    """Write a synthetic province of `plans` plans under `root` (bench/province.py; kept if root/plans
    exists), build it with the plugin as bench/run does (bench/measure.py) with the plugin's `search`
    option if given, and return the site folder."""
    sys.path.insert(0, str(HERE))
    from measure import PLUGIN, VENV_BIN, run_step, write_config
    from province import write_province

    if not (root / "plans").is_dir():
        write_province(root, plans)
    config = write_config(root, plugin=True)
    if search:
        config.write_text(config.read_text(encoding="utf-8").replace(PLUGIN, f"{PLUGIN}\n      search: {search}"),
                          encoding="utf-8")
    run_step([str(VENV_BIN / "mkdocs"), "build", "--strict", "--quiet"], root)
    return root / "site"


BUDGET_MS, BUDGET_PLANS = 1000.0, 3000  # issue 15: a first result within 1 s at 3,000 plans
TABLE_QUERIES = ("khen thưởng", "khen thuong", "so noi vu")
TABLE_COLUMNS = ["N plans", "query", "typing → first result, ms (each run)", "typing → Pagefind's answer, ms",
                 "navigation start → first result, ms", "browser CPU s (median)", "fetched kB (median)",
                 "budget (first result, median)"]


def table(ctx: Any) -> Any:
    """bench/run's search table: a province of 3,000 plans (20 with --quick) built with the plugin, each
    query typed on a plan page just loaded, two runs (one with --quick); judged at 3,000 plans."""
    count = 20 if ctx.quick else BUDGET_PLANS
    with tempfile.TemporaryDirectory(prefix="kehoach-search-") as tmp:
        report = measure(build_site(Path(tmp), count), TABLE_QUERIES, runs=1 if ctx.quick else 2)
    return table_of(report, count, ctx.quick)


def table_of(report: dict[str, Any], count: int, quick: bool = False) -> Any:
    """The search table of a `measure` report of a site of `count` plans."""
    from measure import Table

    result = Table(f"Search (first result in Chromium, {count:,} plans; the box lists the word index's pages, "
                   "then Pagefind's answer)", TABLE_COLUMNS)
    for query, row in report["queries"].items():
        runs = row["runs"]
        judged = count == BUDGET_PLANS and not quick
        verdict = ("ok" if row["cold_ms"] <= BUDGET_MS else "MISSED") if judged else "–"
        result.rows.append([f"{count:,}", query, ", ".join(f"{run['cold_ms']:.0f}" for run in runs),
                            ", ".join(f"{run['answered_ms']:.0f}" for run in runs), f"{row['first_result_ms']:.0f}",
                            f"{row['cpu_s']:.2f}", f"{row['fetched_bytes'] / 1e3:.0f}",
                            f"≤ {BUDGET_MS:.0f} ms: {verdict}"])
    loads = ", ".join(f"{run['load']:.1f}" for row in report["queries"].values() for run in row["runs"])
    result.notes.append(f"Pagefind bundle {report['index']['bytes'] / 1e6:.1f} MB, {report['index']['pages']:,} "
                        f"pages; load average after each run: {loads}.")
    return result


def describe(report: dict[str, Any]) -> str:
    """The report as a few lines of text."""
    index = report["index"]
    lines = [f"searching from /{report['page']}",
             f"Pagefind bundle: {index['bytes'] / 1e6:.2f} MB in {index['files']} files, {index['pages']} pages "
             f"(index chunks {index['chunks']['bytes'] / 1e6:.2f} MB in {index['chunks']['files']}, "
             f"fragments {index['fragments']['bytes'] / 1e6:.2f} MB); pages by type: {index['by_page_type']}"]
    for query, row in report["queries"].items():
        lines.append(f"{query!r}: first result {row['first_result_ms']} ms after navigation start "
                     f"(load {row['load_ms']} ms, typing to result {row['cold_ms']} ms, to Pagefind's "
                     f"answer {row['answered_ms']} ms; "
                     f"{row['requests']} requests, {row['fetched_bytes'] / 1e3:.0f} kB); "
                     f"index ready: {row['ready_ms']} ms; browser CPU {row['cpu_s']} s; "
                     f"{row['results_shown']} results shown; load average {[r['load'] for r in row['runs']]}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder (omit with --plans)")
    parser.add_argument("--plans", type=int, help="generate and build a synthetic site of N plans first")
    parser.add_argument("--query", action="append", help=f"a query (repeatable); default {DEFAULT_QUERIES}")
    parser.add_argument("--runs", type=int, default=3, help="cold runs per query (median); default 3")
    parser.add_argument("--page", help="site-relative page to search from; default the first plan page")
    parser.add_argument("--search", choices=("full", "titles", "auto"), help="with --plans: the plugin's search option")
    parser.add_argument("--root", type=Path, help="with --plans: build in this folder (its plans kept and reused)")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    parser.add_argument("--table", type=int, metavar="N", help="print bench/run's search table (a site of N plans)")
    args = parser.parse_args(argv)
    if (args.site is None) == (args.plans is None):
        parser.error("give a SITE_DIR or --plans N")
    with tempfile.TemporaryDirectory(prefix="kehoach-search-") as tmp:
        site = args.site or build_site(args.root or Path(tmp), args.plans, args.search)
        report = measure(site, tuple(args.query or DEFAULT_QUERIES), args.runs, args.page)
    if args.table:
        print(table_of(report, args.table).markdown())
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else describe(report))


if __name__ == "__main__":
    main()
