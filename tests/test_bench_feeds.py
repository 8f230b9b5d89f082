"""The feed benchmark runs (quick mode) and reports what it measured."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_feed_benchmark_quick_run_reports_events_and_time() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench/bench_feeds.py"), "--quick"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    counts = re.search(r"100 plans, (\d+) tasks -> (\d+) feeds, (\d+) events written, ([\d.]+) MB", run.stdout)
    assert counts, run.stdout
    # about 30 tasks a plan; every task is in the all, year and plan feeds, and in at least one agency feed
    assert 2500 <= int(counts[1]) <= 3500, run.stdout
    assert int(counts[3]) >= 4 * int(counts[1]) and float(counts[4]) > 0
    assert re.search(r"wall: median [\d.]+ s, best [\d.]+ s of 1 run\(s\); CPU median [\d.]+ s", run.stdout)
