"""The MkDocs plugin `kehoach`: plans in, generated pages and calendar feeds out.

The only module that imports MkDocs. It loads and checks the plans once per
build, hands the pages of `site.build_pages` and the feeds to MkDocs as
generated files, points "Edit this page" of each generated page at the plan's
own source, and folds diacritics in the search index after the build.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .api import Project, build_assets, build_date, build_exports
from .core import links
from .core.errors import PlanError
from .core.loader import Corpus
from .site.builder import Packed, block_ids, pack_blocks, put_back, stash_html, unpack_blocks
from .site.options import ASSET_DIR, Options
from .site.search import Scope, SearchPages, fold_search_index

log = get_plugin_logger(__name__)


TITLES_FROM = 300  # plans: the full index then takes ~5 s to a first result (DEVELOPING.md, "Search index")


class KehoachConfig(base.Config):
    """Options of the `kehoach` plugin in mkdocs.yml."""

    plans_dir = opt.Dir(exists=True, default="plans")
    """Folder of the plans (`<year>/<slug>/ke-hoach.yml`) and of `agencies/`, relative to mkdocs.yml."""

    today = opt.Optional(opt.Type((str, date)))
    """Build date (YYYY-MM-DD) that decides "overdue" and "due soon"; default $KEHOACH_TODAY, else today."""

    feeds = opt.Type(bool, default=True)
    """Publish the iCalendar feeds under lich/ (their URLs use the site_url)."""

    exports = opt.Type(bool, default=False)
    """Also publish each plan as DOCX (the document to sign), XLSX, CSV, JSON and each agency's list as
    XLSX, CSV under xuat/, linked from the pages. Off by default: about 0.1-0.2 s per plan."""

    search = opt.Choice(("auto", "full", "titles"), default="auto")
    """What the search box searches. `full`: the text of every page (a plan's document and its tasks'
    titles). `titles`: a plan page gives its document's heading block (title, number, subject, legal
    bases, what precedes the body's first heading) and its headings, not the body text or the tasks,
    so that the index stays small on large sites. `auto`: `full` below `search_titles_from` plans,
    `titles` from there on. Both leave out what changes daily or repeats (DEVELOPING.md, "Search index")."""

    search_titles_from = opt.Type(int, default=TITLES_FROM)
    """Number of plans from which `search: auto` indexes titles only. The browser builds the index on
    every page load: the full index of 300 plans took ~5 s to a first result, of 1,000 plans 12 s."""

    source_edit_uri = opt.Optional(opt.Type(str))
    """URL under which repository files are edited, e.g. https://git.example/org/repo/edit/main/.
    Default: the site's edit_uri (joined to repo_url) with the docs folder removed from its end."""


NAV_PAGES = (links.HOME, links.YEARS, links.AGENCIES)
AGENCY_PAGES = posixpath.dirname(links.AGENCIES) + "/"  # every agency's pages sit under the agencies index
DIRTY_HINT_PLANS = 200  # below this a full rebuild takes a few seconds: no need to suggest --dirty


def _inclusion(uri: str) -> InclusionLevel:
    """Plan, year and agency pages stay out of the navigation on purpose (a nav of thousands of
    pages makes the build quadratic), so MkDocs need not list them as omitted."""
    return InclusionLevel.NOT_IN_NAV if uri.endswith(".md") and uri not in NAV_PAGES else InclusionLevel.UNDEFINED


class _Generated(File):
    """A generated file: its content made when MkDocs reads it, and whether it changed since the last build.

    `source` renders a page only when MkDocs reads it, so a build never holds
    every page's Markdown at once; `changed` tells a dirty build
    (`mkdocs serve --dirty`) whether to render the page again.
    """

    changed = True
    source: Callable[[], str] | None = None

    def is_modified(self) -> bool:
        return self.changed

    @property
    def content_string(self) -> str:
        return self.source() if self.source is not None else str(File.content_string.fget(self))  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.source = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]


class KehoachPlugin(BasePlugin[KehoachConfig]):
    """Generate plan, year and agency pages and calendar feeds from the plans folder.

    Under `mkdocs serve` MkDocs keeps this instance across rebuilds (it has
    `on_startup`), and with it a `Workspace`: a rebuild re-reads and re-checks
    only the plan folders that changed, and re-renders only the pages and
    events they touch. With `--dirty`, MkDocs then renders only the files this
    plugin reports as changed, and the plugin keeps the search index whole.
    """

    def __init__(self) -> None:
        self.serving = self.dirty = self.hinted = False
        self.project: Project | None = None
        self.outputs: dict[str, str | bytes] = {}  # under serve: what each generated file held last build
        self.dests: dict[str, str] = {}  # where each generated file was written
        self.feed_digests: dict[str, bytes] = {}  # under serve --dirty: feeds as written last build
        self.search = SearchPages()
        self.scope = Scope()  # what the search index keeps (see `_search_scope`)
        self.rendered: set[str] = set()  # URLs of the pages rendered in this build
        self.page_urls: set[str] = set()  # URLs of every page of this build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether MkDocs serves (rebuilds to come) and whether it renders only what changed.

        Under `serve --dirty` the plugin keeps its pages, feeds and the search
        index right, so MkDocs' warning that a dirty build is inaccurate is
        dropped: with `strict: true` it would abort every rebuild.
        """
        self.serving, self.dirty = command == "serve", dirty
        if self.serving and self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_warning)
            log.info("Dựng lại một phần (--dirty): trang kế hoạch, năm, cơ quan, lịch và chỉ mục tìm kiếm vẫn được "
                     "cập nhật đúng; sửa mkdocs.yml hay trang hướng dẫn thì nên chạy lại lệnh.")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Make sure the pages' stylesheet and script are linked, once."""
        css, js = f"{ASSET_DIR}/kehoach.css", f"{ASSET_DIR}/kehoach.js"
        if css not in config.extra_css:
            config.extra_css.append(css)
        if js not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(js)
        self.edit_root = self._edit_root(config)
        self.stashed: dict[str, Packed] = {}
        self.anchors: dict[str, set[str]] = {}
        self.rendered = set()
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and check the plans, then add every generated page and asset (feeds come after the build)."""
        corpus = self._checked_corpus(config)
        assert self.project is not None
        exports = build_exports(corpus) if self.config.exports else {}
        today = str(self.config.today) if self.config.today else None
        try:
            options = Options(build_date(today), config.site_url or "", config.use_directory_urls, frozenset(exports))
        except PlanError as exc:
            raise PluginError(str(exc)) from None
        pages = self.project.pages(corpus, options)
        generated: dict[str, Callable[[], str] | bytes] = {**pages, **build_assets(), **exports}
        previous, self.outputs = self.outputs, {}
        gone, self.dests = self.dests, {}
        for uri, content in generated.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"Tệp docs/{uri} trùng với trang do kehoach tạo ra; hãy đổi tên hoặc xóa tệp đó.")
            file = _Generated.generated(config, uri, content=b"" if callable(content) else content,
                                        inclusion=_inclusion(uri))
            self.dests[uri] = file.abs_dest_path
            gone.pop(uri, None)
            if self.serving:  # render now, to tell MkDocs what changed; unchanged pages come from the workspace
                made = content() if callable(content) else content
                old = previous.get(uri)
                file.changed = not (old is made or old == made)
                self.outputs[uri] = made
                content = partial(str, made) if isinstance(made, str) else made
            if callable(content):
                file.source = content
            files.append(file)
        for path in gone.values() if self.dirty else ():
            Path(path).unlink(missing_ok=True)  # the page of a plan or agency that is gone
        self.scope = self._search_scope(corpus, files)
        if self.config.feeds:
            self._write_feeds(corpus, config)
        log.info(f"{len(corpus.plans)} kế hoạch, {len(generated)} tệp được tạo (ngày {options.today}).")
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep the generated HTML blocks away from the Markdown parser (see `site.stash_html`).

        The blocks wait for `on_page_context` packed (`site.pack_blocks`):
        MkDocs converts every page before it writes any.
        """
        if page.file.generated_by is None:
            return markdown
        markdown, blocks = stash_html(markdown)
        if blocks:
            self.stashed[page.file.src_uri] = pack_blocks(blocks)
        self.anchors[page.file.src_uri] = block_ids(blocks)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Count the ids of the stashed blocks among the page's anchors, for link validation."""
        ids = self.anchors.pop(page.file.src_uri, None)
        if ids:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
        return html

    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Put the stashed HTML back; point "Edit this page" of a generated page at its plan or registry file."""
        self.rendered.add(page.url)
        blocks = self.stashed.pop(page.file.src_uri, None)
        if blocks and page.content is not None:
            page.content = put_back(page.content, unpack_blocks(blocks))
        source = page.meta.get("kehoach_source")
        if page.file.generated_by is not None:
            page.edit_url = urljoin(self.edit_root, source) if source and self.edit_root else None
        return context

    def _search_scope(self, corpus: Corpus, files: Files) -> Scope:
        """What the search index keeps: agency pages by their opening only; plan pages by their headings
        when the `search` option (or, with `auto`, the number of plans) says titles."""
        mode, count = self.config.search, len(corpus.plans)
        titles = mode == "titles" or (mode == "auto" and count >= self.config.search_titles_from)
        if titles and mode == "auto":
            log.info(f"Có {count} kế hoạch: ô tìm kiếm tìm theo tên, số hiệu, trích yếu và đề mục của kế hoạch, "
                     "không tìm trong nội dung và nhiệm vụ (search: auto).")
        plans = {links.plan_page(loaded.id) for loaded in corpus.plans} if titles else set()
        pages = files.documentation_pages()
        return Scope(openings_only=frozenset(f.url for f in pages if f.src_uri.startswith(AGENCY_PAGES)
                                             and f.src_uri != links.AGENCIES and f.generated_by is not None),
                     titles_only=frozenset(f.url for f in pages if f.src_uri in plans))

    def _checked_corpus(self, config: MkDocsConfig) -> Corpus:
        """The plans, through the workspace kept while serving; errors stop the build, warnings are logged."""
        repo_root = Path(config.config_file_path or ".").resolve().parent
        plans_dir = Path(self.config.plans_dir)
        if not self.serving or self.project is None or self.project.plans_dir != plans_dir:
            self.project = Project(plans_dir, repo_root, keep=self.serving)
        try:
            corpus, findings = self.project.checked()
        except PlanError as exc:
            raise PluginError(f"Kế hoạch còn lỗi, chưa dựng được trang:\n{exc}\n"
                              "Chạy «kehoach check» để xem chi tiết.") from None
        for finding in findings:  # warnings are normal in transcribed plans; they must not fail --strict
            log.info(finding.as_text())
        self._hint(corpus)
        return corpus

    def _hint(self, corpus: Corpus) -> None:
        """Under a plain `mkdocs serve` of a large site, say once how to make rebuilds fast."""
        if self.serving and not self.dirty and not self.hinted and len(corpus.plans) >= DIRTY_HINT_PLANS:
            self.hinted = True
            log.info(f"Có {len(corpus.plans)} kế hoạch: «mkdocs serve --dirty» (như «make serve») chỉ dựng lại "
                     "những trang thay đổi khi sửa một kế hoạch, nhanh hơn nhiều.")
        elif self.serving and self.project and self.project.workspace.reloaded < len(corpus.plans):
            log.info(f"Đọc lại {self.project.workspace.reloaded} thư mục kế hoạch có thay đổi.")

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Note every page of the build (to drop the search entries of pages that are gone); under
        serve --dirty, read the pages MkDocs skipped, whose titles the navigation of every page shows."""
        # as Page.url and search locations have it: the home page is "" there, "./" as a File's url
        self.page_urls = {file.page.url if file.page is not None else file.url for file in files.documentation_pages()}
        if self.serving and self.dirty:
            for file in files.documentation_pages():
                if file.page is not None and file.page.markdown is None and file.generated_by is None:
                    file.page.read_source(config)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Let go of a generated page's HTML once the page is written out (indexed for search already)."""
        if page.file.generated_by is not None:
            page.content = None
        return output

    @event_priority(100)
    def _take_search_entries(self, *, config: MkDocsConfig) -> None:
        """Under serve --dirty, keep the search entries of the pages just rendered (before the search plugin
        merges them into its previous index as if only one page had changed)."""
        if self.serving and self.dirty:
            entries = _search_entries(config)
            if entries is not None:
                self.search.update(entries, self.rendered, self.page_urls)

    def _write_feeds(self, corpus: Corpus, config: MkDocsConfig) -> None:
        """Write the calendar feeds into the site, one at a time; under serve --dirty, only those that changed.

        Written while the build holds only the plans: the feeds of a province are
        hundreds of megabytes, and MkDocs has no use for them as files.
        """
        assert self.project is not None
        site, digests = Path(config.site_dir), {}
        for uri, content in self.project.feeds(corpus, config.site_url or ""):
            if self.dirty:  # the site folder keeps last build's feeds: skip those that are the same
                digest = digests[uri] = hashlib.blake2b(content, digest_size=16).digest()
                if self.feed_digests.get(uri) == digest:
                    continue
            (site / uri).parent.mkdir(parents=True, exist_ok=True)
            (site / uri).write_bytes(content)
        for uri in self.feed_digests.keys() - digests.keys():
            (site / uri).unlink(missing_ok=True)  # the feed of a plan or agency that is gone
        self.feed_digests = digests

    @event_priority(-100)
    def _fold_search_index(self, *, config: MkDocsConfig) -> None:
        """Fold diacritics into the search index so "thi dua" finds "thi đua" (under serve --dirty, from the
        entries kept page by page); then let go of what a one-off build no longer needs."""
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            text = index.read_text(encoding="utf-8")
            kept = self.search.write(text, self.scope) if self.serving and self.dirty and self.search.pages else None
            index.write_text(kept or fold_search_index(text, self.scope), encoding="utf-8")
        if not self.serving:
            self.project = None

    on_post_build = CombinedEvent(_take_search_entries, _fold_search_index)

    def _edit_root(self, config: MkDocsConfig) -> str | None:
        """Edit URL of the repository root, derived from edit_uri, or the explicit option."""
        explicit = self.config.source_edit_uri
        if explicit:
            return explicit if explicit.endswith("/") else explicit + "/"
        if not config.edit_uri:
            return None
        full = urljoin(config.repo_url or "", config.edit_uri)
        docs = posixpath.relpath(Path(config.docs_dir).resolve().as_posix(),
                                 Path(config.config_file_path or ".").resolve().parent.as_posix()) + "/"
        return full[: -len(docs)] if full.endswith(docs) else None


def _drop_dirty_warning(record: logging.LogRecord) -> bool:
    """False for MkDocs' warning about dirty builds (see `KehoachPlugin.on_startup`)."""
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The entries Material's search plugin made in this build (its `search_index.entries`), if it runs."""
    for plugin in config.plugins.values():
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        if isinstance(entries, list):
            return entries
    return None
