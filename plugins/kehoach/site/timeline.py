"""A plan's tasks against its months and quarters, drawn as static SVG at build time.

The picture needs no JavaScript and prints as it shows. A task with a day is a
diamond on that day; a task with a period (month, quarter, half-year) is a bar
across it; an ongoing task is a pale bar across the whole plan period.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from ..core.deadlines import span
from ..core.labels import effective_words
from ..core.text import roman, short_date
from ..core.view import ItemView

WIDTH = 960
LABEL_WIDTH = 330
ROW = 22
HEAD = 44
LABEL_CHARS = 48


def _months(start: date, end: date) -> list[date]:
    first, months = date(start.year, start.month, 1), []
    while first <= end:
        months.append(first)
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return months


class Scale:
    """Maps days of the plan period onto x coordinates of the chart area."""

    def __init__(self, start: date, end: date):
        self.start, self.end = start, end
        self.days = (end - start).days + 1
        self.left, self.right = LABEL_WIDTH, WIDTH - 10

    def x(self, day: date) -> float:
        """x of the start of `day`, clamped to the chart area."""
        offset = min(max((day - self.start).days, 0), self.days)
        return round(self.left + (self.right - self.left) * offset / self.days, 1)


def _head(scale: Scale, months: list[date]) -> list[str]:
    parts = []
    for month in months:
        x0 = scale.x(month)
        x1 = scale.x(date(month.year + month.month // 12, month.month % 12 + 1, 1))
        parts.append(f'<line class="kh-tl-grid" x1="{x0}" y1="22" x2="{x0}" y2="100%"/>')
        parts.append(f'<text class="kh-tl-month" x="{round((x0 + x1) / 2, 1)}" y="38">T{month.month}</text>')
        if month.month % 3 == 1 or month == months[0]:
            quarter_end = date(month.year + (month.month > 9), (3 * ((month.month - 1) // 3) + 3) % 12 + 1, 1)
            x2 = scale.x(quarter_end)
            label = f"Quý {roman((month.month - 1) // 3 + 1)}/{month.year}"
            parts.append(f'<rect class="kh-tl-quarter" x="{x0}" y="2" width="{round(x2 - x0, 1)}" height="18"/>')
            parts.append(f'<text class="kh-tl-qlabel" x="{round((x0 + x2) / 2, 1)}" y="15">{label}</text>')
    return parts


def _label(entry: ItemView) -> str:
    text = f"{entry.number} {entry.title}" if entry.number else entry.title
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _mark(entry: ItemView, scale: Scale, y: int) -> str:
    which = entry.kind
    state = "done" if entry.state == "done" else "open"
    if which == "ongoing":
        return (f'<rect class="kh-tl-ongoing" x="{scale.left}" y="{y + 6}" '
                f'width="{scale.right - scale.left}" height="10"/>')
    bounds = span(entry.deadline)
    if bounds is None:
        return ""
    first, last = bounds
    if first == last:
        cx, cy = round(scale.x(first) + (scale.x(first + timedelta(days=1)) - scale.x(first)) / 2, 1), y + 11
        return (f'<path class="kh-tl-day kh-tl-{state}" '
                f'd="M{cx} {cy - 7}L{round(cx + 7, 1)} {cy}L{cx} {cy + 7}L{round(cx - 7, 1)} {cy}Z"/>')
    x0, x1 = scale.x(first), scale.x(last + timedelta(days=1))
    width = round(max(x1 - x0, 2), 1)
    return f'<rect class="kh-tl-bar kh-tl-{state}" x="{x0}" y="{y + 5}" width="{width}" height="12"/>'


def _row(entry: ItemView, scale: Scale, y: int, href: str) -> str:
    tip = f"{entry.title} — {entry.deadline_text or 'không ghi thời hạn'}"
    moved = effective_words(entry.due, entry.effective_due)
    tip += f" ({moved})" if moved else ""
    return (f'<a class="kh-tl-row" href="{escape(href)}"><title>{escape(tip)}</title>'
            f'<text class="kh-tl-label" x="4" y="{y + 15}">{escape(_label(entry))}</text>'
            f'{_mark(entry, scale, y)}</a>')


def render_timeline(entries: list[ItemView], start: date, end: date, today: date | None = None) -> str:
    """The SVG picture of `entries` over the period start..end; today's line when inside it."""
    scale, months = Scale(start, end), _months(start, end)
    height = HEAD + ROW * len(entries) + 6
    parts = [f'<svg class="kh-timeline" viewBox="0 0 {WIDTH} {height}" '
             f'width="100%" role="group" aria-label="Dòng thời gian các nhiệm vụ từ {short_date(start)} '
             f'đến {short_date(end)}">']
    parts.extend(f'<rect class="kh-tl-stripe" x="0" y="{HEAD + ROW * index}" width="{WIDTH}" height="{ROW}"/>'
                 for index in range(1, len(entries), 2))
    parts.extend(_head(scale, months))
    for index, entry in enumerate(entries):
        parts.append(_row(entry, scale, HEAD + ROW * index, f"#{entry.id}"))
    if today and start <= today <= end:
        x = scale.x(today)
        parts.append(f'<line class="kh-tl-today" x1="{x}" y1="22" x2="{x}" y2="{height}"/>')
    parts.append("</svg>")
    return "".join(parts)
