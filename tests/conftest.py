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
UPDATE_GOLDENS = "--update-goldens"
_RUN = {"update_goldens": False}  # set once per run by pytest_configure


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(UPDATE_GOLDENS, action="store_true", default=False,
                     help="rewrite the golden files under tests/cases/ instead of comparing with them "
                          "(refused when CI=true); review `git diff tests/cases/` afterwards")


def pytest_configure(config: pytest.Config) -> None:
    """Note whether this run rewrites golden files; never under CI, where a rewrite would hide a regression."""
    if config.getoption(UPDATE_GOLDENS, default=False):
        if os.environ.get("CI", "").strip().lower() in ("true", "1"):
            raise pytest.UsageError(f"{UPDATE_GOLDENS} is refused when CI=true: golden files are rewritten on a "
                                    "developer's machine, and the diff is reviewed before it is committed.")
        _RUN["update_goldens"] = True


def updating_goldens() -> bool:
    """Whether this run rewrites the golden files (`pytest --update-goldens`) rather than comparing with them."""
    return _RUN["update_goldens"]


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
    """Assert `actual` equals the file; under `--update-goldens`, rewrite the file instead."""
    if updating_goldens():
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), (f"{expected_path} is missing; create it with "
                                    ".venv/bin/pytest --update-goldens tests/ and review it")
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
