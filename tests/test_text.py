"""Vietnamese text helpers: folding, administrative dates, slugs, legacy encodings."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from kehoach.core.text import (
    BLANK,
    admin_date,
    admin_partial_date,
    fold,
    legacy_encoding_column,
    nfc,
    short_date,
    slugify,
    weekday_name,
)


@pytest.mark.parametrize(("text", "folded"), [
    ("Sở Nội vụ", "so noi vu"),
    ("ĐỒNG NAI", "dong nai"),
    ("Đảng ủy", "dang uy"),
    ("đđ ĐĐ", "dd dd"),
    ("  Hội   đồng\tThi đua ", "hoi dong thi dua"),
    (unicodedata.normalize("NFD", "Quyết Thắng"), "quyet thang"),
])
def test_fold_removes_diacritics_and_maps_d_bar(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(("day", "written"), [
    (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
    (date(2022, 12, 23), "ngày 23 tháng 12 năm 2022"),
    (date(2024, 3, 10), "ngày 10 tháng 3 năm 2024"),
    (date(2024, 2, 1), "ngày 01 tháng 02 năm 2024"),
])
def test_admin_date_pads_days_below_10_and_months_january_february(day: date, written: str) -> None:
    assert admin_date(day) == written


def test_short_date_and_weekday() -> None:
    assert short_date(date(2024, 3, 5)) == "05/03/2024"
    assert weekday_name(date(2025, 3, 22)) == "Thứ Bảy"
    assert weekday_name(date(2025, 3, 23)) == "Chủ nhật"


def test_slugify_gives_ascii_ids() -> None:
    assert slugify("Sở Nội vụ") == "so-noi-vu"
    assert slugify("Hội đồng Thi đua - Khen thưởng") == "hoi-dong-thi-dua-khen-thuong"


def test_nfc_composes_combining_marks() -> None:
    assert nfc(unicodedata.normalize("NFD", "Kế hoạch")) == "Kế hoạch"


@pytest.mark.parametrize("line", [
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",   # TCVN3 (ABC) bytes read as Latin-1
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",  # VNI bytes read as Latin-1
])
def test_legacy_encoding_is_detected(line: str) -> None:
    assert legacy_encoding_column(line) is not None


@pytest.mark.parametrize("line", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Chủ đề “Đoàn kết, sáng tạo” và «Dân vận khéo»",
    "Đơn vị: đồng; © 2024",
])
def test_proper_vietnamese_is_not_flagged_as_legacy(line: str) -> None:
    assert legacy_encoding_column(line) is None


@pytest.mark.parametrize(("value", "written"), [
    (date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
    ("2024-02", f"ngày {BLANK} tháng 02 năm 2024"),
    ("2024-11", f"ngày {BLANK} tháng 11 năm 2024"),
    ("2024", f"ngày {BLANK} tháng {BLANK} năm 2024"),
    (None, f"ngày {BLANK} tháng {BLANK} năm {BLANK}"),
])
def test_admin_partial_date_leaves_blanks_where_the_source_did(value: date | str | None, written: str) -> None:
    assert admin_partial_date(value) == written
