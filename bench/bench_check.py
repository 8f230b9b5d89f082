"""Benchmark: `kehoach check` against libyaml alone on the same plan files.

Writes a synthetic province of N plans (bench/province.py: about 30 tasks
each, Vietnamese text, real deadline forms, a registry with groups) into a
temporary folder, then prints

  (a) the time libyaml (`yaml.load` with `yaml.CSafeLoader`) takes to read and
      parse every YAML file of the tree, and
  (b) the time `api.load_checked` takes in-process on the same tree (what
      `kehoach check` does after start-up: each plan read and checked),

each the median of 3 interleaved runs (`--runs`), and their ratio. Budget (issues 2 and
15): ratio <= 1.3, also with a finding in every plan (`--findings 1`: a finding
needs its position in the file). The ratio is taken on CPU time of this process
(wall time is printed too): on a shared machine other processes distort wall time.

    .venv/bin/python bench/bench_check.py                 # N=1000, the province's share of findings, median of 3
    .venv/bin/python bench/bench_check.py --findings 1    # the worst case: a finding in every plan
    .venv/bin/python bench/bench_check.py --quick         # N=50, 1 run (smoke test)
    .venv/bin/python bench/bench_check.py --profile       # adds a cProfile of (b)
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from province import FINDINGS, write_province

from kehoach.api import load_checked

BUDGET = 1.3


def libyaml_only(files: list[Path]) -> None:
    """The floor: read and parse every YAML file with libyaml, nothing else."""
    gc.disable()
    try:
        for path in files:
            yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    finally:
        gc.enable()


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of this process and wall seconds taken by one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return time.process_time() - cpu, time.perf_counter() - wall


def compare(floor: Callable[[], object], ours: Callable[[], object], runs: int) -> dict[str, float]:
    """Median CPU and wall times of both, runs interleaved so machine noise hits both alike."""
    samples: dict[str, list[float]] = {"a_cpu": [], "a_wall": [], "b_cpu": [], "b_wall": []}
    for _ in range(runs):
        for name, action in (("a", floor), ("b", ours)):
            cpu, wall = timed(action)
            samples[f"{name}_cpu"].append(cpu)
            samples[f"{name}_wall"].append(wall)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N=50 and one run, to prove the bench runs")
    parser.add_argument("-n", type=int, default=None, help="number of plans (default 1000)")
    parser.add_argument("--findings", type=float, default=FINDINGS, metavar="SHARE",
                        help=f"share of plans with a finding (default {FINDINGS}; 1 = every plan)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of load_checked")
    parser.add_argument("--runs", type=int, default=None, help="interleaved runs to take the median of (default 3)")
    args = parser.parse_args()
    count, runs = (args.n or 50, 1) if args.quick else (args.n or 1000, 3)
    runs = args.runs or runs
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        root = Path(tmp)
        files = write_province(root, count, findings=args.findings)
        tasks = found = 0

        def check() -> None:
            nonlocal tasks, found
            corpus, findings = load_checked([root / "plans"], base=root)  # as `kehoach check` loads
            tasks, found = sum(len(loaded.plan.tasks) for loaded in corpus.plans), len(findings)
            assert len(corpus.plans) == count, [f.as_text() for f in findings[:5]]
            assert not [f for f in findings if f.severity == "error"], [f.as_text() for f in findings[:5]]

        check()  # warm caches (holidays, imports) once before timing
        t = compare(lambda: libyaml_only(files), check, runs)
        print(f"plans: {count} ({tasks} tasks, {found} findings), {len(files)} YAML files, median of {runs} "
              "(CPU time; wall in brackets)")
        print(f"(a) libyaml alone (yaml.CSafeLoader): {t['a_cpu']:.3f} s [{t['a_wall']:.3f} s] "
              f"{t['a_cpu'] / count * 1000:.2f} ms/plan")
        print(f"(b) load_checked (load + check):      {t['b_cpu']:.3f} s [{t['b_wall']:.3f} s] "
              f"{t['b_cpu'] / count * 1000:.2f} ms/plan")
        print(f"ratio (b)/(a): {t['b_cpu'] / t['a_cpu']:.2f} CPU, {t['b_wall'] / t['a_wall']:.2f} wall "
              f"(budget {BUDGET})")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(check)
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
