"""The set-up plumbing: Makefile targets, .ci/run, and the README's two commands.

Targets that install things are run for real against stand-in `apt-get`,
`dpkg-query`, `id`, `npm` and `pytest` programs in a temporary folder, so the
tests see exactly what would be installed without installing anything.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from kehoach.core.elements import missing
from kehoach.core.errors import Finding
from kehoach.core.models import Deadline, Plan, Registry, Task
from kehoach.core.rules import RULES
from kehoach.site.guide import RULE_TABLE_MARKER, fill_rule_table

ROOT = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")
DEBS = "calcurse chromium poppler-utils fonts-liberation2 fonts-croscore fonts-noto-core libreoffice-calc-nogui"


def fake(folder: Path, name: str, script: str) -> None:
    """Write an executable stand-in `name` that runs `script` under bash."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/bash\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def make(*args: str, path: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    if MAKE is None:
        pytest.fail("GNU make is not installed: apt-get install make")
    env = {**os.environ, "PATH": path}
    return subprocess.run([MAKE, "-s", "-f", str(ROOT / "Makefile"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    return tmp_path / "bin"


def system(bin_dir: Path, *, uid: int, installed: set[str], log: Path) -> str:
    """Stand-ins for a Debian machine where only `installed` packages are present."""
    listed = " ".join(sorted(installed))
    fake(bin_dir, "id", f'[ "$1" = -u ] && echo {uid}')
    fake(bin_dir, "dpkg-query", f'for p in {listed}; do [ "${{@: -1}}" = "$p" ] && printf "install ok installed" '
                                f"&& exit 0; done; exit 1")
    fake(bin_dir, "apt-get", f'echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND apt-get $*" >> {log}')
    fake(bin_dir, "npm", "exit 0")
    return f"{bin_dir}:{os.environ['PATH']}"


def test_system_deps_installs_only_what_is_missing_when_root(bin_dir: Path, tmp_path: Path):
    log = tmp_path / "apt.log"
    path = system(bin_dir, uid=0, installed=set(DEBS.split()) - {"calcurse", "fonts-croscore"}, log=log)
    result = make("system-deps", path=path)
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        "DEBIAN_FRONTEND=noninteractive apt-get update -q",
        "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends calcurse fonts-croscore",
    ]


def test_system_deps_does_nothing_when_everything_is_there(bin_dir: Path, tmp_path: Path):
    log = tmp_path / "apt.log"
    result = make("system-deps", path=system(bin_dir, uid=0, installed=set(DEBS.split()), log=log))
    assert result.returncode == 0, result.stderr
    assert not log.exists()
    assert "system packages present" in result.stdout


def test_system_deps_without_root_fails_naming_the_apt_command(bin_dir: Path, tmp_path: Path):
    log = tmp_path / "apt.log"
    result = make("system-deps", path=system(bin_dir, uid=1000, installed={"calcurse"}, log=log))
    assert result.returncode != 0
    assert not log.exists()
    missing = DEBS.replace("calcurse ", "")
    assert f"sudo apt-get update && sudo apt-get install -y --no-install-recommends {missing}" in result.stderr
    assert "Cần quyền root" in result.stderr and "needs root" in result.stderr


def test_node_deps_is_a_no_op_without_a_package_json(tmp_path: Path):
    result = make("node-deps", f"BROWSER_DIR={tmp_path / 'browser'}", path="/nonexistent")
    assert result.returncode == 0, result.stderr
    assert "no npm packages declared" in result.stdout


def test_node_deps_fails_clearly_without_npm(tmp_path: Path):
    browser = tmp_path / "browser"
    browser.mkdir()
    (browser / "package.json").write_text("{}", encoding="utf-8")
    result = make("node-deps", f"BROWSER_DIR={browser}", path="/nonexistent")
    assert result.returncode != 0
    assert "Node.js and npm are required" in result.stderr


def test_node_deps_runs_npm_ci_once_until_the_lock_file_changes(bin_dir: Path, tmp_path: Path):
    browser, log = tmp_path / "browser", tmp_path / "npm.log"
    browser.mkdir()
    (browser / "package.json").write_text("{}", encoding="utf-8")
    (browser / "package-lock.json").write_text("{}", encoding="utf-8")
    fake(bin_dir, "npm", f'echo "npm $*" >> {log}; mkdir -p "$3/node_modules"')
    path = f"{bin_dir}:{os.environ['PATH']}"
    for _ in range(2):
        assert make("node-deps", f"BROWSER_DIR={browser}", path=path).returncode == 0
    later = (browser / "package-lock.json").stat().st_mtime + 5
    os.utime(browser / "package-lock.json", (later, later))
    assert make("node-deps", f"BROWSER_DIR={browser}", path=path).returncode == 0
    assert log.read_text().splitlines() == [f"npm ci --prefix {browser} --no-audit --no-fund"] * 2


def test_install_is_redone_only_when_pyproject_changes(tmp_path: Path):
    stamp = tmp_path / "stamp"
    stamp.touch()
    fresh = make("-n", "install", f"STAMP={stamp}", path=os.environ["PATH"])
    old = (ROOT / "pyproject.toml").stat().st_mtime - 60
    os.utime(stamp, (old, old))
    stale = make("-n", "install", f"STAMP={stamp}", path=os.environ["PATH"])
    assert "pip install" not in fresh.stdout
    assert "pip install --quiet -e '.[test]'" in stale.stdout


def test_unit_fails_when_pytest_collects_nothing(bin_dir: Path, tmp_path: Path):
    stamp = tmp_path / "stamp"
    stamp.touch()
    fake(bin_dir, "pytest", "echo 'no tests ran'; exit 5")
    result = make("unit", f"BIN={bin_dir}", f"STAMP={stamp}", path=os.environ["PATH"])
    assert result.returncode != 0
    assert "pytest collected no tests" in result.stderr


def test_make_test_runs_every_step_with_pytest_last():
    result = make("-n", "test", path=os.environ["PATH"])
    assert result.returncode == 0, result.stderr
    steps = [".venv/bin/kehoach check plans", "mkdocs build --strict", "check-jsonschema --builtin-schema "
             "vendor.github-workflows", "zizmor --offline", "ruff check plugins tests", ".venv/bin/pytest"]
    positions = [result.stdout.find(step) for step in steps]
    assert -1 not in positions, dict(zip(steps, positions, strict=True))
    assert positions == sorted(positions)


def test_help_documents_every_target():
    result = make("help", path=os.environ["PATH"])
    listed = {line.split()[0] for line in result.stdout.splitlines()[1:]}
    assert {"install", "system-deps", "node-deps", "serve", "test", "check", "lint", "schema", "clean"} <= listed


def test_ci_run_is_an_executable_bash_script_that_runs_make_test():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    lines = script.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines
    assert lines[-1] == "exec make test"


def test_readme_gives_exactly_the_two_commands_for_a_fresh_machine():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    vietnamese = text.split("## For engineers")[0]
    commands = [line.strip() for line in vietnamese.splitlines() if line.strip().startswith("make ")]
    assert commands == ["make serve", "make test"]
    assert "http://127.0.0.1:8000" in vietnamese
    assert "docs/huong-dan/soan-ke-hoach.md" in vietnamese


GUIDE = ROOT / "docs" / "huong-dan" / "soan-ke-hoach.md"


def test_the_rule_registry_holds_every_emitted_code_and_no_other():
    emitted = set()
    for source in (ROOT / "plugins" / "kehoach").rglob("*.py"):
        if source.name != "rules.py":
            emitted |= set(re.findall(r"\"(KH\d{3})\"", source.read_text(encoding="utf-8")))
    assert sorted(emitted - RULES.keys()) == [], "explain these codes in plugins/kehoach/core/rules.py"
    assert sorted(RULES.keys() - emitted) == [], "these codes are no longer emitted"


def test_the_editing_guide_shows_the_registrys_table_where_its_marker_is():
    guide = GUIDE.read_text(encoding="utf-8")
    assert guide.count(RULE_TABLE_MARKER) == 1
    assert not re.search(r"^\| KH\d{3} \|", guide, flags=re.MULTILINE), "the table is rendered, not copied"
    rows = re.findall(r"^\| (KH\d{3}) \| ([^|]+) \|", fill_rule_table(guide), flags=re.MULTILINE)
    assert [code for code, _ in rows] == sorted(RULES)
    assert dict(rows)["KH504"] == "cảnh báo / lỗi" and dict(rows)["KH208"] == "cảnh báo"


def test_a_finding_must_name_a_registered_code():
    with pytest.raises(ValueError, match="KH999"):
        Finding("plans/x.yml", 1, 1, "KH999", "error", "…")


def yaml_examples() -> list[object]:
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [yaml.safe_load(textwrap.dedent(block)) for block in blocks]


def test_the_guides_task_examples_are_valid_tasks_and_deadlines():
    tasks, deadlines = [], []
    for example in yaml_examples():
        items = example if isinstance(example, list) else next(iter(example.values()))
        items = items if isinstance(items, list) else [example]
        tasks += [Task.model_validate(item) for item in items if "section" in item]
        deadlines += [Deadline.model_validate(item["deadline"]) for item in items if "deadline" in item]
    assert [task.status.state for task in tasks] == ["not_started", "done"]
    assert tasks[1].status.proof is not None and tasks[1].status.proof.number
    assert [deadline.ongoing or deadline.before or deadline.date for deadline in deadlines] == [
        True, date(2024, 5, 15), date(2024, 11, 1)]


def test_the_guides_examples_from_the_real_plan_are_copied_word_for_word():
    plan = (ROOT / "plans" / "2024" / "quyet-thang-ke-hoach-tdkt" / "ke-hoach.yml").read_text(encoding="utf-8")
    guide = GUIDE.read_text(encoding="utf-8")
    first_task = re.search(r"```yaml\ntasks:\n(.*?)```", guide, flags=re.DOTALL)
    assert first_task and first_task.group(1) in plan
    report = re.search(r"```yaml\nreporting:\n(.*?)```", guide, flags=re.DOTALL)
    assert report and report.group(1) in plan


def test_make_test_runs_every_step_after_a_failure_and_names_the_failed_ones(bin_dir: Path, tmp_path: Path):
    stamp, log = tmp_path / "stamp", tmp_path / "steps.log"
    stamp.touch()
    for name in ("kehoach", "mkdocs", "check-jsonschema", "zizmor", "ruff", "pytest"):
        fake(bin_dir, name, f'echo {name} >> {log}' + ("; exit 1" if name in ("kehoach", "ruff") else ""))
    result = make("test", f"BIN={bin_dir}", f"STAMP={stamp}", "DEBS=", f"BROWSER_DIR={tmp_path}",
                  path=os.environ["PATH"])
    assert result.returncode != 0
    assert log.read_text().split() == ["kehoach", "mkdocs", "check-jsonschema", "zizmor", "ruff", "pytest"]
    assert "failed steps: check lint" in result.stderr


def test_the_guides_draft_for_signature_example_is_a_complete_draft():
    """The guide's `for_signature` example is a valid plan document that KH508 has nothing to say about."""
    (example,) = [block for block in yaml_examples() if isinstance(block, dict) and "for_signature" in block]
    plan = Plan.model_validate({"year": 2025, **example})
    registry_file = ROOT / "plans" / "agencies" / "lai-chau.yml"
    registry = Registry.model_validate(yaml.safe_load(registry_file.read_text(encoding="utf-8")))
    agencies = {agency.id: agency for agency in registry.agencies}
    assert plan.for_signature and plan.document.issuer in agencies
    assert missing(plan.document, agencies, attached=False) == ()
