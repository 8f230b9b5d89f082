"""The `kehoach` command's own words: its usage line, help and usage errors, in Vietnamese.

Click writes these in English (`Usage:`, `[default: plans]`, `No such option`); `cli.py` hands
the fields of click's parameters and exceptions to these functions instead, so that no English
reaches a user. Nothing here imports click, so a test can hold every sentence to its words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

USAGE = "Cách dùng: "
HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Tham số"}
OPTIONS = "[TÙY CHỌN]"
COMMAND = "LỆNH [THAM SỐ]..."
HELP = "Hiện hướng dẫn này rồi thoát."
VERSION = "Hiện phiên bản rồi thoát."
VERSION_LINE = "%(prog)s, phiên bản %(version)s"

# Placeholders of values in the usage line and the help, in place of click's TEXT, PATH, INTEGER
FOLDERS = "[THƯ_MỤC]..."
FOLDER = "THƯ_MỤC"
FILE = "TỆP"
DATE = "NĂM-THÁNG-NGÀY"
YEAR = "NĂM"
DAYS = "SỐ_NGÀY"
ADDRESS = "ĐỊA_CHỈ"
NAME = "TÊN"
REVISION = "PHIÊN_BẢN"


def usage_error(message: str, command: str) -> str:
    """A usage error as printed: what is wrong, then where the command's usage is explained."""
    return f"Lỗi cách dùng: {message}\nXem «{command} --help»."


def unknown(kind: str, name: str, close: Iterable[str] | None = None) -> str:
    """No option or command (`kind`) of that name; the nearest names, when some are near."""
    guesses = " hoặc ".join(f"«{found}»" for found in close or ())
    return f"Không có {kind} «{name}»." + (f" Có phải là {guesses}?" if guesses else "")


def missing(kind: str, name: str) -> str:
    """A required argument or option (`kind`) was not given."""
    return f"Thiếu {kind} «{name}»."


def needs_value(option: str, flag: bool) -> str:
    """An option written without its value, or a flag written with one (`--strict=1`)."""
    return f"Tùy chọn «{option}» không nhận giá trị." if flag else f"Tùy chọn «{option}» cần một giá trị."


def extra(values: Iterable[str]) -> str:
    """Values left over once every argument of the command is taken."""
    return "Thừa tham số: " + ", ".join(f"«{value}»" for value in values) + "."


def bad_value(name: str, reason: str) -> str:
    """A value its parameter refused, and why (`refused`)."""
    return f"Giá trị của «{name}» không dùng được: {reason}"


def refused(value: Any, kind: Mapping[str, Any]) -> str:
    """Why a value was refused, given the parameter type's description (click's `to_info_dict()`)."""
    if "choices" in kind:
        return f"«{value}» không phải một trong: {', '.join(map(str, kind['choices']))}."
    if "formats" in kind:
        return f"«{value}» không phải một ngày dạng {DATE}, ví dụ 2024-06-15."
    if "min" in kind or "max" in kind:
        try:
            int(value)
        except ValueError:
            return f"«{value}» không phải số nguyên."
        return f"«{value}» nằm ngoài khoảng cho phép ({span(kind)})."
    if "exists" in kind:
        return _refused_path(str(value), kind)
    return f"«{value}» không đúng dạng."


def _refused_path(value: str, kind: Mapping[str, Any]) -> str:
    path = Path(value)
    if not path.exists():
        return f"«{value}» không tồn tại."
    if path.is_dir() and not kind.get("dir_okay", True):
        return f"«{value}» là thư mục, cần một tệp."
    if not path.is_dir() and not kind.get("file_okay", True):
        return f"«{value}» là tệp, cần một thư mục."
    return f"Không đọc được «{value}»."


def span(kind: Mapping[str, Any]) -> str:
    """A number range in words: `từ 2000 đến 2100`, `từ 0 trở lên`."""
    low, high = kind.get("min"), kind.get("max")
    if low is not None and high is not None:
        return f"từ {low} đến {high}"
    return f"từ {low} trở lên" if low is not None else f"đến {high}"


def help_notes(default: Any, kind: Mapping[str, Any], required: bool) -> str:
    """The notes after an option's help: its default (None: not shown), its range, whether it is required."""
    notes = [f"mặc định: {default}"] if default is not None else []
    notes += [span(kind)] if kind.get("min") is not None or kind.get("max") is not None else []
    return "; ".join(notes + (["bắt buộc"] if required else []))
