"""Every feed, of the tiny test tree and of the real plans in plans/, read by independent consumers.

No single validator catches everything (shared interop.md §1.5), so each feed
goes through vobject (validate), ical (pydantic), icalendar (validate, component
errors, and a round trip comparing every SUMMARY and DESCRIPTION to the source
text exactly), calcurse (a real client, in C: nothing skipped, as many items as
events) and our own byte-level lint. The lint is itself tested: each rule must
fire on a sample broken on purpose.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import icalendar
import pytest
import vobject
from conftest import CASES, ROOT
from ical.calendar_stream import IcsCalendarStream
from support import icslint
from support.icslint import lint

from kehoach.core.loader import load_corpus
from kehoach.feeds.calendar import ROLES, build_feeds, events

SITE = "https://intranet.example/kehoach/"
SOURCES = {"tiny": CASES / "feeds/plans", "real": ROOT / "plans"}
TODAY = {"tiny": None, "real": None, "ended": date(2026, 12, 6)}  # "ended": the real plans, built today
ALARMS = [("DISPLAY", b"-P7D", "Còn 7 ngày đến hạn"), ("DISPLAY", b"-P1D", "Ngày mai đến hạn")]


def _feeds() -> dict[str, tuple[bytes, dict[str, tuple[str, str, bool]]]]:
    """Feed id -> (bytes, uid -> (summary, description, alarms) as the plans say them)."""
    found = {}
    for name, today in TODAY.items():
        corpus = load_corpus([SOURCES.get(name, ROOT / "plans")])
        texts = {event.uid: (event.summary, event.description, event.alarms) for event in events(corpus, SITE, today)}
        for path, content in build_feeds(corpus, SITE, today).items():
            found[f"{name}:{path}"] = (content, texts)
    return found


FEEDS = _feeds()
IDS = sorted(FEEDS)


def test_real_plans_give_feeds_with_events() -> None:
    assert any(key.startswith("real:lich/ke-hoach/") for key in FEEDS), "no feed built from plans/"
    assert FEEDS["real:lich/tat-ca.ics"][0].count(b"BEGIN:VEVENT") > 0


def test_an_empty_feed_is_checked_too() -> None:
    assert b"BEGIN:VEVENT" not in FEEDS["tiny:lich/co-quan/thu-nghiem/khong-nhiem-vu.ics"][0]


@pytest.mark.parametrize("key", IDS)
def test_vobject_validates(key: str) -> None:
    vobject.readOne(FEEDS[key][0].decode("utf-8"), validate=True).serialize(validate=True)


@pytest.mark.parametrize("key", IDS)
def test_ical_parses(key: str) -> None:
    calendar = IcsCalendarStream.calendar_from_ics(FEEDS[key][0].decode("utf-8"))
    assert len(calendar.events) == FEEDS[key][0].count(b"BEGIN:VEVENT")


@pytest.mark.parametrize("key", IDS)
def test_icalendar_validates_and_round_trips_every_text(key: str) -> None:
    content, texts = FEEDS[key]
    calendar = icalendar.Calendar.from_ical(content)
    calendar.validate()
    assert not calendar.get_missing_tzids()
    assert not [(component.name, component.errors) for component in calendar.walk() if component.errors]
    agency_feed = "/co-quan/" in key
    parsed = calendar.walk("VEVENT")
    assert len(parsed) == content.count(b"BEGIN:VEVENT")
    for event in parsed:
        summary, description, alarms = texts[str(event["UID"])]
        prefixes = ROLES.values() if agency_feed else [""]
        assert str(event["SUMMARY"]) in [prefix + summary for prefix in prefixes]
        assert str(event["DESCRIPTION"]) == description
        assert [(str(alarm["ACTION"]), alarm["TRIGGER"].to_ical(), str(alarm["DESCRIPTION"]))
                for alarm in event.walk("VALARM")] == (ALARMS if alarms else [])


@pytest.mark.parametrize("key", IDS)
def test_calcurse_imports_every_event(key: str, tmp_path: Path) -> None:
    calcurse = shutil.which("calcurse")
    assert calcurse, "calcurse is missing: install with: apt-get install calcurse"
    feed = tmp_path / "feed.ics"
    feed.write_bytes(FEEDS[key][0])
    (tmp_path / "cfg").mkdir()
    run = subprocess.run([calcurse, "-D", str(tmp_path), "-C", str(tmp_path / "cfg"), "-i", str(feed)],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
                         env={**os.environ, "TMPDIR": str(tmp_path), "TZ": "Asia/Ho_Chi_Minh"})
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Warning" not in out and re.search(r"/ 0 skipped", out), out
    counts = re.search(r"(\d+) apps? / (\d+) events? /", out)
    assert counts and int(counts[1]) + int(counts[2]) == FEEDS[key][0].count(b"BEGIN:VEVENT"), out


@pytest.mark.parametrize("key", IDS)
def test_lint_finds_nothing(key: str) -> None:
    assert [str(problem) for problem in lint(FEEDS[key][0])] == []


# --- the lint catches what it claims to ----------------------------------------------

GOOD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//VI\r\nNAME:Lịch\r\n"
    "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n"
    "BEGIN:VEVENT\r\nUID:a@t\r\nDTSTAMP:20240101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20240315\r\nDTEND;VALUE=DATE:20240316\r\nSUMMARY:Họp\\, bàn\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Nhắc\r\nTRIGGER:-P1D\r\nEND:VALARM\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b@t\r\nDTSTAMP:20240101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20240401\r\nDTEND;VALUE=DATE:20240402\r\nSUMMARY:Báo cáo\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
).encode()

LONG = "DESCRIPTION:" + "Nội dung " * 10
BROKEN = {
    "bom": lambda g: b"\xef\xbb\xbf" + g,
    "bare-lf": lambda g: g.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\n"),
    "bare-cr": lambda g: g.replace(b"SUMMARY:B", b"SUMMARY:\rB"),
    "no-final-crlf": lambda g: g[:-2],
    "long-line": lambda g: g.replace(b"SUMMARY:B", LONG.encode() + b"\r\nSUMMARY:B"),
    "utf8": lambda g: g.replace(b"SUMMARY:H\xe1\xbb\x8dp", b"SUMMARY:H\xe1\xbb\r\n \x8dp"),
    "syntax": lambda g: g.replace(b"SUMMARY:B", b"SUMMARY:B\r\nkhong hop le"),
    "begin-end": lambda g: g.replace(b"END:VEVENT\r\nEND:VCALENDAR", b"END:VCALENDAR"),
    "calendar": lambda g: g.replace(b"VERSION:2.0\r\n", b""),
    "refresh": lambda g: g.replace(b"REFRESH-INTERVAL;VALUE=DURATION", b"REFRESH-INTERVAL"),
    "event": lambda g: g.replace(b"UID:b@t\r\n", b""),
    "uid": lambda g: g.replace(b"UID:b@t", b"UID:a@t"),
    "dtstamp": lambda g: g.replace(b"DTSTAMP:20240101T000000Z\r\nDTSTART;VALUE=DATE:20240401",
                                   b"DTSTAMP:20240101T000000\r\nDTSTART;VALUE=DATE:20240401"),
    "date": lambda g: g.replace(b"DTSTART;VALUE=DATE:20240401", b"DTSTART;VALUE=DATE:2024-04-01"),
    "dtend": lambda g: g.replace(b"DTEND;VALUE=DATE:20240402", b"DTEND;VALUE=DATE:20240401"),
    "escape": lambda g: g.replace(b"SUMMARY:H\xe1\xbb\x8dp\\, b", b"SUMMARY:H\xe1\xbb\x8dp; b"),
    "tzid": lambda g: g.replace(b"DTSTART;VALUE=DATE:20240315", b"DTSTART;VALUE=DATE;TZID=Asia/Ho_Chi_Minh:20240315"),
    "method": lambda g: g.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:PUBLISH\r\n"),
    "alarm": lambda g: g.replace(b"TRIGGER:-P1D\r\n", b""),
    "summary-break": lambda g: g.replace(b"SUMMARY:B", b"SUMMARY:Hai\\nd\xc3\xb2ng B"),
}


def test_lint_accepts_the_good_sample() -> None:
    assert lint(GOOD) == []


@pytest.mark.parametrize("code", sorted(BROKEN))
def test_each_lint_rule_fires_on_a_broken_sample(code: str) -> None:
    broken = BROKEN[code](GOOD)
    assert broken != GOOD, "the sample was not broken"
    assert code in {problem.code for problem in lint(broken)}, [str(p) for p in lint(broken)]


def test_every_lint_rule_has_a_broken_sample() -> None:
    source = Path(icslint.__file__).read_text(encoding="utf-8")
    assert set(re.findall(r'Problem\("([a-z0-9-]+)"', source)) == set(BROKEN)


def test_feeds_built_after_the_plans_ended_ring_no_alarm_and_say_no_outcome_was_recorded() -> None:
    content = FEEDS["ended:lich/tat-ca.ics"][0]
    calendar = icalendar.Calendar.from_ical(content)
    parsed = calendar.walk("VEVENT")
    assert parsed and not calendar.walk("VALARM")
    assert all("Tình trạng: Không ghi nhận kết quả (kế hoạch đã kết thúc)" in str(event["DESCRIPTION"])
               for event in parsed)
    assert icalendar.Calendar.from_ical(FEEDS["real:lich/tat-ca.ics"][0]).walk("VALARM")  # undated: alarms kept
