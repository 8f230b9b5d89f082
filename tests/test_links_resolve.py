"""Every link of the built site and every feed URL leads to a file of it, in every way the site is built.

The real plans, built once per mode (module-scoped):
- `mkdocs build` of the repository with the plugin and the hooks, with `use_directory_urls` true and false;
- `kehoach build-docs OUTDIR` with and without `--no-directory-urls`, then built by vanilla
  mkdocs-material from the mkdocs.yml it wrote (no kehoach plugin, no hooks);
- `kehoach build-docs OUTDIR --engine zensical` with and without `--no-directory-urls`, then built by
  Zensical (which reads a raw-HTML link from the Markdown file's folder, not from the page's URL).
Then the same repository built by ProperDocs, which must give MkDocs' site byte for byte but the
generator tag.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from ruamel.yaml import YAML
from support.sitelinks import broken_feed_urls, broken_links, feed_urls

from kehoach.core.loader import load_corpus

SITE_URL = "https://intranet.example/kehoach/"
TODAY = "2026-12-10"
BIN = Path(sys.executable).parent
MODES = ("mkdocs", "mkdocs-no-directory-urls", "build-docs", "build-docs-no-directory-urls", "zensical",
         "zensical-no-directory-urls")
PLAN = "ke-hoach/2024/quyet-thang-ke-hoach-tdkt"
STAMP = "Trang dựng ngày 10 tháng 12 năm 2026"


def _env() -> dict[str, str]:
    """The build's environment: a pinned date, a site address with a path, this tree's package."""
    return {**os.environ, "KEHOACH_TODAY": TODAY, "KEHOACH_SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "plugins"), os.environ.get("PYTHONPATH")]))}


def _run(*args: str | Path, cwd: Path = ROOT) -> None:
    done = subprocess.run([str(arg) for arg in args], cwd=cwd, env=_env(), capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(map(str, args))}:\n{done.stderr[-3000:]}{done.stdout[-1000:]}"


class Builds:
    """The site of each mode, built the first time a test asks for it."""

    def __init__(self, root: Path) -> None:
        self.root, self.sites = root, dict[str, Path]()

    def site(self, mode: str) -> Path:
        if mode not in self.sites:
            self.sites[mode] = self._build(mode, self.root / mode)
        return self.sites[mode]

    def source(self, mode: str) -> Path:
        """The site source build-docs wrote for a build-docs mode."""
        self.site(mode)
        return self.root / mode / "source"

    def _build(self, mode: str, folder: Path) -> Path:
        site, flat = folder / "site", ["--no-directory-urls"] if mode.endswith("no-directory-urls") else []
        if mode.startswith("mkdocs") or mode == "properdocs":
            tool = "properdocs" if mode == "properdocs" else "mkdocs"
            _run(BIN / tool, "build", "--strict", "-f", ROOT / "mkdocs.yml", "-d", site, *flat)
            return site
        zensical = mode.startswith("zensical")
        source, engine = folder / "source", ["--engine", "zensical"] if zensical else []
        _run(BIN / "kehoach", "build-docs", source, "--site-url", SITE_URL, "--today", TODAY, *flat, *engine)
        if zensical:  # Zensical has no -d: it writes site_dir (default "site") inside the source
            _run(BIN / "zensical", "build", "--strict", "-f", source / "mkdocs.yml", cwd=source)
            return source / "site"
        _run(BIN / "mkdocs", "build", "--strict", "-f", source / "mkdocs.yml", "-d", site, cwd=folder)
        return site


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory.mktemp("modes"))


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_every_relative_link_of_every_page_resolves(builds: Builds, mode: str) -> None:
    site = builds.site(mode)
    page = site / (f"{PLAN}.html" if mode.endswith("no-directory-urls") else f"{PLAN}/index.html")
    assert page.is_file()  # the mode really built its kind of URLs
    assert broken_links(site) == []


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_every_feed_url_resolves(builds: Builds, mode: str) -> None:
    site = builds.site(mode)
    urls = [url for feed in site.rglob("*.ics") for url in feed_urls(feed)]
    assert len(urls) > 200 and any(f"{PLAN}.html#" in url for url in urls) == mode.endswith("no-directory-urls")
    assert broken_feed_urls(site, SITE_URL) == []


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_every_mode_shows_the_rule_table_and_the_build_stamp(builds: Builds, mode: str) -> None:
    site = builds.site(mode)
    guide = "huong-dan/soan-ke-hoach" + (".html" if mode.endswith("no-directory-urls") else "/index.html")
    html = (site / guide).read_text(encoding="utf-8")
    assert "bang-ma-kiem-tra" not in html
    assert re.findall(r"<td>(KH\d{3})</td>", html)[:3] == ["KH101", "KH102", "KH103"]
    assert "<td>KH609</td>" in html
    assert STAMP in (site / guide).read_text(encoding="utf-8") and STAMP in (site / "404.html").read_text("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["build-docs", "build-docs-no-directory-urls", "zensical"])
def test_build_docs_writes_a_source_that_needs_no_kehoach(builds: Builds, mode: str) -> None:
    source = builds.source(mode)
    config = YAML(typ="rt").load((source / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["plugins"]] == ["search"]
    assert "hooks" not in config and "watch" not in config
    assert config["use_directory_urls"] is not mode.endswith("no-directory-urls")
    assert config["site_url"] == SITE_URL and config["docs_dir"] == "docs"
    assert config["theme"].get("variant") == ("classic" if mode == "zensical" else None)  # Material's look
    guides = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    assert guides and all((source / "docs" / guide).is_file() for guide in guides)
    assert (source / "docs/lich/tat-ca.ics").is_file() and (source / "docs/assets/kehoach/kehoach.css").is_file()
    theme = config["theme"].get("custom_dir")
    assert not theme or sorted(p.name for p in (source / theme).iterdir()) == sorted(
        p.name for p in (ROOT / theme).iterdir())  # the theme's overrides/ travel with the source


@pytest.mark.slow
def test_zensical_shows_every_task_on_its_plan_page(builds: Builds) -> None:
    site, corpus = builds.site("zensical"), load_corpus([ROOT / "plans"], base=ROOT)
    assert len(corpus.plans) > 3
    for loaded in corpus.plans:
        page = (site / f"ke-hoach/{loaded.id}/index.html").read_text(encoding="utf-8")
        assert 'class="kh-doc kh-plan-start"' in page and loaded.plan.tasks
        for task in loaded.plan.tasks:
            assert f'id="{task.id}"' in page and html.escape(task.title, quote=False) in page, (loaded.id, task.id)


@pytest.mark.slow
def test_properdocs_builds_the_same_site_as_mkdocs_but_the_generator_tag(builds: Builds) -> None:
    mkdocs, properdocs = builds.site("mkdocs"), builds.site("properdocs")
    files = sorted(p.relative_to(mkdocs) for p in mkdocs.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs) for p in properdocs.rglob("*") if p.is_file())
    generator = re.compile(rb'<meta name="generator" content="([^"]*)">')
    tags = set()
    for name in files:
        ours, theirs = (mkdocs / name).read_bytes(), (properdocs / name).read_bytes()
        if ours != theirs:
            tags |= {(a, b) for a, b in zip(generator.findall(ours), generator.findall(theirs), strict=True)}
            assert generator.sub(b"", ours) == generator.sub(b"", theirs), name
    assert [(a.split(b",")[0], b.split(b",")[0]) for a, b in tags] == [(b"mkdocs-1.6.1", b"mkdocs-ProperDocs 1.6.7")]


def test_the_link_checker_finds_what_leads_nowhere(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a> <a href="../x/">up</a> <a href="a/#here">id</a>'
                                         '<a href="#top">self</a> <a href="https://elsewhere.example/">away</a>'
                                         '<img src="b.png">', encoding="utf-8")
    (tmp_path / "a/index.html").write_text('<h1 id="there">A</h1><a href="../index.html">home</a>', encoding="utf-8")
    (tmp_path / "f.ics").write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//VI\r\n"
                                     b"URL:https://s.example/k/a/\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20240101T000000Z\r\n"
                                     b"DTSTART;VALUE=DATE:20240101\r\nURL:https://s.example/k/a.html#x\r\n"
                                     b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert broken_links(tmp_path) == ["index.html -> ../x/: points above the site's root",
                                      "index.html -> a/#here: no id «here» in a/index.html",
                                      "index.html -> #top: no id «top» in index.html",
                                      "index.html -> b.png: no file b.png"]
    assert broken_feed_urls(tmp_path, "https://s.example/k/") == [
        "f.ics: https://s.example/k/a.html#x: no file a.html"]
