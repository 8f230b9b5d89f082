"""The site search's two halves: pages marked for Pagefind (Python) and the box's worker (JavaScript).

The worker's folding runs in Node here, against the core's `fold`, so a query
folds in the browser exactly as the core folds text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.core.text import fold
from kehoach.site.search import LOADING, TITLES_EXCLUDE, WORKER, Scope, prepare_page

ASSET = Path(__file__).parents[1] / "plugins/kehoach/site/assets/search-worker.js"
MATERIAL_PAGE = """<html><body>
<div class="md-search-result" data-md-component="search-result">
          <div class="md-search-result__meta">
            Initializing search
          </div>
<article class="md-content__inner md-typeset"><h1>Sở Nội vụ</h1></article>
<script id="__config" type="application/json">{"base": "../..", "features": [], "search": \
"../../assets/javascripts/workers/search.a7633da7.min.js", "version": null}</script>
</body></html>"""
# Runs the worker file in a Node context and applies its `words` and `queries` to each input.
NODE = r"""
const fs = require("fs"), vm = require("vm");
const context = vm.createContext({self: {location: {href: "http://127.0.0.1/assets/kehoach/search-worker.js"}},
                                  addEventListener() {}, postMessage() {}, URL, console});
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);
const texts = JSON.parse(fs.readFileSync(0, "utf8"));
const answer = texts.map(text => vm.runInContext(
  `(() => { const w = words(${JSON.stringify(text)}); return [w, queries(w)]; })()`, context));
process.stdout.write(JSON.stringify(answer));
"""
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 -/.,()«»"


def worker(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """`words` and `queries` of the search worker for each text."""
    node = shutil.which("node")
    assert node, "Node.js is missing (make system-deps installs it)"
    done = subprocess.run([node, "-e", NODE, str(ASSET)], input=json.dumps(texts), capture_output=True, text=True,
                          check=True, timeout=60)
    return [(words, queries) for words, queries in json.loads(done.stdout)]


def core_words(text: str) -> list[str]:
    return [word for word in re.split(r"[^a-z0-9]+", fold(text)) if word]


def test_the_box_folds_a_query_with_or_without_diacritics_to_the_same_words() -> None:
    pairs = [("Sở Nội vụ", "so noi vu"), ("thi đua", "thi dua"), ("Đồng Nai", "dong nai"),
             ("khen thưởng", "khen thuong"), ("quyết định", "quyet dinh"), ("Đại hội", "dai hoi"),
             ("05/QĐ-UBND", "05/qd-ubnd")]
    answers = worker([text for pair in pairs for text in pair])
    for index, (accented, plain) in enumerate(pairs):
        assert answers[2 * index] == answers[2 * index + 1], (accented, plain)
        assert answers[2 * index][0] == core_words(accented)


def test_each_d_is_asked_as_d_and_as_d_with_stroke_plain_first() -> None:
    [(words, queries)] = worker(["Đồng Nai"])
    assert words == ["dong", "nai"] and queries == ["dong nai", "đong nai"]
    [(_, queries)] = worker(["đại hội đồng TĐKT"])
    assert queries[0] == "dai hoi dong tdkt" and "đai hoi đong tđkt" in queries and len(queries) == 8
    [(_, queries)] = worker(["d " * 10])
    assert len(queries) == 16  # at most 16 spellings of one query


@settings(max_examples=15, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=40))
def test_the_worker_folds_as_the_core_does(texts: list[str]) -> None:
    for text, (words, queries) in zip(texts, worker(texts), strict=True):
        assert words == core_words(text), text
        assert not words or queries[0] == " ".join(words)
        assert all(fold(query) == " ".join(words) for query in queries), text


def test_a_page_is_marked_for_pagefind_and_its_box_uses_the_kehoach_worker() -> None:
    html = prepare_page(MATERIAL_PAGE, "co-quan/x/", Scope(openings_only=frozenset({"co-quan/x/"})), indexed=True)
    assert '<article class="md-content__inner md-typeset" data-pagefind-body data-kh-opening>' in html
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    assert config == {"base": "../..", "features": [], "search": f"../../{WORKER}", "version": None}
    assert re.search(r'<div class="md-search-result__meta">\s*(.*?)\s*</div>', html)[1] == LOADING
    assert "Initializing" not in html


def test_a_plan_page_in_titles_mode_is_marked_and_an_excluded_page_is_not() -> None:
    scope = Scope(titles_only=frozenset({"ke-hoach/2024/x/"}))
    assert "data-pagefind-body data-kh-titles>" in prepare_page(MATERIAL_PAGE, "ke-hoach/2024/x/", scope, True)
    untouched = prepare_page(MATERIAL_PAGE, "", scope, indexed=False)
    assert "data-pagefind-body" not in untouched and f"../../{WORKER}" in untouched


def test_titles_selectors_apply_only_when_some_plan_is_indexed_by_titles() -> None:
    assert not set(TITLES_EXCLUDE) & set(Scope().exclusions())
    assert set(TITLES_EXCLUDE) <= set(Scope(titles_only=frozenset({"p/"})).exclusions())


@pytest.mark.parametrize("html", ["<html></html>", '<script id="__config" type="application/json">{"search": 1}'
                                                  "</script>"])
def test_a_page_without_materials_search_is_left_as_it_is(html: str) -> None:
    assert prepare_page(html, "x/", Scope(), indexed=True) == html
