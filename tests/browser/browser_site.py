"""What the browser suite knows about the real site: tools, the plans, page addresses.

The suite drives Debian's /usr/bin/chromium through Playwright (no browser
download) against the real repository site served on 127.0.0.1, the way an
intranet serves it. Missing tools make the tests fail with the command that
installs them; nothing is skipped.
"""

from __future__ import annotations

import functools
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kehoach.core.loader import Corpus, LoadedPlan, load_corpus

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ARTIFACTS = REPO / "test-artifacts"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The day the site is built for (KEHOACH_TODAY) and the browser clock of every page, so that the
# badges computed at build time and those recomputed in the browser agree and screenshots repeat.
TODAY = date(2024, 3, 15)
HANOI = timezone(timedelta(hours=7))
LOCAL_HOST = "127.0.0.1"
NOT_NETWORK = ("data", "blob", "about")


def require(condition: bool, message: str) -> None:
    """Fail (never skip) when a tool the suite needs is missing."""
    if not condition:
        pytest.fail(message, pytrace=False)


def require_browser_tools() -> None:
    """Debian chromium and poppler's pdfinfo/pdftotext must be installed."""
    missing = [tool for tool in (CHROMIUM, "pdfinfo", "pdftotext") if not shutil.which(tool)]
    require(not missing, f"missing {', '.join(missing)}: run `apt-get install chromium poppler-utils`")


@functools.cache
def corpus() -> Corpus:
    """The real plans and agencies of the repository (loaded once, at collection)."""
    return load_corpus([REPO / "plans"], base=REPO)


def plan_ids() -> list[str]:
    """Ids ("2024/slug") of every real plan, for parametrising tests."""
    return [loaded.id for loaded in corpus().plans]


def foreign(url: str) -> bool:
    """True for a network request to any host but the site's own."""
    parts = urlsplit(url)
    return parts.scheme not in NOT_NETWORK and parts.hostname != LOCAL_HOST


def noon(day: date) -> datetime:
    """Mid-day in Vietnam, so that no time zone moves the browser to another date."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=HANOI)


def path_of(url: str, base_url: str) -> str:
    """Site-relative path of a URL, without query or fragment: "ke-hoach/2024/x/"."""
    return re.sub(r"[?#].*$", "", url.removeprefix(base_url))


def plan_by_id(plan_id: str) -> LoadedPlan:
    """The loaded real plan with this id."""
    return next(loaded for loaded in corpus().plans if loaded.id == plan_id)


def first_led_agency(plan_id: str) -> str:
    """An agency of the registry that leads a task of the plan (its page has tasks to show)."""
    agencies = corpus().agencies
    plan = plan_by_id(plan_id).plan
    return next(agency for task in plan.tasks for agency in task.lead if agency in agencies)


GENERATED = ("nam", "ke-hoach", "co-quan", "lich", "xuat")


def guide_path() -> str:
    """URL of the first hand-written guide page under docs/ (not the home page, not a generated page)."""
    docs = REPO / "docs"
    pages = sorted(
        path.relative_to(docs).with_suffix("")
        for path in docs.rglob("*.md")
        if path.relative_to(docs).parts[0] not in GENERATED and path != docs / "index.md"
    )
    require(bool(pages), "no guide page under docs/: the site should have at least one hand-written guide")
    return f"{pages[0].parent.as_posix()}/" if pages[0].name == "index" else f"{pages[0].as_posix()}/"
