"""A file of another `schema_version` gets one finding that says what to do (the plan format is public)."""

from __future__ import annotations

from typing import get_args

from kehoach.core.errors import Finding
from kehoach.core.migrations import STEPS, Step, version_finding
from kehoach.core.models import SCHEMA_VERSION, Plan, Registry
from kehoach.core.source import parse_yaml

OLD_FILE = "schema_version: 1\nyear: 2027\ntasks:\n  - id: a\n    lead_text: Sở Nội vụ\n"
RENAME = Step(2, renamed=(("tasks[].lead_text", "lead_note"),))
DROP = Step(3, removed=(("appendix.reference", "chép nội dung vào «appendix.title»"),))


def finding_for(text: str, current: int, steps: tuple[Step, ...]) -> Finding | None:
    data = parse_yaml(text, "ke-hoach.yml")[0]
    return version_finding(data, "ke-hoach.yml", lambda: data, current, steps)


def test_the_models_the_version_and_the_steps_agree() -> None:
    assert get_args(Plan.model_fields["schema_version"].annotation) == (SCHEMA_VERSION,)
    assert get_args(Registry.model_fields["schema_version"].annotation) == (SCHEMA_VERSION,)
    assert [step.version for step in STEPS] == list(range(2, SCHEMA_VERSION + 1))


def test_an_older_file_is_told_every_change_step_by_step() -> None:
    assert finding_for(OLD_FILE, 3, (RENAME, DROP)) == Finding(
        "ke-hoach.yml", 1, 17, "KH210", "error",
        "Tệp theo mẫu cũ, phiên bản 1; bản kehoach này đọc mẫu phiên bản 3",
        "Sửa tệp theo mẫu mới: đổi tên trường «tasks[].lead_text» thành «lead_note»; bỏ trường "
        "«appendix.reference» (chép nội dung vào «appendix.title»); rồi ghi «schema_version: 3».")


def test_a_file_one_step_behind_is_told_only_that_step() -> None:
    finding = finding_for(OLD_FILE.replace("schema_version: 1", "schema_version: 2"), 3, (RENAME, DROP))
    assert finding is not None and finding.code == "KH210"
    assert "lead_text" not in finding.hint and "appendix.reference" in finding.hint


def test_a_newer_file_is_told_to_update_kehoach() -> None:
    finding = finding_for(OLD_FILE.replace("schema_version: 1", "schema_version: 4"), 3, (RENAME, DROP))
    assert finding is not None
    assert (finding.line, finding.code, finding.severity) == (1, "KH209", "error")
    assert "schema_version: 3" in finding.hint


def test_the_current_version_and_values_that_are_no_version_are_left_to_the_model() -> None:
    for value in ("3", "0", "'2'", "true", "[2]"):
        assert finding_for(OLD_FILE.replace("schema_version: 1", f"schema_version: {value}"), 3, (RENAME,)) is None
    assert finding_for("year: 2027\n", 3, (RENAME,)) is None
