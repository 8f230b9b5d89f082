"""The edit loop: from saving one plan's YAML to the reloaded page in Chromium, under `mkdocs serve`.

Writes a synthetic province (bench/province.py), starts `mkdocs serve` on it
(plain, and with `--dirty`, which the plugin makes correct, see plugin.py),
opens one plan page in Chromium, then edits that plan a few times.
Each edit (a task's title) is timed from the moment the file is written to the
moment the browser shows the new title (MkDocs' livereload reloads the page after the
rebuild); the rebuild time MkDocs logs is shown beside it.

    .venv/bin/python bench/edit_loop.py                 # 1,000 plans, serve --dirty and plain serve, 3 edits each
    .venv/bin/python bench/edit_loop.py -n 100 --edits 1 --modes dirty

`measure(root, dirty=..., edits=...)` is what bench/run calls.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import VENV_BIN, bench_env, write_config  # noqa: E402
from province import write_province  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
START_TIMEOUT = 900.0  # the first build of 3,000 plans under serve
RELOAD_TIMEOUT = 600.0
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`mkdocs serve` in the background, with its log collected line by line."""

    def __init__(self, root: Path, dirty: bool) -> None:
        self.port = free_port()
        args = [str(VENV_BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{self.port}", *(["--dirty"] if dirty else [])]
        self.process = subprocess.Popen(args, cwd=root, env=bench_env(), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, start: int, timeout: float) -> int:
        """Index of the first log line from `start` on that contains `pattern`; fails when the server stops."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(start, len(self.lines)):
                if pattern in self.lines[index]:
                    return index
                if "Aborted with" in self.lines[index]:
                    raise RuntimeError("the rebuild failed:\n" + "\n".join(self.lines[start:]))
            if self.process.poll() is not None:
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)
        raise TimeoutError(f"no «{pattern}» in the mkdocs serve log after {timeout:.0f} s")

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
        yield server
    finally:
        server.stop()


def plan_to_edit(root: Path) -> tuple[Path, str]:
    """The plan YAML edited by the bench (the first of the latest year) and its page's path."""
    year = max(path for path in (root / "plans").iterdir() if path.name.isdigit())
    folder = sorted(path for path in year.iterdir() if path.is_dir())[0]
    return folder / "ke-hoach.yml", f"ke-hoach/{year.name}/{folder.name}/"


def measure(root: Path, *, dirty: bool, edits: int = 3) -> dict[str, Any]:
    """Seconds from saving the plan to its reloaded page (median and each edit), and MkDocs' own rebuild time."""
    from playwright.sync_api import sync_playwright

    yaml_path, page_path = plan_to_edit(root)
    original = yaml_path.read_text(encoding="utf-8")
    reloads, rebuilds = [], []
    try:
        with serving(root, dirty) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.port}/{page_path}", timeout=RELOAD_TIMEOUT * 1000)
            first_build = _built_seconds(server.lines)
            for edit in range(1, edits + 1):
                marker = f"(bản sửa {edit})"
                seen = len(server.lines)
                text = mark_title(original, marker)
                start = time.perf_counter()
                yaml_path.write_text(text, encoding="utf-8")
                done = server.wait_for("Documentation built in", seen, RELOAD_TIMEOUT)
                page.wait_for_function("marker => document.querySelector('article')?.textContent.includes(marker)",
                                       arg=marker, timeout=RELOAD_TIMEOUT * 1000, polling=20)
                reloads.append(time.perf_counter() - start)
                rebuilds.append(float(_BUILT.search(server.lines[done]).group(1)))  # type: ignore[union-attr]
            browser.close()
    finally:
        yaml_path.write_text(original, encoding="utf-8")
    return {"mode": "serve --dirty" if dirty else "serve", "first_build": first_build,
            "reload": statistics.median(reloads), "reloads": reloads, "rebuild": statistics.median(rebuilds)}


def mark_title(text: str, marker: str, *, task: bool = True) -> str:
    """The plan YAML with `marker` added at the end of its first task's title (or of the plan's own title).

    A task edit is the common one; the plan's title shows on every page that
    lists one of its tasks, so editing it re-renders many more pages.
    """
    lines = text.split("\n")
    key = "    title: " if task else "title: "
    first = lines.index("tasks:") if task else 0
    at = next(index for index in range(first, len(lines)) if lines[index].startswith(key))
    value = lines[at].removeprefix(key).rstrip()
    if value in (">", ">-", "|", "|-"):
        while at + 1 < len(lines) and lines[at + 1].startswith(" " * (len(key) - len(key.lstrip()) + 2)):
            at += 1
        lines[at] = f"{lines[at].rstrip()} {marker}"
    elif value.startswith('"') and value.endswith('"'):
        lines[at] = f"{key}{value[:-1]} {marker}\""
    else:
        lines[at] = f"{key}{value} {marker}"
    return "\n".join(lines)


def _built_seconds(lines: list[str]) -> float:
    """The build time of the last build MkDocs logged."""
    found = [float(match.group(1)) for line in lines if (match := _BUILT.search(line))]
    return found[-1] if found else float("nan")


def prepare(root: Path, count: int) -> None:
    """A province of `count` plans and the bench mkdocs.yml (plugin on, plans watched) in `root`."""
    write_province(root, count)
    config = write_config(root, plugin=True)
    config.write_text(config.read_text(encoding="utf-8") + "watch: [plans]\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="plans in the province (default 1,000)")
    parser.add_argument("--edits", type=int, default=3, help="edits per mode (default 3)")
    parser.add_argument("--modes", default="dirty,full", help="dirty (serve --dirty), full (plain serve) or both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kehoach-edit-loop-") as tmp:
        root = Path(tmp)
        prepare(root, args.n)
        print(f"{args.n} plans; time from saving one plan YAML to the reloaded page in Chromium")
        for mode in args.modes.split(","):
            found = measure(root, dirty=mode == "dirty", edits=args.edits)
            print(f"  {found['mode']:<14} first build {found['first_build']:6.1f} s; after an edit: page reloaded in "
                  f"{found['reload']:5.2f} s (median of {args.edits}; "
                  f"{', '.join(f'{s:.2f}' for s in found['reloads'])}), MkDocs rebuild {found['rebuild']:5.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
