"""A byte-level lint for our iCalendar feeds: what no parser we test with enforces.

vobject, ical, icalendar and calcurse each miss some faults (shared
interop.md §1.5): bare LF, long lines, a fold that splits a UTF-8 character,
duplicate UIDs, an unescaped "," or ";" in TEXT (only calcurse), a missing
VTIMEZONE, REFRESH-INTERVAL without VALUE=DURATION. This lint reads the bytes
and reports every such fault with its physical line number. It knows the shape
of our feeds: every event is all-day and one day long (DTEND = DTSTART + 1).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "NAME", "X-WR-CALNAME", "X-WR-CALDESC"}
_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)',
                   re.DOTALL)
_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)  # a backslash and what it escapes, pairwise
_UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*[;,]")
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\)(?:\\\\)*;")
_STAMP = re.compile(r"\d{8}T\d{6}Z")
_DATE = re.compile(r"\d{8}")


class Problem(NamedTuple):
    """One fault: a short rule code, the 1-based physical line, a message."""

    code: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.code}: {self.message}"


class Component:
    """A BEGIN/END block being read: its properties and where it began."""

    def __init__(self, name: str, line: int) -> None:
        self.name, self.line = name, line
        self.props: dict[str, list[tuple[str, str, int]]] = {}
        self.children: list[Component] = []

    def one(self, name: str) -> tuple[str, str, int] | None:
        found = self.props.get(name, [])
        return found[0] if len(found) == 1 else None


def lint(data: bytes) -> list[Problem]:
    """Every fault in a feed's bytes, in line order."""
    problems: list[Problem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem("bom", 1, "byte order mark at the start"))
    if not data.endswith(b"\r\n"):
        problems.append(Problem("no-final-crlf", data.count(b"\n") + 1, "file does not end in CRLF"))
    logical = _unfold(data, problems)
    root = _components(logical, problems)
    if root is not None:
        _check_calendar(root, problems)
    return sorted(problems, key=lambda problem: (problem.line, problem.code))


def _unfold(data: bytes, problems: list[Problem]) -> list[tuple[int, str]]:
    """Logical lines with the physical line each starts on; physical faults reported."""
    logical: list[tuple[int, bytearray]] = []
    physical = data.split(b"\n")
    if physical and physical[-1] == b"":
        physical.pop()
    for number, raw in enumerate(physical, start=1):
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        else:
            problems.append(Problem("bare-lf", number, "line ends in LF without CR"))
        if b"\r" in raw:
            problems.append(Problem("bare-cr", number, "CR inside a line"))
        if len(raw) > 75:
            problems.append(Problem("long-line", number, f"{len(raw)} octets, more than 75"))
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem("utf8", number, "not valid UTF-8 on its own (split or bad character)"))
        if raw[:1] in (b" ", b"\t") and logical:
            logical[-1][1].extend(raw[1:])
        else:
            logical.append((number, bytearray(raw)))
    return [(number, bytes(raw).decode("utf-8", errors="replace")) for number, raw in logical]


def _components(logical: list[tuple[int, str]], problems: list[Problem]) -> Component | None:
    """Read BEGIN/END nesting and properties; report malformed lines and imbalance."""
    stack: list[Component] = []
    root = None
    for number, line in logical:
        match = _LINE.fullmatch(line)
        if not match:
            problems.append(Problem("syntax", number, f"not NAME[;params]:value: {line[:40]!r}"))
            continue
        name, params, value = match.group(1).upper(), match.group(2), match.group(3)
        if name == "BEGIN":
            component = Component(value.upper(), number)
            (stack[-1].children if stack else []).append(component)
            if not stack and root is None:
                root = component
            stack.append(component)
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                problems.append(Problem("begin-end", number, f"END:{value} does not close the open component"))
                continue
            stack.pop()
        elif not stack:
            problems.append(Problem("begin-end", number, f"{name} outside any component"))
        else:
            stack[-1].props.setdefault(name, []).append((params, value, number))
            _check_text(name, value, number, problems)
    for component in stack:
        problems.append(Problem("begin-end", component.line, f"BEGIN:{component.name} never ended"))
    return root


def _check_text(name: str, value: str, number: int, problems: list[Problem]) -> None:
    if name in TEXT_PROPERTIES and _UNESCAPED.search(value):
        problems.append(Problem("escape", number, f"unescaped ',' or ';' in {name}"))
    if name == "SUMMARY" and re.search(r"(?<!\\)(?:\\\\)*\\[nN]", value):
        problems.append(Problem("summary-break", number, "line break in SUMMARY (calcurse refuses the event)"))
    if name == "CATEGORIES" and _UNESCAPED_SEMICOLON.search(value):
        problems.append(Problem("escape", number, "unescaped ';' in CATEGORIES"))
    escaped = _ESCAPE.findall(value) if name in TEXT_PROPERTIES or name == "CATEGORIES" else []
    if any(char not in ("\\", ";", ",", "n", "N") for char in escaped):
        problems.append(Problem("escape", number, f"backslash not followed by \\ ; , or n in {name}"))


def _check_calendar(root: Component, problems: list[Problem]) -> None:
    if root.name != "VCALENDAR":
        problems.append(Problem("begin-end", root.line, f"file starts with {root.name}, not VCALENDAR"))
    for required in ("VERSION", "PRODID"):
        if root.one(required) is None:
            problems.append(Problem("calendar", root.line, f"VCALENDAR needs exactly one {required}"))
    for params, _, number in root.props.get("REFRESH-INTERVAL", []):
        if "VALUE=DURATION" not in params.upper():
            problems.append(Problem("refresh", number, "REFRESH-INTERVAL needs ;VALUE=DURATION"))
    zones = {value for child in root.children if child.name == "VTIMEZONE"
             for _, value, _ in child.props.get("TZID", [])}
    uids: dict[str, int] = {}
    method = root.props.get("METHOD")
    for event in (child for child in root.children if child.name == "VEVENT"):
        _check_event(event, zones, uids, problems)
        if method and "ORGANIZER" not in event.props:
            problems.append(Problem("method", event.line, "METHOD set but the event has no ORGANIZER"))


def _check_event(event: Component, zones: set[str], uids: dict[str, int], problems: list[Problem]) -> None:
    for required in ("UID", "DTSTAMP", "DTSTART"):
        if event.one(required) is None:
            problems.append(Problem("event", event.line, f"VEVENT needs exactly one {required}"))
    uid = event.one("UID")
    if uid and uid[1] in uids:
        problems.append(Problem("uid", uid[2], f"UID {uid[1]} already used at line {uids[uid[1]]}"))
    elif uid:
        uids[uid[1]] = uid[2]
    stamp = event.one("DTSTAMP")
    if stamp and not _STAMP.fullmatch(stamp[1]):
        problems.append(Problem("dtstamp", stamp[2], f"DTSTAMP must be UTC YYYYMMDDTHHMMSSZ, not {stamp[1]}"))
    for props in event.props.values():
        for params, _, number in props:
            tzid = re.search(r"TZID=([^;:]+)", params, re.IGNORECASE)
            if tzid and tzid.group(1) not in zones:
                problems.append(Problem("tzid", number, f"TZID {tzid.group(1)} has no VTIMEZONE"))
    _check_all_day(event, problems)
    for alarm in (child for child in event.children if child.name == "VALARM"):
        if alarm.one("ACTION") is None or alarm.one("TRIGGER") is None:
            problems.append(Problem("alarm", alarm.line, "VALARM needs one ACTION and one TRIGGER"))


def _check_all_day(event: Component, problems: list[Problem]) -> None:
    """Our events are all-day: DATE values, DTEND the day after DTSTART (exclusive)."""
    start, end = event.one("DTSTART"), event.one("DTEND")
    days = []
    for prop in (start, end):
        if prop is None:
            continue
        params, value, number = prop
        day = _day(value) if "VALUE=DATE" in params.upper() and "DATE-TIME" not in params.upper() else None
        if day is None:
            problems.append(Problem("date", number, f"expected an all-day DATE value YYYYMMDD, got {value}"))
        days.append(day)
    if end is None:
        problems.append(Problem("dtend", event.line, "all-day event without DTEND"))
    elif len(days) == 2 and days[0] and days[1] and days[1] != days[0] + timedelta(days=1):
        problems.append(Problem("dtend", end[2], "all-day DTEND must be the day after DTSTART (exclusive end)"))


def _day(value: str) -> date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None
