"""Pagefind's index of the site; under serve made from each page's searchable part, in the background.

Pagefind reads every written page whole, though it keeps only the article
(`data-pagefind-body`) less the excluded elements: at 1,000 plans it parsed
170 MB of HTML (agency pages' task lists, navigation) to keep 13 MB, about
12 CPU seconds, after every rebuild of `mkdocs serve --dirty`. Pagefind has
no incremental mode (its service can add a page, never take one back), so
every rebuild indexes every page. Under serve, each page is therefore cut
down to what Pagefind reads of it (`searchable_part`: the article, each
excluded element emptied but kept with the ids inside it, which Pagefind
lists as anchors) and Pagefind indexes those cut pages from a folder of
their own: the same bundle, byte for byte (tests/test_search_index.py makes
it both ways), in about a third of the time. Only the pages MkDocs wrote
again are cut again, and all of it runs in a thread after MkDocs has
written the site: the reloaded page does not wait for the search, the log
says when it has caught up, and the next build waits for the thread before
it writes anything. A one-off build runs Pagefind over the written site,
which costs less than cutting every page once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml.cssselect import CSSSelector

from .search import BODY, BUNDLE, LANGUAGE, PAGE_LIST, UNUSED, SearchError, bundle_fragments, pagefind_executable
from .wordindex import write_word_index

Report = Callable[[str, bool], None]  # where the background run says it has finished (False) or failed (True)
ARTICLE_END = "</article>"
_NEXT, _OLD = ".pagefind-next", ".pagefind-old"  # in the site folder, while a new bundle replaces the served one


def searchable_part(html: str, exclusions: Iterable[CSSSelector]) -> str | None:
    """The page as Pagefind reads it: its article with every excluded element emptied (its attributes and the
    ids inside it kept, as bare elements: Pagefind lists them as anchors with no text); None for a page
    Pagefind does not index (no `data-pagefind-body`)."""
    start = html.find("<article")
    end = html.find(ARTICLE_END, start)
    if start < 0 or end < 0 or BODY not in html[start:html.find(">", start)]:
        return None
    article = lxml.html.fragment_fromstring(html[start:end + len(ARTICLE_END)])
    for selector in exclusions:
        for element in selector(article):
            anchors = [(inner.tag, inner.get("id")) for inner in element.iterdescendants() if inner.get("id")]
            attributes = dict(element.attrib)
            element.clear(keep_tail=True)
            element.attrib.update(attributes)
            for tag, anchor in anchors:
                element.append(element.makeelement(tag, {"id": anchor}))
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>'
            f'{lxml.html.tostring(article, encoding="unicode")}</body></html>')


@dataclass
class Indexer:
    """Pagefind's run over a site: over the written pages (one build), or under serve over the pages cut to what
    Pagefind reads (by their path in the site folder), in a thread."""

    exclusions: tuple[str, ...] = ()
    pages: dict[str, str | None] = field(default_factory=dict)  # page path -> its cut page (None: not indexed)
    staging: Path | None = None  # under serve: the folder of cut pages, kept from one build to the next
    staged: dict[str, str] = field(default_factory=dict)  # what each file of `staging` holds
    running: threading.Thread | None = None
    _selectors: list[CSSSelector] = field(default_factory=list)

    def use(self, exclusions: tuple[str, ...]) -> None:
        """Index with these exclusion selectors; pages cut with others are forgotten."""
        if exclusions != self.exclusions or not self._selectors:
            self.exclusions, self.pages = exclusions, {}
            self._selectors = [CSSSelector(selector, translator="html") for selector in exclusions]

    def written(self, path: str) -> None:
        """Note that MkDocs has written the page at `path` (relative to the site folder) again: cut it again."""
        self.pages.pop(path, None)

    def index(self, site_dir: Path, paths: Iterable[str], report: Report | None = None) -> None:
        """Index this build's pages (at `paths`) into the site's bundle: at once, over the written pages; or with
        `report` (under serve), over the cut pages in a thread that calls it when the search has caught up."""
        self.wait()
        if report is None:
            shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)  # Pagefind adds to the folder: no stale fragment
            _run(site_dir, self.exclusions, site_dir / BUNDLE)
            return
        self.staging = self.staging or Path(tempfile.mkdtemp(prefix="kehoach-search-"))
        self.running = threading.Thread(target=self._background, args=(list(paths), site_dir, report), daemon=True)
        self.running.start()

    def wait(self) -> None:
        """Wait for the background run, if any (before a build writes the site again)."""
        if self.running is not None:
            self.running.join()
            self.running = None

    def close(self) -> None:
        """When serve stops: wait for the background run, then remove the folder of cut pages."""
        self.wait()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging, self.staged = None, {}

    def _background(self, paths: list[str], site_dir: Path, report: Report) -> None:
        started = time.perf_counter()
        assert self.staging is not None
        try:
            for path in paths:  # the pages written in this build (all of them in the first)
                if path not in self.pages and (site_dir / path).is_file():
                    self.pages[path] = searchable_part((site_dir / path).read_text(encoding="utf-8"), self._selectors)
            self.pages = {path: self.pages.get(path) for path in paths}
            _stage(self.staging, self.staged, {path: page for path in sorted(paths)
                                               if (page := self.pages[path]) is not None})
            shutil.rmtree(site_dir / _NEXT, ignore_errors=True)
            _run(self.staging, self.exclusions, site_dir / _NEXT)
            shutil.rmtree(site_dir / _OLD, ignore_errors=True)
            if (site_dir / BUNDLE).exists():
                (site_dir / BUNDLE).rename(site_dir / _OLD)
            (site_dir / _NEXT).rename(site_dir / BUNDLE)
            shutil.rmtree(site_dir / _OLD, ignore_errors=True)
        except (SearchError, OSError) as exc:
            report(f"Chưa cập nhật được chỉ mục tìm kiếm: {exc}", True)
            return
        indexed = sum(page is not None for page in self.pages.values())
        report(f"Đã cập nhật chỉ mục tìm kiếm: {indexed} trang, {time.perf_counter() - started:.1f} giây.", False)


def _stage(staging: Path, staged: dict[str, str], cut: dict[str, str]) -> None:
    """Bring the staging folder to the cut pages, writing only what changed."""
    for path in staged.keys() - cut.keys():
        (staging / path).unlink(missing_ok=True)
        del staged[path]
    for path, page in cut.items():
        if staged.get(path) != page:
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_text(page, encoding="utf-8")
            staged[path] = page


def _run(source: Path, exclusions: tuple[str, ...], out: Path) -> None:
    """Index the pages of the folder `source` with Pagefind into `out`, then drop Pagefind's own search UI, list
    the pages (fragment id -> address, title) for the worker and write the word index it answers from first
    (`wordindex`)."""
    command = [str(pagefind_executable()), "--site", str(source), "--output-path", str(out.resolve()),
               "--force-language", LANGUAGE, "--silent"]
    for selector in exclusions:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchError(f"Pagefind không tạo được chỉ mục tìm kiếm (mã lỗi {done.returncode}):\n"
                          f"{(done.stderr or done.stdout).strip()}")
    for pattern in UNUSED:
        for unused in out.glob(pattern):
            unused.unlink()
    indexed = list(bundle_fragments(out))  # in file-name order: a page's number in both lists below
    pages = {fragment.stem: [entry["url"].lstrip("/"), entry.get("meta", {}).get("title", "")]
             for fragment, entry in indexed}
    (out / Path(PAGE_LIST).name).write_text(json.dumps(pages, ensure_ascii=False, separators=(",", ":")),
                                            encoding="utf-8")
    write_word_index(out, (entry for _, entry in indexed))
