"""Shared fixtures: run the `kehoach` command in-process and compare with golden files."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
REGEN = os.environ.get("KEHOACH_REGEN") == "1"


def run_kehoach(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run `kehoach ARGS` inside `cwd`; return the exit code and what a terminal shows."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


@pytest.fixture
def kehoach() -> Callable[[list[str], Path], tuple[int, str]]:
    """The `kehoach` command, run in-process in a given folder."""
    return run_kehoach


def compare_with_file(actual: str, expected_path: Path) -> None:
    """Assert `actual` equals the file; with KEHOACH_REGEN=1, rewrite the file instead."""
    if REGEN:
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), (f"{expected_path} is missing; create it with "
                                    "KEHOACH_REGEN=1 .venv/bin/pytest tests/ and review it")
    assert actual == expected_path.read_text(encoding="utf-8")


_THIS_MODULE = sys.modules[__name__]


def pytest_collectstart(collector: pytest.Collector) -> None:
    """Keep `from conftest import …` pointing here for the test modules of this folder.

    pytest imports each folder's conftest.py under the one name `conftest` and drops
    the previous one from sys.modules (tests/browser/ has its own), so test modules
    imported after it would get the wrong file.
    """
    if isinstance(collector, pytest.Module) and collector.path.parent == ROOT / "tests":
        sys.modules["conftest"] = _THIS_MODULE
