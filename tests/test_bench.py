"""The benchmark script runs and prints both figures (no timing is asserted: timed tests flake)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize(("share", "findings"), [(None, range(1, 50)), ("1", range(50, 51))])
def test_bench_quick_prints_libyaml_and_check_figures_and_their_ratio(share: str | None, findings: range) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_check.py"), "--quick",
                             *(["--findings", share] if share else [])],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    plans = re.search(r"^plans: 50 \(\d{4} tasks, (\d+) findings\), 52 YAML files", result.stdout, re.M)
    assert plans and int(plans[1]) in findings, result.stdout  # the share, or every plan with its stale year
    assert re.search(r"^\(a\) libyaml alone \(yaml\.CSafeLoader\): \d+\.\d+ s", result.stdout, re.M), result.stdout
    assert re.search(r"^\(b\) load_checked \(load \+ check\): +\d+\.\d+ s", result.stdout, re.M), result.stdout
    assert re.search(r"^ratio \(b\)/\(a\): \d+\.\d+ CPU", result.stdout, re.M), result.stdout


def test_page_sizes_prints_every_kind_of_page() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "page_sizes.py"), "-n", "20"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    kinds = re.findall(r"^(agency, other year|agency|home|index|plan|year) +(\d+) +[\d,]+ +[\d,]+  \S+$",
                       result.stdout, re.M)
    expected = {"agency", "agency, other year", "home", "index", "plan", "year"}
    assert {kind for kind, _ in kinds} == expected, result.stdout
    assert dict(kinds)["plan"] == "20" and dict(kinds)["home"] == "1"


def test_hostile_input_bench_quick_prints_every_step_with_its_budget() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_hostile.py"), "--quick"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    line = r"^(check|load), ([^:]+): CPU \d+\.\d\d s, wall \d+\.\d\d s \(budget (\d) s CPU\) (?:ok|OVER BUDGET)$"
    steps = re.findall(line, result.stdout, re.M)
    assert [(kind, budget) for kind, _, budget in steps] == [("check", "5")] * 5 + [("load", "1")] * 3, result.stdout
