"""The `kehoach` command line: thin commands over `api`.

Only this module imports click. Each command is a decorator, a docstring with an
example and a call into `api`; `PlanError` becomes a Vietnamese message and exit 1.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from . import api
from .core.errors import PlanError
from .core.links import ENGINES


class Formatter(click.HelpFormatter):
    """Click's help in Vietnamese: the usage line and the section headings."""

    HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Tham số"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Cách dùng: " if prefix is None else prefix)

    def section(self, name: str):  # type: ignore[no-untyped-def]
        return super().section(self.HEADINGS.get(name, name))


class Context(click.Context):
    formatter_class = Formatter


class Command(click.Command):
    """A command whose context and --help speak Vietnamese."""

    context_class = Context

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
        return option


class Group(Command, click.Group):
    """Exit 2 with a Vietnamese line on usage errors, never a traceback; its commands speak Vietnamese."""

    command_class = Command

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
            sys.exit(2)
        except click.UsageError as exc:
            click.echo(f"Lỗi cách dùng: {exc.format_message()}\nXem «kehoach --help».", err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            sys.exit(130)
        except PlanError as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)


PATHS = click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
LINKS_TO = click.option("--site-url", default="", help="Địa chỉ gốc của trang, để liên kết tới nhiệm vụ.")
# Pages at trang.html rather than trang/: MkDocs' `use_directory_urls: false`; links and feed URLs follow it.
NO_DIRECTORY_URLS = click.option("--no-directory-urls", is_flag=True,
                                 help="Liên kết dạng trang.html thay vì trang/ (như use_directory_urls: false).")


@click.group(cls=Group)
@click.version_option(package_name="kehoach", help="Hiện phiên bản rồi thoát.",
                      message="%(prog)s, phiên bản %(version)s")
def main() -> None:
    """kehoach: kế hoạch thi đua, khen thưởng dạng Markdown + YAML."""


@main.command()
@PATHS
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Dạng kết quả.")
def check(paths: tuple[Path, ...], strict: bool, fmt: str) -> None:
    """Kiểm tra kế hoạch và danh mục cơ quan; báo mọi lỗi trong một lần chạy.

    Ví dụ: kehoach check plans/2024 --strict
    """
    report = api.check(list(paths), strict, fmt)
    if report.output:
        click.echo(report.output)
    if fmt == "text":
        click.echo(report.summary, err=True)
    sys.exit(1 if report.failed else 0)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"),
              show_default=True, help="Thư mục ghi lược đồ.")
def schema(out: Path) -> None:
    """Ghi lược đồ JSON (JSON Schema) sinh từ mô hình dữ liệu.

    Ví dụ: kehoach schema --out schema
    """
    for path in api.write_schemas(out):
        click.echo(f"Đã ghi {path}")


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--site-url", required=True, help="Địa chỉ gốc của trang: https://intranet.example/kehoach/")
@click.option("--plans", "plans_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("plans"), show_default=True, help="Thư mục kế hoạch.")
@click.option("--today", default=None, help="Ngày lập lịch NĂM-THÁNG-NGÀY (mặc định $KEHOACH_TODAY, rồi hôm nay).")
@NO_DIRECTORY_URLS
def feeds(outdir: Path, site_url: str, plans_dir: Path, today: str | None, no_directory_urls: bool) -> None:
    """Ghi mọi lịch iCalendar (.ics) vào OUTDIR/lich/; dừng nếu kế hoạch còn lỗi.

    Ví dụ: kehoach feeds site --site-url https://intranet.example/kehoach/
    """
    api.write_feeds(outdir, plans_dir, site_url, api.build_date(today), not no_directory_urls)
    click.echo(f"Đã ghi lịch vào {outdir / 'lich'}")


@main.command()
@click.argument("base")
@click.argument("head")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="Dạng kết quả; markdown dùng cho tóm tắt của GitHub Actions.")
@LINKS_TO
@NO_DIRECTORY_URLS
def diff(base: str, head: str, fmt: str, site_url: str, no_directory_urls: bool) -> None:
    """So sánh kế hoạch giữa hai phiên bản git (hoặc hai thư mục chứa plans/).

    Ví dụ: kehoach diff origin/main HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    click.echo(api.diff(base, head, fmt, site_url, not no_directory_urls), nl=False)


@main.command()
@PATHS
@click.option("--days", type=click.IntRange(0), default=14, show_default=True, help="Số ngày tới cần nhắc.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Tính như thể hôm nay là ngày này.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
@LINKS_TO
@NO_DIRECTORY_URLS
def digest(paths: tuple[Path, ...], days: int, today: datetime | None, fmt: str, site_url: str,
           no_directory_urls: bool) -> None:
    """Nhắc việc từng cơ quan: việc quá hạn và việc đến hạn trong số ngày tới.

    Ví dụ: kehoach digest --days 14 --today 2024-05-08 --format markdown
    """
    click.echo(api.digest(list(paths), today.date() if today else None, days, fmt, site_url, not no_directory_urls),
               nl=False)


@main.command("build-docs")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--plans", "plans_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("plans"), show_default=True, help="Thư mục kế hoạch.")
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Tệp cấu hình trang (mặc định mkdocs.yml nếu có) để lấy giao diện, mục lục và trang hướng dẫn.")
@click.option("--site-url", default="", help="Địa chỉ gốc của trang, cho liên kết đăng ký lịch.")
@click.option("--today", default=None, help="Ngày lập trang NĂM-THÁNG-NGÀY (mặc định $KEHOACH_TODAY, rồi hôm nay).")
@NO_DIRECTORY_URLS
@click.option("--exports", is_flag=True, help="Ghi cả tệp DOCX, XLSX, CSV, JSON (xuat/) và liên kết tới chúng.")
@click.option("--engine", type=click.Choice(ENGINES), default="mkdocs",
              help="Công cụ sẽ dựng trang: mkdocs (mặc định, cả ProperDocs) hoặc zensical; "
                   "liên kết được ghi theo cách công cụ đó đọc.")
def build_docs(outdir: Path, plans_dir: Path, config_file: Path | None, site_url: str, today: str | None,
               no_directory_urls: bool, exports: bool, engine: str) -> None:
    """Ghi mã nguồn trang hoàn chỉnh vào OUTDIR (OUTDIR/mkdocs.yml, OUTDIR/docs/), dựng được không cần plugin kehoach.

    Gồm trang được tạo, trang hướng dẫn, lịch, tệp giao diện và mkdocs.yml không có plugin kehoach;
    dựng bằng «mkdocs build -f OUTDIR/mkdocs.yml» hoặc công cụ không chạy plugin MkDocs
    (với --engine zensical: «zensical build -f OUTDIR/mkdocs.yml»).
    Ví dụ: kehoach build-docs build/trang --site-url https://intranet.example/kehoach/ --today 2024-06-01
    """
    from .site.options import Options

    config = config_file or (Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else None)
    corpus = api.checked_corpus([plans_dir])
    options = Options(api.build_date(today), site_url, not no_directory_urls, engine=engine)
    written = api.write_tree(outdir, api.site_source(corpus, options, config, outdir, exports))
    click.echo(f"Đã ghi {len(written)} tệp vào {outdir}; dựng trang: {engine} build -f {outdir / 'mkdocs.yml'}")


@main.command()
@click.argument("year", type=click.IntRange(2000, 2100))
@click.option("--from", "source", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Thư mục kế hoạch năm trước: plans/2024/ten-ke-hoach")
@click.option("--slug", default=None, help="Tên thư mục mới (mặc định: như năm trước, đổi năm nếu có).")
def new(year: int, source: Path, slug: str | None) -> None:
    """Tạo kế hoạch năm mới từ kế hoạch năm trước; in danh sách việc cần người quyết định.

    Ví dụ: kehoach new 2025 --from plans/2024/quyet-thang-ke-hoach-tdkt
    """
    click.echo(api.new_plan(source, year, slug))


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=click.IntRange(2000, 2100), default=None,
              help="Năm của kế hoạch, nếu văn bản không ghi rõ.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("plans"), show_default=True,
              help="Thư mục kế hoạch (chứa agencies/).")
@click.option("--slug", default=None, help="Tên thư mục kế hoạch mới; mặc định suy từ địa danh, loại và số.")
def import_plan(file: Path, year: int | None, out: Path, slug: str | None) -> None:
    """Soạn bản nháp thư mục kế hoạch từ văn bản có sẵn (.docx, .txt, .md); không ghi đè.

    Ví dụ: kehoach import ke-hoach-2024.docx --year 2024
    """
    click.echo(api.import_plan(file, out, year, slug), nl=False)


@main.command()
@PATHS
@click.option("--out", "outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Thư mục ghi tệp; tệp nằm trong OUT/xuat/.")
@click.option("--today", default=None, help="Ngày xuất, tính quá hạn và kế hoạch đã kết thúc NĂM-THÁNG-NGÀY "
                                            "(mặc định $KEHOACH_TODAY, rồi hôm nay).")
def export(paths: tuple[Path, ...], outdir: Path, today: str | None) -> None:
    """Xuất kế hoạch ra DOCX (thể thức Nghị định 30/2020), XLSX, CSV, JSON; dừng nếu kế hoạch còn lỗi.

    Ví dụ: kehoach export plans --out build --today 2024-06-16
    """
    written = api.write_exports(list(paths), outdir, api.build_date(today))
    click.echo(f"Đã ghi {len(written)} tệp vào {outdir / 'xuat'}")


@main.group()
def status() -> None:
    """Tiến độ nhiệm vụ: ghi trạng thái từ bảng theo dõi đã điền vào kế hoạch."""


@status.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plans", "plans_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("plans"), show_default=True, help="Thư mục kế hoạch.")
def status_import(file: Path, plans_dir: Path) -> None:
    """Ghi trạng thái, văn bản chứng minh từ bảng XLSX/CSV đã điền; một ô sai thì không ghi gì.

    Ví dụ: kehoach status import theo-doi.xlsx
    """
    click.echo(api.import_statuses(file, plans_dir), nl=False)


if __name__ == "__main__":
    main()
