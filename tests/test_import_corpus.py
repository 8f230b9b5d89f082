"""`kehoach import` on real published plans it was not written against: the recovery may only go up.

bench/import_recovery.py measures the corpus under tests/cases/import/corpus/ (held-out
documents excluded) and the four seeds; the figures are committed in
tests/cases/import/corpus-recovery.json and `pytest --update-goldens` rewrites them (read the diff).
"""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from conftest import CASES, ROOT, updating_goldens

RECORDED = CASES / "import" / "corpus-recovery.json"


def measured() -> dict:
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "import_recovery.py"), "--json"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_corpus_recovery_does_not_fall_and_nothing_is_invented() -> None:
    now = measured()
    if updating_goldens():
        RECORDED.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    falls = [f"{name}.{key}: {row[key]} < {recorded['documents'][name][key]}"
             for name, row in now["documents"].items() for key in ("exact", "tasks")
             if row[key] < recorded["documents"].get(name, {}).get(key, 0)]
    assert falls == [], "recovery fell:\n" + "\n".join(falls)
    assert set(recorded["documents"]) <= set(now["documents"]), "a measured document disappeared"
    total = now["total"]
    assert total["invented"] == 0, [(n, r["invented"]) for n, r in now["documents"].items() if r["invented"]]
    assert total["exact"] / total["counted"] >= 0.97  # 434/439 (98.9%) with rounds 2-4 in the set
    assert total["tasks"] / total["tasks_expected"] >= 0.90


def test_the_held_out_documents_are_not_measured_by_default() -> None:
    corpus = CASES / "import" / "corpus"
    held_out = {meta.parent.name for meta in corpus.glob("*/meta.yml")
                if yaml.safe_load(meta.read_text(encoding="utf-8"))["held_out"]}
    documents = set(measured()["documents"])
    folders = {path.name for path in corpus.iterdir() if path.is_dir()}
    seeds = {f"seed-00{n}" for n in range(4)}
    assert documents == (folders - held_out) | seeds  # the rest of the corpus and the four seeds
