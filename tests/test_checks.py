"""Golden tests: each bad plan under tests/cases/check/ gives exactly its expected report.

Each case folder holds a tiny `plans/` tree and `expected.txt`: the first line
`exit: N`, then the exact text `kehoach check plans` prints inside that folder.
Regenerate after a deliberate change, then read every diff as a user would:

    .venv/bin/pytest --update-goldens tests/test_checks.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import CASES, ROOT, compare_with_file, run_kehoach

sys.path.insert(0, str(ROOT / "bench"))
from bench_hostile import HOSTILE_TEXT, write_hostile_plan  # noqa: E402

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


@pytest.mark.parametrize("text", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_hostile_markdown_is_read_through_to_the_findings_it_deserves(tmp_path: Path, text: str) -> None:
    """About 1 MB built to make a backtracking regex take minutes (the time is bench/bench_hostile.py's):
    the check finishes and says only that the sections whose markers the body lost are not shown."""
    code, output = run_kehoach(["check", "plans"], write_hostile_plan(tmp_path, text))
    codes = [line.split(": ")[1].split()[0] for line in output.splitlines() if line.startswith("plans/")]
    assert (code, codes) == (0, ["KH504"] * len(codes)) and len(codes) >= 2, output


def test_following_the_kh508_hint_clears_the_warning(tmp_path: Path) -> None:
    """The hint's fields, written as it says (issuer, ký hiệu, place, signer), leave nothing to warn about."""
    case = CASES / "check" / "for-signature-missing-elements"
    shutil.copytree(case / "plans", tmp_path / "plans")
    plan = tmp_path / "plans" / "2025" / "ke-hoach-tdkt" / "ke-hoach.yml"
    text = plan.read_text(encoding="utf-8")
    filled = text.replace("document:\n", "document:\n  issuer_name: SỞ NỘI VỤ\n  symbol: KH-UBND\n  place: Đồng Nai\n"
                          "  signer:\n    title: CHỦ TỊCH\n    name: Nguyễn Văn A\n")
    plan.write_text(filled, encoding="utf-8")
    assert report(tmp_path) == "exit: 0\nKhông có lỗi nào.\n"
    plan.write_text(text.replace("for_signature: true\n", ""), encoding="utf-8")
    assert report(tmp_path) == "exit: 0\nKhông có lỗi nào.\n"
