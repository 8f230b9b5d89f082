"""Property-based tests: whatever bytes a plan or registry file holds, check answers without crashing.

Each example is written into a small plans tree; loading and checking must give
either a loaded plan or findings that name the file, a line and a column that
exist, and never raise.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from conftest import CASES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.published import problems_in

from kehoach import api
from kehoach.core.checks import check_corpus
from kehoach.core.errors import Finding, has_errors
from kehoach.core.loader import load_corpus
from kehoach.site.builder import build_pages
from kehoach.site.options import Options

CLEAN = CASES / "check" / "clean-plan" / "plans"
PLAN = "plans/2025/ke-hoach-tdkt/ke-hoach.yml"
REGISTRY = "plans/agencies/x.yml"
LINE_BREAKS = re.compile(rb"\r\n|\r|\n|\xc2\x85|\xe2\x80[\xa8\xa9]")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _tree(root: Path) -> Path:
    for source in sorted(CLEAN.rglob("*")):
        target = root / "plans" / source.relative_to(CLEAN)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    return root


def _check(root: Path, relative: str, raw: bytes) -> tuple[list[Finding], int]:
    (root / relative).write_bytes(raw)
    corpus = load_corpus([root / "plans"], base=root)
    return check_corpus(corpus), len(corpus.plans)


def _assert_findings_point_into_files(root: Path, findings: list[Finding]) -> None:
    for finding in findings:
        assert re.fullmatch(r"KH\d{3}", finding.code) and finding.message, finding
        assert finding.line >= 1 and finding.col >= 1, finding
        target = root / finding.path
        assert target.exists(), finding
        if target.is_file():
            lines = LINE_BREAKS.split(target.read_bytes())
            assert finding.line <= len(lines) + 1, finding
            width = len(lines[finding.line - 1]) if finding.line <= len(lines) else 0
            assert finding.col <= width + 2, finding


def _assert_plan_or_error(findings: list[Finding], plans: int, relative: str) -> None:
    about_plan = [f for f in findings if f.severity == "error" and f.path.startswith(relative.rsplit("/", 1)[0])]
    assert plans == 1 or about_plan, findings


def _assert_plan_bytes_give_a_plan_or_clear_findings(tmp_path: Path, raw: bytes) -> None:
    root = _tree(tmp_path)
    findings, plans = _check(root, PLAN, raw)
    _assert_findings_point_into_files(root, findings)
    _assert_plan_or_error(findings, plans, PLAN)


@SETTINGS
@given(raw=st.binary(max_size=2000))
def test_any_bytes_as_a_plan_give_a_plan_or_clear_findings(tmp_path: Path, raw: bytes) -> None:
    _assert_plan_bytes_give_a_plan_or_clear_findings(tmp_path, raw)


@SETTINGS
@given(raw=st.binary(max_size=2000))
def test_any_bytes_as_a_registry_give_clear_findings(tmp_path: Path, raw: bytes) -> None:
    root = _tree(tmp_path)
    findings, _ = _check(root, REGISTRY, raw)
    _assert_findings_point_into_files(root, findings)


@SETTINGS
@given(text=st.text(max_size=500))
def test_any_text_as_a_plan_gives_a_plan_or_clear_findings(tmp_path: Path, text: str) -> None:
    _assert_plan_bytes_give_a_plan_or_clear_findings(tmp_path, text.encode("utf-8", "surrogatepass"))


def _fragments() -> list[str]:
    lines = (CLEAN / "2025/ke-hoach-tdkt/ke-hoach.yml").read_text(encoding="utf-8").splitlines()
    for real in sorted((ROOT / "plans").glob("[0-9]*/*/ke-hoach.yml"))[:2]:
        lines += real.read_text(encoding="utf-8").splitlines()[:120]
    return sorted(set(lines))


FRAGMENTS = _fragments()
MUTATED_LINE = st.tuples(st.sampled_from(FRAGMENTS), st.integers(-3, 3), st.sampled_from(["", "\t", ":", "\"", "'",
                                                                                          "- ", "&a ", "*a", "[", "{"]))


def _yamlish(parts: list[tuple[str, int, str]]) -> str:
    lines = []
    for line, shift, extra in parts:
        line = " " * max(0, shift) + line[max(0, -shift):]
        position = len(line) // 2
        lines.append(line[:position] + extra + line[position:])
    return "\n".join(lines) + "\n"


@SETTINGS
@given(parts=st.lists(MUTATED_LINE, max_size=60))
def test_yamlish_text_from_real_plan_lines_never_crashes(tmp_path: Path, parts: list[tuple[str, int, str]]) -> None:
    _assert_plan_bytes_give_a_plan_or_clear_findings(tmp_path, _yamlish(parts).encode("utf-8"))


@SETTINGS
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=80))
def test_shuffled_real_plan_lines_never_crash(tmp_path: Path, parts: list[str]) -> None:
    _assert_plan_bytes_give_a_plan_or_clear_findings(tmp_path, ("\n".join(parts) + "\n").encode("utf-8"))


@SETTINGS
@given(text=st.text(max_size=2000))
def test_any_markdown_body_gives_findings_inside_the_file(tmp_path: Path, text: str) -> None:
    root = _tree(tmp_path)
    findings, plans = _check(root, "plans/2025/ke-hoach-tdkt/noi-dung.md", text.encode("utf-8", "surrogatepass"))
    _assert_findings_point_into_files(root, findings)
    assert plans == 1  # a bad body never loses the plan itself


# --- the whole chain: any text in a plan's fields and body -> check, then pages, feeds, exports ----------

SNIPPETS = ["javascript:alert(1)", "jav&#x61;script:", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            '<div style="position:fixed">', "<plaintext>", "=HYPERLINK(\"h\",\"x\")", "+1", "-", "@SUM(1)", "\t",
            "\r\n", "\n", "BEGIN:VEVENT", "END:VCALENDAR", "KHSTASH0X", "<!-- nhiem-vu: quy-i -->", "::error::x",
            "##[error]", "\\", ";", ",", '"', "'", "<div>", "</div>", "**", "_", "[a](b)", "{#tap-huan}", "# ",
            "\u202e", "\u200b", "\x0b", "\x00", "Sở Nội vụ", "31/6/2025", "năm 2024"]
# Control and format characters come from SNIPPETS only, so that most examples pass the gate and reach
# the build (the gate's refusals are the rest of this file's business).
HOSTILE_TEXT = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(alphabet=st.characters(
    blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=12)), max_size=8).map("".join)
CHAIN = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _hostile_plan(root: Path, title: str, note: str, name: str, body: str) -> None:
    plan = root / PLAN
    text = plan.read_text(encoding="utf-8")
    text = text.replace("    title: Tổ chức tập huấn nghiệp vụ công tác thi đua, khen thưởng\n",
                        f"    title: {json.dumps(title or 'x', ensure_ascii=False)}\n"
                        f"    note: {json.dumps(note or 'x', ensure_ascii=False)}\n"
                        f"    lead_text: {json.dumps(note or 'x', ensure_ascii=False)}\n")
    plan.write_text(text, encoding="utf-8")
    registry = root / REGISTRY
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "name: Sở Tài chính tỉnh X", f"name: {json.dumps(name or 'x', ensure_ascii=False)}"), encoding="utf-8")
    (root / "plans/2025/ke-hoach-tdkt/noi-dung.md").open("a", encoding="utf-8", newline="").write(body)


@CHAIN
@given(title=HOSTILE_TEXT, note=HOSTILE_TEXT, name=HOSTILE_TEXT, body=HOSTILE_TEXT)
def test_a_clean_plan_publishes_nothing_executable(tmp_path: Path, title: str, note: str, name: str,
                                                   body: str) -> None:
    """Whatever text the fields and the body hold: findings, or pages, feeds and exports with no script,
    no event handler, no javascript: address, no formula cell, no injected feed line; nothing outside `out/`."""
    root = _tree(tmp_path / "case")
    _hostile_plan(root, title, note, name, body)
    corpus, findings = api.load_checked([root / "plans"], base=root)
    _assert_findings_point_into_files(root, findings)
    if has_errors(findings):
        return
    files: dict[str, str | bytes] = {**api.build_exports(corpus, date(2025, 3, 1))}
    files.update(build_pages(corpus, Options(date(2025, 3, 1), "https://intranet.example/", True, frozenset(files))))
    out = tmp_path / "out"
    api.write_tree(out, sorted(files.items()))
    api.write_tree(out, api.iter_feeds(corpus, "https://intranet.example/"))
    assert problems_in(out) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["case", "out"]
