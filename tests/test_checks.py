"""Golden tests: each bad plan under tests/cases/check/ gives exactly its expected report.

Each case folder holds a tiny `plans/` tree and `expected.txt`: the first line
`exit: N`, then the exact text `kehoach check plans` prints inside that folder.
Regenerate after a deliberate change, then read every diff as a user would:

    .venv/bin/pytest --update-goldens tests/test_checks.py
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import CASES, compare_with_file, run_kehoach

CHECK_CASES = sorted(path for path in (CASES / "check").iterdir() if path.is_dir())


def report(case: Path) -> str:
    """What `kehoach check plans` prints in `case`, headed by its exit code."""
    code, output = run_kehoach(["check", "plans"], case)
    return f"exit: {code}\n{output}"


@pytest.mark.parametrize("case", CHECK_CASES, ids=[path.name for path in CHECK_CASES])
def test_check_reports_exactly_the_expected_findings(case: Path) -> None:
    compare_with_file(report(case), case / "expected.txt")


def test_corpus_is_large_enough() -> None:
    assert len(CHECK_CASES) >= 35


@pytest.mark.parametrize("case", CHECK_CASES, ids=[path.name for path in CHECK_CASES])
def test_every_finding_names_file_line_and_column(case: Path) -> None:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    findings = [line for line in lines[1:] if line and not line.startswith("    gợi ý:")][:-1]
    for line in findings:
        path, line_no, col, rest = line.split(":", 3)
        assert (case / path).exists() or path.endswith("ke-hoach.yml"), line
        assert int(line_no) >= 1 and int(col) >= 1, line
        assert rest.startswith(" KH"), line
    assert "Traceback" not in "\n".join(lines)


HOSTILE_TEXT = {
    "unclosed tags": "<a " * 300_000,
    "handler-like words": "onabc" * 200_000,
    "comment openers": "<!-- nhiem-vu: " * 100_000,
    "stale-year prefixes": "thi đua, khen thưởng " * 50_000,
    "script-like words": "javascript" * 100_000,
}


@pytest.mark.parametrize("text", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_text_rules_take_linear_time_on_hostile_markdown(tmp_path: Path, text: str) -> None:
    """A regex that backtracks over each «<a» took minutes on 1 MB; every rule must stay linear."""
    case = tmp_path / "case"
    shutil.copytree(CASES / "check" / "clean-plan", case)
    (case / "plans/2025/ke-hoach-tdkt/noi-dung.md").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    code, _ = run_kehoach(["check", "plans"], case)
    assert time.perf_counter() - started < 5.0
    assert code in (0, 1)
