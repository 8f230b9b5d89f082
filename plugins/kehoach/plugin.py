"""The MkDocs plugin `kehoach`: plans in, generated pages and calendar feeds out.

The only module that imports MkDocs, and only to translate: each event calls
`api` (load and check the plans, the site's files, the feeds) or the build's
`site.session.Session` (what changed under serve, stashed HTML, search index),
and `PlanError` becomes `PluginError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import cast
from urllib.parse import quote, urljoin

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import api
from .core import links
from .core.errors import PlanError
from .site.options import ASSET_DIR, Options
from .site.sanitiser import clean_html
from .site.search import SearchError
from .site.session import Session, edit_root

log = get_plugin_logger(__name__)


class KehoachConfig(base.Config):
    """Options of the `kehoach` plugin in mkdocs.yml."""

    plans_dir = opt.Dir(exists=True, default="plans")
    """Folder of the plans (`<year>/<slug>/ke-hoach.yml`) and of `agencies/`, relative to mkdocs.yml."""

    today = opt.Optional(opt.Type((str, date)))
    """Build date (YYYY-MM-DD) that decides "overdue" and "due soon"; default $KEHOACH_TODAY, else today."""

    feeds = opt.Type(bool, default=True)
    """Publish the iCalendar feeds under lich/ (their URLs use the site_url)."""

    exports = opt.Type(bool, default=False)
    """Also publish DOCX, XLSX, CSV, JSON of each plan and agency under xuat/, linked from the pages
    (off by default: about 0.1-0.2 s per plan)."""

    search = opt.Choice(("auto", "full", "titles"), default="auto")
    """What the search box searches: `full` (every page's text), `titles` (a plan page's heading block,
    headings and tasks, not its body text, to keep queries quick on large sites), `auto` (`titles` from
    `search_titles_from` plans on). DEVELOPING.md, "Search index"."""

    search_titles_from = opt.Type(int, default=300)
    """Number of plans from which `search: auto` leaves plan pages' body text out of the search."""

    source_edit_uri = opt.Optional(opt.Type(str))
    """URL under which repository files are edited, e.g. https://git.example/org/repo/edit/main/.
    Default: the site's edit_uri (joined to repo_url) with the docs folder removed from its end."""


class _Generated(File):
    """A generated file whose content is made when MkDocs reads it (`source`), so a build never holds every
    page's Markdown at once, and which says whether it changed (`changed`) for `mkdocs serve --dirty`."""

    changed = True
    source: Callable[[], str] | None = None

    def is_modified(self) -> bool:
        return self.changed

    @property
    def content_string(self) -> str:
        # File declares content_string as a property; mypy does not see its fget/fset
        return self.source() if self.source is not None else str(File.content_string.fget(self))  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.source = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]


class KehoachPlugin(BasePlugin[KehoachConfig]):
    """Plan, year and agency pages and calendar feeds from the plans folder. MkDocs keeps this instance, and
    with it `site`, across the rebuilds of `mkdocs serve` (DEVELOPING.md, "The edit loop")."""

    def __init__(self) -> None:
        self.site = api.Site()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether MkDocs serves and renders only what changed; then its dirty-build warning is dropped
        (with `strict: true` it would abort every rebuild), as the plugin keeps every output right."""
        self.site = api.Site(Session(serving=command == "serve", dirty=dirty))
        if self.site.session.keeps_pages:
            logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_warning)
            log.info("Dựng lại một phần (--dirty): trang kế hoạch, năm, cơ quan, lịch và chỉ mục tìm kiếm vẫn được "
                     "cập nhật đúng; sửa mkdocs.yml hay trang hướng dẫn thì nên chạy lại lệnh.")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Link the pages' stylesheet and script, once; find where plan files are edited; fix the build date."""
        for listed, asset in ((config.extra_css, f"{ASSET_DIR}/kehoach.css"),
                              (config.extra_javascript, f"{ASSET_DIR}/kehoach.js")):
            if asset not in map(str, listed):
                listed.append(asset)
        self.edit_root = edit_root(self.config.source_edit_uri, config.repo_url, config.edit_uri,
                                   Path(config.docs_dir), _config_dir(config))
        try:
            self.today = api.build_date(str(self.config.today) if self.config.today else None)
        except PlanError as exc:
            raise PluginError(str(exc)) from None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and check the plans, then add every generated page, asset and export; write the feeds."""
        options = Options(self.today, config.site_url or "", config.use_directory_urls)
        try:
            corpus, generated, notes = self.site.files(Path(self.config.plans_dir), _config_dir(config), options,
                                                       self.config.exports)
        except PlanError as exc:
            raise PluginError(f"Kế hoạch còn lỗi, chưa dựng được trang:\n{exc}\n"
                              "Chạy «kehoach check» để xem chi tiết.") from None
        session = self.site.session
        session.start()
        clashing = [uri for uri in generated if files.get_file_from_path(uri) is not None]
        if clashing:
            raise PluginError(str(PlanError(api.clashes(clashing, Path(config.docs_dir).name))))
        for uri, content in generated.items():
            # File.generated is typed as returning File; it returns an instance of the class it is called on
            file = cast(_Generated, _Generated.generated(config, uri, content=b"" if callable(content) else content,
                                                         inclusion=_inclusion(uri)))
            file.changed, file.source = session.add(uri, content, file.abs_dest_path)
            files.append(file)
        notes += session.changes_note()
        session.remove_gone()
        pages = [(f.src_uri, f.url, f.generated_by is not None) for f in files.documentation_pages()]
        notes += session.choose_scope(self.config.search, self.config.search_titles_from,
                                      [loaded.id for loaded in corpus.plans], pages)
        for note in notes:  # warnings are normal in transcribed plans; they must not fail --strict
            log.info(note)
        if self.config.feeds:
            self.site.write_feeds(corpus, Path(config.site_dir), config.site_url or "", self.today,
                                  config.use_directory_urls)
        log.info(f"{len(corpus.plans)} kế hoạch, {len(generated)} tệp được tạo (ngày {self.today}).")
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep a generated page's HTML blocks away from the Markdown parser."""
        return markdown if page.file.generated_by is None else self.site.session.stash(page.file.src_uri, markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hold what a plan's Markdown rendered to the allowlist (`site.sanitiser`), before the stashed
        blocks come back; count the blocks' ids among the page's anchors, for link validation."""
        ids = self.site.session.stashed_ids(page.file.src_uri)
        if page.file.generated_by is not None:
            html = clean_html(html, ids)
        if ids:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
        return html

    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Put the stashed HTML back; point "Edit this page" of a generated page at its plan or registry file."""
        page.content = self.site.session.put_back(page.file.src_uri, page.url, page.content)
        self.site.session.take_for_search(page.url, page.meta)  # Pagefind indexes it once written
        source = page.meta.get("kehoach_source")
        if page.file.generated_by is not None:
            page.edit_url = urljoin(self.edit_root, quote(source)) if source and self.edit_root else None
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under serve --dirty, read the pages MkDocs skipped, whose titles the navigation of every page shows;
        under serve, keep the theme's templates compiled from one build to the next."""
        if self.site.session.serving:
            env.bytecode_cache = self.site.session.templates
        for file in files.documentation_pages() if self.site.session.keeps_pages else ():
            if file.page is not None and file.page.markdown is None and file.generated_by is None:
                file.page.read_source(config)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Let go of a generated page's HTML once the page is written out; mark the page for the search."""
        if page.file.generated_by is not None:
            page.content = None
        return self.site.session.prepare_for_search(page.url, output)

    @event_priority(-100)  # after Material's search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the written site for the search box (Pagefind)."""
        try:
            self.site.session.write_search(Path(config.site_dir))
        except SearchError as exc:
            raise PluginError(str(exc)) from None
        self.site.built()


def _inclusion(uri: str) -> InclusionLevel:
    """Plan, year and agency pages stay out of the navigation on purpose (a nav of thousands of pages makes
    the build quadratic), so MkDocs need not list them as omitted."""
    nav = (links.HOME, links.YEARS, links.AGENCIES)
    return InclusionLevel.NOT_IN_NAV if uri.endswith(".md") and uri not in nav else InclusionLevel.UNDEFINED


def _config_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def _drop_dirty_warning(record: logging.LogRecord) -> bool:
    """False for MkDocs' warning about dirty builds (see `KehoachPlugin.on_startup`)."""
    return not str(record.msg).startswith("A 'dirty' build is being performed")
