"""The workspace: loading and checking in one pass, and rebuilds that redo only what a save changed."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES, ROOT

from kehoach.api import Project, load_checked
from kehoach.core.checks import check_corpus
from kehoach.core.loader import load_corpus
from kehoach.core.workspace import Workspace
from kehoach.feeds.calendar import build_feeds
from kehoach.site.builder import build_pages
from kehoach.site.options import Options

CHECK_CASES = sorted(path for path in (CASES / "check").iterdir() if (path / "plans").is_dir())
OPTIONS = Options(date(2024, 6, 15), "https://intranet.example/kehoach/")
PLAN = "2024/quyet-thang-ke-hoach-tdkt"
BEFORE, AFTER = "Giao công chức Văn hóa - Xã hội tăng cường", "Giao công chức Văn hóa - Xã hội đẩy mạnh"


@pytest.mark.parametrize("case", CHECK_CASES, ids=[path.name for path in CHECK_CASES])
def test_one_pass_load_and_check_finds_what_load_then_check_finds(case: Path) -> None:
    corpus, findings = load_checked([case / "plans"], case)
    assert findings == check_corpus(load_corpus([case / "plans"], case))
    assert all(not loaded.data for loaded in corpus.plans)  # position trees let go once checked


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    return tmp_path / "plans"


def save(path: Path, old: str, new: str) -> None:
    """Edit a file as an editor would, with a modification time that visibly moves."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_rebuild_reads_only_the_saved_plan_and_keeps_the_others_as_they_were(plans: Path) -> None:
    workspace = Workspace([plans], plans.parent)
    first, _ = workspace.load()
    assert workspace.reloaded == len(first.plans) == 4
    second, _ = workspace.load()
    assert workspace.reloaded == 0 and second.agencies is first.agencies
    assert all(a is b for a, b in zip(first.plans, second.plans, strict=True))
    save(plans / PLAN / "ke-hoach.yml", BEFORE, AFTER)
    third, findings = workspace.load()
    assert workspace.reloaded == 1
    assert {a.id for a, b in zip(second.plans, third.plans, strict=True) if a is not b} == {PLAN}
    assert findings == check_corpus(load_corpus([plans], plans.parent))


def test_a_registry_change_reads_every_plan_again(plans: Path) -> None:
    workspace = Workspace([plans], plans.parent)
    workspace.load()
    registry = plans / "agencies" / "lai-chau.yml"
    save(registry, "schema_version: 1", "schema_version: 1\n# sửa danh mục")
    workspace.load()
    assert workspace.reloaded == 4


def test_pages_and_feeds_after_a_save_equal_a_fresh_build_and_unchanged_pages_are_not_rendered_again(
        plans: Path) -> None:
    project = Project(plans, plans.parent, keep=True)
    corpus, _ = project.load()
    before = {uri: render() for uri, render in project.pages(corpus, OPTIONS).items()}
    b"".join(content for _, content in project.feeds(corpus, OPTIONS.site_url))
    save(plans / PLAN / "ke-hoach.yml", BEFORE, AFTER)
    corpus, _ = project.load()
    after = {uri: render() for uri, render in project.pages(corpus, OPTIONS).items()}
    fresh = load_corpus([plans], plans.parent)
    assert after == build_pages(fresh, OPTIONS)
    assert dict(project.feeds(corpus, OPTIONS.site_url)) == build_feeds(fresh, OPTIONS.site_url)
    kept = {uri for uri in after if after[uri] is before[uri]}
    assert "ke-hoach/2023/dong-nai-ke-hoach-274.md" in kept  # another plan: reused, not rendered again
    assert f"ke-hoach/{PLAN}.md" not in kept and AFTER in after[f"ke-hoach/{PLAN}.md"]
