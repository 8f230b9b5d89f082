"""The edit loop: from saving one plan's YAML to the reloaded page in Chromium, under `mkdocs serve`.

Writes a synthetic province (bench/province.py), or copies of the repository's
real plans (`--real`), starts `mkdocs serve` on it (with `--dirty`, which the
plugin makes exact, see plugin.py, or plain), opens the edited plan's page in
Chromium, then makes each kind of edit in turn (`KINDS`): a task's title and a
task's status, the task led by one agency, and the title of a task led by a
group of agencies (the group closest to 60 members), whose rows are on every
member's page. Each edit is timed from the moment the file is written to the
moment the browser shows it (MkDocs' livereload reloads the page after the
rebuild), with the CPU seconds the server process and its children (Pagefind)
spent meanwhile, MkDocs'
own rebuild time and what the plugin says it re-rendered.

    .venv/bin/python bench/edit_loop.py                   # 1,000 plans, serve --dirty, each kind twice
    .venv/bin/python bench/edit_loop.py --real 300        # 300 copies of each real plan
    .venv/bin/python bench/edit_loop.py -n 100 --edits 1 --modes dirty,full
    .venv/bin/python bench/edit_loop.py --in-process --profile /tmp/rebuild.prof   # no server, no browser

`--in-process` runs MkDocs' serve builds in this process (a first build, then one
dirty rebuild per edit, as `mkdocs serve --dirty` does them), prints the CPU
seconds of each (and of its child processes: Pagefind's indexer), and with
`--profile` writes a cProfile (CPU time) of each rebuild. `measure(root, dirty=..., edits=...)` and
`table(ctx)` (bench/run's edit-loop table) are what other benches call.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, SITE_URL, TODAY, VENV_BIN, Table, bench_env, write_config  # noqa: E402
from province import write_province  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
START_TIMEOUT = 900.0  # the first build of 3,000 plans under serve
RELOAD_TIMEOUT = 600.0
GROUP_SIZE = 60  # the budget: an edit touching a group of about 60 agencies
BUDGET_S, GROUP_FACTOR = 3.0, 2.0  # per edit at 1,000 plans (CPU seconds of the server), and for a group edit
SEARCHED = "Đã cập nhật chỉ mục tìm kiếm"  # logged when the search index made in the background is written
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
# A rebuild's end. Not "Documentation built in …": MkDocs puts a DuplicateFilter on its build logger for the
# whole run, so a rebuild that takes as many seconds (to 1/100) as an earlier one never logs that line.
RELOADED = "Reloading browsers"
BUILDING = "Building documentation..."  # a rebuild's start (serve's logger: not filtered)
_REDONE = re.compile(r"Dựng lại (\d+) trang có thay đổi")
KINDS = ("title", "status", "group")
# a status edit is seen by the number of "done" badges (`data-state`: the page's script rewrites their words)
BADGES = "() => document.querySelectorAll('article .kh-badge[data-state=done]').length"
SHOWN_TEXT = "([text]) => document.querySelector('article')?.textContent.includes(text)"
SHOWN_STATE = "([, before]) => document.querySelectorAll('article .kh-badge[data-state=done]').length != before"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# what MkDocs logs when a rebuild fails (a BuildError; any other exception): the server then waits for a change
FAILURES = ("Aborted with", "An error happened during the rebuild")


class Server:
    """`mkdocs serve` in the background, with its log collected line by line."""

    def __init__(self, root: Path, dirty: bool) -> None:
        self.port = free_port()
        args = [str(VENV_BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{self.port}", *(["--dirty"] if dirty else [])]
        self.process = subprocess.Popen(args, cwd=root, env=bench_env(), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.times: list[float] = []  # when each line arrived (monotonic), set before the line is appended
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.times.append(time.monotonic())
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, start: int, timeout: float) -> int:
        """Index of the first log line from `start` on that contains `pattern`; fails when the server stops."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(start, len(self.lines)):
                if pattern in self.lines[index]:
                    return index
                if any(failure in self.lines[index] for failure in FAILURES):
                    raise RuntimeError("the rebuild failed:\n" + "\n".join(self.lines[start:]))
            if self.process.poll() is not None:
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)
        raise TimeoutError(f"no «{pattern}» in the mkdocs serve log after {timeout:.0f} s; it logged:\n"
                           + "\n".join(self.lines[start:][-40:]))

    def settle(self, quiet: float = 2.0, timeout: float = 300) -> None:
        """Wait until the server is idle: every rebuild it started has ended, the search index of the last
        build is written (when the site has search) and nothing was logged for `quiet` seconds (four of
        MkDocs' half-second polls of the watched folders).

        A file saved in two steps (truncated, then written) can be seen by two polls and start a second
        rebuild just after the first; a change made while that one runs races with it. A measurement or
        a test settles before each change so that the change is the only thing the next rebuild sees.
        """
        def last(*patterns: str) -> int:
            return max((i for i, line in enumerate(self.lines) if any(p in line for p in patterns)), default=-1)

        deadline = time.monotonic() + timeout
        seen, since = len(self.lines), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if len(self.lines) != seen:
                seen, since = len(self.lines), time.monotonic()
                continue
            started, ended = last("Detected file changes"), last(RELOADED, *FAILURES)
            building, searched = last(BUILDING), last(SEARCHED)
            idle = (started < 0 or ended > started) and (searched < 0 or searched > building or ended > building
                                                         and any(f in self.lines[ended] for f in FAILURES))
            if idle and time.monotonic() - since >= quiet:
                return
            if self.process.poll() is not None:
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(self.lines[-30:]))
        raise TimeoutError("mkdocs serve did not become idle; it logged:\n" + "\n".join(self.lines[-40:]))

    def rebuilt(self, seen: int, timeout: float) -> tuple[int, int]:
        """After a change made once the server was idle (its log then `seen` lines long): wait for the rebuild
        it starts to reload the browsers and for that build's search index; the two lines' indexes."""
        building = self.wait_for(BUILDING, seen, timeout)
        return self.wait_for(RELOADED, building, timeout), self.wait_for(SEARCHED, building, timeout)

    def cpu_seconds(self) -> float:
        """CPU seconds (user + system) the server process and the children it waited for (Pagefind) have
        used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(tick) for tick in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextmanager
def serving(root: Path, dirty: bool) -> Iterator[Server]:
    """A running `mkdocs serve` of `root`, stopped afterwards."""
    server = Server(root, dirty)
    try:
        server.wait_for("Serving on", 0, START_TIMEOUT)
        server.wait_for(SEARCHED, 0, START_TIMEOUT)  # the first build's search index, made in the background
        yield server
    finally:
        server.stop()


# --- what is edited ------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """Where each kind of edit is made: kind -> (plan YAML, its page's path, task id); the group of "group"."""

    tasks: dict[str, tuple[Path, str, str]]
    group: str  # the group leading the "group" task
    members: int  # how many agencies are in it

    def describe(self, kind: str) -> str:
        """The kind of edit, as the table says it."""
        return {"title": "task title (one lead agency)", "status": "task status (one lead agency)",
                "group": f"task title (lead: group {self.group}, {self.members} members)"}[kind]


def target(root: Path) -> Target:
    """The tasks the bench edits, in the latest plans first: an open dated task led by one agency (its title,
    then its status), and a task led by the group closest to `GROUP_SIZE` members (its title)."""
    from kehoach.api import load_checked
    from kehoach.core.registry import members_of

    corpus, _ = load_checked([root / "plans"], base=root)
    # a group: an agency with members, or one of kind "group" (the real registries list no members:
    # a task given to "các cơ quan, đơn vị" is on that one page, which every copy of the plan fills)
    groups = {**{a.id: [] for a in corpus.agencies.values() if a.kind == "group"}, **members_of(corpus.agencies)}
    plans = sorted(corpus.plans, key=lambda p: (-p.plan.year, p.id))
    single = next(((loaded, t.id) for loaded in plans for t in loaded.plan.tasks
                   if len(t.lead) == 1 and t.lead[0] not in groups and t.status.state != "done"), None)
    led = [(abs(len(groups[g]) - GROUP_SIZE), index, t.id, g) for index, loaded in enumerate(plans)
           for t in loaded.plan.tasks for g in t.lead if g in groups]
    if single is None or not led:
        raise SystemExit(f"no plan under {root} has an open task led by one agency, or none a task led by a group")
    _, index, group_task, group = min(led)

    def where(loaded: Any, task_id: str) -> tuple[Path, str, str]:
        return loaded.folder / "ke-hoach.yml", f"ke-hoach/{loaded.id}/", task_id

    return Target({"title": where(*single), "status": where(*single), "group": where(plans[index], group_task)},
                  group, len(groups[group]))


def edit(text: str, task_id: str, kind: str, number: int) -> tuple[str, str]:
    """The plan YAML with one task edited, and the text the reloaded page shows for it.

    A title edit appends "(bản sửa N)" to the title; a status edit sets the
    task's state to done (odd N) or in progress (even N), which the page shows
    by its status badge (`data-state`; the browser's script rewrites its words).
    """
    lines = text.split("\n")
    start = lines.index(f"  - id: {task_id}")
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("    ")), len(lines))
    if kind == "status":
        state = shown = "done" if number % 2 else "in_progress"
        at = next((i for i in range(start, end) if lines[i].startswith("      state: ")), None)
        if at is not None:
            lines[at] = f"      state: {state}"
        else:
            lines[end:end] = ["    status:", f"      state: {state}"]
        return "\n".join(lines), shown
    marker = f"(bản sửa {number})"
    at = next(i for i in range(start, end) if lines[i].startswith("    title: "))
    value = lines[at].removeprefix("    title: ").rstrip()
    if value in (">", ">-", "|", "|-"):
        while at + 1 < end and lines[at + 1].startswith("      "):
            at += 1
        lines[at] = f"{lines[at].rstrip()} {marker}"
    elif value.startswith('"') and value.endswith('"'):
        lines[at] = f'    title: {value[:-1]} {marker}"'
    else:
        lines[at] = f"    title: {value} {marker}"
    return "\n".join(lines), marker


def edits(found: Target, count: int) -> Iterator[tuple[str, Path, str, str, str]]:
    """(kind, plan YAML, its page, its new text, what the page shows then) for `count` rounds of every kind,
    each edit made on the text the last one left."""
    texts: dict[Path, str] = {}
    for number in range(1, count + 1):
        for kind in KINDS:
            path, page, task_id = found.tasks[kind]
            text, shown = edit(texts.get(path) or path.read_text(encoding="utf-8"), task_id, kind, number)
            texts[path] = text
            yield kind, path, page, text, shown


def originals(found: Target) -> dict[Path, str]:
    """The edited plans' texts before the bench, to put back afterwards."""
    return {path: path.read_text(encoding="utf-8") for path, _, _ in found.tasks.values()}


def restore(texts: dict[Path, str]) -> None:
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")


# --- measured in the browser -----------------------------------------------------------

def measure(root: Path, *, dirty: bool = True, edits_per_kind: int = 2) -> dict[str, Any]:
    """Per kind of edit: seconds from saving the plan to the page showing the edit (each edit), the server's
    CPU seconds meanwhile, MkDocs' rebuild time and the pages the plugin re-rendered."""
    from playwright.sync_api import sync_playwright

    found = target(root)
    before = originals(found)
    results: dict[str, dict[str, list[float]]] = {
        kind: {"reload": [], "cpu": [], "rebuild": [], "pages": [], "search": [], "search_cpu": []} for kind in KINDS}
    try:
        with serving(root, dirty) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page, shown_page, first_build = browser.new_page(), "", _built_seconds(server.lines)
            for kind, path, plan_page, text, shown in edits(found, edits_per_kind):
                if plan_page != shown_page:
                    page.goto(f"http://127.0.0.1:{server.port}/{plan_page}", timeout=RELOAD_TIMEOUT * 1000)
                    shown_page = plan_page
                shows = SHOWN_STATE if kind == "status" else SHOWN_TEXT
                badges = page.evaluate(BADGES) if kind == "status" else 0
                server.settle()
                seen, cpu = len(server.lines), server.cpu_seconds()
                start = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                building = server.wait_for(BUILDING, seen, RELOAD_TIMEOUT)
                done = server.wait_for(RELOADED, building, RELOAD_TIMEOUT)
                page.wait_for_function(shows, arg=[shown, badges], timeout=RELOAD_TIMEOUT * 1000, polling=20)
                got = results[kind]
                got["reload"].append(time.perf_counter() - start)
                got["cpu"].append(server.cpu_seconds() - cpu)
                built = [float(m[1]) for line in server.lines[seen:done] if (m := _BUILT.search(line))]
                # MkDocs' DuplicateFilter drops "Documentation built in 0.34 seconds" when an earlier rebuild took
                # as long: then the time from its "Building documentation..." line to "Reloading browsers".
                got["rebuild"].append(built[-1] if built else server.times[done] - server.times[building])
                redone = [int(m[1]) for line in server.lines[seen:done] if (m := _REDONE.search(line))]
                got["pages"].append(redone[-1] if redone else float("nan"))
                server.rebuilt(seen, RELOAD_TIMEOUT)  # and the search index, made in the background
                got["search"].append(time.perf_counter() - start)
                got["search_cpu"].append(server.cpu_seconds() - cpu)
            browser.close()
    finally:
        restore(before)
    return {"mode": "serve --dirty" if dirty else "serve", "first_build": first_build, "target": found,
            "kinds": results}


def _built_seconds(lines: list[str]) -> float:
    """The build time of the last build MkDocs logged."""
    found = [float(match.group(1)) for line in lines if (match := _BUILT.search(line))]
    return found[-1] if found else float("nan")


# --- measured in this process, with a profile ------------------------------------------

def profile_rebuilds(root: Path, edits_per_kind: int, out: Path | None) -> list[dict[str, Any]]:
    """MkDocs' serve builds in this process: a first build, then one dirty rebuild per edit, CPU-timed; with
    `out`, a cProfile (CPU time) of each rebuild written to OUT.KIND.N."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(bench_env())
    site_dir = tempfile.mkdtemp(prefix="kehoach-edit-loop-site-")

    def config() -> Any:
        loaded = load_config(config_file=str(root / "mkdocs.yml"), site_dir=site_dir)
        loaded.site_url = SITE_URL
        return loaded

    found, rows = target(root), []
    before = originals(found)
    try:
        config().plugins.on_startup(command="serve", dirty=True)
        first = config()
        build(first, serve_url=SITE_URL, dirty=True)
        getattr(first.plugins["kehoach"].site.session, "wait_for_search", lambda: None)()
        for number, (kind, path, _, text, _) in enumerate(edits(found, edits_per_kind), 1):
            path.write_text(text, encoding="utf-8")
            profile, current = cProfile.Profile(time.process_time) if out else None, config()
            start, children = time.process_time(), _children_cpu()
            if profile:
                profile.runcall(build, current, serve_url=SITE_URL, dirty=True)
            else:
                build(current, serve_url=SITE_URL, dirty=True)
            session = current.plugins["kehoach"].site.session
            changed = getattr(session, "changed", [])  # none before commit aa12ee9
            cpu, children = time.process_time() - start, _children_cpu() - children
            start, wall, searched = time.process_time(), time.perf_counter(), _children_cpu()
            if hasattr(session, "wait_for_search"):  # the search index made in the background (serve)
                session.wait_for_search()
            rows.append({"kind": kind, "cpu": cpu, "children": children, "pages": sum(uri.endswith(".md") for uri
                                                                                     in changed),
                         "search_cpu": time.process_time() - start + _children_cpu() - searched,
                         "search_wall": time.perf_counter() - wall})
            if profile and out:
                profile.dump_stats(f"{out}.{kind}.{number}")
    finally:
        restore(before)
        shutil.rmtree(site_dir, ignore_errors=True)
    return rows


def _children_cpu() -> float:
    """CPU seconds of the child processes this process has waited for (Pagefind's indexer)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- provinces and bench/run's table ----------------------------------------------------

def prepare(root: Path, count: int) -> None:
    """A province of `count` plans and the bench mkdocs.yml (plugin on, plans watched) in `root`."""
    write_province(root, count)
    _config(root)


def prepare_real(root: Path, copies: int) -> None:
    """`copies` copies of each of the repository's real plans (and its registry) in `root`, as a site."""
    plans = root / "plans"
    shutil.copytree(ROOT / "plans" / "agencies", plans / "agencies")
    for folder in sorted((ROOT / "plans").glob("[0-9]*/*")):
        for copy in range(1, copies + 1):
            shutil.copytree(folder, plans / folder.parent.name / f"{folder.name}-{copy:03d}")
    _config(root)


def _config(root: Path) -> None:
    config = write_config(root, plugin=True)
    config.write_text(config.read_text(encoding="utf-8") + "watch: [plans]\n", encoding="utf-8")


def table_rows(count: str, found: dict[str, Any], judged: bool) -> list[list[str]]:
    """The table's rows of one measured site: per kind, medians; with `judged`, against the budgets."""
    rows = []
    for kind, got in found["kinds"].items():
        cpu = statistics.median(got["cpu"])
        limit = BUDGET_S * (GROUP_FACTOR if kind == "group" else 1)
        verdict = ("ok" if cpu <= limit else "MISSED") if judged else "–"  # the reload waits not for the search
        rows.append([count, found["target"].describe(kind), found["mode"],
                     ", ".join(f"{s:.2f}" for s in got["reload"]), f"{cpu:.2f}",
                     f"{statistics.median([s for s in got['rebuild'] if s == s] or [float('nan')]):.2f}",
                     ", ".join(f"{p:.0f}" for p in got["pages"]),
                     ", ".join(f"{s:.2f}" for s in got["search"]), f"{statistics.median(got['search_cpu']):.2f}",
                     f"≤ {limit:.0f} s: {verdict}"])
    return rows


COLUMNS = ["N plans", "edit", "server", "save → page reloaded, s (each edit)", "server CPU s (median)",
           "MkDocs rebuild s (median)", "pages re-rendered (each edit)", "save → search caught up, s (each edit)",
           "server CPU s to search caught up (median)", "budget (server CPU s to reloaded page)"]


def table(ctx: Any) -> Table:
    """bench/run's edit-loop table: serve --dirty on a province of 1,000 plans (20 with --quick)."""
    count = 20 if ctx.quick else 1000
    result = Table(f"The edit loop (mkdocs serve --dirty, {count:,} plans; a page re-rendered is a generated "
                   "page whose text changed)", COLUMNS)
    with tempfile.TemporaryDirectory(prefix="kehoach-edit-loop-") as tmp:
        prepare(Path(tmp), count)
        found = measure(Path(tmp), dirty=True, edits_per_kind=1 if ctx.quick else 2)
    result.rows += table_rows(f"{count:,}", found, judged=count == 1000 and not ctx.quick)
    result.notes.append(f"First build under serve: {found['first_build']:.1f} s. Budgets judged on the server "
                        f"process's CPU seconds from save to reloaded page; load average at the end: "
                        f"{os.getloadavg()[0]:.2f}.")
    return result


def missed(result: Table) -> bool:
    """Whether a row of the edit-loop table missed its budget."""
    return any(row[-1].endswith("MISSED") for row in result.rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="plans in the province (default 1,000)")
    parser.add_argument("--real", type=int, metavar="COPIES", help="copies of each real plan instead of a province")
    parser.add_argument("--edits", type=int, default=2, help="edits of each kind (default 2)")
    parser.add_argument("--modes", default="dirty", help="dirty (serve --dirty), full (plain serve) or both")
    parser.add_argument("--root", type=Path, help="keep the site's sources in ROOT (reused when it exists)")
    parser.add_argument("--in-process", action="store_true", help="no server, no browser: CPU seconds of each "
                        "rebuild in this process")
    parser.add_argument("--profile", type=Path, metavar="OUT", help="with --in-process: write a cProfile of each "
                        "rebuild to OUT.KIND.N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kehoach-edit-loop-") as tmp:
        root = args.root or Path(tmp)
        if not (root / "mkdocs.yml").exists():
            prepare_real(root, args.real) if args.real else prepare(root, args.n)
        size = f"{args.real} copies of the real plans" if args.real else f"{args.n:,} plans"
        if args.in_process or args.profile:
            for row in profile_rebuilds(root, args.edits, args.profile):
                print(f"{size}: {row['kind']:<6} rebuild {row['cpu']:.2f} CPU s{' (profiled)' * bool(args.profile)} "
                      f"+ {row['children']:.2f} s in child processes, {row['pages']} pages re-rendered; then "
                      f"the search index in the background {row['search_cpu']:.2f} CPU s "
                      f"({row['search_wall']:.2f} s wall after the rebuild)")
            return 0
        result = Table(f"The edit loop, {size}", COLUMNS)
        for mode in args.modes.split(","):
            found = measure(root, dirty=mode == "dirty", edits_per_kind=args.edits)
            result.rows += table_rows(size, found, judged=not args.real and args.n == 1000)
            result.notes.append(f"{found['mode']}: first build {found['first_build']:.1f} s.")
        result.notes.append(f"Load average at the end: {os.getloadavg()[0]:.2f}; KEHOACH_TODAY={TODAY}.")
        print(result.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
