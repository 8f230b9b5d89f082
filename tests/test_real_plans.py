"""The real plans load without errors and `check` reports exactly the seeds' known inconsistencies.

The expected report is tests/cases/real-plans-expected.txt; after a deliberate
change to plans/ regenerate it and read the diff:

    .venv/bin/pytest --update-goldens tests/test_real_plans.py
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CASES, ROOT, compare_with_file, run_kehoach

from kehoach.core.checks import check_corpus
from kehoach.core.loader import load_corpus

EXPECTED = CASES / "real-plans-expected.txt"


def test_every_real_plan_loads_without_errors() -> None:
    corpus = load_corpus([ROOT / "plans"], base=ROOT)
    errors = [f.as_text() for f in check_corpus(corpus) if f.severity == "error"]
    assert errors == []
    folders = sorted(path.parent for path in (ROOT / "plans").glob("[0-9]*/*/ke-hoach.yml"))
    assert [loaded.folder.resolve() for loaded in corpus.plans] == [Path(f).resolve() for f in folders]
    assert len(corpus.plans) >= 4


def test_check_prints_exactly_the_expected_warnings() -> None:
    code, output = run_kehoach(["check", "plans"], ROOT)
    compare_with_file(f"exit: {code}\n{output}", EXPECTED)


def test_the_seeds_inconsistencies_are_of_at_least_three_kinds() -> None:
    text = EXPECTED.read_text(encoding="utf-8")
    assert text.startswith("exit: 0\n")
    codes = set(re.findall(r"^plans/\S+: (KH\d{3}) cảnh báo:", text, re.M))
    assert len(codes) >= 3, codes
