"""The generated site: pages against expected files, and real MkDocs builds of a tiny site and of this repo.

Regenerate the expected pages after a deliberate change, then review the diff:
    .venv/bin/pytest --update-goldens tests/test_site.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import CASES, ROOT, compare_with_file, updating_goldens
from support.views import task_view

from kehoach.api import build_date
from kehoach.core.errors import PlanError
from kehoach.core.loader import Corpus, load_corpus
from kehoach.core.view import Row
from kehoach.site.builder import build_pages
from kehoach.site.options import Options
from kehoach.site.pages import split_by_year

CASE = CASES / "site"
TODAY = "2024-06-10"
SITE_URL = "https://intranet.example/kehoach/"
EDIT_ROOT = "https://git.example/org/ke-hoach/edit/main/"
PLAN_PAGE = "ke-hoach/2024/ke-hoach-mau.md"
TASK_IDS = ("tuyen-truyen", "phat-dong", "so-ket", "kinh-phi", "tap-huan", "bao-cao-nam")


def _case_corpus() -> Corpus:
    """The tiny plans tree, loaded from its own folder so paths read as users see them."""
    old = Path.cwd()
    os.chdir(CASE)
    try:
        return load_corpus([Path("plans")])
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The tiny plans tree's pages, built in-process as the plugin builds them."""
    return build_pages(_case_corpus(), Options(date.fromisoformat(TODAY), SITE_URL))


def test_build_docs_writes_the_expected_pages(tmp_path: Path, kehoach) -> None:  # type: ignore[no-untyped-def]
    code, output = kehoach(["build-docs", str(tmp_path / "out"), "--today", TODAY, "--site-url", SITE_URL], CASE)
    assert code == 0, output
    docs = tmp_path / "out/docs"
    written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    expected_dir = CASE / "expected"
    if updating_goldens():
        shutil.rmtree(expected_dir, ignore_errors=True)
        for name in written:
            (expected_dir / name).parent.mkdir(parents=True, exist_ok=True)
    for name in written:
        compare_with_file((docs / name).read_text(encoding="utf-8"), expected_dir / name)
    assert written == sorted(p.relative_to(expected_dir).as_posix() for p in expected_dir.rglob("*.md"))
    assert (docs / "assets/kehoach/kehoach.css").is_file()
    assert (docs / "lich/ke-hoach/2024/ke-hoach-mau.ics").is_file()
    assert (docs / "lich/co-quan/thu-nghiem/so-noi-vu.ics").is_file()
    assert (tmp_path / "out/mkdocs.yml").is_file()


def test_build_docs_and_the_plugin_share_one_code_path(tmp_path: Path, kehoach, pages) -> None:  # type: ignore[no-untyped-def]
    kehoach(["build-docs", str(tmp_path), "--today", TODAY, "--site-url", SITE_URL], CASE)
    for name, text in pages.items():
        assert (tmp_path / "docs" / name).read_text(encoding="utf-8") == text


def test_exports_are_published_and_linked_only_on_request(tmp_path: Path, kehoach, pages) -> None:  # type: ignore[no-untyped-def]
    assert not any("xuat/" in text for text in pages.values())
    code, output = kehoach(["build-docs", str(tmp_path), "--today", TODAY, "--exports"], CASE)
    assert code == 0, output
    plan = (tmp_path / "docs" / PLAN_PAGE).read_text(encoding="utf-8")
    for ext in ("docx", "xlsx", "csv", "json"):
        assert (tmp_path / f"docs/xuat/ke-hoach/2024/ke-hoach-mau.{ext}").is_file()
        assert f'href="../../../xuat/ke-hoach/2024/ke-hoach-mau.{ext}" download' in plan
    agency = (tmp_path / "docs/co-quan/thu-nghiem/so-noi-vu.md").read_text(encoding="utf-8")
    assert 'href="../../../xuat/co-quan/thu-nghiem/so-noi-vu.xlsx" download' in agency


def test_build_docs_for_zensical_writes_links_from_the_markdown_files_folder(tmp_path: Path, kehoach) -> None:  # type: ignore[no-untyped-def]
    """Zensical reads a raw-HTML href from the Markdown file's folder: one "../" fewer than MkDocs on a plan page."""
    code, output = kehoach(["build-docs", str(tmp_path), "--today", TODAY, "--exports", "--engine", "zensical"], CASE)
    assert code == 0 and f"dựng trang: zensical build -f {tmp_path / 'mkdocs.yml'}" in output, output
    plan = (tmp_path / "docs" / PLAN_PAGE).read_text(encoding="utf-8")
    assert 'href="../../xuat/ke-hoach/2024/ke-hoach-mau.docx" download' in plan
    assert 'href="../../lich/ke-hoach/2024/ke-hoach-mau.ics" download' in plan and 'href="../../../' not in plan
    assert "variant: classic" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    code, output = kehoach(["build-docs", str(tmp_path / "x"), "--today", TODAY, "--engine", "hugo"], CASE)
    assert code == 2 and output == ("Lỗi cách dùng: Giá trị của «--engine» không dùng được: «hugo» không phải một "
                                    "trong: mkdocs, zensical.\nXem «kehoach build-docs --help».\n"), output


def test_same_plans_and_date_give_identical_pages(pages: dict[str, str]) -> None:
    old = Path.cwd()
    os.chdir(CASE)
    try:
        corpus = load_corpus([Path("plans/2024"), Path("plans")])
        again = build_pages(corpus, Options(date.fromisoformat(TODAY), SITE_URL))
    finally:
        os.chdir(old)
    assert again == pages


def test_every_task_and_report_has_its_anchor(pages: dict[str, str]) -> None:
    for task_id in TASK_IDS:
        assert pages[PLAN_PAGE].count(f'id="{task_id}"') == 1, task_id


def test_yaml_text_is_escaped_everywhere(pages: dict[str, str]) -> None:
    for name, text in pages.items():
        assert "<script" not in text and "<b>" not in text and "<i>" not in text, name
    plan = pages[PLAN_PAGE]
    assert 'title: "Kế hoạch &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; mẫu &amp; thử"' in plan
    assert "Công tác thi đua, khen thưởng năm 2024 &lt;b&gt;đậm&lt;/b&gt;" in plan


def test_blank_number_and_day_print_as_gaps(pages: dict[str, str]) -> None:
    plan = pages[PLAN_PAGE]
    assert '<p class="kh-number">Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-SNV</p>' in plan
    assert "Thử Nghiệm, ngày \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 tháng 01 năm 2024" in plan
    assert "Thử Nghiệm, ngày 05 tháng 01 năm 2024" in plan  # the decision, dated in full


def test_decision_comes_first_and_links_to_its_plan(pages: dict[str, str]) -> None:
    plan = pages[PLAN_PAGE]
    assert plan.index('id="kh-quyet-dinh"') < plan.index('id="kh-ke-hoach"') < plan.index('id="kh-phu-luc"')
    assert '<a href="#kh-ke-hoach">' in plan and '<a href="#kh-quyet-dinh">' in plan


def test_markers_are_replaced_by_the_sections_tasks(pages: dict[str, str]) -> None:
    plan = pages[PLAN_PAGE]
    assert "nhiem-vu:" not in plan
    place = plan.index('<div class="kh-task" id="tuyen-truyen">')
    assert plan.index("## II. TỔ CHỨC THỰC HIỆN") < place < plan.index("Trên đây là Kế hoạch")


def test_agency_page_has_group_tasks_and_its_buckets(pages: dict[str, str]) -> None:
    page = pages["co-quan/thu-nghiem/so-tai-chinh.md"]
    assert "Phát động phong trào thi đua năm 2024" in page  # given to the group "các sở"
    assert 'qua <a href="../../../co-quan/thu-nghiem/cac-so/">Các sở, ban, ngành tỉnh</a>' in page
    headings = re.findall(r"^## (.+)$", page, flags=re.M)
    assert headings == ["Quá hạn", "Đến hạn tháng này", "Đến hạn tháng sau", "Sau đó",
                        "Thường xuyên, không ghi hạn", "Đã hoàn thành"]


@pytest.fixture(scope="module")
def years_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The tiny plan issued again for 2023 and for 2025, beside the 2024 one; built on 10/06/2024."""
    root = tmp_path_factory.mktemp("years")
    shutil.copytree(CASE / "plans", root / "plans")
    for year in (2023, 2025):
        folder = root / "plans" / str(year) / "ke-hoach-mau"
        shutil.copytree(CASE / "plans/2024/ke-hoach-mau", folder)
        plan = folder / "ke-hoach.yml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("year: 2024", f"year: {year}", 1), encoding="utf-8")
    old = Path.cwd()
    os.chdir(root)
    try:
        corpus = load_corpus([Path("plans")])
    finally:
        os.chdir(old)
    return build_pages(corpus, Options(date.fromisoformat(TODAY), SITE_URL))


def test_an_agency_page_holds_the_current_plan_year_and_links_the_others(years_pages: dict[str, str]) -> None:
    agency = "co-quan/thu-nghiem/so-noi-vu"
    assert {f"{agency}.md", f"{agency}/nam-2023.md", f"{agency}/nam-2025.md"} <= set(years_pages)
    assert f"{agency}/nam-2024.md" not in years_pages
    page = years_pages[f"{agency}.md"]
    assert set(re.findall(r'href="[./]*ke-hoach/(\d{4})/', page)) == {"2024"}
    assert "Năm 2024: 5 nhiệm vụ và báo cáo" in page
    late = '<span data-count-hide="overdue" hidden>, <span data-count="overdue">0</span> quá hạn</span>'
    assert page.count(late) == 1  # the page's own year only: the badge script keeps it true as days pass
    page = page.replace(late, "")
    assert ('Năm kế hoạch (trang này mặc định hiện năm hiện tại nếu đã có kế hoạch, nếu chưa thì năm gần nhất trước '
            'đó có kế hoạch; các năm khác xem theo liên kết): '
            '<a href="../../../co-quan/thu-nghiem/so-noi-vu/nam-2025/">2025</a> (5 nhiệm vụ) · '
            '<strong>2024</strong> (5 nhiệm vụ) · '
            '<a href="../../../co-quan/thu-nghiem/so-noi-vu/nam-2023/">2023</a> (5 nhiệm vụ)') in page
    assert "search:" not in page.split("---")[1]  # the agency is found by search on its own page


def test_an_agency_year_page_links_back_and_stays_out_of_search(years_pages: dict[str, str]) -> None:
    page = years_pages["co-quan/thu-nghiem/so-noi-vu/nam-2023.md"]
    assert page.startswith('---\ntitle: "Sở Nội vụ tỉnh Thử Nghiệm – năm 2023"\n')
    assert "search:\n  exclude: true" in page.split("---")[1]
    assert set(re.findall(r'href="[./]*ke-hoach/(\d{4})/', page)) == {"2023"}
    assert '<a href="../../../../co-quan/thu-nghiem/so-noi-vu/">2024</a>' in page
    assert '<a href="../../../../lich/co-quan/thu-nghiem/so-noi-vu.ics" download>' in page  # one feed, every year


def test_an_agency_with_only_future_plans_shows_the_earliest() -> None:
    rows = [Row(task_view(plan_id=plan_id), "lead") for plan_id in ("2027/b", "2026/a")]
    plans = {plan_id: SimpleNamespace(plan=SimpleNamespace(year=int(plan_id[:4]))) for plan_id in ("2026/a", "2027/b")}
    shown, by_year = split_by_year(rows, plans, date(2025, 6, 1))  # type: ignore[arg-type]
    assert (shown, list(by_year)) == (2026, [2027, 2026])
    assert split_by_year(rows, plans, date(2027, 1, 1))[0] == 2027  # type: ignore[arg-type]
    # an agency without a task still has a page for the site's year, saying so
    assert split_by_year([], plans, date(2027, 1, 1)) == (2027, {2027: []})  # type: ignore[arg-type]
    assert split_by_year([], {}, date(2027, 1, 1)) == (None, {})  # type: ignore[arg-type]


def test_merged_agency_names_its_successor(pages: dict[str, str]) -> None:
    page = pages["co-quan/thu-nghiem/so-cu.md"]
    assert "Hoạt động đến hết ngày 28/02/2025" in page
    assert 'Cơ quan kế thừa: <a href="../../../co-quan/thu-nghiem/so-noi-vu/">Sở Nội vụ tỉnh Thử Nghiệm</a>' in page


def test_build_date_comes_from_option_then_environment() -> None:
    assert build_date("2024-03-01", {"KEHOACH_TODAY": "2020-01-01"}) == date(2024, 3, 1)
    assert build_date(None, {"KEHOACH_TODAY": "2020-01-01"}) == date(2020, 1, 1)
    with pytest.raises(PlanError, match="KH603"):
        build_date(None, {"KEHOACH_TODAY": "15/06/2024"})


# --- real MkDocs builds ------------------------------------------------------------

TINY_CONFIG = f"""\
site_name: Thử nghiệm
site_url: {SITE_URL}
edit_uri: {EDIT_ROOT}docs/
theme:
  name: material
  language: vi
  font: false
  features: [content.action.edit]
plugins:
  - search
  - kehoach:
      today: {TODAY}
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
  - admonition
nav:
  - Trang chủ: index.md
  - Năm: nam/index.md
  - Cơ quan: co-quan/index.md
  - Hướng dẫn: huong-dan.md
"""
EXTERNAL = re.compile(r"<(?:link|script|img|iframe)\b[^>]*\b(?:href|src)=\"((?:https?:)?//[^/\"]+)", re.I)


def mkdocs_build(config_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` as a user would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_dir / "mkdocs.yml"),
                           "-d", str(site_dir)], cwd=config_dir, env=env, capture_output=True, text=True, check=False)


def build_tiny_site(root: Path, config: str = TINY_CONFIG, body_end: str = "") -> Path:
    """Build the tiny plans tree (with `body_end` added to the plan's text) and one guide with `config`;
    return the site folder."""
    shutil.copytree(CASE / "plans", root / "plans")
    body = root / "plans/2024/ke-hoach-mau/noi-dung.md"
    body.write_text(body.read_text(encoding="utf-8") + body_end, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs/huong-dan.md").write_text("# Hướng dẫn\n\n## Đăng ký lịch\n\nXem [trang chủ](index.md).\n",
                                            encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny plans tree built by MkDocs with the plugin, as a site folder."""
    return build_tiny_site(tmp_path_factory.mktemp("tiny"))


def test_tiny_site_builds_strict_with_every_page(tiny_site: Path) -> None:
    for url in ("index.html", "nam/2024/index.html", "co-quan/index.html", PLAN_PAGE[:-3] + "/index.html",
                "co-quan/thu-nghiem/so-noi-vu/index.html", "lich/tat-ca.ics", "assets/kehoach/kehoach.js"):
        assert (tiny_site / url).is_file(), url


def test_edit_links_open_the_plans_own_source(tiny_site: Path) -> None:
    plan = (tiny_site / "ke-hoach/2024/ke-hoach-mau/index.html").read_text(encoding="utf-8")
    assert f'href="{EDIT_ROOT}plans/2024/ke-hoach-mau/ke-hoach.yml"' in plan
    agency = (tiny_site / "co-quan/thu-nghiem/so-cu/index.html").read_text(encoding="utf-8")
    assert f'href="{EDIT_ROOT}plans/agencies/thu-nghiem.yml"' in agency
    year = (tiny_site / "nam/2024/index.html").read_text(encoding="utf-8")
    assert "/edit/" not in year  # a page with no source of its own has no edit button
    guide = (tiny_site / "huong-dan/index.html").read_text(encoding="utf-8")
    assert f'href="{EDIT_ROOT}docs/huong-dan.md"' in guide


def test_html_has_anchors_escaped_title_and_unicode_slugs(tiny_site: Path) -> None:
    plan = (tiny_site / "ke-hoach/2024/ke-hoach-mau/index.html").read_text(encoding="utf-8")
    for task_id in TASK_IDS:
        assert f'id="{task_id}"' in plan
    assert "<script>alert" not in plan and "&lt;script&gt;alert" in plan
    assert 'id="ii-tổ-chức-thực-hiện"' in plan


def test_navigation_stays_small(tiny_site: Path) -> None:
    home = (tiny_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    assert "ke-hoach/2024" not in nav and "thu-nghiem" not in nav
    assert len(re.findall(r'class="md-nav__link', nav)) <= 12


def test_no_page_loads_anything_from_another_host(tiny_site: Path) -> None:
    own = "//" + SITE_URL.split("/")[2]
    for page in tiny_site.rglob("*.html"):
        found = EXTERNAL.findall(page.read_text(encoding="utf-8"))
        hosts = {h for h in found if h.removeprefix("https:").removeprefix("http:") != own}
        assert not hosts, (page, hosts)


def test_real_repository_builds_strict(tmp_path: Path) -> None:
    result = mkdocs_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/ke-hoach/2024/quyet-thang-ke-hoach-tdkt/index.html").is_file()


@pytest.mark.parametrize(("page", "target", "directory_urls", "expected"), [
    ("ke-hoach/2024/x.md", "co-quan/son-la/so-noi-vu.md", True, "../../../co-quan/son-la/so-noi-vu/"),
    ("ke-hoach/2024/x.md", "index.md", True, "../../../"),
    ("index.md", "nam/index.md", True, "nam/"),
    ("index.md", "index.md", True, "./"),
    ("co-quan/a/b.md", "lich/co-quan/a/b.ics", True, "../../../lich/co-quan/a/b.ics"),
    ("ke-hoach/2024/x.md", "co-quan/a/b.md", False, "../../co-quan/a/b.html"),
    ("nam/index.md", "index.md", False, "../index.html"),
    ("index.md", "nam/index.md", False, "nam/index.html"),  # the home page sits at the root: nothing to climb
    ("index.md", "index.md", False, "index.html"),
    ("nam/2024.md", "nam/index.md", False, "../nam/index.html"),
])
def test_links_between_pages_are_relative(page: str, target: str, directory_urls: bool, expected: str) -> None:
    from kehoach.core.links import Links

    assert Links(page, directory_urls).to(target) == expected


@pytest.mark.parametrize(("page", "target", "directory_urls", "expected"), [
    ("ke-hoach/2024/x.md", "co-quan/son-la/so-noi-vu.md", True, "../../co-quan/son-la/so-noi-vu/"),
    ("ke-hoach/2024/x.md", "ke-hoach/2024/x.md", True, "../../ke-hoach/2024/x/"),
    ("co-quan/a/b.md", "lich/co-quan/a/b.ics", True, "../../lich/co-quan/a/b.ics"),
    ("nam/index.md", "index.md", True, "../"),  # an index page's Markdown file sits in its URL's folder
    ("index.md", "nam/index.md", True, "nam/"),
    ("index.md", "index.md", True, "./"),
    ("ke-hoach/2024/x.md", "co-quan/a/b.md", False, "../../co-quan/a/b.html"),  # as MkDocs: .html pages sit there too
])
def test_zensical_links_are_relative_to_the_markdown_file(page: str, target: str, directory_urls: bool,
                                                          expected: str) -> None:
    """Zensical reads a raw-HTML href from the folder of the page's Markdown file (and rewrites it for the URL)."""
    from kehoach.core.links import Links

    assert Links(page, directory_urls, "zensical").to(target) == expected
    with pytest.raises(ValueError, match="unknown engine"):
        Links(page, directory_urls, "hugo")


@pytest.mark.parametrize(("site_url", "directory_urls", "path", "anchor", "expected"), [
    ("https://x.example/kh", True, "ke-hoach/2024/a.md", "t-1", "https://x.example/kh/ke-hoach/2024/a/#t-1"),
    ("https://x.example/kh/", False, "ke-hoach/2024/a.md", "t-1", "https://x.example/kh/ke-hoach/2024/a.html#t-1"),
    ("https://x.example/", False, "index.md", None, "https://x.example/index.html"),
    ("https://x.example/", False, "lich/tat-ca.ics", None, "https://x.example/lich/tat-ca.ics"),
    ("", True, "co-quan/a/b.md", None, "co-quan/a/b/"),
    ("/", False, "co-quan/a/b.md", None, "/co-quan/a/b.html"),
])
def test_absolute_urls_follow_the_sites_address_and_directory_urls(site_url: str, directory_urls: bool, path: str,
                                                                   anchor: str | None, expected: str) -> None:
    from kehoach.core.links import Site

    assert Site(site_url, directory_urls).to(path, anchor) == expected


def test_a_plan_with_errors_stops_the_build_with_the_findings_in_vietnamese(tmp_path: Path) -> None:
    shutil.copytree(CASE / "plans", tmp_path / "plans")
    plan = tmp_path / "plans/2024/ke-hoach-mau/ke-hoach.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("section: quy-iii", "section: quy-iv"), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/huong-dan.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(TINY_CONFIG, encoding="utf-8")
    result = mkdocs_build(tmp_path, tmp_path / "site")
    assert result.returncode == 1
    assert "Kế hoạch còn lỗi, chưa dựng được trang" in result.stderr
    assert "plans/2024/ke-hoach-mau/ke-hoach.yml:" in result.stderr and "KH206" in result.stderr


def test_a_task_shown_in_place_and_in_the_appendix_keeps_one_anchor(tmp_path: Path) -> None:
    shutil.copytree(CASE / "plans", tmp_path / "plans")
    body = tmp_path / "plans/2024/ke-hoach-mau/noi-dung.md"
    body.write_text(body.read_text(encoding="utf-8") + "\n<!-- nhiem-vu: quy-ii -->\n", encoding="utf-8")
    corpus = load_corpus([tmp_path / "plans"], base=tmp_path)
    page = build_pages(corpus, Options(date.fromisoformat(TODAY)))[PLAN_PAGE]
    assert page.count("<p>1 Phát động phong trào") == 1
    assert page.count('<td class="kh-col-title">Phát động phong trào') == 1
    assert page.count('id="phat-dong"') == 1


def test_stashed_html_comes_back_unchanged_with_its_anchors(pages: dict[str, str]) -> None:
    from kehoach.site.builder import Blocks, block_ids, pack_blocks, put_back, stash_html, unpack_blocks

    markdown, blocks = stash_html(pages[PLAN_PAGE])
    assert 'class="kh-' not in markdown and "## II. TỔ CHỨC THỰC HIỆN" in markdown
    packed = pack_blocks(blocks)
    assert unpack_blocks(packed) == blocks and len(packed[1]) < sum(map(len, blocks)) / 3
    assert unpack_blocks(pack_blocks(Blocks(["a\0b", "", "ở"], "T"))) == ["a\0b", "", "ở"]
    restored, ids = put_back(re.sub(r"(KHSTASH\w+?N\d+X)", r"<p>\1</p>", markdown), unpack_blocks(packed)), \
        block_ids(blocks)
    assert restored == pages[PLAN_PAGE]
    assert set(TASK_IDS) | {"kh-quyet-dinh", "kh-phu-luc"} <= ids


def _tiny_source(root: Path) -> None:
    """The tiny plans tree, its mkdocs.yml and one guide, as a repository holds them."""
    shutil.copytree(CASE / "plans", root / "plans")
    (root / "docs").mkdir()
    (root / "docs/huong-dan.md").write_text("# Hướng dẫn\n\n<!-- bang-ma-kiem-tra -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(TINY_CONFIG, encoding="utf-8")


def test_a_guide_with_the_path_of_a_generated_page_stops_both_builds_with_kh609(tmp_path: Path, kehoach) -> None:  # type: ignore[no-untyped-def]
    _tiny_source(tmp_path)
    (tmp_path / "docs/nam").mkdir()
    (tmp_path / "docs/nam/index.md").write_text("# Năm\n", encoding="utf-8")
    result = mkdocs_build(tmp_path, tmp_path / "site")
    assert result.returncode == 1 and "docs/nam/index.md:1:1: KH609 lỗi: Trang viết tay trùng" in result.stderr
    code, output = kehoach(["build-docs", str(tmp_path / "out"), "--today", TODAY], tmp_path)
    assert code == 1 and "docs/nam/index.md:1:1: KH609 lỗi" in output and not (tmp_path / "out").exists()


def test_build_docs_refuses_to_write_over_the_repository(tmp_path: Path, kehoach) -> None:  # type: ignore[no-untyped-def]
    _tiny_source(tmp_path)
    before = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    for outdir in (".", "docs", "docs/ban-dung"):
        code, output = kehoach(["build-docs", outdir, "--today", TODAY], tmp_path)
        assert code == 1 and f"{outdir}:1:1: KH603 lỗi: Thư mục ghi «{outdir}»" in output
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in (tmp_path / "docs").rglob("*")) == ["huong-dan.md"]


def test_build_docs_fills_the_rule_table_and_keeps_the_sites_config_without_the_plugin(tmp_path: Path, kehoach) -> None:  # type: ignore[no-untyped-def]
    _tiny_source(tmp_path)
    code, output = kehoach(["build-docs", "out", "--today", TODAY, "--no-directory-urls"], tmp_path)
    assert code == 0, output
    guide = (tmp_path / "out/docs/huong-dan.md").read_text(encoding="utf-8")
    assert "<!-- bang-ma-kiem-tra -->" not in guide and "| KH101 | lỗi |" in guide
    config = (tmp_path / "out/mkdocs.yml").read_text(encoding="utf-8")
    assert "kehoach:" not in config and "use_directory_urls: false" in config
    assert "features: [content.action.edit]" in config and f"site_url: {SITE_URL}" in config
    assert "copyright: Trang dựng ngày 10 tháng 6 năm 2024" in config
    result = mkdocs_build(tmp_path / "out", tmp_path / "out/site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/site/ke-hoach/2024/ke-hoach-mau.html").is_file()
