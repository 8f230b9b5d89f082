"""Benchmark: hostile input is read in linear time (the times tests/test_checks.py and test_source.py used to assert).

Budgets, on CPU seconds of this process (wall time is printed too; a shared
machine inflates it), median of 3 runs:

  * `kehoach check` of a plan whose Markdown body is one of HOSTILE_TEXT
    (about 1 MB built to make a backtracking regex take minutes): <= 5 s each;
  * loading a billion-laughs plan or registry, or a plan file of 5 MB
    (refused by size before it is read): <= 1 s each.

The tests keep what is not a time: the findings these inputs give and, for the
YAML bombs and the large file, the peak memory of loading them.

    .venv/bin/python bench/bench_hostile.py           # exit 1 when a budget is missed
    .venv/bin/python bench/bench_hostile.py --quick   # one run each, never fails on time
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from kehoach.api import load_checked
from kehoach.core.loader import load_corpus

CASES = Path(__file__).resolve().parent.parent / "tests" / "cases" / "check"
CHECK_BUDGET, LOAD_BUDGET = 5.0, 1.0

HOSTILE_TEXT = {
    "unclosed tags": "<a " * 300_000,
    "handler-like words": "onabc" * 200_000,
    "comment openers": "<!-- nhiem-vu: " * 100_000,
    "stale-year prefixes": "thi đua, khen thưởng " * 50_000,
    "script-like words": "javascript" * 100_000,
}


def write_hostile_plan(root: Path, text: str) -> Path:
    """A copy of the clean check case under `root` whose plan body is `text`; the case folder."""
    case = root / "case"
    shutil.copytree(CASES / "clean-plan", case)
    (case / "plans/2025/ke-hoach-tdkt/noi-dung.md").write_text(text, encoding="utf-8")
    return case


def write_registry_bomb(root: Path) -> Path:
    """A plans folder whose only registry file nests aliases 9 deep 12 times (9^12 strings if expanded)."""
    folder = root / "plans" / "agencies"
    folder.mkdir(parents=True)
    lines = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    (folder / "x.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root / "plans"


def write_large_plan(root: Path) -> Path:
    """A plans folder with one plan file of more than 5 MB (over the size limit); the plans folder."""
    folder = root / "plans" / "2025" / "lon"
    folder.mkdir(parents=True)
    (root / "plans" / "agencies").mkdir()
    row = "  - Tổ chức tập huấn nghiệp vụ công tác thi đua, khen thưởng cho cán bộ làm công tác thi đua\n"
    (folder / "ke-hoach.yml").write_text("year: 2025\nnotes:\n" + row * (5 * 1024 * 1024 // len(row.encode())),
                                         encoding="utf-8")
    return root / "plans"


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median CPU and wall seconds of `action` over `runs` runs."""
    cpus, walls = [], []
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(cpus), statistics.median(walls)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each; never fails on time")
    args = parser.parse_args()
    runs, missed = (1 if args.quick else 3), []
    with tempfile.TemporaryDirectory(prefix="kehoach-hostile-") as tmp:
        steps: list[tuple[str, Callable[[], object], float]] = []
        for index, (name, text) in enumerate(HOSTILE_TEXT.items()):
            case = write_hostile_plan(Path(tmp) / f"text-{index}", text)
            steps.append((f"check, {name}", partial(load_checked, [case / "plans"], case), CHECK_BUDGET))
        bomb = CASES / "yaml-billion-laughs"
        steps.append(("load, billion laughs", lambda: load_corpus([bomb / "plans"], base=bomb), LOAD_BUDGET))
        registry = write_registry_bomb(Path(tmp) / "registry")
        steps.append(("load, billion laughs in the registry",
                      lambda: load_corpus([registry], base=registry.parent), LOAD_BUDGET))
        large = write_large_plan(Path(tmp) / "large")
        steps.append(("load, a 5 MB plan file", lambda: load_corpus([large], base=large.parent), LOAD_BUDGET))
        for name, action, budget in steps:
            cpu, wall = timed(action, runs)
            verdict = "ok" if cpu <= budget else "OVER BUDGET"
            print(f"{name}: CPU {cpu:.2f} s, wall {wall:.2f} s (budget {budget:.0f} s CPU) {verdict}")
            if cpu > budget:
                missed.append(name)
    if missed and not args.quick:
        print(f"over budget: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
