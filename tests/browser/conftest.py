"""Fixtures of the browser suite: one site build, one static server and one Chromium per session."""

from __future__ import annotations

import functools
import os
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_site import (
    ARTIFACTS,
    AXE,
    CHROMIUM,
    LAUNCH_ARGS,
    LOCAL_HOST,
    REPO,
    TODAY,
    first_led_agency,
    foreign,
    guide_path,
    noon,
    plan_by_id,
    plan_ids,
    require,
    require_browser_tools,
)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the repository site once, strictly, into a temporary folder."""
    target = tmp_path_factory.mktemp("build") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KEHOACH_TODAY": TODAY.isoformat()}
    mkdocs = REPO / ".venv" / "bin" / "mkdocs"
    command = [str(mkdocs) if mkdocs.exists() else "mkdocs", "build", "--strict", "-d", str(target)]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    require(done.returncode == 0, f"`mkdocs build --strict` failed:\n{done.stderr[-4000:]}")
    return target


class QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that keeps the test output clean."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """Serve the built site over HTTP on 127.0.0.1 and a free port, in a thread."""
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Debian chromium for the whole session, driven by Playwright."""
    require_browser_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Requests:
    """Every request a browser context made, in order."""

    urls: list[str]

    def foreign(self) -> list[str]:
        return [url for url in self.urls if foreign(url)]


@pytest.fixture
def network() -> Requests:
    return Requests([])


@pytest.fixture
def context(browser, base_url: str, network: Requests) -> Iterator[object]:
    """A fresh browser context at TODAY that records every request and never reaches the internet.

    Requests to other hosts are recorded, then aborted (an intranet has no
    internet; waiting for them would only slow the suite), and fail the test.
    """
    ctx = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    ctx.on("request", lambda request: network.urls.append(request.url))
    ctx.route(lambda url: foreign(url), lambda route: route.abort())
    yield ctx
    ctx.close()
    assert not network.foreign(), "requests to hosts other than the site:\n" + "\n".join(network.foreign())


@pytest.fixture
def page(context):
    """A page whose clock starts at TODAY (noon, Vietnam time) and runs on.

    The clock must run: a fixed time (`set_fixed_time`) stalls the debounce
    timers of Material's search box, which then never answers.
    """
    tab = context.new_page()
    tab.clock.set_system_time(noon(TODAY))
    return tab


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core from npm, installed next to this file."""
    require(AXE.is_file(), f"axe-core is missing ({AXE}): run `npm ci --prefix tests/browser`")
    return AXE


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def pdfs() -> Path:
    folder = ARTIFACTS / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def page_paths() -> dict[str, str]:
    """One site path per page type the suite visits."""
    plan_id = plan_ids()[0]
    return {
        "home": "",
        "year": f"nam/{plan_by_id(plan_id).plan.year}/",
        "plan": f"ke-hoach/{plan_id}/",
        "agency": f"co-quan/{first_led_agency(plan_id)}/",
        "agencies": "co-quan/",
        "guide": guide_path(),
    }
