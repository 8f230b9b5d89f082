"""The MkDocs plugin `kehoach`: plans in, generated pages and calendar feeds out.

The only module that imports MkDocs. It loads and checks the plans once per
build, hands the pages of `site.build_pages` and the feeds to MkDocs as
generated files, points "Edit this page" of each generated page at the plan's
own source, and folds diacritics in the search index after the build.
"""

from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import links
from .checks import check_corpus
from .errors import PlanError, has_errors
from .loader import Corpus, load_corpus
from .site import (
    ASSET_DIR,
    Options,
    build_assets,
    build_date,
    build_exports,
    build_feeds,
    build_pages,
    restore_html,
    stash_html,
)

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
    """Also publish each plan as DOCX (the document to sign), XLSX, CSV, JSON and each agency's list as
    XLSX, CSV under xuat/, linked from the pages. Off by default: about 0.1-0.2 s per plan."""

    search_tasks = opt.Type(bool, default=True)
    """Index the tasks of plan pages for search. Past about 1,000 plans the index gets slow to load in
    the browser (perf.md); set false there to index the plans' own text and titles only."""

    source_edit_uri = opt.Optional(opt.Type(str))
    """URL under which repository files are edited, e.g. https://git.example/org/repo/edit/main/.
    Default: the site's edit_uri (joined to repo_url) with the docs folder removed from its end."""


NAV_PAGES = (links.HOME, links.YEARS, links.AGENCIES)


def _inclusion(uri: str) -> InclusionLevel:
    """Plan, year and agency pages stay out of the navigation on purpose (a nav of thousands of
    pages makes the build quadratic), so MkDocs need not list them as omitted."""
    return InclusionLevel.NOT_IN_NAV if uri.endswith(".md") and uri not in NAV_PAGES else InclusionLevel.UNDEFINED


class KehoachPlugin(BasePlugin[KehoachConfig]):
    """Generate plan, year and agency pages and calendar feeds from the plans folder."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Make sure the pages' stylesheet and script are linked, once."""
        css, js = f"{ASSET_DIR}/kehoach.css", f"{ASSET_DIR}/kehoach.js"
        if css not in config.extra_css:
            config.extra_css.append(css)
        if js not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(js)  # type: ignore[arg-type]
        self.edit_root = self._edit_root(config)
        self.stashed: dict[str, list[str]] = {}
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Load and check the plans, then add every generated page, feed and asset."""
        corpus = self._checked_corpus(config)
        exports = build_exports(corpus) if self.config.exports else {}
        today = str(self.config.today) if self.config.today else None
        try:
            options = Options(build_date(today), config.site_url or "", config.use_directory_urls, frozenset(exports),
                              self.config.search_tasks)
        except PlanError as exc:
            raise PluginError(str(exc)) from None
        generated: dict[str, str | bytes] = {**build_pages(corpus, options), **build_assets(), **exports}
        if self.config.feeds:
            generated.update(build_feeds(corpus, config.site_url or ""))
        for uri, content in generated.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"Tệp docs/{uri} trùng với trang do kehoach tạo ra; hãy đổi tên hoặc xóa tệp đó.")
            files.append(File.generated(config, uri, content=content, inclusion=_inclusion(uri)))
        log.info(f"{len(corpus.plans)} kế hoạch, {len(generated)} tệp được tạo (ngày {options.today}).")
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep the generated HTML blocks away from the Markdown parser (see `site.stash_html`)."""
        if page.file.generated_by is None:
            return markdown
        markdown, self.stashed[page.file.src_uri] = stash_html(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the generated HTML back, and its ids among the page's anchors for link validation."""
        blocks = self.stashed.pop(page.file.src_uri, None)
        if not blocks:
            return html
        html, ids = restore_html(html, blocks)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | ids
        return html

    def _checked_corpus(self, config: MkDocsConfig) -> Corpus:
        """The plans, loaded once per build; errors stop the build, warnings are only logged."""
        repo_root = Path(config.config_file_path or ".").resolve().parent
        corpus = load_corpus([Path(self.config.plans_dir)], base=repo_root)
        findings = check_corpus(corpus)
        if has_errors(findings):
            raise PluginError("Kế hoạch còn lỗi, chưa dựng được trang:\n" + str(PlanError(
                f for f in findings if f.severity == "error")) + "\nChạy «kehoach check» để xem chi tiết.")
        for finding in findings:  # warnings are normal in transcribed plans; they must not fail --strict
            log.info(finding.as_text())
        return corpus

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Point "Edit this page" of a generated page at the plan or registry file it comes from."""
        source = page.meta.get("kehoach_source")
        if page.file.generated_by is not None:
            page.edit_url = urljoin(self.edit_root, source) if source and self.edit_root else None
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Fold diacritics into the search index so "thi dua" finds "thi đua"."""
        from .search import fold_search_index

        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            index.write_text(fold_search_index(index.read_text(encoding="utf-8")), encoding="utf-8")

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
