"""Golden files are rewritten only by `pytest --update-goldens`, one run at a time, and never under CI.

Each test runs pytest in a subprocess on a tiny test file next to a copy of
tests/conftest.py, so the option is exercised as a developer would use it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

TINY_TEST = '''
from pathlib import Path

from conftest import compare_with_file


def test_page() -> None:
    compare_with_file("trang mới\\n", Path(__file__).parent / "expected.txt")
'''


def run_pytest(folder: Path, *args: str, ci: str | None, **more_env: str) -> subprocess.CompletedProcess[str]:
    """pytest on the tiny test file in `folder`, with CI set to `ci` (unset when None)."""
    shutil.copy(ROOT / "tests" / "conftest.py", folder / "conftest.py")
    (folder / "test_tiny.py").write_text(TINY_TEST, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"} | more_env
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(folder),
                           *args, str(folder / "test_tiny.py")],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_update_goldens_is_refused_under_ci_and_writes_nothing(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, "--update-goldens", ci="true")
    assert done.returncode != 0
    assert "--update-goldens is refused when CI=true" in done.stdout + done.stderr
    assert not (tmp_path / "expected.txt").exists()


def test_update_goldens_rewrites_the_file_outside_ci(tmp_path: Path) -> None:
    (tmp_path / "expected.txt").write_text("trang cũ\n", encoding="utf-8")
    done = run_pytest(tmp_path, "--update-goldens", ci=None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "expected.txt").read_text(encoding="utf-8") == "trang mới\n"


def test_without_the_option_a_changed_output_fails_and_the_file_stays(tmp_path: Path) -> None:
    (tmp_path / "expected.txt").write_text("trang cũ\n", encoding="utf-8")
    done = run_pytest(tmp_path, ci=None)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (tmp_path / "expected.txt").read_text(encoding="utf-8") == "trang cũ\n"


def test_the_former_environment_variable_rewrites_nothing(tmp_path: Path) -> None:
    (tmp_path / "expected.txt").write_text("trang cũ\n", encoding="utf-8")
    assert run_pytest(tmp_path, ci=None, KEHOACH_REGEN="1").returncode == 1
    assert (tmp_path / "expected.txt").read_text(encoding="utf-8") == "trang cũ\n"
