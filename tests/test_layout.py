"""The house as DEVELOPING.md draws it: the module map lists the code, and imports flow one way.

Imports are read with `ast` from every module of `plugins/kehoach`, wherever they
stand: at the top, inside a function, or under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "plugins" / "kehoach"
STAGES = ("site", "feeds", "exports", "authoring")  # one folder a kind of output, and authoring
FACES = ("api", "plugin", "cli", "clickvi", "commands", "usage")  # the API, its two faces, what the CLI stands on


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name relative to it (`core.models`, `api`), packages left out."""
    return {".".join(path.relative_to(PACKAGE).with_suffix("").parts): path
            for path in sorted(PACKAGE.rglob("*.py")) if path.name != "__init__.py"}


def imported(name: str, path: Path) -> Iterator[str]:
    """Every module name `path` (module `name`) imports, absolute; kehoach's own as `kehoach.…`."""
    package = ["kehoach", *name.split(".")[:-1]]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            stem = ".".join([*base, *(node.module.split(".") if node.module else [])])
            yield stem
            yield from (f"{stem}.{alias.name}" for alias in node.names)  # `from . import api` imports a module


@cache
def graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (names relative to the package)."""
    known = modules()
    return {name: {found.removeprefix("kehoach.") for found in imported(name, path)} & known.keys()
            for name, path in known.items()}


def cycle_from(graph: dict[str, set[str]]) -> list[str]:
    """One import circle of `graph` as a path that comes back to its start, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_the_module_map_lists_every_module_and_no_other() -> None:
    text = (ROOT / "DEVELOPING.md").read_text(encoding="utf-8")
    table = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    listed = {cell for line in table.splitlines() if line.startswith("| `")
              for cell in re.findall(r"`([\w/]+\.py)`", line.split("|")[1])}
    actual = {path.relative_to(PACKAGE).as_posix() for path in modules().values()}
    assert sorted(actual - listed) == [], "modules missing from DEVELOPING.md's module map"
    assert sorted(listed - actual) == [], "DEVELOPING.md's module map lists modules that do not exist"


def test_the_package_has_no_import_circle() -> None:
    assert cycle_from(graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert cycle_from({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("name", sorted(name for name in modules() if name.startswith("core.")))
def test_the_core_imports_nothing_above_it(name: str) -> None:
    above = {found for found in graph()[name] if found.split(".")[0] in (*STAGES, *FACES)}
    assert above == set()


@pytest.mark.parametrize("name", sorted(name for name in modules() if name.split(".")[0] in STAGES))
def test_no_output_folder_imports_another_or_a_face(name: str) -> None:
    own = name.split(".")[0]
    foreign = {found for found in graph()[name] if found.split(".")[0] in (*STAGES, *FACES) and
               found.split(".")[0] != own}
    assert foreign == set()


def test_only_the_plugin_imports_mkdocs_and_only_the_cli_and_its_click_classes_import_click() -> None:
    users: dict[str, set[str]] = {"mkdocs": set(), "click": set()}
    for name, path in modules().items():
        for found in imported(name, path):
            if found.split(".")[0] in users:
                users[found.split(".")[0]].add(name)
    assert users == {"mkdocs": {"plugin"}, "click": {"cli", "clickvi"}}


def test_imports_are_read_inside_functions_and_type_checking_blocks(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..site import render\n"
                      "def f():\n    from . import labels\n", encoding="utf-8")
    assert {"kehoach.site.render", "kehoach.core.labels"} <= set(imported("core.m", module))
