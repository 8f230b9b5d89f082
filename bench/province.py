"""A synthetic province of plans for the benchmarks: deterministic, realistic, clean under `kehoach check`.

`write_province(root, count)` writes `root/plans/agencies/*.yml` and `count` plan
folders under `root/plans/<year>/<slug>/`, shaped like the real plans under
plans/: about 30 tasks each in quarter sections, an ongoing section and (for
the province and its departments) a section of standing duties for groups;
Vietnamese deadline phrases that mean what they say and fall on working days;
statuses as of STATUS_DAY; reporting duties; a noi-dung.md of 5-9 KB.

The registry grows with `count` like a real province: the UBND, its council,
18 departments, five groups (nested), two central bodies, then communes and
wards and their schools, about count/10 agencies in all (at least 33). The
province and its departments issue a bounded number of plans a year; the rest
come from communes and schools, so group fan-out grows linearly with `count`.

The same `count` always gives byte-identical files (seeded `random.Random`,
no clock), and every province passes `kehoach check` with no finding.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from kehoach.core.text import roman, slugify
from kehoach.core.workdays import is_working_day

SEED = "kehoach-province-v1"
YEARS = (2023, 2024, 2025, 2026)
STATUS_DAY = date(2025, 6, 16)  # statuses read as of this day; the benchmarks pin KEHOACH_TODAY to it
NS, PROVINCE = "nam-son", "Nam Sơn"
PLAN_SCHEMA = "# yaml-language-server: $schema=../../../schema/ke-hoach.schema.json\n"
REGISTRY_SCHEMA = "# yaml-language-server: $schema=../../schema/co-quan.schema.json\n"

# slug, name, extra short names, symbol of its documents, kind, groups beyond "các sở, ban, ngành"
DEPARTMENTS = [
    ("so-noi-vu", "Sở Nội vụ", ["Sở NV"], "SNV", "department", []),
    ("so-tai-chinh", "Sở Tài chính", [], "STC", "department", []),
    ("so-tu-phap", "Sở Tư pháp", [], "STP", "department", []),
    ("so-cong-thuong", "Sở Công Thương", [], "SCT", "department", []),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo", ["Sở GD&ĐT"], "SGDĐT", "department", []),
    ("so-y-te", "Sở Y tế", [], "SYT", "department", []),
    ("so-xay-dung", "Sở Xây dựng", [], "SXD", "department", []),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường", ["Sở NN&MT"], "SNNMT", "department", []),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", ["Sở KH&CN"], "SKHCN", "department", []),
    ("so-van-hoa-the-thao-du-lich", "Sở Văn hóa, Thể thao và Du lịch", ["Sở VHTTDL"], "SVHTTDL", "department", []),
    ("so-dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo", [], "SDTTG", "department", []),
    ("thanh-tra-tinh", "Thanh tra tỉnh", [], "TTr", "department", []),
    ("van-phong-ubnd", "Văn phòng Ủy ban nhân dân tỉnh", ["Văn phòng UBND tỉnh", "VP UBND tỉnh"], "VP", "office", []),
    ("ban-quan-ly-kcn", "Ban Quản lý các khu công nghiệp tỉnh", ["Ban Quản lý các KCN"], "BQL", "department", []),
    ("dai-phat-thanh-truyen-hinh", "Đài Phát thanh và Truyền hình tỉnh", ["Đài PT-TH tỉnh"], "ĐPTTH", "press",
     ["co-quan-thong-tin"]),
    ("bao-nam-son", "Báo Nam Sơn", [], "BNS", "press", ["co-quan-thong-tin"]),
    ("cong-an-tinh", "Công an tỉnh", [], "CAT", "department", []),
    ("bo-chi-huy-quan-su", "Bộ Chỉ huy Quân sự tỉnh", ["Bộ CHQS tỉnh"], "BCH", "department", []),
]
FIRST = ["Tân", "An", "Phú", "Hòa", "Bình", "Long", "Phước", "Vĩnh", "Xuân", "Mỹ",
         "Thạnh", "Đông", "Hưng", "Quảng", "Thái", "Trung", "Nghĩa", "Hải", "Cẩm", "Kim"]
SECOND = ["Lập", "Thịnh", "Lộc", "Sơn", "Thành", "Hiệp", "Điền", "Phong", "Khánh", "Tiến",
          "Quang", "Thuận", "Lợi", "Nguyên", "Yên", "Châu", "Hà", "Định", "Tài", "Đức"]
SCHOOLS = [("truong-mam-non", "Trường Mầm non", "MN"), ("truong-tieu-hoc", "Trường Tiểu học", "TH"),
           ("truong-thcs", "Trường Trung học cơ sở", "THCS")]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Cầm", "Hà"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Chung", "Dũng", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Sơn", "Thắng", "Tuấn"]


@dataclass
class Agency:
    """One registry entry, plus what plans need to know to issue documents in its name."""

    id: str
    name: str
    short: list[str]
    kind: str
    level: str  # province, council, department, group, central, commune, school
    symbol: str = "UBND"
    parent: str | None = None
    groups: list[str] = field(default_factory=list)
    place: str = PROVINCE
    schools: list[str] = field(default_factory=list)


def registry(count: int) -> dict[str, Agency]:
    """The province's agencies for `count` plans, by id, in registry order."""
    found: list[Agency] = [
        Agency(f"{NS}/ubnd", f"Ủy ban nhân dân tỉnh {PROVINCE}", ["UBND tỉnh", "Ủy ban nhân dân tỉnh"], "government",
               "province"),
        Agency(f"{NS}/hdtdkt", f"Hội đồng Thi đua - Khen thưởng tỉnh {PROVINCE}",
               ["Hội đồng Thi đua - Khen thưởng tỉnh", "Hội đồng TĐKT tỉnh"], "council", "council",
               parent=f"{NS}/ubnd"),
        Agency(f"{NS}/co-quan-don-vi-dia-phuong", f"Các cơ quan, đơn vị, địa phương tỉnh {PROVINCE}",
               ["Các cơ quan, đơn vị, địa phương"], "group", "group", parent=f"{NS}/ubnd"),
    ]
    for slug, name, short in (("cac-so-ban-nganh", "Các sở, ban, ngành tỉnh", ["các sở, ban, ngành"]),
                              ("ubnd-cac-xa-phuong", "Ủy ban nhân dân các xã, phường", ["UBND các xã, phường"]),
                              ("cac-truong-hoc", "Các trường học trên địa bàn tỉnh", ["Các trường học"])):
        found.append(Agency(f"{NS}/{slug}", f"{name} {PROVINCE}", [name, *short], "group", "group",
                            parent=f"{NS}/ubnd", groups=[f"{NS}/co-quan-don-vi-dia-phuong"]))
    found.append(Agency(f"{NS}/co-quan-thong-tin", f"Các cơ quan thông tin, truyền thông tỉnh {PROVINCE}",
                        ["Các cơ quan thông tin, truyền thông"], "group", "group", parent=f"{NS}/ubnd",
                        groups=[f"{NS}/cac-so-ban-nganh"]))
    for slug, name, short, symbol, kind, groups in DEPARTMENTS:
        full = name if PROVINCE in name else f"{name} tỉnh {PROVINCE}"
        found.append(Agency(f"{NS}/{slug}", full, [name, *short], kind, "department", symbol, f"{NS}/ubnd",
                            [f"{NS}/cac-so-ban-nganh", *(f"{NS}/{g}" for g in groups)]))
    found += [Agency("trung-uong/ban-tdkt", "Ban Thi đua - Khen thưởng Trung ương", ["Ban TĐKT Trung ương"],
                     "central-body", "central"),
              Agency("trung-uong/bo-noi-vu", "Bộ Nội vụ", [], "ministry", "central")]
    locals_ = max(count // 10 - len(found), 6)
    communes = [_commune(k) for k in range(locals_ - locals_ // 3)]
    found += communes
    for j in range(locals_ // 3):
        commune = communes[j % len(communes)]
        slug, kind_name, abbr = SCHOOLS[(j // len(communes)) % len(SCHOOLS)]
        suffix = f" số {j // (3 * len(communes)) + 1}" if j >= 3 * len(communes) else ""
        place = commune.place
        school = Agency(f"{commune.id}/{slug}{slugify(suffix) and '-' + slugify(suffix)}",
                        f"{kind_name} {place}{suffix}", [f"{abbr} {place}{suffix}"], "unit", "school",
                        abbr, commune.id, [f"{NS}/cac-truong-hoc"], place)
        commune.schools.append(school.id)
        found.append(school)
    return {agency.id: agency for agency in found}


def _commune(k: int) -> Agency:
    first, rest = k % len(FIRST), k // len(FIRST)
    place = f"{FIRST[first]} {SECOND[(first + rest) % len(SECOND)]}"
    if rest >= len(SECOND):
        place += f" {rest // len(SECOND) + 1}"
    unit = "phường" if k % 4 == 0 else "xã"
    return Agency(f"{NS}/{slugify(unit)}-{slugify(place)}", f"Ủy ban nhân dân {unit} {place}",
                  [f"UBND {unit} {place}", f"Ủy ban nhân dân {unit} {place}"], "government", "commune",
                  parent=f"{NS}/ubnd", groups=[f"{NS}/ubnd-cac-xa-phuong"], place=place)


def registry_yaml(agencies: list[Agency]) -> str:
    """One registry file."""
    out = [REGISTRY_SCHEMA, "schema_version: 1\nagencies:\n"]
    for agency in agencies:
        out.append(f"  - id: {agency.id}\n    name: {scalar(agency.name)}\n")
        if agency.short:
            out.append(f"    short: [{', '.join(scalar(s, flow=True) for s in agency.short)}]\n")
        out.append(f"    kind: {agency.kind}\n")
        if agency.parent:
            out.append(f"    parent: {agency.parent}\n")
        if agency.groups:
            out.append(f"    groups: [{', '.join(agency.groups)}]\n")
    return "".join(out)


# --- YAML and text helpers ----------------------------------------------------------

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`\d][^\n]*")


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain when that is safe, else JSON-quoted (valid YAML)."""
    unsafe = ": " in text or " #" in text or text.endswith((" ", ":")) or (flow and any(c in text for c in ",[]{}"))
    return text if _PLAIN.fullmatch(text) and not unsafe else json.dumps(text, ensure_ascii=False)


@lru_cache(maxsize=8192)  # titles repeat across plans; wrapping them is most of the generator's time
def folded(key: str, text: str, indent: int, item: bool = False) -> str:
    """`key: text`, as a `>-` block wrapped near 100 columns when long (as the real plans are).

    `item` starts a list item (`- key: …`), whose block lines sit two columns deeper.
    """
    head = f"{' ' * indent}{'- ' if item else ''}{key}:"
    if len(text) + len(head) < 98:
        return f"{head} {scalar(text)}\n"
    inner = " " * (indent + (4 if item else 2))
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) + len(inner) > 96:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return f"{head} >-\n" + "".join(f"{inner}{one}\n" for one in lines)


def _workday(rng: random.Random, first: date, last: date) -> date:
    """A working day between first and last (inclusive), drawn at random."""
    day = first + timedelta(days=rng.randrange((last - first).days + 1))
    while not is_working_day(day) and day < last:
        day += timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def nfc(text: str) -> str:
    """Every generated file is NFC, as `kehoach check` requires."""
    return unicodedata.normalize("NFC", text)


# --- text: the kinds of sentences the real plans carry --------------------------------
# {y} is the plan's year, {n} the next year, {org} the issuer's short name, {place} its area.

THEMES = {
    "province": [("tdkt", "Kế hoạch công tác thi đua, khen thưởng năm {y}", "Công tác thi đua, khen thưởng năm {y}"),
                 ("ngheo", "Kế hoạch tổ chức phong trào thi đua «Cả nước chung tay vì người nghèo – Không để ai bị "
                  "bỏ lại phía sau» năm {y}", "Phong trào thi đua «Cả nước chung tay vì người nghèo» năm {y}"),
                 ("chuyen-doi-so", "Kế hoạch phát động phong trào thi đua chuyên đề đẩy mạnh chuyển đổi số năm {y}",
                  "Phát động phong trào thi đua chuyên đề chuyển đổi số năm {y}")],
    "department": [("tdkt", "Kế hoạch công tác thi đua, khen thưởng năm {y}", "Công tác thi đua, khen thưởng năm {y}"),
                   ("dan-van", "Kế hoạch phát động phong trào thi đua «Dân vận khéo» năm {y}",
                    "Phong trào thi đua «Dân vận khéo» năm {y}")],
    "commune": [("tdkt", "Kế hoạch công tác thi đua, khen thưởng năm {y}", "Công tác thi đua, khen thưởng năm {y}"),
                ("nong-thon-moi", "Kế hoạch tổ chức phong trào thi đua «Chung tay xây dựng nông thôn mới» năm {y}",
                 "Phong trào thi đua «Chung tay xây dựng nông thôn mới» năm {y}"),
                ("dan-van", "Kế hoạch phát động phong trào thi đua «Dân vận khéo» năm {y}",
                 "Phong trào thi đua «Dân vận khéo» năm {y}")],
    "school": [("tdkt", "Kế hoạch công tác thi đua, khen thưởng năm {y}", "Công tác thi đua, khen thưởng năm {y}"),
               ("day-hoc", "Kế hoạch phát động phong trào thi đua «Đổi mới, sáng tạo trong dạy và học» năm {y}",
                "Phong trào thi đua «Đổi mới, sáng tạo trong dạy và học» năm {y}")],
}
QUARTERS = [
    ["Ban hành Kế hoạch công tác thi đua, khen thưởng năm {y} và hướng dẫn các cơ quan, đơn vị tổ chức thực hiện",
     "Tổ chức phát động phong trào thi đua yêu nước năm {y}, gắn với nhiệm vụ phát triển kinh tế - xã hội của {place}",
     "Hướng dẫn đăng ký thi đua, ký kết giao ước thi đua năm {y} giữa các cụm, khối thi đua",
     "Tổng hợp đăng ký thi đua, đăng ký danh hiệu thi đua của các tập thể, cá nhân năm {y}",
     "Tuyên truyền, phổ biến Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành đến cán bộ, công chức, "
     "viên chức và người lao động",
     "Tổ chức Hội nghị triển khai nhiệm vụ công tác thi đua, khen thưởng năm {y}",
     "Rà soát, kiện toàn Hội đồng Thi đua - Khen thưởng và bộ phận tham mưu công tác thi đua, khen thưởng",
     "Xây dựng tiêu chí thi đua, thang điểm chấm điểm thi đua năm {y} phù hợp với đặc điểm của {org}",
     "Thẩm định hồ sơ đề nghị khen thưởng tổng kết năm cho các tập thể, cá nhân có thành tích xuất sắc",
     "Phát động phong trào thi đua «Dân vận khéo» trong cán bộ, công chức, viên chức và người lao động"],
    ["Tổ chức sơ kết 6 tháng đầu năm {y} công tác thi đua, khen thưởng, đề ra nhiệm vụ trọng tâm 6 tháng cuối năm",
     "Kiểm tra việc thực hiện các phong trào thi đua và công tác khen thưởng tại các cơ quan, đơn vị",
     "Tổ chức các hoạt động thi đua chào mừng kỷ niệm ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
     "Lựa chọn, giới thiệu điển hình tiên tiến, người tốt, việc tốt để tuyên truyền, nhân rộng",
     "Xét, đề nghị khen thưởng theo chuyên đề cho các tập thể, cá nhân có thành tích trong phong trào thi đua "
     "«Chung tay xây dựng nông thôn mới»",
     "Tập huấn nghiệp vụ cho cán bộ làm công tác thi đua, khen thưởng ở cơ sở",
     "Rà soát, đánh giá kết quả thực hiện các chỉ tiêu thi đua đã đăng ký đầu năm",
     "Tổng hợp, báo cáo kết quả phong trào thi đua «Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại "
     "phía sau»"],
    ["Tổ chức tuyên dương học sinh giỏi, giáo viên dạy giỏi và các tập thể, cá nhân tiêu biểu trong năm học",
     "Kiểm tra, đôn đốc tiến độ thực hiện các tiêu chí thi đua tại các cơ quan, đơn vị trực thuộc",
     "Tổ chức các hoạt động kỷ niệm Ngày Quốc khánh 2/9 gắn với phong trào thi đua yêu nước",
     "Hướng dẫn bình xét danh hiệu thi đua và hình thức khen thưởng năm {y}",
     "Tổ chức đoàn trao đổi, học tập kinh nghiệm về công tác thi đua, khen thưởng",
     "Đề xuất khen thưởng đột xuất cho các tập thể, cá nhân có hành động dũng cảm, thành tích xuất sắc",
     "Xây dựng mô hình điển hình tiên tiến trong thực hiện cải cách hành chính, chuyển đổi số",
     "Cập nhật cơ sở dữ liệu khen thưởng trên phần mềm quản lý thi đua, khen thưởng"],
    ["Tổ chức tổng kết công tác thi đua, khen thưởng năm {y}, đề ra phương hướng, nhiệm vụ năm {n}",
     "Chấm điểm, xếp hạng thi đua các cụm, khối thi đua năm {y}",
     "Hoàn thiện hồ sơ đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh, Cờ thi đua của Ủy ban nhân dân tỉnh",
     "Bình xét danh hiệu «Lao động tiên tiến», «Chiến sĩ thi đua cơ sở» năm {y}",
     "Tổ chức Hội nghị biểu dương điển hình tiên tiến trong các phong trào thi đua yêu nước",
     "Xây dựng dự thảo Kế hoạch công tác thi đua, khen thưởng năm {n}",
     "Thẩm định hồ sơ đề nghị tặng Huân chương Lao động, Bằng khen của Thủ tướng Chính phủ",
     "Chỉnh lý, lưu trữ hồ sơ thi đua, khen thưởng năm {y} theo quy định"],
]
ONGOING = [
    "Thường xuyên tuyên truyền, biểu dương người tốt, việc tốt trên Cổng thông tin điện tử và các phương tiện "
    "thông tin đại chúng",
    "Theo dõi, đôn đốc việc thực hiện các phong trào thi đua; kịp thời phát hiện, khen thưởng các nhân tố mới",
    "Thực hiện khen thưởng đột xuất, kịp thời đối với tập thể, cá nhân lập thành tích xuất sắc",
    "Tiếp nhận, giải quyết đơn thư, khiếu nại, tố cáo liên quan đến công tác thi đua, khen thưởng",
    "Ứng dụng công nghệ thông tin, chuyển đổi số trong quản lý hồ sơ thi đua, khen thưởng",
    "Phối hợp với Mặt trận Tổ quốc và các đoàn thể vận động nhân dân tham gia các phong trào thi đua",
    "Quản lý, cấp phát hiện vật khen thưởng đúng quy định",
    "Bồi dưỡng, nhân rộng các mô hình hay, cách làm sáng tạo trong lao động, sản xuất và công tác",
    "Thực hiện chế độ thông tin, báo cáo định kỳ và đột xuất về công tác thi đua, khen thưởng",
    "Kiểm tra việc trích lập và sử dụng Quỹ thi đua, khen thưởng theo quy định",
]
STANDING = [
    "Căn cứ Kế hoạch này, xây dựng kế hoạch thi đua năm {y} của cơ quan, đơn vị mình và tổ chức triển khai thực hiện",
    "Chủ động tuyên truyền các phong trào thi đua, gương điển hình tiên tiến trong phạm vi quản lý",
    "Tham mưu Hội đồng Thi đua - Khen thưởng tổng hợp, đánh giá kết quả thực hiện Kế hoạch",
    "Bố trí kinh phí khen thưởng từ Quỹ thi đua, khen thưởng theo quy định",
    "Đăng tải tin, bài về các điển hình tiên tiến trên các phương tiện thông tin đại chúng",
]
TAILS = ["", "", "", " trên địa bàn {place}", "; bảo đảm đúng quy định của Luật Thi đua, khen thưởng",
         ", gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị", "; báo cáo kết quả về {org} để tổng hợp"]
PURPOSE = [
    "Phát động và triển khai sâu rộng các phong trào thi đua yêu nước trên tất cả các lĩnh vực, tạo khí thế thi đua "
    "sôi nổi, cổ vũ tinh thần chung sức đồng lòng của cán bộ, công chức, viên chức, người lao động và Nhân dân "
    "{place}, quyết tâm thực hiện thắng lợi các chỉ tiêu phát triển kinh tế - xã hội năm {y}.",
    "Thực hiện tốt các quy định của pháp luật về thi đua, khen thưởng; nâng cao chất lượng công tác khen thưởng, bảo "
    "đảm khen thưởng thực chất, kịp thời biểu dương các tập thể, cá nhân có thành tích xuất sắc trên các lĩnh vực.",
    "Phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến, người tốt, việc tốt, các mô hình hay, "
    "cách làm sáng tạo, hiệu quả để tạo sức lan tỏa trong toàn {place}.",
    "Gắn phong trào thi đua với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; nâng cao tinh "
    "thần trách nhiệm, ý thức tổ chức kỷ luật của cán bộ, công chức, viên chức trong thực thi công vụ.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số, nâng cao chỉ số hài lòng của người dân và doanh nghiệp đối với sự "
    "phục vụ của cơ quan hành chính nhà nước thông qua các phong trào thi đua thiết thực.",
    "Tạo sự chuyển biến mạnh mẽ về nhận thức và hành động của các cấp ủy đảng, chính quyền, Mặt trận Tổ quốc và các "
    "đoàn thể đối với công tác thi đua, khen thưởng trong tình hình mới.",
]
REQUIREMENT = [
    "Các phong trào thi đua phải có nội dung thiết thực, mục tiêu, chỉ tiêu cụ thể, hình thức tổ chức phong phú, đa "
    "dạng, phù hợp với đặc điểm, điều kiện của từng cơ quan, đơn vị, tránh hình thức, lãng phí.",
    "Việc bình xét khen thưởng phải bảo đảm chính xác, công khai, minh bạch, đúng đối tượng, tiêu chuẩn; chú trọng "
    "khen thưởng tập thể nhỏ, người lao động trực tiếp, cán bộ cơ sở.",
    "Người đứng đầu các cơ quan, đơn vị chịu trách nhiệm trực tiếp về kết quả tổ chức phong trào thi đua và công tác "
    "khen thưởng tại cơ quan, đơn vị mình; định kỳ sơ kết, tổng kết, rút kinh nghiệm.",
    "Kết quả thực hiện phong trào thi đua là căn cứ để bình xét danh hiệu thi đua, hình thức khen thưởng năm {y} và "
    "đánh giá, xếp loại chất lượng tập thể, cá nhân cuối năm.",
    "Phát huy vai trò của Hội đồng Thi đua - Khen thưởng các cấp trong việc tham mưu, hướng dẫn, kiểm tra, đôn đốc "
    "việc tổ chức các phong trào thi đua.",
]
INTRO = [
    "Căn cứ nhiệm vụ chính trị năm {y}, {org} xác định các nhiệm vụ trọng tâm về công tác thi đua, khen thưởng theo "
    "từng quý như sau; các cơ quan, đơn vị được giao chủ trì chủ động xây dựng kế hoạch chi tiết, phân công cán bộ "
    "theo dõi và báo cáo kết quả theo thời hạn ghi tại từng nhiệm vụ.",
    "Để bảo đảm tiến độ, các nhiệm vụ dưới đây được sắp xếp theo quý; nhiệm vụ không ghi thời hạn riêng được thực "
    "hiện trong quý tương ứng. Trường hợp có vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về {org} để được hướng "
    "dẫn, giải quyết.",
]
QUARTER_INTRO = [
    "Tập trung triển khai các nội dung sau; cơ quan chủ trì chịu trách nhiệm về tiến độ và chất lượng, cơ quan phối "
    "hợp cung cấp thông tin, cử cán bộ tham gia khi được đề nghị:",
    "Các cơ quan, đơn vị chủ động phối hợp thực hiện các nhiệm vụ dưới đây; kết quả được tính vào điểm thi đua của "
    "cơ quan, đơn vị trong năm {y}:",
    "Trong thời gian này cần hoàn thành các nhiệm vụ trọng tâm sau, bảo đảm đúng thời hạn, đúng quy trình, thủ tục "
    "theo quy định của pháp luật về thi đua, khen thưởng:",
    "Bám sát tiến độ, thực hiện các nhiệm vụ sau; nhiệm vụ nào chậm so với thời hạn phải báo cáo rõ nguyên nhân và "
    "đề xuất giải pháp khắc phục:",
]
SCOPE = [
    "Kế hoạch áp dụng đối với các cơ quan, đơn vị, tập thể và cá nhân thuộc phạm vi quản lý của {org}; các tổ chức, "
    "cá nhân khác có đóng góp cho sự phát triển của {place} được xem xét khen thưởng theo quy định của Luật Thi đua, "
    "khen thưởng và các văn bản hướng dẫn thi hành.",
    "Đối tượng thi đua là cán bộ, công chức, viên chức, người lao động và các tập thể thuộc {org}; phạm vi áp dụng "
    "trên địa bàn {place}. Việc xét khen thưởng căn cứ kết quả thực hiện nhiệm vụ được giao và thành tích đạt được "
    "trong phong trào thi đua.",
]
WORK = [
    "Các cơ quan, đơn vị căn cứ nội dung Kế hoạch này xây dựng kế hoạch cụ thể, phát động phong trào thi đua trong "
    "phạm vi quản lý; tổ chức ký kết giao ước thi đua, đăng ký danh hiệu thi đua ngay từ đầu năm và gửi về {org} để "
    "theo dõi, tổng hợp.",
    "Thủ trưởng các cơ quan, đơn vị thường xuyên kiểm tra, đôn đốc việc thực hiện; kịp thời phát hiện những nhân "
    "tố mới, mô hình hay để biểu dương, khen thưởng và đề nghị cấp trên khen thưởng theo quy định.",
    "Các cơ quan thông tin, truyền thông mở chuyên trang, chuyên mục tuyên truyền về các phong trào thi đua, gương "
    "điển hình tiên tiến, người tốt, việc tốt; phản ánh kịp thời kết quả các phong trào thi đua trên địa bàn {place}.",
    "Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội phối hợp tuyên truyền, vận động đoàn viên, "
    "hội viên và Nhân dân tích cực hưởng ứng, tham gia các phong trào thi đua.",
    "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách năm {y} của các cơ quan, đơn vị và Quỹ thi đua, "
    "khen thưởng theo quy định hiện hành.",
]
REPORT_TEXT = [
    "Các cơ quan, đơn vị báo cáo kết quả thực hiện công tác thi đua, khen thưởng 6 tháng đầu năm {y} và tổng kết năm "
    "{y} đúng thời hạn ghi trong Kế hoạch; báo cáo gửi bằng văn bản và qua hệ thống quản lý văn bản điện tử.",
    "Định kỳ hằng quý, các cơ quan, đơn vị tổng hợp kết quả, khó khăn, vướng mắc và đề xuất, kiến nghị; báo cáo gửi "
    "về {org} để tổng hợp, báo cáo cấp trên theo quy định.",
]
CLOSING = [
    "Trên đây là Kế hoạch công tác thi đua, khen thưởng năm {y} của {org}. Trong quá trình tổ chức thực hiện, nếu "
    "có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh kịp thời để được hướng dẫn, giải quyết./.",
    "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện Kế hoạch này./.",
]
BASES = [  # (text, refs, first and last year of the plans that cite it)
    ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
     "        - type: Luật\n          title: Luật Thi đua, khen thưởng\n          date: 2022-06-15\n", 2023, 2100),
    ("Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số "
     "điều của Luật Thi đua, khen thưởng;",
     "        - type: Nghị định\n          number: 91/2017/NĐ-CP\n          date: 2017-07-31\n"
     "          issuer: Chính phủ\n", 2000, 2023),
    ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
     "điều của Luật Thi đua, khen thưởng;",
     "        - type: Nghị định\n          number: 98/2023/NĐ-CP\n          date: 2023-12-31\n"
     "          issuer: Chính phủ\n", 2024, 2100),
    ("Căn cứ Thông tư số 01/2024/TT-BNV ngày 19 tháng 02 năm 2024 của Bộ Nội vụ quy định chi tiết biện pháp thi hành "
     "Luật Thi đua, khen thưởng;",
     "        - type: Thông tư\n          number: 01/2024/TT-BNV\n          date: 2024-02-19\n"
     "          issuer: Bộ Nội vụ\n", 2025, 2100),
]


# --- plans ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Issuer:
    """Who issues one plan, in which year, under which number, about what."""

    agency: Agency
    year: int
    number: int
    theme: tuple[str, str, str]  # slug, plan title, subject

    @property
    def slug(self) -> str:
        """The plan folder's name: issuer, number, theme."""
        return f"{self.agency.id.split('/', 1)[1].replace('/', '-')}-ke-hoach-{self.number}-{self.theme[0]}"


def plan_issuers(agencies: dict[str, Agency], count: int) -> list[Issuer]:
    """Issuer, year and theme of each of the `count` plans.

    The UBND (3 a year) and the departments (1 a year each) issue a bounded
    number; communes and schools issue the rest, round robin over the years.
    """
    ubnd = agencies[f"{NS}/ubnd"]
    departments = [a for a in agencies.values() if a.level == "department"]
    upper = [ubnd, *departments[:6], ubnd, *departments[6:12], ubnd, *departments[12:]]
    local = [a for a in agencies.values() if a.level in ("commune", "school")]
    bounded = min(count // 4, len(upper) * len(YEARS))
    issuers = []
    for index in range(count):
        if index < bounded:
            agency, year = upper[(index // len(YEARS)) % len(upper)], YEARS[index % len(YEARS)]
        else:
            rest = index - bounded
            agency, year = local[rest % len(local)], YEARS[(rest // len(local)) % len(YEARS)]
        themes = THEMES[agency.level]
        issuers.append(Issuer(agency, year, 10 + index, themes[(index // 7) % len(themes)]))
    return issuers


GROUPS = [f"{NS}/{g}" for g in ("cac-so-ban-nganh", "ubnd-cac-xa-phuong", "cac-truong-hoc", "co-quan-thong-tin",
                                 "co-quan-don-vi-dia-phuong")]
QUARTER_LAST = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
SIGNERS = {"so": "GIÁM ĐỐC", "thanh": "CHÁNH THANH TRA", "van": "CHÁNH VĂN PHÒNG", "ban": "TRƯỞNG BAN",
           "dai": "GIÁM ĐỐC", "bao": "TỔNG BIÊN TẬP", "cong": "GIÁM ĐỐC", "bo": "CHỈ HUY TRƯỞNG"}


class PlanWriter:
    """One plan's ke-hoach.yml and noi-dung.md, drawn from its own seeded random stream."""

    def __init__(self, issuer: Issuer, agencies: dict[str, Agency], departments: list[str], stale: bool = False):
        self.rng = random.Random(f"{SEED}:{issuer.number}")
        self.stale = stale  # copy last year's year into the first task's title, as real plans do (KH501)
        self.departments = departments
        self.issuer, self.agencies, self.agency, self.year = issuer, agencies, issuer.agency, issuer.year
        self.issued = _workday(self.rng, date(self.year, 1, 5), date(self.year, 1, 23))
        level = self.agency.level
        area = self.agencies[self.agency.parent or ""] if level == "school" else self.agency
        place = f"tỉnh {PROVINCE}" if level in ("province", "department") else area.short[0].removeprefix("UBND ")
        self.words = {"y": self.year, "n": self.year + 1, "org": self.agency.short[0], "place": place}
        self.sections = [(f"quy-{roman(q).lower()}", f"{q}.", f"Nhiệm vụ trọng tâm quý {roman(q)}", q)
                         for q in range(1, 5)]
        self.sections.append(("thuong-xuyen", "5.", "Nhiệm vụ thường xuyên", 0))
        if level in ("province", "department"):
            self.sections.append(("to-chuc-thuc-hien", "III", "Trách nhiệm của các cơ quan, đơn vị", -1))

    def text(self, template: str) -> str:
        return template.format(**self.words)

    # -- the YAML ------------------------------------------------------------------

    def yaml(self) -> str:
        """The plan's ke-hoach.yml."""
        title, subject = (self.text(t) for t in self.issuer.theme[1:])
        out = [PLAN_SCHEMA, f"schema_version: 1\nyear: {self.year}\n",
               folded("title", f"{self.agency.short[0]} – {title}", 0), self._document(subject), "sections:\n"]
        for section_id, number, heading, q in self.sections:
            out.append(f"  - id: {section_id}\n    number: \"{number}\"\n    title: {heading}\n")
            if q > 0:
                out.append(f"    period:\n      text: Quý {roman(q)}/{self.year}\n      quarter: {self.year}-Q{q}\n")
            elif q == 0:
                out.append("    period:\n      text: Thường xuyên\n      ongoing: true\n")
        out.append("tasks:\n")
        for section_id, _, _, q in self.sections:
            out.extend(self._tasks(section_id, q))
        if self.stale:  # "… năm 2023." left in a 2024 plan: a warning with a position, like the real plans'
            first = next(index for index, line in enumerate(out) if line.startswith("    title: "))
            out[first] = (out[first].rstrip("\n").removesuffix(".")
                          + f" như kế hoạch thi đua, khen thưởng năm {self.year - 1}.\n")
        out.append(self._reporting())
        return "".join(out)

    def _document(self, subject: str) -> str:
        agency, level, rng = self.agency, self.agency.level, self.rng
        parent = {"department": f"UBND TỈNH {PROVINCE.upper()}",
                  "school": self.agencies[agency.parent or ""].short[0].upper() if level == "school" else ""}
        out = ["document:\n  type: Kế hoạch\n"]
        if parent.get(level):
            out.append(f"  parent: {parent[level]}\n")
        printed = agency.name if level in ("province", "commune", "school") else agency.short[0]
        out.append(f"  issuer_name: {scalar(printed.upper())}\n  issuer: {agency.id}\n"
                   f"  number: \"{self.issuer.number}\"\n  symbol: KH-{agency.symbol}\n"
                   f"  place: {agency.place}\n  date: {self.issued.isoformat()}\n")
        out.append(folded("subject", subject, 2) + "  legal_bases:\n")
        for text, refs, first, last in BASES:
            if first <= self.year <= last:
                out.append(folded("text", text, 4, item=True) + "      refs:\n" + refs)
        out.append("  body: noi-dung.md\n  recipients:\n")
        for text, agency_id in self._recipients():
            out.append(f"    - text: {scalar(text)}\n" + (f"      agency: {agency_id}\n" if agency_id else ""))
        if level in ("province", "commune"):
            deputy = level == "province" and rng.random() < 0.7
            capacity = "      - kind: TM.\n        of: ỦY BAN NHÂN DÂN\n" + (
                "      - kind: KT.\n        of: CHỦ TỊCH\n" if deputy else "")
            title = "PHÓ CHỦ TỊCH" if deputy else "CHỦ TỊCH"
        else:
            head = "HIỆU TRƯỞNG" if level == "school" else SIGNERS[agency.id.split("/")[1].split("-")[0]]
            deputy = rng.random() < 0.4
            capacity = f"      - kind: KT.\n        of: {head}\n" if deputy else ""
            title = f"PHÓ {head}" if deputy else head
        out.append("  signer:\n" + (f"    capacity:\n{capacity}" if capacity else "")
                   + f"    title: {title}\n    name: {_name(rng)}\n")
        return "".join(out)

    def _recipients(self) -> list[tuple[str, str | None]]:
        level, agency = self.agency.level, self.agency
        found: list[tuple[str, str | None]] = []
        if level == "province":
            found += [("Ban Thi đua - Khen thưởng Trung ương;", "trung-uong/ban-tdkt"),
                      ("Thường trực Tỉnh ủy, HĐND tỉnh;", None),
                      ("Các sở, ban, ngành tỉnh;", f"{NS}/cac-so-ban-nganh"),
                      ("UBND các xã, phường;", f"{NS}/ubnd-cac-xa-phuong")]
        elif level == "department":
            found += [("UBND tỉnh (để báo cáo);", f"{NS}/ubnd"), ("Sở Nội vụ;", f"{NS}/so-noi-vu"),
                      ("Các phòng, đơn vị thuộc Sở;", None)]
        elif level == "commune":
            found += [("UBND tỉnh (qua Sở Nội vụ);", f"{NS}/ubnd"), ("TT Đảng ủy, HĐND xã;", None)]
            found += [(f"{self.agencies[s].name};", s) for s in agency.schools]
        else:
            found += [(f"{self.agencies[agency.parent or ''].short[0]};", agency.parent),
                      ("Sở Giáo dục và Đào tạo;", f"{NS}/so-giao-duc-dao-tao"), ("Các tổ chuyên môn;", None)]
        return [*found, ("Lưu: VT.", None)]

    # -- tasks ---------------------------------------------------------------------

    def _tasks(self, section_id: str, q: int) -> list[str]:
        rng = self.rng
        pool, sizes = ((QUARTERS[q - 1], (5, 8)) if q > 0 else (ONGOING, (3, 7)) if q == 0 else (STANDING, (2, 4)))
        out = []
        for k, pick in enumerate(rng.sample(range(len(pool)), min(rng.randint(*sizes), len(pool))), 1):
            title = self.text(pool[pick] + rng.choice(TAILS))
            conditional = rng.random() < 0.05
            out.append(f"  - id: {section_id}-{k:02d}\n    section: {section_id}\n    number: \"{k}.\"\n")
            out.append(folded("title", f"{title} (nếu có)." if conditional else f"{title}.", 4))
            text, meaning, last = self._deadline(q)
            if text:
                out.append(f"    deadline:\n      text: {scalar(text)}\n      {meaning}\n")
            lead, partners, lead_text = self._people(q)
            out.append(f"    lead: [{lead}]\n")
            if partners:
                out.append(f"    partners: [{', '.join(partners)}]\n")
            if lead_text:
                out.append(f"    lead_text: {scalar(lead_text)}\n")
            if rng.random() < 0.15:
                out.append(f"    note: {scalar(self.text('Báo cáo kết quả về {org} trước khi tổng kết năm.'))}\n")
            if conditional:
                out.append("    conditional: true\n")
            out.append(self._status(last, lead))
        return out

    def _deadline(self, q: int) -> tuple[str | None, str, date | None]:
        """Phrase, meaning (a YAML line) and last day of one task's deadline; no phrase: the section's."""
        rng, y = self.rng, self.year
        if q <= 0:
            r = rng.random()
            if q < 0 and r < 0.6 or q == 0 and r < 0.2:
                return None, "", None
            if q == 0 and r > 0.85 and self.agency.level == "school":
                return f"Trong năm học {y - 1}-{y}", f"school_year: {y - 1}-{y}", date(y, 8, 31)
            return rng.choice(["Thường xuyên", "Cả năm", f"Thường xuyên trong năm {y}"]), "ongoing: true", None
        first, last = max(date(y, 3 * q - 2, 1), self.issued + timedelta(days=7)), date(y, *QUARTER_LAST[q])
        r = rng.random()
        if r < 0.2:
            return None, "", last
        if r < 0.45:
            day = _workday(rng, first, last - timedelta(days=2))
            x = day + timedelta(days=1)
            text = rng.choice([f"trước ngày {x.day}/{x.month}/{y}", f"Trước ngày {x.day} tháng {x.month} năm {y}",
                               f"trước ngày {x.day}/{x.month}"])
            return text, f"before: {x.isoformat()}", day
        if r < 0.75:
            day = _workday(rng, first, last)
            if r < 0.65:
                text = rng.choice([f"chậm nhất ngày {day.day}/{day.month}/{y}",
                                   f"Chậm nhất ngày {day.day}/{day.month}"])
                return text, f"by: {day.isoformat()}", day
            text = rng.choice([f"ngày {day.day}/{day.month}/{y}", f"Ngày {day.day} tháng {day.month} năm {y}"])
            return text, f"date: {day.isoformat()}", day
        if r < 0.9:
            month = rng.choice([m for m in range(3 * q - 2, 3 * q + 1) if date(y, m, 28) >= first])
            end = date(y, month + 1, 1) - timedelta(days=1) if month < 12 else date(y, 12, 31)
            return rng.choice([f"Tháng {month}/{y}", f"Trong tháng {month}"]), f"month: {y}-{month:02d}", end
        if r < 0.95 or q in (1, 3):
            return rng.choice([f"Quý {roman(q)}/{y}", f"Trong quý {roman(q)}"]), f"quarter: {y}-Q{q}", last
        return f"6 tháng {'đầu' if q == 2 else 'cuối'} năm {y}", f"half: {y}-H{q // 2}", last

    def _people(self, q: int) -> tuple[str, list[str], str | None]:
        """Lead, partners and (sometimes) the lead as the source wrote it."""
        rng, agency, level = self.rng, self.agency, self.agency.level
        departments = self.departments
        if level in ("province", "department"):
            r = rng.random()
            if q < 0 or r < 0.3:
                lead = rng.choice(GROUPS)
            elif level == "department" and r < 0.8:
                lead = agency.id
            else:
                lead = rng.choice(departments)
            partners = rng.sample([d for d in departments if d != lead], rng.randint(0, 2))
        elif level == "commune":
            lead = rng.choice(agency.schools) if agency.schools and rng.random() < 0.25 else agency.id
            helpers = [s for s in agency.schools if s != lead] + [f"{NS}/so-noi-vu", f"{NS}/cong-an-tinh",
                                                                  f"{NS}/so-van-hoa-the-thao-du-lich"]
            partners = rng.sample(helpers, rng.randint(0, 2))
        else:
            lead = agency.id
            partners = rng.sample([agency.parent or "", f"{NS}/so-giao-duc-dao-tao"], rng.randint(0, 1))
        shown = self.agencies[lead]
        return lead, partners, shown.short[0] if shown.level == "group" and rng.random() < 0.5 else None

    def _status(self, last: date | None, lead: str) -> str:
        """Where the task stands on STATUS_DAY: mostly done when due before it, with the report as proof."""
        rng, r = self.rng, self.rng.random()
        if last is None or last >= STATUS_DAY:
            return "    status:\n      state: in_progress\n" if r < 0.3 else ""
        if r < 0.85:
            done = _workday(rng, min(last, STATUS_DAY), min(last + timedelta(days=6), STATUS_DAY))
            who = self.agencies[lead] if self.agencies[lead].level != "group" else self.agency
            return (f"    status:\n      state: done\n      proof:\n        type: Báo cáo\n"
                    f"        number: {rng.randint(3, 250)}/BC-{who.symbol}\n        date: {done.isoformat()}\n"
                    f"        issuer: {scalar(who.short[0])}\n")
        if r < 0.95:
            return "    status:\n      state: in_progress\n      note: Đang hoàn thiện hồ sơ, báo cáo.\n"
        return ""  # overdue: not started and past its deadline

    # -- reporting duties ----------------------------------------------------------

    def _reporting(self) -> str:
        rng, y, agency, level = self.rng, self.year, self.agency, self.agency.level
        reporters = {"province": [f"{NS}/cac-so-ban-nganh", f"{NS}/ubnd-cac-xa-phuong"], "department": [agency.id],
                     "commune": [agency.id, *agency.schools], "school": [agency.id]}[level]
        recipient = agency.parent if level == "school" else f"{NS}/ubnd"
        via = f"{NS}/so-noi-vu" if level != "school" and agency.id != f"{NS}/so-noi-vu" else None
        duties = [("bao-cao-6-thang", "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {y}", 6, "before"),
                  ("bao-cao-nam", "Báo cáo tổng kết công tác thi đua, khen thưởng năm {y}", 11, "before")]
        if rng.random() < 0.5:
            duties.insert(1, ("bao-cao-quy-iii", "Báo cáo kết quả thực hiện phong trào thi đua quý III năm {y}", 9,
                              "by"))
        out = ["reporting:\n"]
        for duty_id, title, month, kind in duties:
            day = _workday(rng, date(y, month, 9), date(y, month, 19))
            x = day + timedelta(days=1) if kind == "before" else day
            phrase = f"{'trước' if kind == 'before' else 'chậm nhất'} ngày {x.day}/{month}/{y}"
            out.append(f"  - id: {duty_id}\n" + folded("title", self.text(title), 4)
                       + f"    deadline:\n      text: {phrase}\n      {kind}: {x.isoformat()}\n"
                       + f"    reporters: [{', '.join(reporters)}]\n    recipient: {recipient}\n"
                       + (f"    via: {via}\n" if via else "")
                       + folded("text", f"{self.agencies[reporters[0]].short[0]} gửi báo cáo về "
                                f"{self.agencies[recipient or ''].short[0]}"
                                + (f" (qua {self.agencies[via].short[0]})" if via else "") + f" {phrase}.", 4))
        return "".join(out)

    # -- the Markdown body ---------------------------------------------------------

    def body(self) -> str:
        """noi-dung.md: purpose, the quarter sections with their markers, organisation, reporting."""
        rng = self.rng
        out = ["## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n"]
        out += [f"- {self.text(p)}\n\n" for p in rng.sample(PURPOSE, rng.randint(3, len(PURPOSE)))]
        out.append("### 2. Yêu cầu\n\n")
        out += [f"- {self.text(p)}\n\n" for p in rng.sample(REQUIREMENT, rng.randint(2, len(REQUIREMENT)))]
        out.append(f"### 3. Đối tượng, phạm vi\n\n{self.text(rng.choice(SCOPE))}\n\n")
        out.append(f"## II. NHIỆM VỤ TRỌNG TÂM\n\n{self.text(rng.choice(INTRO))}\n\n")
        for section_id, number, heading, q in self.sections:
            if q >= 0:
                out.append(f"### {number} {heading}\n\n{self.text(rng.choice(QUARTER_INTRO))}\n\n"
                           f"<!-- nhiem-vu: {section_id} -->\n\n")
        out.append("## III. TỔ CHỨC THỰC HIỆN\n\n")
        out += [f"{self.text(p)}\n\n" for p in rng.sample(WORK, rng.randint(3, len(WORK)))]
        if self.sections[-1][3] < 0:
            out.append("<!-- nhiem-vu: to-chuc-thuc-hien -->\n\n")
        out.append("## IV. CHẾ ĐỘ BÁO CÁO\n\n")
        out += [f"{self.text(p)}\n\n" for p in REPORT_TEXT]
        out.append(self.text(rng.choice(CLOSING)) + "\n")
        return "".join(out)


FINDINGS = 0.25  # share of plans with a warning: three of the four real plans have one


def write_province(root: Path, count: int, findings: float = FINDINGS) -> list[Path]:
    """Write the registry and `count` plans under root/plans; return every YAML file written.

    A share `findings` of the plans (chosen by a stream of their own, so the rest are the same
    for any share) carry a stale year in a task title: `kehoach check` warns (KH501) at its line,
    as it does on real plans. `findings=0` gives a province that passes `kehoach check --strict`.
    """
    pick = random.Random(f"{SEED}:findings")
    agencies = registry(count)
    folder = root / "plans" / "agencies"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for namespace in sorted({agency_id.split("/")[0] for agency_id in agencies}):
        path = folder / f"{namespace}.yml"
        members = [a for a in agencies.values() if a.id.split("/")[0] == namespace]
        path.write_bytes(nfc(registry_yaml(members)).encode("utf-8"))
        written.append(path)
    departments = [a.id for a in agencies.values() if a.level == "department"]
    for issuer in plan_issuers(agencies, count):
        plan = PlanWriter(issuer, agencies, departments, stale=pick.random() < findings)
        target = root / "plans" / str(issuer.year) / issuer.slug
        target.mkdir(parents=True, exist_ok=True)
        (target / "ke-hoach.yml").write_bytes(nfc(plan.yaml()).encode("utf-8"))
        (target / "noi-dung.md").write_bytes(nfc(plan.body()).encode("utf-8"))
        written.append(target / "ke-hoach.yml")
    return written


def main() -> None:
    """`python bench/province.py ROOT N`: write a province, for a look at it."""
    import sys

    root, count = Path(sys.argv[1]), int(sys.argv[2])
    print(f"{len(write_province(root, count))} YAML files under {root / 'plans'}")


if __name__ == "__main__":
    main()
