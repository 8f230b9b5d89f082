"""`bench/run --quick` prints the whole table with sane figures (no timing is asserted: timed tests flake)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

STAGES = ["libyaml parse (floor)", "kehoach check (process)", "load + check (in-process)", "feeds (iter_feeds + write)",
          "mkdocs build + plugin", "mkdocs build, plain Markdown"]
COLUMNS = "| N plans | stage | wall s | CPU s | CPU ms/plan | peak MiB | output | search index |"


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def test_quick_run_prints_every_stage_and_budget_and_leaves_developing_md_alone() -> None:
    developing = (ROOT / "DEVELOPING.md").read_bytes()
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "run"), "--quick"],
                         capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    out = run.stdout
    assert re.search(r"^Machine: .+, \d+ cores, \d+ GiB RAM; .*Python 3\.\d+.*mkdocs-material [\d.]+.*libyaml", out,
                     re.M), out
    assert COLUMNS in out, out
    rows = {cells[1]: cells for cells in map(_cells, out.splitlines()) if cells[0] == "20"}
    assert list(rows) == STAGES, out
    for stage, (_, _, wall, cpu, per_plan, peak, _, search) in rows.items():
        assert float(wall) > 0 and float(cpu) > 0 and float(per_plan) > 0, stage
        assert 10 < float(peak) < 2000, (stage, peak)
        assert (search == "–") == (not stage.startswith("mkdocs")), (stage, search)
    assert rows["libyaml parse (floor)"][6].startswith("22 YAML files, "), out  # 20 plans + 2 registry files
    plans = re.fullmatch(r"20 plans, ([\d,]+) tasks, (\d+) agencies", rows["load + check (in-process)"][6])
    assert plans and 400 <= int(plans[1].replace(",", "")) <= 800 and int(plans[2]) >= 25, out
    # the province carries stale-year warnings in a share of its plans (bench/province.py FINDINGS), as real plans do
    warned = re.fullmatch(r"(\d+) findings", rows["kehoach check (process)"][6])
    assert warned and 1 <= int(warned[1]) <= 20, out
    assert re.fullmatch(r"[\d,]+ feeds, [\d,]+ events, [\d.]+ MB", rows["feeds (iter_feeds + write)"][6]), out
    for stage in STAGES[-2:]:
        assert re.fullmatch(r"[\d,]+ files, [\d.]+ MB", rows[stage][6]), out
        # the plugin's site is searched through Pagefind (pages), plain Markdown through Material (entries)
        unit = "pages \\(Pagefind\\)" if "plugin" in stage else "entries"
        entries = re.fullmatch(rf"[\d.]+ MB, ([\d,]+) {unit}", rows[stage][7])
        assert entries and int(entries[1].replace(",", "")) > 20, out
    budgets = [cells for cells in map(_cells, out.split("**Budgets")[1].splitlines())
               if len(cells) == 3 and cells[0] not in ("budget", "---")]
    # three stated budgets, then scaling and memory per stage we ship (libyaml and vanilla Material are references)
    assert len(budgets) == 3 + 2 * (len(STAGES) - 2), out
    assert not any("plain Markdown:" in cells[0] or cells[0].startswith("libyaml") for cells in budgets), out
    for name, measured, verdict in budgets:
        assert measured == "–" if verdict == "not measured" else re.match(r"\d", measured), (name, measured)
        assert re.fullmatch(r"(ok|MISSED)( \(quick: not judged\))?|not measured", verdict), (name, verdict)
        assert "peak" in name or verdict.endswith("(quick: not judged)") or verdict == "not measured", name
    assert (ROOT / "DEVELOPING.md").read_bytes() == developing
