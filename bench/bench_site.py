"""Time `mkdocs build` of N synthetic plans with the plugin, and of the same pages as plain Markdown.

The plugin's overhead is what it adds to building pages MkDocs would have to
build anyway: loading and checking the YAML, rendering the pages, the feeds,
the search folding. The plain-Markdown site is exactly what `kehoach build-docs`
writes (same pages, same feeds as static files) built by vanilla
mkdocs-material with only the search plugin, so the two builds differ by the
plugin alone. Budget (issue 3): overhead within 10 %.

    .venv/bin/python bench/bench_site.py              # N = 100 and 1,000, median of 3 runs each
    .venv/bin/python bench/bench_site.py --quick      # N = 100, one run
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 0.10
TASKS = 30
WORDS = ("tổ chức", "phong trào", "thi đua", "khen thưởng", "báo cáo", "sơ kết", "tổng kết", "Sở Nội vụ",
         "hướng dẫn", "kiểm tra", "đôn đốc", "xét duyệt", "hồ sơ", "điển hình", "tiên tiến", "năm học")
SCHEMA = "# yaml-language-server: $schema=../../../schema/ke-hoach.schema.json\n"
CONFIG = """\
site_name: Đo thời gian
site_url: http://127.0.0.1:8000/
theme: {{name: material, language: vi, font: false}}
plugins: [search{plugin}]
markdown_extensions: [toc, admonition, tables]
extra_css: [assets/kehoach/kehoach.css]
extra_javascript: [assets/kehoach/kehoach.js]
validation: {{nav: {{omitted_files: ignore}}}}
nav: [{{Trang chủ: index.md}}, {{Năm: nam/index.md}}, {{Cơ quan: co-quan/index.md}}]
"""


def sentence(seed: int, length: int = 14) -> str:
    """Deterministic Vietnamese-looking text."""
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)).capitalize()


def write_plans(root: Path, count: int) -> None:
    """`count` plans of 30 tasks over 5 years; one province registry of count/10 agencies."""
    agencies = max(count // 10, 2)
    lines = ["# yaml-language-server: $schema=../../schema/co-quan.schema.json", "schema_version: 1", "agencies:"]
    for a in range(agencies):
        lines += [f"  - id: tinh/co-quan-{a}", f"    name: Cơ quan số {a} của tỉnh", "    kind: department"]
    (root / "plans/agencies").mkdir(parents=True)
    (root / "plans/agencies/tinh.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n in range(count):
        year = 2021 + n % 5
        folder = root / f"plans/{year}/ke-hoach-{n:05d}"
        folder.mkdir(parents=True)
        tasks = []
        for t in range(TASKS):
            month = t % 12 + 1
            tasks += [f"  - id: nv-{t}", "    section: noi-dung", f'    number: "{t + 1}"',
                      f"    title: {sentence(n + t)}", "    deadline:", f"      month: {year}-{month:02d}",
                      f"    lead: [tinh/co-quan-{(n + t) % agencies}]",
                      f"    partners: [tinh/co-quan-{(n + t + 1) % agencies}]"]
        (folder / "ke-hoach.yml").write_text(SCHEMA + "\n".join([
            "schema_version: 1", f"year: {year}", f"title: Kế hoạch số {n}",
            "document:", "  type: Kế hoạch", "  issuer_name: SỞ NỘI VỤ", f'  number: "{n + 1}"',
            "  symbol: KH-SNV", "  place: Tỉnh", f"  date: {year}-01-05",
            f"  subject: Công tác thi đua, khen thưởng năm {year}", "  body: noi-dung.md",
            "sections:", "  - id: noi-dung", "    number: II", "    title: NỘI DUNG", "tasks:", *tasks]) + "\n",
            encoding="utf-8")
        body = "\n\n".join(f"{sentence(n * 3 + p, 60)}." for p in range(4))
        (folder / "noi-dung.md").write_text(f"## I. MỤC ĐÍCH\n\n{body}\n\n## II. NỘI DUNG\n\n"
                                            "<!-- nhiem-vu: noi-dung -->\n", encoding="utf-8")


def timed(args: list[str], cwd: Path) -> float:
    """Wall seconds of one command; fails loudly."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEHOACH_TODAY": "2024-06-15"}
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return elapsed


def measure(count: int, runs: int) -> tuple[float, float]:
    """Median seconds: (plugin build, vanilla build of the same pages)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_plans(root, count)
        (root / "docs").mkdir()
        plugin_dir, plain_dir = root, root / "plain"
        (plugin_dir / "mkdocs.yml").write_text(CONFIG.format(plugin=", kehoach"), encoding="utf-8")
        plain_dir.mkdir()
        timed([sys.executable, "-m", "kehoach.cli", "build-docs", str(plain_dir / "docs"), "--plans", "plans",
               "--today", "2024-06-15", "--site-url", "http://127.0.0.1:8000/"], root)
        (plain_dir / "mkdocs.yml").write_text(CONFIG.format(plugin=""), encoding="utf-8")
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
        plugin = [timed(mkdocs, plugin_dir) for _ in range(runs)]
        plain = [timed(mkdocs, plain_dir) for _ in range(runs)]
        return statistics.median(plugin), statistics.median(plain)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 100, one run")
    quick = parser.parse_args().quick
    over = False
    for count in (100,) if quick else (100, 1000):
        plugin, plain = measure(count, 1 if quick else 3)
        overhead = plugin / plain - 1
        over |= overhead > BUDGET and not quick
        print(f"N={count:5d} plans: plugin {plugin:6.2f} s, plain Markdown {plain:6.2f} s, "
              f"overhead {overhead:+.1%} (budget {BUDGET:.0%}); load average {os.getloadavg()[0]:.2f}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
