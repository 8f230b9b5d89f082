"""The committed JSON Schemas are current, named by every plan file, and accept the real plans."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CASES, ROOT

from kehoach.core.schema import SCHEMAS, render_schema

try:
    import jsonschema
except ImportError:  # pragma: no cover - the test extras install it (check-jsonschema depends on it)
    jsonschema = None

SCHEMA_DIR = ROOT / "schema"
PLAN_FILES = sorted((ROOT / "plans").glob("[0-9]*/*/ke-hoach.yml"))
REGISTRY_FILES = sorted((ROOT / "plans" / "agencies").glob("*.yml"))
CLEAN = CASES / "check" / "clean-plan" / "plans"
EXAMPLES = [(path, "ke-hoach.schema.json") for path in [*PLAN_FILES, *CLEAN.glob("[0-9]*/*/ke-hoach.yml")]] + [
    (path, "co-quan.schema.json") for path in [*REGISTRY_FILES, *(CLEAN / "agencies").glob("*.yml")]]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8") if (SCHEMA_DIR / name).exists() else ""
    assert committed == render_schema(SCHEMAS[name]), (
        f"schema/{name} is stale: run `.venv/bin/kehoach schema` and commit the result")


def test_there_are_real_plans_to_check() -> None:
    assert PLAN_FILES and REGISTRY_FILES


@pytest.mark.parametrize(("path", "schema"), EXAMPLES, ids=[str(p.relative_to(ROOT)) for p, _ in EXAMPLES])
def test_every_plan_file_names_its_schema_on_the_first_line(path: Path, schema: str) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), f"{path}: the first line must be «{prefix}…/schema/{schema}»"
    target = first.removeprefix(prefix)
    assert target.endswith("/" + schema)
    if path.is_relative_to(ROOT / "plans"):
        assert (path.parent / target).resolve() == (SCHEMA_DIR / schema).resolve()


def _as_json(value: Any) -> Any:
    """YAML data as JSON would carry it: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize(("path", "schema"), EXAMPLES, ids=[str(p.relative_to(ROOT)) for p, _ in EXAMPLES])
def test_every_plan_file_validates_against_the_committed_schema(path: Path, schema: str) -> None:
    assert jsonschema is not None, "jsonschema is missing: run `make install` (or .venv/bin/pip install -e '.[test]')"
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    validator = jsonschema.Draft202012Validator(
        yaml.safe_load((SCHEMA_DIR / schema).read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    problems = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                for error in validator.iter_errors(_as_json(document))]
    assert problems == []


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    assert jsonschema is not None, "jsonschema is missing: run `make install` (or .venv/bin/pip install -e '.[test]')"
    schema = yaml.safe_load((SCHEMA_DIR / "ke-hoach.schema.json").read_text(encoding="utf-8"))
    bad = {"year": 2025, "document": {"type": "Kế hoạch"}, "titel": "x"}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
