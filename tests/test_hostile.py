"""The hostile corpus: mistakes and hostile input, each answered by a finding, never by a traceback.

Each folder under tests/cases/hostile/ is one case:

    plans/…         the input tree (a copy of check/clean-plan with one thing broken)
    command.txt     optional: the `kehoach` arguments, one per line (default: check, plans)
    setup.jsonl     optional: what git cannot hold, made before the run, one JSON list a line:
                    ["symlink", PATH, TARGET], ["fifo", PATH], ["move", PATH, NEW_PATH], ["write", PATH, TEXT],
                    ["commit", MESSAGE] (git add -A and commit, the repository made at the first)
    expected.txt    `exit: N`, then exactly what the command prints (stdout, then stderr)
    mkdocs.yml      optional (with docs/): the case is also built by `mkdocs build --strict` with the
                    plugin, and every task keeps its one anchor on its page, every generated block
                    comes back, and the built pages' content holds nothing executable

The case runs in a copy under a temporary folder. When `check plans` passes, the harness also builds
the pages, feeds and exports (`kehoach build-docs --exports`) and asserts that they publish nothing
executable (tests/support/published.py) and that nothing was written outside the output folder.
Regenerate with `.venv/bin/pytest --update-goldens tests/test_hostile.py`, then read the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CASES, compare_with_file, run_kehoach
from support.published import active_html, problems_in

from kehoach.core.loader import load_corpus

HOSTILE = CASES / "hostile"
HOSTILE_CASES = sorted(path for path in HOSTILE.iterdir() if path.is_dir())


def prepare(case: Path, root: Path) -> Path:
    """Copy the case to `root` and make what its setup.jsonl asks for."""
    shutil.copytree(case, root, symlinks=True)
    setup = root / "setup.jsonl"
    for line in setup.read_text(encoding="utf-8").splitlines() if setup.exists() else []:
        step, path, *rest = json.loads(line)
        target = root / path
        if step == "symlink":
            target.unlink(missing_ok=True)
            target.symlink_to(rest[0])
        elif step == "fifo":
            target.unlink(missing_ok=True)
            os.mkfifo(target)
        elif step == "move":
            target.rename(root / rest[0])
        elif step == "commit":  # a git repository of the case, for `kehoach diff`
            _commit(root, path)
        elif step == "write":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(rest[0].encode("utf-8", "surrogatepass"))
        else:
            raise AssertionError(f"unknown setup step {step!r} in {case.name}")
    return root


def _commit(root: Path, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Thử", "GIT_AUTHOR_EMAIL": "thu@example.invalid",
           "GIT_COMMITTER_NAME": "Thử", "GIT_COMMITTER_EMAIL": "thu@example.invalid"}
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=env)
    for args in (["add", "-A", "plans"], ["commit", "-q", "--allow-empty", "-m", message]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)


def command_of(case: Path) -> list[str]:
    """The arguments the case runs `kehoach` with."""
    command = case / "command.txt"
    return command.read_text(encoding="utf-8").splitlines() if command.exists() else ["check", "plans"]


def files_under(root: Path) -> set[str]:
    """Every path under `root` (symlinks not followed)."""
    return {path.relative_to(root).as_posix() for path in root.rglob("*")}


@pytest.mark.parametrize("case", HOSTILE_CASES, ids=[path.name for path in HOSTILE_CASES])
def test_hostile_input_gets_exactly_the_expected_answer(case: Path, tmp_path: Path) -> None:
    root = prepare(case, tmp_path / "case")
    before = files_under(root)
    code, output = run_kehoach(command_of(case), root)
    assert "Traceback" not in output
    assert [path.name for path in tmp_path.iterdir()] == ["case"]  # nothing written beside the repository
    compare_with_file(f"exit: {code}\n{output}", case / "expected.txt")
    if command_of(case) == ["check", "plans"]:
        assert files_under(root) == before  # check writes nothing
        if code == 0:
            _assert_build_publishes_nothing_executable(root, before)
        if code == 0 and (root / "mkdocs.yml").exists():
            _assert_site_keeps_every_block(root)


def _assert_build_publishes_nothing_executable(root: Path, before: set[str]) -> None:
    code, output = run_kehoach(["build-docs", "out", "--exports", "--today", "2025-03-01",
                                "--site-url", "https://intranet.example/kehoach/"], root)
    assert code == 0, output
    assert problems_in(root / "out") == []
    assert {path for path in files_under(root) - before if not path.startswith("out/") and path != "out"} == set()



def _assert_site_keeps_every_block(root: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEHOACH_TODAY": "2025-03-01"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
                            cwd=root, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    pages = {path: path.read_text(encoding="utf-8") for path in (root / "site").rglob("*.html")}
    assert not [path for path, html in pages.items() if re.search(r"KHSTASH[0-9a-f]{12}N", html)]  # all came back
    assert not [f"{path}: {piece}" for path, html in pages.items() for piece in active_html(html)]
    corpus = load_corpus([root / "plans"], base=root)
    for loaded in corpus.plans:
        html = pages[root / "site" / "ke-hoach" / loaded.id / "index.html"]
        for item in [*loaded.plan.tasks, *loaded.plan.reporting]:
            assert html.count(f'id="{item.id}"') == 1, item.id
        assert 'id="kh-dong-thoi-gian"' in html and 'class="kh-foot"' in html


def test_corpus_covers_every_class() -> None:
    """The classes of issue 13, each with at least one case (by folder-name prefix)."""
    classes = {"chars-", "yaml-", "number-", "date-", "folder-", "symlink-", "agency-", "markdown-", "link-",
               "feed-", "cell-", "output-", "slug-", "import-", "diff-", "digest-", "message-"}
    names = [path.name for path in HOSTILE_CASES]
    assert {prefix for prefix in classes if any(name.startswith(prefix) for name in names)} == classes
    assert len(names) >= 60
