"""Reading files: encodings, YAML with positions, and hostile input that must fail fast and small."""

from __future__ import annotations

import gc
import subprocess
import sys
import tracemalloc
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES, ROOT

from kehoach.core import source
from kehoach.core.checks import check_corpus
from kehoach.core.loader import Corpus, load_corpus
from kehoach.core.source import (
    MAX_BYTES,
    BadValue,
    Mapping,
    Sequence,
    is_date,
    node_position,
    parse_yaml,
    parse_yaml_tree,
    position,
    read_text,
)

sys.path.insert(0, str(ROOT / "bench"))
from bench_hostile import write_large_plan, write_registry_bomb  # noqa: E402


def test_yaml_values_remember_their_line_and_column() -> None:
    data, findings = parse_yaml("year: 2024\ntasks:\n  - id: a\n    lead: [x/b, x/c]\n", "f.yml")
    assert findings == []
    assert isinstance(data, Mapping) and isinstance(data["tasks"], Sequence)
    assert data.key_pos["tasks"] == (2, 1)
    assert position(data, ("tasks", 0, "lead", 1)) == (4, 17)
    assert position(data, ("tasks", 0, "id"), key=True) == (3, 5)


def test_position_falls_back_to_the_nearest_known_parent() -> None:
    data, _ = parse_yaml("document:\n  type: Kế hoạch\n", "f.yml")
    assert position(data, ("document", "signer", "name")) == (2, 3)
    assert position(data, ("nowhere",)) == (1, 1)


def test_an_impossible_date_is_reported_and_kept_as_text() -> None:
    data, findings = parse_yaml("date: 2023-02-29\n", "f.yml")
    assert isinstance(data["date"], BadValue) and not is_date(data["date"])
    assert [(f.line, f.col, f.code) for f in findings] == [(1, 7, "KH301")]
    assert "Tháng 2 năm 2023 chỉ có 28 ngày" in findings[0].hint


def test_real_dates_are_dates() -> None:
    data, _ = parse_yaml("date: 2024-02-29\n", "f.yml")
    assert data["date"] == date(2024, 2, 29) and is_date(data["date"])


def test_duplicate_keys_are_reported_with_the_first_line() -> None:
    data, findings = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yml")
    assert data == {"a": 1, "b": 2}
    assert [(f.line, f.code) for f in findings] == [(3, "KH111")]
    assert "lần đầu ở dòng 1" in findings[0].message


def test_without_positions_the_data_is_the_same_in_plain_dicts() -> None:
    text = "year: 2024\nongoing: true\nn: 3\nx: null\ntasks:\n  - id: a\n    day: 2024-03-15\n    lead: [x/b, x/c]\n"
    plain, findings = parse_yaml(text, "f.yml", positions=False)
    assert findings == [] and plain == parse_yaml(text, "f.yml")[0]
    assert type(plain) is dict and type(plain["tasks"]) is list and type(plain["tasks"][0]) is dict


@pytest.mark.parametrize("text", ["a: 1\nb: 2\na: 3\n", "date: 2023-02-29\n", "a: &x 1\nb: *x\n",
                                  "a: !!python/name:os.system x\n", "2024: a\n", "a: =\n"])
def test_without_positions_anything_unusual_is_parsed_with_positions(text: str) -> None:
    data, findings = parse_yaml(text, "f.yml", positions=False)
    assert (data, findings) == parse_yaml(text, "f.yml")
    assert data is None or isinstance(data, Mapping)


def test_aliases_and_merge_keys_are_refused() -> None:
    assert parse_yaml("a: &x 1\nb: *x\n", "f.yml")[1][0].code == "KH106"
    assert parse_yaml("a: &x {c: 1}\nb:\n  <<: *x\n", "f.yml")[1][0].code == "KH106"


def test_deep_nesting_is_a_finding_not_a_recursion_error() -> None:
    data, findings = parse_yaml("a: " + "[" * 3000 + "]" * 3000 + "\n", "f.yml")
    assert data is None and findings[0].code == "KH105" and "lồng nhau quá sâu" in findings[0].message


def test_control_characters_are_located_by_character_not_byte() -> None:
    _, findings = parse_yaml("tiêu đề: \x07\n", "f.yml")
    assert [(f.line, f.col, f.code) for f in findings] == [(1, 10, "KH109")]


def test_unclosed_quote_is_reported_where_it_opens() -> None:
    _, findings = parse_yaml('a: "mở\nb: 1\nc: "đóng"\nd: 2\n', "f.yml")
    assert [(f.line, f.col) for f in findings] == [(1, 4)]


def test_read_text_strips_and_reports_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes(b"\xef\xbb\xbfyear: 2024\n")
    text, findings = read_text(path, "a.yml")
    assert text == "year: 2024\n"
    assert [(f.line, f.col, f.code) for f in findings] == [(1, 1, "KH102")]


def test_read_text_normalises_to_nfc_and_reports_where(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("a: 1\ntitle: " + unicodedata.normalize("NFD", "Kế hoạch") + "\n", encoding="utf-8")
    text, findings = read_text(path, "a.yml")
    assert text == "a: 1\ntitle: Kế hoạch\n"
    assert [(f.line, f.col, f.code) for f in findings] == [(2, 9, "KH103")]


def test_read_text_refuses_non_utf8_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes("a: 1\ntitle: Ke\u0302\u0301 hoa\u0323ch\n".encode("utf-8").replace(b"\xcc\x82", b"\xe2"))
    text, findings = read_text(path, "a.yml")
    assert text is None
    assert [(f.line, f.col, f.code) for f in findings] == [(2, 10, "KH101")]


def test_read_text_refuses_binary_files(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_bytes(b"a: 1\nb: 2\x00\x01")
    assert [(f.line, f.code) for f in read_text(path, "a.yml")[1]] == [(2, "KH109")]


def _peak_memory(action: Callable[[], Corpus]) -> tuple[Corpus, int]:
    """What `action` returns and the peak of memory it allocated (its time is bench/bench_hostile.py's)."""
    tracemalloc.start()
    try:
        return action(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_billion_laughs_fails_in_small_memory() -> None:
    case = CASES / "check" / "yaml-billion-laughs"
    corpus, peak = _peak_memory(lambda: load_corpus([case / "plans"], base=case))
    assert [(f.path, f.line, f.code) for f in corpus.findings] == [
        ("plans/2025/ke-hoach-tdkt/ke-hoach.yml", 2, "KH106")]
    assert peak < 50 * 1024 * 1024


def test_billion_laughs_in_the_registry_fails_in_small_memory_too(tmp_path: Path) -> None:
    plans = write_registry_bomb(tmp_path)
    corpus, peak = _peak_memory(lambda: load_corpus([plans], base=tmp_path))
    assert [(f.line, f.code) for f in corpus.findings] == [(1, "KH106")]
    assert peak < 50 * 1024 * 1024


def test_a_file_of_several_megabytes_is_refused_without_reading_it(tmp_path: Path) -> None:
    plans = write_large_plan(tmp_path)
    assert (plans / "2025/lon/ke-hoach.yml").stat().st_size > 4 * 1024 * 1024
    corpus, peak = _peak_memory(lambda: load_corpus([plans], base=tmp_path))
    assert [(f.path, f.line, f.col, f.code) for f in corpus.findings] == [
        ("plans/2025/lon/ke-hoach.yml", 1, 1, "KH107")]
    assert str(MAX_BYTES // 1024) in corpus.findings[0].message
    assert peak < 5 * 1024 * 1024


HOSTILE_NESTING = {
    "flow brackets": "a: " + "[" * 200_000 + "\n",
    "flow mappings": "a: " + "{b: " * 100_000 + "\n",
    "compact sequences": "a:\n  " + "- " * 100_000 + "x\n",
    "compact keys with anchors": "a:\n" + "? &k " * 100_000 + "x\n",
    "indented compact runs": "a:\n" + "".join(" " * (1998 * k) + "- " * 999 + "\n" for k in range(30)),
}


@pytest.mark.parametrize("text", HOSTILE_NESTING.values(), ids=HOSTILE_NESTING.keys())
def test_nesting_that_would_overflow_libyamls_c_stack_is_refused_in_a_live_process(tmp_path: Path, text: str) -> None:
    """Run in a child process: before the guard, libyaml's composer crashed Python (SIGSEGV)."""
    folder = tmp_path / "plans" / "2025" / "sau"
    folder.mkdir(parents=True)
    (tmp_path / "plans" / "agencies").mkdir()
    (folder / "ke-hoach.yml").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "check", "plans"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    assert "KH105 lỗi: Lỗi cú pháp YAML: dữ liệu lồng nhau quá sâu" in result.stdout


def test_long_prose_lines_with_dashes_are_not_mistaken_for_nesting() -> None:
    data, findings = parse_yaml('a: "' + "chữ - " * 3000 + '"\n', "f.yml")
    assert findings == [] and data["a"].count(" - ") == 3000


def test_a_lone_equals_sign_or_double_chevron_value_is_plain_text() -> None:
    assert parse_yaml("a: =\nb: <<\n=: c\n", "f.yml") == ({"a": "=", "b": "<<", "=": "c"}, [])


def test_unknown_tags_are_refused_by_name() -> None:
    _, findings = parse_yaml("a: !!python/object/apply:os.system [ls]\n", "f.yml")
    assert [(f.line, f.col, f.code) for f in findings] == [(1, 4, "KH105")]
    assert "«!!python/object/apply:os.system»" in findings[0].message


def test_loading_leaves_nothing_frozen_unless_asked(tmp_path: Path) -> None:
    """mkdocs serve loads again on every change: frozen objects could pin garbage for the whole session."""
    case = CASES / "check" / "clean-plan"
    gc.unfreeze()
    load_corpus([case / "plans"], base=case)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    load_corpus([case / "plans"], base=case, freeze=True)
    assert gc.get_freeze_count() > 0 and gc.isenabled()
    gc.unfreeze()


WITHOUT_LIBYAML = "import yaml; del yaml.CSafeLoader; from kehoach.cli import main; main(prog_name='kehoach')"


@pytest.mark.parametrize("name", ["clean-plan", "yaml-alias-anchor", "yaml-billion-laughs", "yaml-tab-indent",
                                  "yaml-unclosed-quote", "yaml-duplicate-key", "impossible-date", "control-character",
                                  "yaml-deep-nesting", "unknown-field-in-task"])
def test_without_libyaml_the_pure_python_parser_reports_the_same(name: str) -> None:
    """PyYAML built without libyaml falls back to its Python parser; findings must not change."""
    case = CASES / "check" / name
    result = subprocess.run([sys.executable, "-c", WITHOUT_LIBYAML, "check", "plans"], cwd=case,
                            capture_output=True, text=True, timeout=60)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert f"exit: {result.returncode}\n{result.stdout}{result.stderr}" == expected


def test_check_reads_every_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 2's speed rule: one read and one parse per file, nothing read twice."""
    reads: list[str] = []
    real_read = source.read_bounded

    def read_bounded(path: Path, limit: int | None = None) -> tuple[bytes | None, tuple[str, str, str]]:
        reads.append(path.resolve().as_posix())
        return real_read(path, limit)

    monkeypatch.setattr(source, "read_bounded", read_bounded)
    root = Path(__file__).resolve().parent.parent
    corpus = load_corpus([root / "plans"], base=root)
    check_corpus(corpus)
    bodies = [(loaded.folder / name).resolve().as_posix() for loaded in corpus.plans for name in loaded.bodies]
    yaml_files = [p.resolve().as_posix() for p in (root / "plans").rglob("*.yml")]
    assert sorted(reads) == sorted(yaml_files + bodies)


def _paths(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path into a parsed YAML value, parents first."""
    found: list[tuple[object, ...]] = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@pytest.mark.parametrize("plan", sorted((ROOT / "plans").glob("*/*/ke-hoach.yml")), ids=lambda p: p.parent.name)
def test_positions_read_from_the_node_tree_equal_those_of_the_data_with_positions(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    data, _ = parse_yaml(text, str(plan))
    plain, _, tree = parse_yaml_tree(text, str(plan), positions=False)
    assert plain == data
    paths = _paths(data)
    assert len(paths) > 100
    for loc in [*paths, ("tasks", 0, "no-such-field"), ("tasks", 10_000)]:
        assert node_position(tree, loc) == position(data, loc), loc
        assert node_position(tree, loc, key=True) == position(data, loc, key=True), loc
