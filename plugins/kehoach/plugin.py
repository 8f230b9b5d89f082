"""The MkDocs plugin `kehoach`: plans in, generated pages and calendar feeds out.

The only module that imports MkDocs, and only to translate: each event is a call to `api.Site` or to its
`session` (what changed under serve, stashed HTML, what search keeps); `api.BuildError` becomes `PluginError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import cast

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

log = get_plugin_logger(__name__)
DIRTY = "A 'dirty' build is being performed"  # how MkDocs' warning about serve --dirty begins


class KehoachConfig(base.Config):
    """Options of the `kehoach` plugin in mkdocs.yml."""

    plans_dir = opt.Dir(exists=True, default="plans")
    """Folder of the plans (`<year>/<slug>/ke-hoach.yml`) and of `agencies/`, relative to mkdocs.yml."""
    today = opt.Optional(opt.Type((str, date)))
    """Build date (YYYY-MM-DD) deciding "overdue"; default $KEHOACH_TODAY, else today."""
    feeds = opt.Type(bool, default=True)
    """Publish the iCalendar feeds under lich/ (their URLs use the site_url)."""
    exports = opt.Type(bool, default=False)
    """Publish DOCX, XLSX, CSV, JSON under xuat/, linked from the pages (slow: 0.1-0.2 s a plan)."""
    search = opt.Choice(("auto", "full", "titles"), default="auto")
    """Search all text (`full`), plan pages' headings and tasks (`titles`), or by size (`auto`); DEVELOPING.md."""
    search_titles_from = opt.Type(int, default=300)
    """Number of plans from which `search: auto` searches plan pages' titles only."""
    source_edit_uri = opt.Optional(opt.Type(str))
    """URL where repository files are edited; default: the site's edit_uri without the docs folder."""


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
    """Pages and feeds of the plans; kept with its `site` across serve's rebuilds (DEVELOPING.md, "The edit loop")."""

    def __init__(self) -> None:
        self.site = api.Site()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether MkDocs serves and renders only what changed; then drop its dirty-build warning."""
        self.site = api.Site(api.Session(serving=command == "serve", dirty=dirty))
        if self.site.session.keeps_pages:  # with `strict: true` it would abort every rebuild; outputs stay right
            logging.getLogger("mkdocs.commands.build").addFilter(lambda got: not str(got.msg).startswith(DIRTY))
        for note in self.site.session.startup_notes():
            log.info(note)

    def on_shutdown(self) -> None:
        """When serve stops: let the search index made in the background finish, and clean up after it."""
        self.site.session.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Link the pages' stylesheet and script, once; find where plan files are edited; fix the build date.
        Under serve, the previous build's search index is finished first (it is made in the background)."""
        self.site.session.wait_for_search()
        for listed, asset in zip((config.extra_css, config.extra_javascript), api.PAGE_ASSETS, strict=True):
            if asset not in map(str, listed):
                listed.append(asset)
        try:
            self.site.configure(str(self.config.today) if self.config.today else None, self.config.source_edit_uri,
                                config.repo_url, config.edit_uri, Path(config.docs_dir),
                                Path(config.config_file_path or ".").resolve().parent)
        except api.BuildError as exc:
            raise PluginError(str(exc)) from None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and check the plans, then add every generated page, asset and export; write the feeds."""
        try:
            generated = self.site.files(Path(self.config.plans_dir), config.site_url or "",
                                        config.use_directory_urls, self.config.exports,
                                        taken=lambda uri: files.get_file_from_path(uri) is not None)
        except api.BuildError as exc:
            raise PluginError(str(exc)) from None
        for uri, content in generated.items():
            # pages left out of the navigation on purpose (`api.outside_nav`) need not be listed as omitted
            left_out = InclusionLevel.NOT_IN_NAV if api.outside_nav(uri) else InclusionLevel.UNDEFINED
            # File.generated is typed as returning File; it returns an instance of the class it is called on
            file = cast(_Generated, _Generated.generated(config, uri, content=b"" if callable(content) else content,
                                                         inclusion=left_out))
            file.changed, file.source = self.site.session.add(uri, content, file.abs_dest_path)
            files.append(file)
        pages = [(f.src_uri, f.url, f.generated_by is not None, f.dest_uri) for f in files.documentation_pages()]
        for note in self.site.scope(pages, self.config.search, self.config.search_titles_from, len(generated)):
            log.info(note)  # warnings are normal in transcribed plans; they must not fail --strict
        if self.config.feeds:
            self.site.write_feeds(Path(config.site_dir))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep a generated page's HTML blocks away from the Markdown parser."""
        return markdown if page.file.generated_by is None else self.site.session.stash(page.file.src_uri, markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Clean what a plan's Markdown rendered; count the stashed blocks' ids among the page's anchors."""
        html, ids = self.site.session.cleaned(page.file.src_uri, html, page.file.generated_by is not None)
        if ids:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
        return html

    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Put the stashed HTML back; point "Edit this page" of a generated page at its plan or registry file."""
        page.content = self.site.session.put_back(page.file.src_uri, page.url, page.content)
        self.site.session.take_for_search(page.url, page.meta)  # Pagefind indexes it once written
        if page.file.generated_by is not None:
            page.edit_url = self.site.session.edit_url(page.meta.get("kehoach_source"))
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under serve, keep the theme's templates compiled; under --dirty, read the pages MkDocs skipped (for nav)."""
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
        return self.site.session.prepare_for_search(page.url, page.file.dest_uri, output)

    @event_priority(-100)  # after Material's search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the written site for the search box (Pagefind; under serve in the background, the log saying
        when the search has caught up); end the build."""
        try:
            self.site.finish(Path(config.site_dir), _report_search)
        except api.BuildError as exc:
            raise PluginError(str(exc)) from None


def _report_search(message: str, failed: bool) -> None:
    (log.error if failed else log.info)(message)
