"""`mkdocs serve --dirty` after a plan is saved or removed serves what a clean build of the plans makes.

MkDocs' own dirty rebuild is known to be wrong (perf.md: only the touched
page is rendered, the search index keeps that page alone). The plugin makes it
right by telling MkDocs which generated files changed and by keeping the search
index page by page, and it re-renders only the pages whose inputs changed (an
agency page's are the rows it lists); this test holds it to that on the real
plans: after a title edit, a status edit, an edit to a task led by a group with
members, and a plan's removal, every page, feed and the search index served
equal a fresh build's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from edit_loop import SEARCHED, Server, edit  # noqa: E402
from measure import TODAY  # noqa: E402  (the date Server builds with)

PLAN = "plans/2024/quyet-thang-ke-hoach-tdkt/ke-hoach.yml"
EDITED_PAGE = "ke-hoach/2024/quyet-thang-ke-hoach-tdkt/"
REMOVED = "plans/2025/son-la-co-so-dieu-tri-nghien-tdkt"
BEFORE, AFTER = "Giao công chức Văn hóa - Xã hội tăng cường", "Giao công chức Văn hóa - Xã hội đẩy mạnh"
GROUP = "lai-chau/quyet-thang/co-quan-don-vi"  # leads the plan's first task; given members below
MEMBERS = ("lai-chau/quyet-thang/van-phong", "lai-chau/quyet-thang/cc-van-hoa-xa-hoi",
           "lai-chau/quyet-thang/cc-tai-chinh-ke-toan")
REDONE = re.compile(r"Dựng lại (\d+) trang có thay đổi")
LIVERELOAD = re.compile(r"<script>\s*var livereload.*?</script>\s*", re.DOTALL)
MKDOCS = str(ROOT / ".venv" / "bin" / "mkdocs") if (ROOT / ".venv" / "bin" / "mkdocs").exists() else "mkdocs"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's site sources: mkdocs.yml, docs/, hooks/, overrides/ and plans/, with three
    agencies of the Quyết Thắng registry made members of the group that leads the first task of its plan."""
    for name in ("docs", "hooks", "overrides", "plans"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    registry = tmp_path / "plans" / "agencies" / "lai-chau.yml"
    text = registry.read_text(encoding="utf-8")
    for member in MEMBERS:
        entry = f"  - id: {member}\n"
        assert entry in text
        text = text.replace(entry, f"{entry}    groups: [{GROUP}]\n")
    registry.write_text(text, encoding="utf-8")
    return tmp_path


def fetch(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as response:
        return bytes(response.read())


def clean_build(project: Path, site_url: str) -> Path:
    """A fresh `mkdocs build` of the project as it is now, with the site address the server uses."""
    out = project / "clean-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEHOACH_TODAY": TODAY, "KEHOACH_SITE_URL": site_url}
    done = subprocess.run([MKDOCS, "build", "--strict", "-q", "-d", str(out)], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


def test_dirty_serve_after_an_edit_and_a_removal_serves_what_a_clean_build_makes(project: Path) -> None:
    server = Server(project, dirty=True)
    try:
        server.wait_for("Serving on", 0, 300)
        server.wait_for(SEARCHED, 0, 300)
        assert BEFORE.encode() in fetch(server.port, EDITED_PAGE)
        plan = project / PLAN
        log = rebuild(server, lambda: plan.write_text(plan.read_text(encoding="utf-8").replace(BEFORE, AFTER),
                                                      encoding="utf-8"))
        assert "Đọc lại 1 thư mục kế hoạch có thay đổi." in log, log
        assert AFTER.encode() in fetch(server.port, EDITED_PAGE)
        assert_same_as_clean_build(project, server.port)
        # only the pages listing the task change: its plan, its lead's pages, the summaries (at most home)
        assert 1 < redone(log) <= 5, log
        for task_id, kind, shown in (("bo-tri-kinh-phi", "status", "Đã hoàn thành"),
                                     ("xay-dung-ke-hoach-don-vi", "title", "(bản sửa 1)")):
            text = edit(plan.read_text(encoding="utf-8"), task_id, kind, 1)[0]
            log = rebuild(server, partial(plan.write_text, text, encoding="utf-8"))
            assert "Đọc lại 1 thư mục kế hoạch có thay đổi." in log, log
            assert shown.encode() in fetch(server.port, EDITED_PAGE)
            assert_same_as_clean_build(project, server.port)
        for member in MEMBERS:  # the group's task is on every member's page of its year, with its new title
            assert "(bản sửa 1)".encode() in fetch(server.port, f"co-quan/{member}/nam-2024/")
        assert redone(log) >= 2 + len(MEMBERS), log
        rebuild(server, lambda: shutil.rmtree(project / REMOVED))
        assert_same_as_clean_build(project, server.port)
        for gone in ("ke-hoach/2025/son-la-co-so-dieu-tri-nghien-tdkt/",
                     "lich/ke-hoach/2025/son-la-co-so-dieu-tri-nghien-tdkt.ics"):
            with pytest.raises(urllib.error.HTTPError, match="404"):
                fetch(server.port, gone)
        # with no plan of 2025 left, every agency's page names 2024's plans, listing their tasks or not
        other = project / "plans/2024/son-la-quyet-dinh-43-tdkt/ke-hoach.yml"
        text = other.read_text(encoding="utf-8").replace("\ntitle: Tỉnh Sơn La – ", "\ntitle: Tỉnh Sơn La (sửa) – ")
        rebuild(server, partial(other.write_text, text, encoding="utf-8"))
        assert "Tỉnh Sơn La (sửa)".encode() in fetch(server.port, f"co-quan/{MEMBERS[0]}/")
        assert_same_as_clean_build(project, server.port)
    finally:
        server.stop()


def rebuild(server: Server, change: Callable[[], object]) -> str:
    """Make a change to the project once the server is idle, wait for the rebuild; return what the server
    logged meanwhile."""
    server.settle()
    seen = len(server.lines)
    change()
    server.rebuilt(seen, 300)  # the browsers reloaded, then the search index made in the background
    return "\n".join(server.lines[seen:])


def redone(log: str) -> int:
    """How many generated pages the plugin said it re-rendered in a rebuild."""
    found = REDONE.findall(log)
    assert found, log
    return int(found[-1])


def assert_same_as_clean_build(project: Path, port: int) -> None:
    """Every page, feed and the search index served equal those of a fresh build (livereload script aside)."""
    clean = clean_build(project, f"http://127.0.0.1:{port}/")
    paths = [p.relative_to(clean) for p in sorted(clean.rglob("*"))
             if p.is_file() and p.suffix in (".html", ".ics", ".json") and p.name != "404.html"]
    assert len(paths) > 100
    for path in paths:
        body, expected = fetch(port, path.as_posix()), (clean / path).read_bytes()
        if path.suffix == ".html":
            body = LIVERELOAD.sub("", body.decode()).encode()
        if body != expected:
            at = next((i for i, (a, b) in enumerate(zip(body, expected, strict=False)) if a != b),
                      min(len(body), len(expected)))
            raise AssertionError(f"{path} differs from a clean build: served "
                                 f"{body[at - 150:at + 100].decode(errors='replace')!r}, clean "
                                 f"{expected[at - 150:at + 100].decode(errors='replace')!r}")
    shutil.rmtree(clean)
