"""The allowlist HTML from a plan's Markdown is held to (site/sanitiser.py), on what Python-Markdown makes."""

from __future__ import annotations

import markdown
import pytest

from kehoach.site.sanitiser import clean_html

EXTENSIONS = ["toc", "admonition", "attr_list", "tables"]


def rendered(text: str, reserved: tuple[str, ...] = ()) -> str:
    return clean_html(markdown.markdown(text, extensions=EXTENSIONS), reserved)


@pytest.mark.parametrize("text", [
    "[x](jav&#x61;script:alert(1))",
    "[x](&#106;avascript&colon;alert(1))",
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    "<a href='vbscript:x'>x</a>",
    "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
])
def test_links_that_run_script_lose_their_address(text: str) -> None:
    html = rendered(text)
    assert "href" not in html and ">x</a>" in html


@pytest.mark.parametrize("text, gone", [
    ("<script>alert(1)</script>chữ", "<script"),
    ('<img src=x onerror="alert(1)">', "onerror"),
    ('<div style="position:fixed;inset:0">che trang</div>', "position"),
    ("<iframe src='https://evil.example'></iframe>", "<iframe"),
    ("<form action='https://evil.example'><input name=p></form>", "form"),
    ("<svg><animate onbegin=alert(1)></svg>", "onbegin"),
])
def test_active_content_is_removed(text: str, gone: str) -> None:
    assert gone not in rendered(text)


@pytest.mark.parametrize("opener", ["<plaintext>", "<xmp>", "<textarea>", "<title>", "<noscript>", "<script>"])
def test_an_element_left_open_cannot_swallow_the_rest_of_the_page(opener: str) -> None:
    html = rendered(f"{opener}\n\nKHSTASH0X\n\n## Sau")
    assert opener not in html and "KHSTASH0X" in html  # the placeholder is still there for `put_back`


def test_what_markdown_makes_for_a_plan_is_kept() -> None:
    text = ("## Mục đích {#muc-dich}\n\n**Đậm** _nghiêng_ [luật](https://vbpl.vn/) [mục](#muc-dich)\n\n"
            "| A | B |\n|:-:|--:|\n| 1 | 2 |\n\n!!! note \"Ghi chú\"\n    Nội dung\n")
    html = rendered(text)
    for kept in ('<h2 id="muc-dich">', "<strong>Đậm</strong>", "<em>nghiêng</em>", 'href="https://vbpl.vn/"',
                 'href="#muc-dich"', 'style="text-align:center"', '<div class="admonition note">',
                 '<p class="admonition-title">Ghi chú</p>'):
        assert kept in html, kept


def test_an_element_claiming_a_task_anchor_loses_its_id() -> None:
    html = rendered('<span id="tap-huan">x</span>\n\n## Khác {#khac}', ("tap-huan",))
    assert 'id="tap-huan"' not in html and 'id="khac"' in html
