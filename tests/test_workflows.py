"""The CI workflows and pre-commit hooks: valid, audited, pinned, least privilege.

The schema check and the audit are the tools themselves (check-jsonschema,
zizmor, pre-commit), run as `make test` runs them; the rest reads the YAML and
asserts the rules the project holds every workflow to.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")


def tool(name: str) -> str:
    """Path of a tool installed beside this Python (the project's .venv), or fail saying how to get it."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: run `make install` (it is in the [test] extras of pyproject.toml)")
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a mapping"
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The `on:` block (PyYAML reads the bare key `on` as True)."""
    value = workflow.get("on", workflow.get(True))
    return value if isinstance(value, dict) else {name: None for name in ([value] if isinstance(value, str) else value)}


def steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def test_there_are_the_three_workflows():
    assert [path.name for path in WORKFLOWS] == ["nightly.yml", "pr.yml", "publish.yml"]


def test_workflows_are_valid_under_the_github_workflow_schema():
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_job_has_a_timeout():
    result = run(tool("check-jsonschema"), "--builtin-schema", "custom.github-workflows-require-timeout",
                 *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_offline():
    result = run(tool("zizmor"), "--offline", "--no-progress", str(WORKFLOW_DIR))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_named(path: Path):
    text = path.read_text(encoding="utf-8")
    uses = [(job, step["uses"]) for job, step in steps(load(path)) if "uses" in step]
    assert uses, f"{path.name} uses no action at all"
    for job, ref in uses:
        assert PINNED.match(ref), f"{path.name} job {job}: {ref} is not pinned to a 40-hex commit SHA"
        line = next(line for line in text.splitlines() if ref in line)
        assert VERSION_COMMENT.search(line), f"{path.name}: {ref} lacks a `# vX.Y.Z` comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_checkout_keeps_no_credentials(path: Path):
    checkouts = [step for _, step in steps(load(path)) if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts, f"{path.name} never checks out the repository"
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_read_only_at_the_top_and_concurrency_is_set(path: Path):
    workflow = load(path)
    assert workflow.get("permissions") == {"contents": "read"}
    assert workflow.get("concurrency", {}).get("group")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_on_pull_request_target(path: Path):
    assert "pull_request_target" not in triggers(load(path))
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


def test_only_the_pages_job_may_write_and_only_to_pages():
    granted = {(path.name, job_id): job["permissions"]
               for path in WORKFLOWS for job_id, job in load(path)["jobs"].items() if "permissions" in job}
    assert granted == {("publish.yml", "pages"): {"pages": "write", "id-token": "write"}}


def test_no_expression_is_written_into_a_shell_script():
    for path in WORKFLOWS:
        for job, step in steps(load(path)):
            assert "${{" not in step.get("run", ""), f"{path.name} job {job}: pass values to run: through env"


def test_pull_requests_check_with_annotations_diff_and_run_make_test():
    workflow = load(WORKFLOW_DIR / "pr.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    scripts = [step.get("run", "") for _, step in steps(workflow)]
    assert ".venv/bin/kehoach check --format github plans" in scripts
    assert any('kehoach diff "$BASE_SHA" HEAD --format markdown' in s and "GITHUB_STEP_SUMMARY" in s
               for s in scripts)
    assert "make test" in scripts


def test_publishing_is_configured_by_variables_and_says_so_when_it_is_not():
    workflow = load(WORKFLOW_DIR / "publish.yml")
    assert {"push", "workflow_dispatch"} <= set(triggers(workflow))
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    jobs = workflow["jobs"]
    assert "vars.DEPLOY_RSYNC_TARGET != ''" in jobs["intranet"]["if"]
    assert "vars.DEPLOY_GITHUB_PAGES == 'true'" in jobs["pages"]["if"]
    fallback = jobs["not-configured"]
    assert "vars.DEPLOY_RSYNC_TARGET == ''" in fallback["if"] and "vars.DEPLOY_GITHUB_PAGES != 'true'" in fallback["if"]
    assert fallback["steps"][0]["run"].lstrip().startswith('echo "::notice::')
    rsync = next(step for step in jobs["intranet"]["steps"] if "rsync" in step.get("run", ""))
    assert rsync["env"]["DEPLOY_SSH_KEY"] == "${{ secrets.DEPLOY_SSH_KEY }}"
    assert "StrictHostKeyChecking=yes" in rsync["run"]


def test_nightly_writes_the_digest_and_mails_only_when_smtp_is_set():
    workflow = load(WORKFLOW_DIR / "nightly.yml")
    assert {"schedule", "workflow_dispatch"} <= set(triggers(workflow))
    scripts = [step.get("run", "") for _, step in steps(workflow)]
    assert any("kehoach digest --days 14" in s and "--format markdown" in s and "GITHUB_STEP_SUMMARY" in s
               for s in scripts)
    mail = next(s for s in scripts if "smtplib" in s)
    assert 'echo "::notice::' in mail and "exit 0" in mail


def test_pre_commit_hook_manifest_is_valid():
    result = run(tool("pre-commit"), "validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_config_is_valid_and_uses_the_local_check_and_ruff():
    result = run(tool("pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    (repo,) = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    assert repo["repo"] == "local"
    assert [hook["id"] for hook in repo["hooks"]] == ["kehoach-check", "ruff"]


def test_kehoach_check_hook_runs_on_plan_files_only():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "kehoach-check" and hook["entry"] == "kehoach check" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    chosen = ["plans/2024/quyet-thang-ke-hoach-tdkt/ke-hoach.yml", "plans/2024/quyet-thang-ke-hoach-tdkt/noi-dung.md",
              "plans/agencies/lai-chau.yml", "plans/x/ke-hoach.yaml"]
    ignored = ["README.md", "docs/index.md", "plugins/kehoach/models.py", "plans/2024/x/scan.pdf", "mkdocs.yml"]
    assert [p for p in chosen if pattern.search(p)] == chosen
    assert [p for p in ignored if pattern.search(p)] == []


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """Owners GitHub gives `path`: the last matching glob rule wins."""
    owners: list[str] = []
    for pattern, names in rules:
        glob = pattern.lstrip("/") + ("*" if pattern.endswith("/") else "")
        if glob == "*" or fnmatch.fnmatchcase(path, glob):
            owners = names
    return owners


def test_every_plan_folder_and_agency_file_has_its_own_code_owner():
    lines = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [(line.split()[0], line.split()[1:]) for line in lines if line.strip() and not line.startswith("#")]
    assert all(names and all(name.startswith("@") for name in names) for _, names in rules)
    default = owners_of("Makefile", rules)
    plans = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "plans").glob("*/*/ke-hoach.yml"))
    registries = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "plans" / "agencies").glob("*.yml"))
    assert plans and registries
    unowned = [path for path in plans + registries if owners_of(path, rules) in ([], default)]
    assert unowned == [], "add a line for these to .github/CODEOWNERS (see DEVELOPING.md, Code owners)"
    assert owners_of(".github/workflows/pr.yml", rules) == default


def test_code_owners_follow_a_plan_into_next_year():
    lines = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [(line.split()[0], line.split()[1:]) for line in lines if line.strip() and not line.startswith("#")]
    assert owners_of("plans/2026/quyet-thang-ke-hoach-tdkt/ke-hoach.yml", rules) == \
        owners_of("plans/2024/quyet-thang-ke-hoach-tdkt/ke-hoach.yml", rules) == ["@to-chuc/tdkt-quyet-thang"]
    facility = "plans/2025/son-la-co-so-dieu-tri-nghien-tdkt/noi-dung.md"
    assert owners_of(facility, rules) == ["@to-chuc/tdkt-son-la-co-so"]
    assert owners_of("plans/2024/son-la-quyet-dinh-43-tdkt/quyet-dinh.md", rules) == ["@to-chuc/tdkt-son-la"]
