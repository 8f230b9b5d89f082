"""How much of a real plan `kehoach import` recovers: header facts, tasks, and what it invents.

Runs the importer on the corpus of real published plans (tests/cases/import/corpus/,
each folder a source.txt and an expected.yml written by hand) and on the four seeds
(tests/cases/import/seeds/, measured against the plans a person made from them), and
prints per document and in total:

  header   header facts exactly right / facts the source or the draft gives
           (parent, issuer, number, symbol, place, date, type, subject, year,
           school year, signer); where the source opens with the Quyết định that
           issues the plan, that decision's header facts as well (`decision:` in expected.yml)
  invented facts the draft gives that the source does not (must stay 0)
  tasks    tasks with a deadline recovered with that deadline / tasks expected

Documents marked `held_out: true` are left out unless --held-out is given, which
measures only them: they are for measuring the importer once, never for tuning it.

    .venv/bin/python bench/import_recovery.py              # corpus (not held out) + seeds
    .venv/bin/python bench/import_recovery.py --held-out   # the held-out documents only
    .venv/bin/python bench/import_recovery.py -v           # and every fact that is not exact
    .venv/bin/python bench/import_recovery.py --json       # figures as JSON (tests compare them)
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from kehoach.authoring.draft import decision_facts, header_facts
from kehoach.authoring.importer import read_draft
from kehoach.core.deadlines import read_phrase
from kehoach.core.text import fold

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "cases" / "import" / "corpus"
SEEDS = {"000_b73c9ead04eb878b.txt": "2024/son-la-quyet-dinh-43-tdkt",
         "001_71e23e8e24efcdb0.txt": "2023/dong-nai-ke-hoach-274",
         "002_639ea0e56d86ebfc.txt": "2025/son-la-co-so-dieu-tri-nghien-tdkt",
         "003_6d63e611e3fe6721.txt": "2024/quyet-thang-ke-hoach-tdkt"}
FACTS = ("parent", "issuer_name", "number", "symbol", "place", "date", "type", "subject", "year", "school_year",
         "signer")


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def _value(value: Any, key: str) -> str | None:
    if value is None or value == "":
        return None
    text = " ".join(str(value).split())
    return text.rstrip(" .") if key == "subject" else text


def compare(want: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """Header facts counted, exact and invented, and the facts that are not exact."""
    row: dict[str, Any] = {"exact": 0, "counted": 0, "invented": 0, "misses": []}
    for key in FACTS:
        a, b = _value(want.get(key), key), _value(got.get(key), key)
        if a is None and b is None:
            continue
        row["counted"] += 1
        row["exact"] += a == b
        row["invented"] += a is None
        if a != b:
            row["misses"].append(f"{key}: want {a!r}, got {b!r}")
    return row


def corpus_tasks(expected: list[dict[str, str]], drafted: list[dict[str, Any]]) -> tuple[int, int, int]:
    """Expected tasks found with their deadline words; drafted tasks with a deadline nobody expected."""
    found, matched = 0, set[int]()
    for task in expected:
        for index, got in enumerate(drafted):
            if words(got["title"]).startswith(words(task["title_start"])) and words(
                    got.get("deadline", {}).get("text", "")) == words(task["deadline"]):
                found, matched = found + 1, matched | {index}
                break
    extra = sum(1 for i, t in enumerate(drafted) if t.get("deadline") and i not in matched)
    return found, len(expected), extra


def measure_corpus(folder: Path, plans: Path) -> dict[str, Any]:
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    draft = read_draft(folder / "source.txt", plans)
    row = compare(expected, header_facts(draft))
    if expected.get("decision"):  # a source that opens with the Quyết định issuing the plan: its header too
        decision = compare(expected["decision"], decision_facts(draft))
        for key in ("exact", "counted", "invented"):
            row[key] += decision[key]
        row["misses"] += [f"decision.{miss}" for miss in decision["misses"]]
    row["tasks"], row["tasks_expected"], row["extra_tasks"] = corpus_tasks(expected.get("tasks") or [], draft.tasks)
    return row


def measure_seed(name: str, plan_id: str, plans: Path) -> dict[str, Any]:
    real = yaml.safe_load((plans / plan_id / "ke-hoach.yml").read_text(encoding="utf-8"))
    doc = real["document"]
    signer = doc.get("signer") or {}
    want = {**{key: doc.get(key) for key in FACTS}, "year": real["year"], "school_year": None,
            "signer": " ".join(str(signer[k]) for k in ("title", "name") if signer.get(k)) or None}
    draft = read_draft(ROOT / "tests" / "cases" / "import" / "seeds" / name, plans)
    row = compare(want, header_facts(draft))
    row["tasks"], row["tasks_expected"], row["extra_tasks"] = seed_tasks(real, draft.tasks)
    return row


def seed_tasks(real: dict[str, Any], drafted: list[dict[str, Any]]) -> tuple[int, int, int]:
    """Real tasks with a deadline whose drafted task (same title, nearly) has the same meaning."""
    by_title = {words(t["title"]): t for t in drafted}
    wanted = [t for t in real.get("tasks", []) if t.get("deadline")]
    found = 0
    for task in wanted:
        close = difflib.get_close_matches(words(task["title"]), list(by_title), n=1, cutoff=0.9)
        got = by_title[close[0]] if close else None
        found += bool(got and _meaning(got.get("deadline")) == _meaning(task["deadline"], real["year"]))
    return found, len(wanted), max(0, sum(1 for t in drafted if t.get("deadline")) - len(wanted))


def _meaning(deadline: dict[str, Any] | None, year: int = 2000) -> Any:
    if not deadline:
        return None
    for key in ("date", "before", "by", "month", "quarter", "half", "school_year", "ongoing"):
        if deadline.get(key) not in (None, False):
            return key, str(deadline[key])
    reading = read_phrase(deadline.get("text") or "", year)
    return (reading.field, str(reading.value)) if reading else None


def measure(held_out: bool) -> dict[str, dict[str, Any]]:
    plans = ROOT / "plans"
    rows: dict[str, dict[str, Any]] = {}
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        meta = yaml.safe_load((folder / "meta.yml").read_text(encoding="utf-8"))
        if bool(meta.get("held_out")) == held_out:
            rows[folder.name] = measure_corpus(folder, plans)
    if not held_out:
        for name, plan_id in SEEDS.items():
            rows[f"seed-{name[:3]}"] = measure_seed(name, plan_id, plans)
    return rows


def totals(rows: dict[str, dict[str, Any]]) -> dict[str, int]:
    keys = ("exact", "counted", "invented", "tasks", "tasks_expected", "extra_tasks")
    return {key: sum(row[key] for row in rows.values()) for key in keys}


def render(rows: dict[str, dict[str, Any]], verbose: bool) -> str:
    lines = [f"{'document':<44} {'header':>9} {'invented':>8} {'tasks':>7} {'extra':>5}"]
    for name, row in rows.items():
        lines.append(f"{name:<44} {row['exact']:>4}/{row['counted']:<4} {row['invented']:>8} "
                     f"{row['tasks']:>3}/{row['tasks_expected']:<3} {row['extra_tasks']:>5}")
        lines += [f"    {miss}" for miss in row["misses"]] if verbose else []
    total = totals(rows)
    header = total["exact"] / total["counted"] if total["counted"] else 1.0
    tasks = total["tasks"] / total["tasks_expected"] if total["tasks_expected"] else 1.0
    lines.append(f"total: header facts {total['exact']}/{total['counted']} exact ({header:.1%}); "
                 f"invented {total['invented']}; tasks with deadline {total['tasks']}/{total['tasks_expected']} "
                 f"({tasks:.1%}); extra tasks with a deadline {total['extra_tasks']}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held-out", action="store_true", help="measure only the held-out documents")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every fact that is not exact")
    args = parser.parse_args()
    rows = measure(args.held_out)
    if args.json:
        figures = {name: {k: v for k, v in row.items() if k != "misses"} for name, row in rows.items()}
        sys.stdout.write(json.dumps({"documents": figures, "total": totals(rows)}, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(render(rows, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
