"""Legal instruments a plan's căn cứ may still cite after they were replaced or amended.

`kehoach new` copies last year's căn cứ word for word; its checklist names
those that no longer apply as cited in the new year. Each entry says where the
change is written, in a public legal text only; an entry that rests on a
secondary source says that it has not been checked against the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

UNCHECKED = "chưa đối chiếu được văn bản gốc, cần kiểm tra trước khi trình ký"
"""What the checklist says of a change known only from a secondary source."""


@dataclass(frozen=True)
class Superseded:
    """An instrument replaced or amended on a known day, and the public text that says so."""

    name: str
    aliases: tuple[str, ...]  # folded forms as plans cite it
    since: date  # first day the old text no longer applies as cited
    change: str  # what happened and when, in words a civil servant reads
    basis: str  # the public text that says so, or that the change is unchecked


SUPERSEDED = (
    Superseded("Nghị định 98/2023/NĐ-CP", ("98/2023/nd-cp",), date(2025, 7, 1),
               "hết hiệu lực từ 01/7/2025, được thay bằng Nghị định 152/2025/NĐ-CP ngày 14/6/2025",
               "theo Điều 59 Nghị định 152/2025/NĐ-CP"),
    Superseded("Nghị định 28/2024/NĐ-CP", ("28/2024/nd-cp",), date(2025, 7, 1),
               "hết hiệu lực từ 01/7/2025, được thay bằng Nghị định 152/2025/NĐ-CP ngày 14/6/2025",
               "theo Điều 59 khoản 2 Nghị định 152/2025/NĐ-CP"),
    Superseded("Thông tư 01/2024/TT-BNV", ("01/2024/tt-bnv",), date(2025, 8, 5),
               "được thay bằng Thông tư 15/2025/TT-BNV từ 05/8/2025", UNCHECKED),
    Superseded("Nghị định 91/2017/NĐ-CP", ("91/2017/nd-cp",), date(2024, 1, 1),
               "ban hành trước Luật Thi đua, khen thưởng số 06/2022/QH15 (có hiệu lực từ 01/01/2024); văn bản "
               "quy định chi tiết Luật này là Nghị định 98/2023/NĐ-CP, từ 01/7/2025 là Nghị định 152/2025/NĐ-CP",
               "điều khoản bãi bỏ Nghị định 91/2017/NĐ-CP " + UNCHECKED),
    Superseded("Thông tư 12/2019/TT-BNV", ("12/2019/tt-bnv",), date(2024, 1, 1),
               "ban hành trước Luật Thi đua, khen thưởng số 06/2022/QH15 (có hiệu lực từ 01/01/2024)",
               "văn bản thay thế " + UNCHECKED),
    Superseded("Thông tư 29/2023/TT-BGDĐT", ("29/2023/tt-bgddt",), date(2026, 4, 2),
               "được thay bằng Thông tư 07/2026/TT-BGDĐT từ 02/4/2026", UNCHECKED),
    Superseded("Luật Thi đua, khen thưởng số 06/2022/QH15",
               ("06/2022/qh15", "luat thi dua, khen thuong ngay 15/6/2022",
                "luat thi dua, khen thuong ngay 15 thang 6 nam 2022"),
               date(2026, 10, 1), "được sửa đổi bởi Luật số 06/2026/QH16 từ 01/10/2026", UNCHECKED),
)
