"""Reading a source file: bytes to checked text, YAML to data with positions.

Each file is read once and parsed once, with libyaml's C parser when present.
Mappings and sequences come back as `Mapping`/`Sequence` (dict and list
subclasses) that remember where each key and item stood, so a finding about any
value can name its line and column. Aliases are refused before they expand, so a
"billion laughs" file fails fast in small memory.
"""

from __future__ import annotations

import calendar
import errno
import os
import re
import stat
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import Finding
from .text import (
    FORBIDDEN,
    FORMAT_CHARS,
    YEARS,
    describe_char,
    is_control,
    legacy_encoding_column,
    may_hold_legacy_encoding,
)

try:
    _ParserLoader: type = yaml.CSafeLoader
    FAST = True
except AttributeError:  # PyYAML built without libyaml
    _ParserLoader = yaml.SafeLoader
    FAST = False

MAX_BYTES = 2 * 1024 * 1024
Pos = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE, _DATE = (_TAG + name for name in ("str", "map", "seq", "merge", "timestamp"))
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_PLAIN_TAGS: dict[str, str] = {}  # plain scalar -> resolved tag, shared by every file of a run


class _BaseLoader(_ParserLoader):
    """The safe loader with a lean resolver: plain YAML types only, no path resolvers.

    The composer asks the resolver about every node; PyYAML's general resolver
    also maintains path-resolver state on each, which plans never use.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = next((str(candidate) for candidate, regexp in _IMPLICIT.get(value[:1], ())
                            if regexp.match(value)), _STR)
                if len(_PLAIN_TAGS) < 100_000:  # field names and agency ids repeat in every plan
                    _PLAIN_TAGS[value] = tag
            return tag
        return _MAP if kind is yaml.MappingNode else _SEQ


class Mapping(dict[Any, Any]):
    """A YAML mapping that remembers the position of each key and its value.

    `written` keeps, for values YAML converted (numbers, booleans, dates), the text as
    written: a message quotes «0715», not the 461 YAML read it as.
    """

    __slots__ = ("pos", "key_pos", "written")

    def __init__(self) -> None:
        super().__init__()
        self.pos: dict[Any, Pos] = {}
        self.key_pos: dict[Any, Pos] = {}
        self.written: dict[Any, str] = {}


class Sequence(list[Any]):
    """A YAML sequence that remembers the position of each item (and, like `Mapping`, converted values as written)."""

    __slots__ = ("pos", "written")

    def __init__(self) -> None:
        super().__init__()
        self.pos: list[Pos] = []
        self.written: dict[int, str] = {}


class BadValue(str):
    """A scalar the loader already reported (an impossible date), kept as text."""


class _Unusual(Exception):
    """The fast path met something only `_Builder.build` handles."""


class _Refused(Exception):
    def __init__(self, finding_args: tuple[Any, ...]):
        self.finding_args = finding_args


def _at(node: yaml.Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


_DEEP_HINT = "Một kế hoạch chỉ lồng vài cấp; kiểm tra các dấu «[» «{» và thụt lề."
_PLAIN_TEXT = {_TAG + "value", _MERGE}
_SCALAR_TAGS = {_TAG + name: f"construct_yaml_{name}" for name in ("null", "bool", "int", "float")}
_INT = _TAG + "int"
MAX_DIGITS = 18  # a plan's numbers are years and counts; longer ones are mistakes (and int() refuses 4,300+)
_FIELD_LINE = re.compile(r"[ \t]*(?:-[ \t]+)?([a-z_]+):(?:[ \t]|$)")
MAX_DEPTH = 50
_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
_intern = sys.intern
_DAYS: dict[str, date] = {}  # "2024-03-15" -> the date, shared by every file of a run
_ALIAS = ("KH106", "Giá trị có neo YAML (&tên) ở đây được dùng lại bằng bí danh (*tên)",
          "Xóa «&tên» ở đây và viết đầy đủ giá trị vào chỗ mỗi «*tên»; kehoach không nhận bí danh YAML.")


class _Builder:
    """Turns a composed node tree into Mapping/Sequence/scalars with positions, in one pass.

    Faster than PyYAML's generic constructor (no generators, no deep-construction
    bookkeeping), and it refuses what plans never need: aliases, merge keys, tags
    other than the plain YAML types, and nesting deeper than MAX_DEPTH.
    """

    def __init__(self, loader: Any, text: str = "") -> None:
        self.loader = loader
        self.problems: list[tuple[Pos, str, str, str]] = []
        self.seen: set[yaml.Node] = set()
        self.watch = "\\" in text or "|" in text or ">" in text  # escapes or block scalars: text admitted one by one
        self.source = text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """The text's lines, split the first time a block or an escape needs a look (most never do)."""
        if self._lines is None:
            self._lines = lines_of(self.source)
        return self._lines

    def admitted(self, node: yaml.ScalarNode) -> bool:
        """False when a quoted or block text holds what `build` reports: a control or invisible character
        written as an escape ("\\v", "\\u202e"), or a block that swallowed field lines."""
        if not self.watch or not node.style or node.style == "'":
            return True
        if node.style == '"':
            return FORBIDDEN.search(node.value) is None
        return self.swallowed(node) is None

    def text(self, node: yaml.ScalarNode, key: str = "", key_col: int = 0) -> str:
        """A text scalar, its escapes and block lines admitted (a problem recorded otherwise)."""
        value = node.value
        if not self.watch or not node.style or node.style == "'":
            return value
        if node.style == '"':
            bad = FORBIDDEN.search(value)
            if bad:
                line, col = self.escape_at(node, bad.group())
                char = bad.group()
                code = "KH109" if is_control(char) else "KH112"
                self.problems.append(((line, col), code, f"Chuỗi trong ngoặc kép viết ra ký tự không được phép: "
                                      f"{describe_char(char)}",
                                      "Xóa chuỗi thoát bắt đầu bằng «\\» ở đây; kế hoạch chỉ chứa chữ nhìn thấy được."))
                return BadValue(value)
            return value
        swallowed = self.swallowed(node)
        if swallowed and key:
            (line, col), name = swallowed
            self.problems.append(((line, col), "KH212",
                                  f"Dòng «{name}:» nằm trong khối chữ của «{key}» nên bị đọc thành chữ, "
                                  "không phải một trường",
                                  f"Nếu «{name}» là một trường, bắt đầu dòng {line} ở cột {key_col} (thẳng hàng với "
                                  f"«{key}:») và lùi các dòng con của nó theo; nếu đó là chữ của văn bản, viết cả "
                                  f"«{key}» trên một dòng trong ngoặc kép."))
        return value

    def swallowed(self, node: yaml.Node) -> tuple[Pos, str] | None:
        """Where a block scalar (| or >) holds a line that looks like a field («deadline:»), and its name."""
        if ":" not in node.value:
            return None  # a field line keeps its colon, folded or not
        lines = self.lines[node.start_mark.line + 1: node.end_mark.line + 1]
        content = [line for line in lines if line.strip()]
        indent = len(content[0]) - len(content[0].lstrip(" ")) if content else 0
        for number, line in enumerate(lines, start=node.start_mark.line + 2):
            match = _FIELD_LINE.match(line)
            if match and len(line) - len(line.lstrip(" ")) >= indent:  # a line of the block, not the next key
                return (number, match.start(1) + 1), match.group(1)
        return None

    def escape_at(self, node: yaml.Node, char: str) -> Pos:
        """Line and column of the escape in a double-quoted scalar that wrote `char`."""
        first = node.start_mark.line
        for number in range(first, min(node.end_mark.line + 1, len(self.lines))):
            line = self.lines[number]
            start = node.start_mark.column if number == first else 0
            for match in _ESCAPE.finditer(line, start):
                if _unescape(match.group(1)) == char:
                    return number + 1, match.start() + 1
        return _at(node)

    def build(self, node: yaml.Node, depth: int) -> Any:
        seen = self.seen
        if node in seen:
            raise _Refused((_at(node), *_ALIAS))
        seen.add(node)
        tag = node.tag
        if tag == _STR and node.__class__ is _SCALAR:
            return self.text(node)
        if depth > MAX_DEPTH:
            raise _Refused((_at(node), "KH105", "Lỗi cú pháp YAML: dữ liệu lồng nhau quá sâu", _DEEP_HINT))
        if tag == _MAP and node.__class__ is yaml.MappingNode:
            return self.mapping(node, depth)
        if tag == _SEQ and node.__class__ is yaml.SequenceNode:
            return self.sequence(node, depth)
        if node.__class__ is _SCALAR:
            if tag == _DATE:
                return self.timestamp(node)
            if tag in _PLAIN_TEXT:  # a lone "=" or "<<" written as a value: plain text to a plan
                return node.value
            if tag == _INT and len(node.value) > MAX_DIGITS:
                self.problems.append((_at(node), "KH202", f"Số «{node.value[:20]}…» quá dài ({len(node.value)} ký tự)",
                                      "Kiểm tra lại giá trị; nếu đó là số hiệu văn bản, đặt trong ngoặc kép."))
                return BadValue(node.value)
            if tag in _SCALAR_TAGS:
                return getattr(self.loader, _SCALAR_TAGS[tag])(node)
        name = tag.replace(_TAG, "!!")
        raise _Refused((_at(node), "KH105", f"Lỗi cú pháp YAML: thẻ YAML «{name}» không được dùng trong kế hoạch",
                        "Xóa thẻ này; kế hoạch chỉ chứa chữ, số, ngày, danh sách và các dòng «tên: giá trị»."))

    def mapping(self, node: yaml.MappingNode, depth: int) -> Mapping:
        data = Mapping()
        pos, key_pos, seen, build = data.pos, data.key_pos, self.seen, self.build
        for key_node, value_node in node.value:
            if key_node.tag == _STR and key_node.__class__ is _SCALAR and key_node not in seen:
                seen.add(key_node)  # the usual key, a plain field name: no call needed
                key = key_node.value
            elif key_node.tag == _MERGE:
                raise _Refused((_at(key_node), "KH106", "Tệp YAML dùng khóa gộp «<<»",
                                "Viết đầy đủ các trường thay cho «<<: *neo»."))
            else:
                key = build(key_node, depth + 1)
                try:
                    hash(key)
                except TypeError:
                    self.problems.append((_at(key_node), "KH105", "Khóa của ánh xạ phải là một giá trị đơn",
                                          "Mỗi khóa là một tên trường, ví dụ «title:»."))
                    continue
            if key in data:
                self.problems.append((_at(key_node), "KH111",
                                      f"Trường «{key}» bị khai báo hai lần (lần đầu ở dòng {key_pos[key][0]})",
                                      "Xóa một trong hai dòng; YAML chỉ giữ giá trị sau cùng và làm mất giá trị kia."))
                continue
            if value_node.tag == _STR and value_node.__class__ is _SCALAR and value_node not in seen:
                seen.add(value_node)
                data[key] = self.text(value_node, str(key), key_node.start_mark.column + 1)
            else:
                data[key] = build(value_node, depth + 1)
                if value_node.__class__ is _SCALAR and value_node.tag != _STR:
                    data.written[key] = value_node.value
            mark = key_node.start_mark
            key_pos[key] = (mark.line + 1, mark.column + 1)
            mark = value_node.start_mark
            pos[key] = (mark.line + 1, mark.column + 1)
        return data

    def sequence(self, node: yaml.SequenceNode, depth: int) -> Sequence:
        data = Sequence()
        append, place, build = data.append, data.pos.append, self.build
        for index, item in enumerate(node.value):
            append(build(item, depth + 1))
            if item.__class__ is _SCALAR and item.tag != _STR:
                data.written[index] = item.value
            mark = item.start_mark
            place((mark.line + 1, mark.column + 1))
        return data

    def plain(self, node: yaml.Node, depth: int) -> Any:
        """The data of a tree with no alias, as plain dicts, lists and scalars, without positions.

        The usual plan, made in a fraction of `build`'s time: no position tuples,
        no node bookkeeping. Strings are interned (agency ids, section ids and
        deadline phrases repeat thousands of times in a province) and dates
        shared. Anything unusual (a duplicate key, a key that is not text, a tag
        other than the plain types, an impossible date, deep nesting) raises
        `_Unusual`, and `build` makes the data again with its findings.
        """
        if depth > MAX_DEPTH:
            raise _Unusual
        cls, tag = node.__class__, node.tag
        if cls is _SCALAR:
            if tag == _STR:
                if self.watch and not self.admitted(cast(yaml.ScalarNode, node)):
                    raise _Unusual
                return _intern(node.value)
            if tag == _DATE:
                day = _DAYS.get(node.value)
                if day is None:
                    day = self.timestamp(node)
                    if self.problems or not isinstance(day, date) or len(_DAYS) >= 100_000:
                        raise _Unusual
                    _DAYS[node.value] = day
                return day
            if tag in _SCALAR_TAGS and not (tag == _INT and len(node.value) > MAX_DIGITS):
                return getattr(self.loader, _SCALAR_TAGS[tag])(node)
            raise _Unusual
        if cls is _MAPPING and tag == _MAP:
            data: dict[Any, Any] = {}
            watch = self.watch
            for key_node, value_node in node.value:
                key = key_node.value
                if key_node.tag != _STR or key_node.__class__ is not _SCALAR or key in data:
                    raise _Unusual
                if value_node.tag == _STR and value_node.__class__ is _SCALAR and not (
                        watch and value_node.style and not self.admitted(value_node)):
                    data[key] = _intern(value_node.value)
                else:
                    data[key] = self.plain(value_node, depth + 1)
            return data
        if cls is _SEQUENCE and tag == _SEQ:
            plain = self.plain
            watch = self.watch
            return [_intern(item.value) if item.tag == _STR and item.__class__ is _SCALAR and not (
                        watch and item.style and not self.admitted(item)) else plain(item, depth + 1)
                    for item in node.value]
        raise _Unusual

    def timestamp(self, node: yaml.Node) -> Any:
        value = node.value
        try:
            if len(value) == 10 and value[4] == "-" and value[7] == "-":
                day = date(int(value[:4]), int(value[5:7]), int(value[8:]))
            else:
                day = self.loader.construct_yaml_timestamp(node)
        except ValueError:
            self.problems.append((_at(node), "KH301", f"Ngày không có thật: {value}", _date_hint(value)))
            return BadValue(value)
        if not YEARS[0] <= day.year <= YEARS[1]:
            self.problems.append((_at(node), "KH301", f"Ngày «{value}» có năm {day.year}, ngoài khoảng "
                                  f"{YEARS[0]}–{YEARS[1]}", "Viết năm đủ bốn chữ số, ví dụ 2025-03-20."))
            return BadValue(value)
        return day


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")


def _unescape(escape: str) -> str:
    """The character a YAML double-quoted escape (without its backslash) writes."""
    if escape[0] in "xuU" and len(escape) > 1:
        return chr(min(int(escape[1:], 16), 0x10FFFF))
    return yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(escape, escape)


def _date_hint(value: str) -> str:
    parts = value[:10].split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        year, month = int(parts[0]), int(parts[1])
        return (f"Tháng {month} năm {year} chỉ có {calendar.monthrange(year, month)[1]} ngày; "
                "kiểm tra lại ngày với bản gốc (ngày viết dạng NĂM-THÁNG-NGÀY).")
    return "Ngày viết dạng NĂM-THÁNG-NGÀY, tháng từ 01 đến 12, ví dụ 2024-03-15."


def read_text(path: Path, shown: str) -> tuple[str | None, list[Finding]]:
    """Read a file as NFC UTF-8 text; report encoding problems instead of raising.

    Returns the text (None when it cannot be used) and the findings.
    """
    def finding(line: int, col: int, code: str, message: str, hint: str) -> Finding:
        return Finding(shown, line, col, code, "error", message, hint)

    raw, refused = read_bounded(path)
    if raw is None:
        code, message, hint = refused
        return None, [finding(1, 1, code, message, hint)]
    found: list[Finding] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        found.append(finding(1, 1, "KH102", "Tệp bắt đầu bằng dấu BOM",
                             "Lưu lại tệp dạng «UTF-8» (không BOM) trong trình soạn thảo."))
        raw = raw[3:]
    if b"\x00" in raw:
        line, _ = line_col(raw[: raw.index(b"\x00")].decode("utf-8", "replace"))
        return None, found + [finding(line, 1, "KH109", "Tệp chứa dữ liệu nhị phân (byte NUL), không phải văn bản",
                                      "Có thể đã lưu nhầm tệp Word hoặc tệp nén; chỉ dùng tệp văn bản .yml, .md.")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col(raw[: exc.start].decode("utf-8"))
        return None, found + [finding(line, col, "KH101", "Tệp không phải mã UTF-8",
                                      "Có thể tệp dùng bảng mã cũ (TCVN3, VNI, Windows-1258); "
                                      "chuyển sang Unicode UTF-8 (ví dụ bằng Unikey: Công cụ chuyển mã).")]
    for number, line_text in enumerate(lines_of(text) if may_hold_legacy_encoding(text) else [], start=1):
        legacy_col = legacy_encoding_column(line_text)
        if legacy_col:
            found.append(finding(number, legacy_col, "KH104", "Dòng có dấu hiệu chữ Việt mã cũ (TCVN3/VNI) bị đọc sai",
                                 "Chuyển đoạn văn này từ TCVN3/VNI sang Unicode rồi dán lại."))
            break
    strange = _strange_characters(text, shown, astral=bool(raw.translate(None, _BELOW_F0)))
    if any(f.code == "KH109" for f in strange):
        return None, found + strange  # a control character: not a text file anyone meant to write
    found += strange
    if not unicodedata.is_normalized("NFC", text):
        line, col = _first_unnormalized(text)
        found.append(finding(line, col, "KH103", "Văn bản chưa ở dạng chuẩn Unicode NFC (dấu tổ hợp)",
                             "Gõ lại đoạn này bằng bảng mã Unicode dựng sẵn (Unikey: «Unicode dựng sẵn»), "
                             "không dùng «Unicode tổ hợp»."))
        text = unicodedata.normalize("NFC", text)
    return text, found


def read_bounded(path: Path, limit: int | None = None) -> tuple[bytes | None, tuple[str, str, str]]:
    """The bytes of a regular file of at most `limit` bytes (default MAX_BYTES), or why not.

    Never follows a symlink, never blocks on a FIFO, and counts what it reads
    rather than trusting `stat()` (a device or a growing file reports any size).
    The reason is (code, message, hint).
    """
    limit = MAX_BYTES if limit is None else limit
    if path.is_symlink():
        return None, ("KH113", "Tệp là một liên kết tượng trưng (symlink); kehoach không đọc tệp qua liên kết",
                      "Xóa liên kết và đặt chính tệp đó (bản sao nội dung) vào chỗ này.")
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        reason = _OS_ERRORS_VI.get(exc.errno or 0, exc.strerror)
        return None, ("KH108", f"Không đọc được tệp: {reason}", "Kiểm tra tệp có tồn tại và được phép đọc.")
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            return None, ("KH108", f"Không đọc được tệp: {_OS_ERRORS_VI[errno.EISDIR]}",
                          "Kiểm tra tệp có tồn tại và được phép đọc.")
        if not stat.S_ISREG(mode):
            return None, ("KH113", "Đây không phải một tệp thường (thiết bị, ống FIFO hay ổ cắm)",
                          "Xóa mục này khỏi thư mục kế hoạch; kế hoạch chỉ gồm tệp văn bản .yml và .md.")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        reason = _OS_ERRORS_VI.get(exc.errno or 0, exc.strerror)
        return None, ("KH108", f"Không đọc được tệp: {reason}", "Kiểm tra tệp có tồn tại và được phép đọc.")
    finally:
        os.close(handle)
    if size > limit:
        return None, ("KH107", f"Tệp quá lớn (hơn {limit // 1024} KB)",
                      "Một kế hoạch chỉ vài chục KB; tách tệp hoặc kiểm tra xem có dán nhầm dữ liệu.")
    return b"".join(chunks), ("", "", "")


_FILE_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{FORMAT_CHARS}]")
# The same without the characters beyond U+FFFF, which make every search several times slower; those
# are looked for only when the file holds a four-byte UTF-8 sequence at all.
_BMP_FORBIDDEN = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{FORMAT_CHARS.split(chr(0x110BD))[0]}]")
_BELOW_F0 = bytes(range(0xF0))
MAX_CHAR_FINDINGS = 20


def _strange_characters(text: str, shown: str, astral: bool = True) -> list[Finding]:
    """A finding for each control (KH109) or invisible, direction-changing character (KH112) in the text."""
    found: list[Finding] = []
    pattern = _FILE_FORBIDDEN if astral else _BMP_FORBIDDEN
    for match in pattern.finditer(text) if pattern.search(text) else ():
        char = match.group()
        line, col = line_col(text, match.start())
        if is_control(char):
            found.append(Finding(shown, line, col, "KH109", "error",
                                 f"Tệp chứa ký tự điều khiển không được phép (mã U+{ord(char):04X})",
                                 "Xóa ký tự lạ này; có thể nó lẫn vào khi dán từ tệp Word hoặc PDF."))
        else:
            found.append(Finding(shown, line, col, "KH112", "error",
                                 f"Có ký tự không nhìn thấy được: {describe_char(char)}",
                                 f"Xóa ký tự này (đặt con trỏ ở dòng {line}, cột {col} và xóa một ký tự); nó lẫn "
                                 "vào khi dán từ web, Word hoặc PDF và làm chữ hiển thị khác với nội dung thật."))
        if len(found) >= MAX_CHAR_FINDINGS:
            break
    return found


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def lines_of(text: str) -> list[str]:
    """Lines as YAML counts them (not str.splitlines, which also breaks at form feeds and \\x1c-\\x1e)."""
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _LINE_BREAK.split(text)
    return text.split("\n")  # the usual file: the same lines, ten times faster


_OS_ERRORS_VI = {errno.EACCES: "không có quyền đọc", errno.EISDIR: "đây là thư mục, không phải tệp",
                 errno.ENOENT: "không có tệp này", errno.ELOOP: "liên kết tượng trưng vòng lặp"}


def _first_unnormalized(text: str) -> Pos:
    for number, line_text in enumerate(lines_of(text), start=1):
        if not unicodedata.is_normalized("NFC", line_text):
            for col, char in enumerate(line_text, start=1):
                if unicodedata.combining(char):
                    return number, max(col - 1, 1)
            return number, 1
    return 1, 1


def parse_yaml(text: str, shown: str, *, positions: bool = True) -> tuple[Any, list[Finding]]:
    """Parse YAML text into position-aware data; report problems as findings.

    `positions=False` returns plain dicts and lists when the text holds nothing
    unusual (see `_Builder.plain`), and the position-aware data otherwise: a
    caller that needs positions only for findings can parse again when it has one.
    """
    data, findings, _ = parse_yaml_tree(text, shown, positions=positions)
    return data, findings


def parse_yaml_tree(text: str, shown: str, *, positions: bool = True) -> tuple[Any, list[Finding], yaml.Node | None]:
    """`parse_yaml`, and the composed node tree the data was made from (None when parsing failed).

    The tree holds every value's position (`node_position`): a caller that keeps it while it
    checks one plan finds the position of a finding without parsing the text a second time.
    """
    too_deep = _too_deep(text)
    if too_deep:
        line, col = too_deep
        return None, [Finding(shown, line, col, "KH105", "error", "Lỗi cú pháp YAML: dữ liệu lồng nhau quá sâu",
                              _DEEP_HINT)], None
    loader, node = None, None
    try:
        loader = _BaseLoader(text)  # the pure-Python reader checks characters already here
        node = loader.get_single_node()
        data, builder = _data_of(loader, node, fast=not positions and "*" not in text, text=text)  # no "*": no alias
    except _Refused as refused:
        (line, col), code, message, hint = refused.finding_args
        return None, [Finding(shown, line, col, code, "error", message, hint)], None
    except RecursionError:
        line, col = _deepest(node)
        return None, [Finding(shown, line, col, "KH105", "error", "Lỗi cú pháp YAML: dữ liệu lồng nhau quá sâu",
                              _DEEP_HINT)], None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col_of_byte(text, exc.position) if FAST else line_col(text, exc.position)
        return None, [Finding(shown, line, col, "KH109", "error",
                              f"Tệp chứa ký tự điều khiển không được phép (mã U+{exc.character:04X})"
                              if isinstance(exc.character, int) else "Tệp chứa ký tự không được phép",
                              "Xóa ký tự lạ này; có thể nó lẫn vào khi dán từ tệp Word hoặc PDF.")], None
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_finding(exc, text, shown)], None
    except yaml.YAMLError as exc:
        return None, [Finding(shown, 1, 1, "KH105", "error", f"Lỗi cú pháp YAML: {exc}",
                              "Kiểm tra lại cú pháp YAML của tệp.")], None
    finally:
        if loader is not None:
            loader.dispose()
    findings = [Finding(shown, line, col, code, "error", message, hint)
                for (line, col), code, message, hint in builder.problems]
    return data, findings, node


def _data_of(loader: Any, node: yaml.Node | None, fast: bool, text: str = "") -> tuple[Any, _Builder]:
    """The data of a composed tree, and the builder that holds its problems.

    With `fast`, plain data when the tree holds nothing unusual; otherwise (and
    always without `fast`) position-aware data.
    """
    builder = _Builder(loader, text)
    if node is None:
        return None, builder
    if fast:
        try:
            return builder.plain(node, 0), builder
        except _Unusual:
            builder = _Builder(loader, text)
    return builder.build(node, 0), builder


MAX_FLOW_DEPTH = 200
LONG_LINE = 5_000
_BRACKETS = re.compile(r"[\[\]{}]")
_BLOCK_PREFIX = re.compile(r"[ \t]*(?:[-?:][ \t]+(?:[&!][^ \t]*[ \t]+)*)*")


def _too_deep(text: str) -> Pos | None:
    """Where the text nests deeper than any plan could, found before libyaml sees it.

    libyaml's composer recurses in C once per level: some 100 000 "[" or "- "
    (200 KB) overflow the C stack and kill the process instead of raising.
    Flow brackets are counted even inside quotes. A block level starts right of
    its parent, so block depth is at most twice the widest run of indentation
    and "- "/"? " indicators that opens a line: only very long lines need a look.
    Both can only err towards refusing text no plan resembles.
    """
    if text.count("[") + text.count("{") > MAX_FLOW_DEPTH:
        depth = 0
        for match in _BRACKETS.finditer(text):
            depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
            if depth > MAX_FLOW_DEPTH:
                return line_col(text, match.start())
    if _has_long_line(text):
        for number, line in enumerate(lines_of(text), start=1):
            prefix = _BLOCK_PREFIX.match(line)
            if len(line) > LONG_LINE and prefix and prefix.end() > LONG_LINE:
                return number, LONG_LINE
    return None


_LONG_LINE = re.compile(f"\n[^\n]{{{LONG_LINE + 1}}}")  # starts at a line break: searched at C speed


def _has_long_line(text: str) -> bool:
    """Whether a line (split at "\n") is longer than LONG_LINE, without splitting the text into lines."""
    if len(text) <= LONG_LINE:
        return False
    first = text.find("\n")
    return (first if first >= 0 else len(text)) > LONG_LINE or _LONG_LINE.search(text) is not None


def _syntax_finding(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem)
    lines = lines_of(text)
    hint = ("Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu «:» sau tên trường "
            "và dấu ngoặc kép đóng mở đủ cặp.")
    quote = _unclosed_quote(lines[: line - 1])
    if "tab character" in problem or (line <= len(lines) and lines[line - 1][col - 1: col] == "\t"):
        problem = "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"
        hint = "Thay mỗi Tab bằng dấu cách (2 dấu cách mỗi cấp)."
    elif problem.startswith("could not determine a constructor for the tag"):
        tag = problem.rsplit(" ", 1)[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
        problem = f"thẻ YAML «{tag}» không được dùng trong kế hoạch"
        hint = "Xóa thẻ này; kế hoạch chỉ chứa chữ, số, ngày, danh sách và các dòng «tên: giá trị»."
    elif quote:
        (line, col), problem = quote, "dấu ngoặc kép mở ở đây nhưng không được đóng trên cùng dòng"
        hint = "Thêm dấu ngoặc kép đóng ở cuối giá trị."
    elif problem == "could not find expected ':'" and exc.context_mark and exc.context_mark.line + 1 < line:
        # libyaml notices the missing ":" on the line after a line that is not «name: value» (a wrapped
        # title continued at a smaller indent); the line to change is the one the key started on
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        problem = "dòng này không có dạng «tên: giá trị»"
        hint = ("Nếu dòng này là phần tiếp của giá trị ở dòng trên, nối nó vào cuối dòng trên; nếu là một trường, "
                "thêm dấu «:» sau tên trường.")
    elif problem in _PROBLEMS_VI:
        problem, hint = _PROBLEMS_VI[problem], _HINTS_VI.get(problem, hint)
    else:  # a message libyaml may add later: never shown in English
        problem = "tệp không đúng cú pháp YAML ở đây"
    return Finding(shown, line, col, "KH105", "error", f"Lỗi cú pháp YAML: {problem}", hint)


def _unclosed_quote(lines: list[str]) -> Pos | None:
    """Where a value opens a double quote that its line never closes, if any line before the error does."""
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip(" -")
        if stripped.startswith("#") or ': "' not in stripped and not stripped.startswith('"'):
            continue
        start = line.index('"')
        if line[start + 1:].replace('\\"', "").count('"') == 0:
            return number, start + 1
    return None


def line_col(text: str, offset: int | None = None) -> Pos:
    """Line and column of a character offset (default: the end), breaking lines as YAML and editors do."""
    lines = _LINE_BREAK.split(text if offset is None else text[:offset])
    return len(lines), len(lines[-1]) + 1


def _line_col_of_byte(text: str, offset: int) -> Pos:
    return line_col(text, len(text.encode("utf-8")[:offset].decode("utf-8", "ignore")))


def _deepest(node: yaml.Node | None) -> Pos:
    """Position of the first node nested deeper than any plan needs (walked without recursion)."""
    stack = [(node, 0)] if node is not None else []
    while stack:
        current, depth = stack.pop()
        if depth > 50:
            return _at(current)
        children = current.value if isinstance(current.value, list) else []
        for child in reversed(children):
            for item in (child if isinstance(child, tuple) else (child,)):
                stack.append((item, depth + 1))
    return 1, 1


_PROBLEMS_VI = {
    "mapping values are not allowed in this context":
        "không được đặt «: » ở đây; chuỗi có dấu hai chấm phải đặt trong ngoặc kép",
    "mapping values are not allowed here":
        "không được đặt «:» ở đây (thiếu dấu ngoặc kép quanh chuỗi có dấu hai chấm?)",
    "could not find expected ':'": "thiếu dấu «:» sau tên trường",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)",
    "did not find expected key": "thụt lề không khớp hoặc thiếu tên trường",
    "did not find expected '-' indicator": "thụt lề của danh sách không khớp",
    "expected <block end>, but found '<block sequence start>'": "thụt lề của danh sách không khớp",
    "expected <block end>, but found '<block mapping start>'": "thụt lề không khớp với dòng trên",
    "expected <block end>, but found '<scalar>'": "thụt lề không khớp với dòng trên",
    "found undefined alias": "bí danh (*alias) không có neo tương ứng",
    "found unknown escape character": "chuỗi trong ngoặc kép có ký tự thoát «\\» không hợp lệ",
    "did not find expected ',' or ']'": "thiếu dấu «]» đóng danh sách hoặc dấu phẩy giữa hai phần tử",
    "did not find expected ',' or '}'": "thiếu dấu «}» đóng ánh xạ hoặc dấu phẩy giữa hai phần tử",
    "but found another document": "tệp có nhiều hơn một tài liệu YAML (dòng «---» ở giữa tệp)",
    "did not find expected node content": "thiếu giá trị ở đây",
    "found character that cannot start any token": "có ký tự không được đứng đầu một giá trị (như «@», «`»)",
    "did not find expected <document start>": "có nội dung sau phần chính của tệp (thụt lề sai ở dòng này?)",
    "expected a single document in the stream": "tệp có nhiều hơn một tài liệu YAML (dòng «---» ở giữa tệp)",
    "found unhashable key": "khóa của ánh xạ phải là một giá trị đơn",
    "found duplicate anchor": "neo YAML (&tên) bị khai hai lần",
    "found unexpected ':'": "dấu «:» không đúng chỗ",
    "did not find expected alphabetic or numeric character": "tên neo hoặc bí danh YAML có ký tự lạ",
    "found a tab character that violates indentation": "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách",
    "found a tab character where an indentation space is expected": "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách",
    "did not find expected comment or line break": "có chữ thừa sau giá trị trên cùng dòng",
    "found unexpected end of stream while scanning a quoted scalar": "tệp kết thúc giữa chừng (thiếu ngoặc kép đóng)",
}

_QUOTE_IT = ("Nếu dòng này là một trường (như «deadline:»), thụt lề nó thẳng hàng với các trường cùng cấp ở trên; "
             "nếu dấu «:» là chữ của giá trị, đặt cả giá trị trong ngoặc kép, ví dụ: title: \"Tỉnh X: Kế hoạch\".")
_INDENT_IT = ("Các trường của một mục trong danh sách thẳng hàng với chữ sau «- » của mục đó; thụt lề dòng này "
              "cho thẳng hàng, hoặc bắt đầu nó bằng «- » nếu đó là một mục mới.")
_HINTS_VI = {
    "did not find expected '-' indicator": _INDENT_IT,
    "expected <block end>, but found '<block sequence start>'": _INDENT_IT,
    "did not find expected key": ("Dòng này thụt lề không khớp với các trường cùng cấp: thụt lề thẳng hàng với "
                                  "trường ở dòng trên nếu cùng cấp, hoặc lùi vào 2 dấu cách nếu là trường con."),
    "mapping values are not allowed in this context": _QUOTE_IT,
    "mapping values are not allowed here": _QUOTE_IT,
    "but found another document": "Xóa dòng «---» và phần sau nó, hoặc tách phần đó sang tệp khác.",
    "found character that cannot start any token": "Đặt giá trị trong ngoặc kép.",
}


def position(data: Any, loc: tuple[Any, ...], key: bool = False) -> Pos:
    """Best position for the value at path `loc` (or its key), falling back to parents."""
    best: Pos = (1, 1)
    node = data
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, Mapping) and step in node:
            best = (node.key_pos if (key and last) else node.pos).get(step, best)
            node = node[step]
        elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node):
            best = node.pos[step]
            node = node[step]
        else:
            break
    return best


def node_position(node: yaml.Node | None, loc: tuple[Any, ...], key: bool = False) -> Pos:
    """`position` read from a composed node tree: the value at path `loc` (or its key), else its parent's."""
    best: Pos = (1, 1)
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)),
                         None)
            if found is None:
                break
            best = _at(found[0] if key and last else found[1])
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            best = _at(node)
        else:
            break
    return best


def written_at(data: Any, loc: tuple[Any, ...]) -> str | None:
    """The text a converted value (number, boolean, date) was written as at `loc`, when it was one."""
    node = data
    for step in loc[:-1]:
        if isinstance(node, (dict, list)) and (step in node if isinstance(node, dict) else
                                                isinstance(step, int) and 0 <= step < len(node)):
            node = node[step]
        else:
            return None
    return node.written.get(loc[-1]) if loc and isinstance(node, (Mapping, Sequence)) else None


def is_date(value: Any) -> bool:
    """True for a real date (not a reported bad one)."""
    return isinstance(value, date) and not isinstance(value, BadValue)
