"""Folding Material's search index so queries without diacritics find Vietnamese text."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kehoach.core.text import fold
from kehoach.site.search import (
    FOLD_MARK,
    fold_search_index,
    fold_search_index_file,
    folded_tokens,
    separator_of,
    tokens,
)

CASES = Path(__file__).parent / "cases" / "search"


def material_index() -> str:
    return (CASES / "material-index.json").read_text(encoding="utf-8")


def docs(index_text: str) -> list[dict[str, str]]:
    return json.loads(index_text)["docs"]


def searchable(entry: dict[str, str]) -> set[str]:
    """The tokens lunr indexes for an entry (Material's tokenizer skips tags, splits on spaces and hyphens)."""
    return set(tokens(entry["title"])) | set(tokens(entry["text"]))


def matches(entry: dict[str, str], query: str) -> bool:
    """Every query word matches a token, as Material queries: `word*` (a prefix), `+word` (exactly)."""
    found = searchable(entry)
    for term in query.lower().split():
        exact = term.startswith("+")
        if not any(token == term[1:] if exact else token.startswith(term) for token in found):
            return False
    return True


def test_folded_index_matches_expected_file():
    expected = (CASES / "folded-index.json").read_text(encoding="utf-8")
    assert fold_search_index(material_index()) + "\n" == expected


def test_unaccented_and_accented_queries_find_the_same_entries():
    pairs = [
        ("thi đua", "thi dua"),
        ("khen thưởng", "khen thuong"),
        ("Sở Nội vụ", "so noi vu"),
        ("Đồng Nai", "dong nai"),
        ("hội nghị", "hoi nghi"),
    ]
    folded = docs(fold_search_index(material_index()))
    for accented, plain in pairs:
        for query_marked, query_plain in [(accented, plain), (required(accented), required(plain))]:
            with_marks = [entry["location"] for entry in folded if matches(entry, query_marked)]
            without = [entry["location"] for entry in folded if matches(entry, query_plain)]
            assert with_marks, query_marked
            assert with_marks == without, (query_marked, query_plain)


def required(query: str) -> str:
    return " ".join(f"+{word}" for word in query.split())


def test_a_word_inside_an_address_does_not_hide_the_folded_word():
    """ "dong" inside ".../co-quan/dong-nai/..." is no token of its own: "Đồng" must still add "dong"."""
    (agency,) = [entry for entry in docs(fold_search_index(material_index())) if "Đồng Nai</p>" in entry["text"]]
    assert matches(agency, "+dong +nai +so +noi +vu")


def test_unaccented_queries_find_nothing_before_folding():
    original = docs(material_index())
    assert not [entry for entry in original if matches(entry, "thuong")]


def test_visible_text_title_and_location_are_kept():
    for before, after in zip(docs(material_index()), docs(fold_search_index(material_index())), strict=True):
        assert after["title"] == before["title"]
        assert after["location"] == before["location"]
        assert after["text"].startswith(before["text"])


def test_entries_without_diacritics_are_left_unchanged():
    guide = [entry for entry in docs(fold_search_index(material_index())) if entry["location"] == "huong-dan/"]
    assert guide == [
        {"location": "huong-dan/", "title": "Guide", "text": "<p>Run mkdocs build --strict then open index.html</p>"}
    ]


def test_d_with_stroke_folds_to_d_and_tags_are_not_tokens():
    first, second = docs(fold_search_index(material_index()))[:2]
    expected = "ke hoach cong tac dua, thuong nam so noi vu chu tri; dua phoi hop. dong ngay thang"
    assert first["text"].endswith(f"{FOLD_MARK}{expected}</span>")
    assert not {"code", "<code>", "span", "hidden"} & searchable(second)


def test_folding_twice_changes_nothing():
    once = fold_search_index(material_index())
    assert fold_search_index(once) == once


def test_config_is_kept():
    assert json.loads(fold_search_index(material_index()))["config"] == json.loads(material_index())["config"]


def test_index_is_written_as_utf8_not_ascii_escapes():
    folded = fold_search_index(material_index())
    assert "Sở Nội vụ" in folded
    assert "\\u" not in folded


def test_file_is_folded_in_place_and_missing_file_is_ignored(tmp_path):
    path = tmp_path / "search" / "search_index.json"
    fold_search_index_file(path)
    assert not path.exists()
    path.parent.mkdir()
    path.write_text(material_index(), encoding="utf-8")
    fold_search_index_file(path)
    assert path.read_text(encoding="utf-8") == fold_search_index(material_index())


VIETNAMESE = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐƠƯ .,;-<>&",
    max_size=80,
)


@given(title=VIETNAMESE, text=VIETNAMESE)
def test_every_token_is_searchable_folded_and_folding_is_idempotent(title, text):
    # Material escapes the text of titles and texts (html.escape, quote=False) before writing the index.
    title, text = escape(title, quote=False), escape(text, quote=False)
    index = json.dumps({"config": {}, "docs": [{"location": "x/", "title": title, "text": text}]})
    once = fold_search_index(index)
    (entry,) = docs(once)
    assert {fold(token) for token in tokens(title) + tokens(text)} <= searchable(entry)
    assert fold_search_index(once) == once


def test_a_stray_angle_bracket_never_opens_a_tag_in_the_hidden_span():
    index = json.dumps({"config": {}, "docs": [{"location": "x/", "title": "", "text": "<à"}]})
    assert docs(fold_search_index(index)) == [{"location": "x/", "title": "", "text": "<à"}]


SCOPED = [{"location": "ke-hoach/a/", "title": "Kế hoạch A", "text": "<p>Số: 274/KH-UBND</p>"},
          {"location": "ke-hoach/a/#i-muc-dich", "title": "I. MỤC ĐÍCH", "text": "<p>Văn bản.</p>"},
          {"location": "ke-hoach/a/#kh-bao-cao", "title": "Báo cáo định kỳ", "text": "<p>Báo cáo năm</p>"},
          {"location": "co-quan/so-noi-vu/", "title": "Sở Nội vụ", "text": "<p>Sở; viết tắt: SNV</p>"},
          {"location": "co-quan/so-noi-vu/#qua-han", "title": "Quá hạn", "text": ""},
          {"location": "huong-dan/#dang-ky", "title": "Đăng ký", "text": "<p>Hướng dẫn.</p>"}]


def test_a_scope_keeps_openings_of_some_pages_and_headings_of_others():
    from kehoach.site.search import Scope

    agencies = Scope(openings_only=frozenset({"co-quan/so-noi-vu/"}))
    assert agencies.entries(SCOPED) == SCOPED[:4] + SCOPED[5:]
    titles = Scope(openings_only=agencies.openings_only, titles_only=frozenset({"ke-hoach/a/"}))
    assert titles.entries(SCOPED) == [SCOPED[0], {**SCOPED[1], "text": ""}, SCOPED[3], SCOPED[5]]
    assert Scope().entries(SCOPED) == SCOPED


def test_a_heading_kept_without_its_text_is_still_found_without_diacritics():
    from kehoach.site.search import Scope

    index = json.dumps({"config": {}, "docs": SCOPED})
    folded = docs(fold_search_index(index, Scope(titles_only=frozenset({"ke-hoach/a/"}))))
    assert [e["location"] for e in folded if matches(e, "muc dich")] == ["ke-hoach/a/#i-muc-dich"]
    assert not [e for e in folded if matches(e, "van ban")]


def test_pages_kept_while_serving_follow_a_change_of_scope():
    """`search: auto` may cross its threshold between two rebuilds of `mkdocs serve --dirty`."""
    from kehoach.site.search import Scope, SearchPages

    kept, index = SearchPages(), json.dumps({"config": {}, "docs": []})
    kept.update(SCOPED, rendered=set(), alive={e["location"].split("#")[0] for e in SCOPED})
    titles = Scope(titles_only=frozenset({"ke-hoach/a/"}))
    assert docs(kept.write(index))[1]["text"].startswith("<p>Văn bản.</p>")
    assert [e["location"] for e in docs(kept.write(index, titles))] == [e["location"] for e in titles.entries(SCOPED)]
    assert docs(kept.write(index, titles))[1]["text"].startswith(FOLD_MARK)  # the heading's folded words only
    assert docs(kept.write(index)) == docs(fold_search_index(json.dumps({"config": {}, "docs": SCOPED})))


def site_separator() -> str:
    """The search separator of the repository's mkdocs.yml."""
    found = re.search(r"^\s+separator: '(.+)'$", (Path(__file__).parents[1] / "mkdocs.yml").read_text(encoding="utf-8"),
                      re.M)
    assert found, "mkdocs.yml sets no search separator"
    return found.group(1)


def test_the_site_splits_words_on_slashes_brackets_and_quotes_as_folding_does():
    """lunr (JavaScript) and `separator_of` (Python) read the same character class the same way."""
    separator = separator_of({"separator": site_separator()})
    assert separator.pattern == site_separator()
    text = "Nghị định số 91/2017/NĐ-CP; danh hiệu «Cờ thi đua», “Chiến sĩ thi đua” (11/6/1948) [Lai Châu]"
    assert {"nđ", "cp;", "cờ", "thi", "đua", "chiến", "1948", "lai", "châu"} <= set(tokens(text, separator))
    assert {"nđ", "cờ", "1948"}.isdisjoint(tokens(text))  # Material's default, [\s\-]+
    assert {"nd", "co", "chien"} <= set(folded_tokens([text], separator))
