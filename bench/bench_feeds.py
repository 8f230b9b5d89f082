"""Time `build_feeds` on 1,000 synthetic plans of 30 tasks each (issue 4 budget: 2 s).

The plans are built as models in memory (no YAML, no files), so the figure is
the feed writer alone: every feed (all, per year, per plan, per agency).

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
import time
from datetime import date, timedelta
from pathlib import Path

from kehoach.calendar import build_feeds
from kehoach.loader import Corpus, LoadedPlan
from kehoach.models import Agency, Deadline, Document, Plan, Section, Task

BUDGET = 2.0  # seconds for 1,000 plans
TASKS = 30
PROVINCES = 10
AGENCIES = 10  # per province, plus one group holding them all
WORDS = ("tổ chức", "phong trào", "thi đua", "khen thưởng", "báo cáo", "sơ kết", "tổng kết", "Sở Nội vụ",
         "hướng dẫn", "kiểm tra", "đôn đốc", "xét duyệt", "hồ sơ", "điển hình", "tiên tiến", "năm học")


def registry() -> dict[str, Agency]:
    """Ten provinces of ten agencies each; every agency belongs to its province's group."""
    agencies = {}
    for p in range(PROVINCES):
        group = f"tinh-{p}/cac-co-quan"
        agencies[group] = Agency(id=group, name=f"Các cơ quan, đơn vị tỉnh số {p}", kind="group")
        for a in range(AGENCIES):
            agency_id = f"tinh-{p}/co-quan-{a}"
            agencies[agency_id] = Agency(id=agency_id, name=f"Sở số {a}, tỉnh số {p}", kind="department",
                                         groups=[group])
    return agencies


def deadline(n: int, year: int) -> Deadline:
    """A mix of deadline kinds, some landing on weekends and holidays."""
    day = date(year, 1, 1) + timedelta(days=(n * 37) % 365)
    choice = n % 4
    if choice == 0:
        return Deadline(text=f"ngày {day.day}/{day.month}/{year}", date=day)
    if choice == 1:
        return Deadline(text=f"trước ngày {day.day}/{day.month}/{year}", before=day)
    if choice == 2:
        return Deadline(text=f"Tháng {day.month}/{year}", month=f"{year}-{day.month:02d}")
    return Deadline(text=f"Quý {(day.month - 1) // 3 + 1}", quarter=f"{year}-Q{(day.month - 1) // 3 + 1}")


def plan(index: int) -> LoadedPlan:
    """One synthetic plan of TASKS tasks with long Vietnamese titles, leads and partners."""
    year, province = 2023 + index % 3, index % PROVINCES
    tasks = []
    for t in range(TASKS):
        words = " ".join(WORDS[(index + t + k) % len(WORDS)] for k in range(14))
        agency = [f"tinh-{province}/co-quan-{(index + t + k) % AGENCIES}" for k in range(3)]
        partners = [agency[1], agency[2], f"tinh-{province}/cac-co-quan"][: 1 + t % 3]
        tasks.append(Task(id=f"nv-{t:02d}", section="nhiem-vu", number=str(t + 1),
                          title=f"Nhiệm vụ {t + 1}: {words}, thực hiện; đánh giá", deadline=deadline(index + t, year),
                          lead=[agency[0]], partners=partners))
    document = Document(type="Kế hoạch", number=str(index), symbol="KH-UBND", date=date(year, 1, 10),
                        issuer=f"tinh-{province}/co-quan-0", subject=f"Công tác thi đua, khen thưởng số {index}")
    model = Plan(year=year, title=f"Kế hoạch thi đua, khen thưởng số {index} năm {year}", document=document,
                 sections=[Section(id="nhiem-vu", title="NHIỆM VỤ")], tasks=tasks)
    slug = f"ke-hoach-{index:04d}"
    return LoadedPlan(f"{year}/{slug}", Path("plans", str(year), slug), f"plans/{year}/{slug}/ke-hoach.yml",
                      model, {})  # type: ignore[arg-type]


def corpus(count: int) -> Corpus:
    """`count` plans and the registry, as the loader would return them."""
    return Corpus(Path("plans"), [plan(i) for i in range(count)], registry(), {}, [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 plans, one run")
    args = parser.parse_args()
    count, runs = (100, 1) if args.quick else (1000, 5)
    data = corpus(count)
    walls, cpus, feeds = [], [], {}
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
    print(f"build_feeds: {count} plans, {count * TASKS} tasks -> {len(feeds)} feeds, "
          f"{events} events written, {size / 1e6:.1f} MB")
    print(f"wall: median {statistics.median(walls):.2f} s, best {min(walls):.2f} s of {runs} run(s); "
          f"CPU median {statistics.median(cpus):.2f} s; budget {budget:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f}; peak RSS {peak_mb:.0f} MB")
    return 1 if min(walls) > budget and not args.quick else 0


if __name__ == "__main__":
    sys.exit(main())
