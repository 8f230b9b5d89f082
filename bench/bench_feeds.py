"""Time `build_feeds` on a synthetic province of 1,000 plans, ~30 tasks each (issue 4 budget: 2 s).

The province (bench/province.py) is written to a temporary folder and loaded
with `load_corpus` before any timing, so the figure is the feed writer alone:
every feed (all, per year, per plan, per agency).

    .venv/bin/python bench/bench_feeds.py           # 1,000 plans, 5 runs: median and best
    .venv/bin/python bench/bench_feeds.py --quick   # 100 plans, one run (for `make test`)

Exit status 1 when the best full run is over budget. Other work on the machine
slows the wall time; the CPU time and load average are printed to judge by.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from province import write_province

from kehoach.core.loader import Corpus, load_corpus
from kehoach.feeds.calendar import build_feeds

BUDGET = 2.0  # seconds for 1,000 plans (about 30,000 tasks)


def corpus(root: Path, count: int) -> Corpus:
    """A synthetic province of `count` plans (bench/province.py), loaded as the site loads it."""
    write_province(root, count)
    return load_corpus([root / "plans"], base=root)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 plans, one run")
    args = parser.parse_args()
    count, runs = (100, 1) if args.quick else (1000, 5)
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        data = corpus(Path(tmp), count)
    tasks = sum(len(loaded.plan.tasks) for loaded in data.plans)
    walls, cpus, feeds = list[float](), list[float](), dict[str, bytes]()
    for _ in range(runs):
        feeds = {}  # free the previous run's output before timing the next
        wall, cpu = time.perf_counter(), time.process_time()
        feeds = build_feeds(data, "https://intranet.example/kehoach/")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    events = sum(content.count(b"BEGIN:VEVENT") for content in feeds.values())
    size = sum(len(content) for content in feeds.values())
    budget = BUDGET * count / 1000
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"build_feeds: {count} plans, {tasks} tasks -> {len(feeds)} feeds, "
          f"{events} events written, {size / 1e6:.1f} MB")
    print(f"wall: median {statistics.median(walls):.2f} s, best {min(walls):.2f} s of {runs} run(s); "
          f"CPU median {statistics.median(cpus):.2f} s; budget {budget:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f}; peak RSS {peak_mb:.0f} MB")
    return 1 if min(walls) > budget and not args.quick else 0


if __name__ == "__main__":
    sys.exit(main())
