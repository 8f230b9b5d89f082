"""Shared helpers of the benchmarks: measure one step in its own process, build a site, render a table.

Every measured step runs as a child process, so its peak memory is its own
(`os.wait4` returns the child's rusage: CPU seconds and peak RSS). Steps that
time only part of their process (the libyaml floor, `load_checked`, the feed
writer) run this module as the child, which prints its in-process timing as
one JSON line:

    .venv/bin/python bench/measure.py libyaml ROOT     # read + CSafeLoader parse of every YAML file
    .venv/bin/python bench/measure.py load ROOT        # load_checked (load + check)
    .venv/bin/python bench/measure.py feeds ROOT OUT   # load + check (untimed), then every feed written to OUT

`build_site(root, plugin=True)` builds root/plans with the kehoach plugin
(`plugin=False`: the same pages written by `kehoach build-docs`, built by
vanilla mkdocs-material) and returns the site folder and its measurement.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The project's venv; from a checkout without one (a git worktree), the interpreter's own bin folder.
VENV_BIN = ROOT / ".venv" / "bin" if (ROOT / ".venv" / "bin" / "python").exists() else Path(sys.executable).parent
PYTHON = str(VENV_BIN / "python")
TODAY = "2025-06-16"  # = province.STATUS_DAY: statuses and "overdue" agree
SITE_URL = "http://127.0.0.1:8000/"

# The repository's mkdocs.yml, minus its hand-written guides; the plugin with its defaults, exports off.
CONFIG = """\
site_name: Kế hoạch thi đua, khen thưởng
site_url: {site_url}
edit_uri: https://git.example/kehoach/edit/main/docs/
docs_dir: docs
theme:
  name: material
  language: vi
  font: false
  features: [navigation.tabs, navigation.top, navigation.footer, content.action.edit, search.highlight]
  palette: {{primary: indigo, accent: indigo}}
extra: {{generator: false}}
plugins:
  - search{plugin}
markdown_extensions:
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds: {{case: lower}}
  - admonition
  - attr_list
  - tables
extra_css: [assets/kehoach/kehoach.css]
extra_javascript: [assets/kehoach/kehoach.js]
validation:
  nav: {{omitted_files: ignore}}
  links: {{unrecognized_links: warn, anchors: warn}}
nav:
  - Trang chủ: index.md
  - Năm: nam/index.md
  - Cơ quan: co-quan/index.md
"""
PLUGIN = "\n  - kehoach:\n      plans_dir: plans\n      exports: false"


def bench_env() -> dict[str, str]:
    """The environment of every measured step: a pinned build date, no MkDocs 2 banner."""
    return {**os.environ, "KEHOACH_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}


class StepFailed(RuntimeError):
    """A measured command exited non-zero."""


@dataclass
class Measured:
    """One run of one step: seconds of wall and CPU time, peak RSS, what it printed."""

    wall: float
    cpu: float
    peak_mib: float
    stdout: str = ""
    stderr: str = ""
    report: dict[str, Any] = field(default_factory=dict)  # the JSON line of an in-process step


def run_step(args: list[str], cwd: Path) -> Measured:
    """Run one command as its own process; wall time, CPU time (user + sys) and peak RSS of that process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=cwd, env=bench_env(), stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if child.returncode:
        raise StepFailed(f"{' '.join(args)} (in {cwd}) exited {child.returncode}:\n{stderr[-3000:]}{stdout[-1000:]}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout, stderr)


def run_in_process_step(step: str, *args: str, cwd: Path) -> Measured:
    """Run `measure.py STEP ARGS` as a child; its times are the ones it measured itself, the peak RSS its own."""
    measured = run_step([PYTHON, str(Path(__file__).resolve()), step, *args], cwd)
    measured.report = json.loads(measured.stdout.strip().splitlines()[-1])
    measured.wall, measured.cpu = measured.report.pop("wall"), measured.report.pop("cpu")
    return measured


def write_config(folder: Path, plugin: bool) -> Path:
    """The bench mkdocs.yml in `folder`; with the plugin, `plans/` beside it feeds the pages."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text(CONFIG.format(site_url=SITE_URL, plugin=PLUGIN if plugin else ""), encoding="utf-8")
    return path


def build_site(root: Path, plugin: bool = True) -> tuple[Path, Measured]:
    """Build root/plans into a site; return the site folder and the build's measurement.

    With the plugin: root/mkdocs.yml, site in root/site. Without: `kehoach build-docs`
    writes the same pages into root/plain/docs first (not measured; once per root),
    and vanilla mkdocs-material builds them into root/plain/site with the bench's own
    mkdocs.yml (which replaces the one build-docs writes).
    """
    folder = root if plugin else root / "plain"
    if not plugin and not (folder / "docs" / "index.md").exists():
        run_step([str(VENV_BIN / "kehoach"), "build-docs", str(folder), "--plans", str(root / "plans"),
                  "--site-url", SITE_URL, "--today", TODAY], root)
    write_config(folder, plugin)
    measured = run_step([str(VENV_BIN / "mkdocs"), "build", "--strict", "--quiet"], folder)
    return folder / "site", measured


def tree_size(folder: Path) -> tuple[int, int]:
    """Number of files and their bytes under `folder`."""
    count = size = 0
    for base, _, names in os.walk(folder):
        for name in names:
            count += 1
            size += os.stat(os.path.join(base, name)).st_size
    return count, size


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def search_index(site: Path) -> str:
    """Size of the site's search index: Pagefind's bundle (bytes, pages) when the plugin wrote one,
    else Material's search/search_index.json (bytes, entries)."""
    pages = site / "pagefind" / "pages.json"
    if pages.is_file():
        return f"{_mb(tree_size(site / 'pagefind')[1])}, {len(json.loads(pages.read_bytes())):,} pages (Pagefind)"
    path = site / "search" / "search_index.json"
    return f"{_mb(path.stat().st_size)}, {len(json.loads(path.read_bytes())['docs']):,} entries"


# --- tables ------------------------------------------------------------------------

@dataclass
class Table:
    """A titled Markdown table; bench/run prints every table it is given, in order."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        """The table as Markdown: a bold title line, the table, then its notes."""
        lines = [f"**{self.title}**", "", "| " + " | ".join(self.columns) + " |",
                 "|" + "|".join("---" for _ in self.columns) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines + ([""] + self.notes if self.notes else []))


# --- the in-process steps, run as `measure.py STEP …` ------------------------------

def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    return {"wall": time.perf_counter() - start[0], "cpu": time.process_time() - start[1]}


def step_libyaml(root: Path) -> dict[str, Any]:
    """The floor: read and parse every YAML file with libyaml (CSafeLoader), nothing else."""
    import yaml

    files = sorted((root / "plans").rglob("*.yml"))
    gc.disable()  # as load_corpus does
    start = _clock()
    for path in files:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    return {**_since(start), "files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def step_load(root: Path) -> dict[str, Any]:
    """Loading as `kehoach check` and the plugin do it: `load_checked` (each plan read, checked, positions let go)."""
    from kehoach.api import load_checked

    start = _clock()
    corpus, findings = load_checked([root / "plans"], base=root)
    timed = _since(start)
    return {**timed, "plans": len(corpus.plans), "tasks": sum(len(p.plan.tasks) for p in corpus.plans),
            "agencies": len(corpus.agencies), "findings": len(findings)}


def step_feeds(root: Path, out: Path) -> dict[str, Any]:
    """What `kehoach feeds OUT` does; only the feed writing (iter_feeds, one file at a time) is timed."""
    from kehoach.api import iter_feeds, load_checked, write_tree
    from kehoach.core.errors import has_errors

    corpus, findings = load_checked([root / "plans"], base=root)
    if has_errors(findings):
        raise SystemExit("the plans have errors")
    start = _clock()
    written = write_tree(out, iter_feeds(corpus, SITE_URL))
    timed = _since(start)
    sizes = [path.stat().st_size for path in written]
    return {**timed, "files": len(written), "bytes": sum(sizes),
            "events": sum(path.read_bytes().count(b"BEGIN:VEVENT") for path in written)}


STEPS = {"libyaml": step_libyaml, "load": step_load, "feeds": step_feeds}


if __name__ == "__main__":
    step, paths = sys.argv[1], [Path(arg) for arg in sys.argv[2:]]
    print(json.dumps(STEPS[step](*paths)))  # type: ignore[operator]
