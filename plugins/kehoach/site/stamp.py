"""The build stamp the intranet shows in its footer: when the site was built, and from which commit."""

from __future__ import annotations

from datetime import date

from ..core.text import admin_date


def stamp_text(day: date, commit: str | None) -> str:
    """ "Trang dựng ngày 10 tháng 12 năm 2026 từ phiên bản a1b2c3d4 của kho kế hoạch." (the commit when known)."""
    source = f" từ phiên bản {commit} của kho kế hoạch" if commit else ""
    return f"Trang dựng {admin_date(day)}{source}."
