"""The `kehoach` commands without a command-line library: each a function over `api` with its parameters.

A command is a decorator naming its parameters, a docstring with an example (its Vietnamese help)
and a call into `api`; it returns what to print and the exit code (`Outcome`). `cli.py` only
translates these into click, and a test can run a command, or go through every parameter of every
command, without it. Parameters several commands take are shared (`PLANS`, `today`, `output`, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from . import api, usage
from .core.links import ENGINES

Kind = Literal["text", "flag", "choice", "number", "date", "paths", "file", "folder", "plans"]

HELP = "kehoach: kế hoạch thi đua, khen thưởng dạng Markdown + YAML."
GROUPS = {("status",): "Tiến độ: ghi trạng thái nhiệm vụ và báo cáo đã nhận từ bảng theo dõi đã điền vào "
                       "kế hoạch."}  # parents first


@dataclass(frozen=True)
class Param:
    """An argument (no `flags`) or an option of a command, by the keyword its function takes (`name`).

    `kind`: text, flag, choice (of `choices`), number (from `low` to `high`), date, paths (folders or
    files that exist, any number), file (that exists), folder (to write into), plans (a folder that exists).
    """

    name: str
    flags: tuple[str, ...] = ()
    kind: Kind = "text"
    default: Any = None
    help: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    metavar: str | None = None

    @property
    def described(self) -> str:
        """The help with its notes: default (when it has one worth saying), range, whether required."""
        shown = self.default if self.default not in (None, "", False) else None
        notes = usage.help_notes(shown, {"min": self.low, "max": self.high}, self.required)
        return f"{self.help}  [{notes}]" if notes else self.help


@dataclass(frozen=True)
class Outcome:
    """What a command prints (`out` on stdout, `err` on stderr, each as it is) and its exit code."""

    out: str = ""
    err: str = ""
    code: int = 0


@dataclass(frozen=True)
class Command:
    """A command: its path under `kehoach` (`("status", "import")`), its parameters and its function."""

    path: tuple[str, ...]
    params: tuple[Param, ...]
    run: Callable[..., Outcome]


COMMANDS: list[Command] = []


def command(*params: Param, name: str | None = None,
            group: tuple[str, ...] = ()) -> Callable[[Callable[..., Outcome]], Callable[..., Outcome]]:
    """Declare a command of `kehoach` (in `group`): its function, named as the command unless `name` is given."""
    def declare(run: Callable[..., Outcome]) -> Callable[..., Outcome]:
        COMMANDS.append(Command((*group, name or run.__name__), params, run))
        return run
    return declare


def said(text: str) -> Outcome:
    """A command's whole output, as printed."""
    return Outcome(text)


PATHS = Param("paths", kind="paths", metavar=usage.FOLDERS)
PLANS = Param("plans_dir", ("--plans",), "plans", Path("plans"), "Thư mục kế hoạch.", metavar=usage.FOLDER)
OUTDIR = Param("outdir", kind="folder", metavar=usage.FOLDER)
FILE = Param("file", kind="file", metavar=usage.FILE)
# Pages at trang.html rather than trang/: MkDocs' `use_directory_urls: false`; links and feed URLs follow it.
NO_DIRECTORY_URLS = Param("no_directory_urls", ("--no-directory-urls",), "flag", False,
                          "Liên kết dạng trang.html thay vì trang/ (như use_directory_urls: false).")
LINKS_TO = "Địa chỉ gốc của trang, để liên kết tới nhiệm vụ."


def today(what: str, kind: Kind = "text") -> Param:
    """--today: the day a command counts from; as text, `api.build_date` reads it (and $KEHOACH_TODAY)."""
    return Param("today", ("--today",), kind, None, what, metavar=usage.DATE)


def site_url(help: str, required: bool = False) -> Param:
    return Param("site_url", ("--site-url",), default=None if required else "", help=help, required=required,
                 metavar=usage.ADDRESS)


def output(*formats: str, help: str = "Dạng kết quả.") -> Param:
    return Param("fmt", ("--format",), "choice", formats[0], help, choices=formats)


def year(*flags: str, help: str = "") -> Param:
    return Param("year", flags, "number", None, help, low=2000, high=2100, metavar=usage.YEAR)


@command(PATHS, Param("strict", ("--strict",), "flag", False, "Coi cảnh báo là lỗi."), output("text", "json", "github"))
def check(paths: tuple[Path, ...], strict: bool, fmt: str) -> Outcome:
    """Kiểm tra kế hoạch và danh mục cơ quan; báo mọi lỗi trong một lần chạy.

    Ví dụ: kehoach check plans/2024 --strict
    """
    report = api.check(list(paths), strict, fmt)
    return Outcome(f"{report.output}\n" if report.output else "", f"{report.summary}\n" if fmt == "text" else "",
                   1 if report.failed else 0)


@command(Param("out", ("--out",), "folder", Path("schema"), "Thư mục ghi lược đồ.", metavar=usage.FOLDER))
def schema(out: Path) -> Outcome:
    """Ghi lược đồ JSON (JSON Schema) sinh từ mô hình dữ liệu.

    Ví dụ: kehoach schema --out schema
    """
    return said("".join(f"Đã ghi {path}\n" for path in api.write_schemas(out)))


@command(OUTDIR, site_url("Địa chỉ gốc của trang: https://intranet.example/kehoach/", required=True), PLANS,
         today("Ngày lập lịch (mặc định $KEHOACH_TODAY, rồi hôm nay)."), NO_DIRECTORY_URLS)
def feeds(outdir: Path, site_url: str, plans_dir: Path, today: str | None, no_directory_urls: bool) -> Outcome:
    """Ghi mọi lịch iCalendar (.ics) vào THƯ_MỤC/lich/; dừng nếu kế hoạch còn lỗi.

    Ví dụ: kehoach feeds site --site-url https://intranet.example/kehoach/
    """
    api.write_feeds(outdir, plans_dir, site_url, api.build_date(today), not no_directory_urls)
    return said(f"Đã ghi lịch vào {outdir / 'lich'}\n")


@command(Param("base", metavar="GỐC"), Param("head", metavar="ĐÍCH"),
         output("text", "markdown", help="Dạng kết quả; markdown dùng cho tóm tắt của GitHub Actions."),
         site_url(LINKS_TO), NO_DIRECTORY_URLS)
def diff(base: str, head: str, fmt: str, site_url: str, no_directory_urls: bool) -> Outcome:
    """So sánh kế hoạch giữa hai phiên bản git GỐC và ĐÍCH (hoặc hai thư mục chứa plans/).

    Ví dụ: kehoach diff origin/main HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    return said(api.diff(base, head, fmt, site_url, not no_directory_urls))


@command(PATHS, Param("days", ("--days",), "number", 14, "Số ngày tới cần nhắc.", low=0, metavar=usage.DAYS),
         today("Tính như thể hôm nay là ngày này (mặc định $KEHOACH_TODAY, rồi hôm nay).", "date"),
         output("text", "markdown"), site_url(LINKS_TO), NO_DIRECTORY_URLS)
def digest(paths: tuple[Path, ...], days: int, today: datetime | None, fmt: str, site_url: str,
           no_directory_urls: bool) -> Outcome:
    """Nhắc việc từng cơ quan: việc quá hạn và việc đến hạn trong số ngày tới.

    Ví dụ: kehoach digest --days 14 --today 2024-05-08 --format markdown
    """
    return said(api.digest(list(paths), today.date() if today else None, days, fmt, site_url, not no_directory_urls))


@command(OUTDIR, PLANS, Param("config_file", ("-f", "--config-file"), "file", metavar=usage.FILE,
                              help="Tệp cấu hình trang (mặc định mkdocs.yml nếu có) để lấy giao diện, mục lục và "
                                   "trang hướng dẫn."),
         site_url("Địa chỉ gốc của trang, cho liên kết đăng ký lịch."),
         today("Ngày lập trang (mặc định $KEHOACH_TODAY, rồi hôm nay)."), NO_DIRECTORY_URLS,
         Param("exports", ("--exports",), "flag", False,
               "Ghi cả tệp DOCX, XLSX, CSV, JSON (xuat/) và liên kết tới chúng."),
         Param("engine", ("--engine",), "choice", ENGINES[0], choices=ENGINES,
               help="Công cụ sẽ dựng trang: mkdocs (cả ProperDocs) hoặc zensical; liên kết được ghi theo cách "
                    "công cụ đó đọc."),
         name="build-docs")
def build_docs(outdir: Path, plans_dir: Path, config_file: Path | None, site_url: str, today: str | None,
               no_directory_urls: bool, exports: bool, engine: str) -> Outcome:
    """Ghi mã nguồn trang hoàn chỉnh vào THƯ_MỤC (mkdocs.yml, docs/), dựng được không cần plugin kehoach.

    Gồm trang được tạo, trang hướng dẫn, lịch, tệp giao diện và mkdocs.yml không có plugin kehoach;
    dựng bằng «mkdocs build -f THƯ_MỤC/mkdocs.yml» hoặc công cụ không chạy plugin MkDocs
    (với --engine zensical: «zensical build -f THƯ_MỤC/mkdocs.yml»).
    Ví dụ: kehoach build-docs build/trang --site-url https://intranet.example/kehoach/ --today 2024-06-01
    """
    written = api.build_docs(outdir, plans_dir, config_file, site_url, today, not no_directory_urls, exports, engine)
    return said(f"Đã ghi {len(written)} tệp vào {outdir}; dựng trang: {engine} build -f {outdir / 'mkdocs.yml'}\n")


@command(year(), Param("source", ("--from",), "plans", required=True, metavar=usage.FOLDER,
                       help="Thư mục kế hoạch năm trước: plans/2024/ten-ke-hoach"),
         Param("slug", ("--slug",), help="Tên thư mục mới (mặc định: như năm trước, đổi năm nếu có).",
               metavar=usage.NAME))
def new(year: int, source: Path, slug: str | None) -> Outcome:
    """Tạo kế hoạch năm mới từ kế hoạch năm trước; in danh sách việc cần người quyết định.

    Ví dụ: kehoach new 2025 --from plans/2024/quyet-thang-ke-hoach-tdkt
    """
    return said(api.new_plan(source, year, slug) + "\n")


@command(FILE, year("--year", help="Năm của kế hoạch, nếu văn bản không ghi rõ."),
         Param("out", ("--out",), "folder", Path("plans"), "Thư mục kế hoạch (chứa agencies/).", metavar=usage.FOLDER),
         Param("slug", ("--slug",), help="Tên thư mục kế hoạch mới; mặc định suy từ địa danh, loại và số.",
               metavar=usage.NAME), name="import")
def import_plan(file: Path, year: int | None, out: Path, slug: str | None) -> Outcome:
    """Soạn bản nháp thư mục kế hoạch từ văn bản có sẵn (.docx, .txt, .md); không ghi đè.

    Ví dụ: kehoach import ke-hoach-2024.docx --year 2024
    """
    return said(api.import_plan(file, out, year, slug))


@command(PATHS, Param("outdir", ("--out",), "folder", required=True, metavar=usage.FOLDER,
                      help="Thư mục ghi tệp; tệp nằm trong THƯ_MỤC/xuat/."),
         today("Ngày xuất, tính quá hạn và kế hoạch đã kết thúc (mặc định $KEHOACH_TODAY, rồi hôm nay)."))
def export(paths: tuple[Path, ...], outdir: Path, today: str | None) -> Outcome:
    """Xuất kế hoạch ra DOCX (thể thức Nghị định 30/2020), XLSX, CSV, JSON; dừng nếu kế hoạch còn lỗi.

    Ví dụ: kehoach export plans --out build --today 2024-06-16
    """
    written = api.write_exports(list(paths), outdir, api.build_date(today))
    return said(f"Đã ghi {len(written)} tệp vào {outdir / 'xuat'}\n")


@command(FILE, PLANS, name="import", group=("status",))
def status_import(file: Path, plans_dir: Path) -> Outcome:
    """Ghi trạng thái, văn bản chứng minh, báo cáo đã nhận từ bảng XLSX/CSV đã điền; một ô sai thì không ghi gì.

    Ví dụ: kehoach status import theo-doi.xlsx
    """
    return said(api.import_statuses(file, plans_dir))
