"""How big each kind of generated page gets: count, total and largest, for a synthetic province.

    .venv/bin/python bench/page_sizes.py -n 1000

Pages are rendered one at a time through `site.page_renderers` (the Markdown
with its HTML blocks, as the plugin hands it to MkDocs), on the bench's day
(`measure.TODAY`), so the figures say which pages grow with the province.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import SITE_URL, TODAY  # noqa: E402
from province import write_province  # noqa: E402

from kehoach.api import load_checked  # noqa: E402
from kehoach.site.builder import page_renderers  # noqa: E402
from kehoach.site.options import Options  # noqa: E402

_AGENCY_YEAR = re.compile(r"^co-quan/.+/nam-\d{4}\.md$")


def kind_of(uri: str) -> str:
    """Which kind of page a docs path is."""
    if uri == "index.md":
        return "home"
    if uri.endswith("/index.md"):
        return "index"
    if _AGENCY_YEAR.match(uri):
        return "agency, other year"
    return {"co-quan": "agency", "ke-hoach": "plan", "nam": "year"}.get(uri.split("/")[0], uri)


def measure(root: Path) -> dict[str, tuple[int, int, int, str]]:
    """Kind -> (pages, total bytes, largest bytes, largest page) of root/plans' pages."""
    corpus, _ = load_checked([root / "plans"], root)
    count, total, largest = Counter[str](), Counter[str](), dict[str, tuple[int, str]]()
    for uri, render in page_renderers(corpus, Options(date.fromisoformat(TODAY), SITE_URL)).items():
        kind, size = kind_of(uri), len(render().encode("utf-8"))
        count[kind] += 1
        total[kind] += size
        largest[kind] = max(largest.get(kind, (0, "")), (size, uri))
    return {kind: (count[kind], total[kind], *largest[kind]) for kind in sorted(count)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="plans in the province (default 1,000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_province(root, args.n)
        print(f"{args.n} plans, pages as of {TODAY}")
        print(f"{'kind':20} {'pages':>6} {'total KiB':>10} {'largest KiB':>12}  largest page")
        for kind, (pages, total, size, uri) in measure(root).items():
            print(f"{kind:20} {pages:6} {total // 1024:10,} {size // 1024:12,}  {uri}")


if __name__ == "__main__":
    main()
