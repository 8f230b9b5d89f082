"""Benchmark: `kehoach check` against libyaml alone on the same plan files.

Generates N plans of 30 tasks (deterministic Vietnamese text, real deadline
forms, agencies from one registry) into a temporary folder, then prints

  (a) the time libyaml (`yaml.load` with `yaml.CSafeLoader`) takes to read and
      parse every YAML file of the tree, and
  (b) the time `load_corpus` + `check_corpus` take in-process on the same tree,

each the median of 3 interleaved runs, and their ratio. Issue 2's budget:
ratio <= 1.3. The ratio is taken on CPU time of this process (wall time is
printed too): on a shared machine other processes distort wall time.

    .venv/bin/python bench/bench_check.py            # N=1000, median of 3
    .venv/bin/python bench/bench_check.py --quick    # N=50, 1 run (smoke test)
    .venv/bin/python bench/bench_check.py --profile  # adds a cProfile of (b)
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from kehoach.checks import check_corpus
from kehoach.loader import load_corpus

BUDGET = 1.3
HEADER = "# yaml-language-server: $schema=../../../schema/ke-hoach.schema.json\n"
PROVINCES = ["son-la", "dong-nai", "lai-chau", "ha-giang", "nghe-an", "quang-nam", "ca-mau", "bac-ninh"]
DEPARTMENTS = [
    ("so-noi-vu", "Sở Nội vụ"), ("so-tai-chinh", "Sở Tài chính"), ("so-giao-duc", "Sở Giáo dục và Đào tạo"),
    ("so-y-te", "Sở Y tế"), ("so-van-hoa", "Sở Văn hóa, Thể thao và Du lịch"), ("so-tu-phap", "Sở Tư pháp"),
    ("so-xay-dung", "Sở Xây dựng"), ("so-nong-nghiep", "Sở Nông nghiệp và Môi trường"),
    ("so-khoa-hoc", "Sở Khoa học và Công nghệ"), ("so-cong-thuong", "Sở Công Thương"),
]
VERBS = ["Tổ chức", "Triển khai", "Hướng dẫn", "Kiểm tra, đôn đốc", "Tổng hợp, báo cáo", "Phát động", "Tuyên truyền",
         "Sơ kết", "Tổng kết", "Thẩm định hồ sơ"]
OBJECTS = ["phong trào thi đua yêu nước", "công tác khen thưởng đột xuất", "các điển hình tiên tiến",
           "phong trào «Dân vận khéo»", "hồ sơ đề nghị tặng Cờ thi đua của Chính phủ",
           "danh hiệu Chiến sĩ thi đua cấp tỉnh", "công tác thi đua của cụm, khối thi đua",
           "việc xét tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "sáng kiến, đề tài khoa học"]
TAILS = ["trên địa bàn tỉnh", "tại các cơ quan, đơn vị", "đối với cán bộ, công chức, viên chức và người lao động",
         "gắn với nhiệm vụ chính trị của từng ngành", "bảo đảm đúng quy định của Luật Thi đua, khen thưởng"]


def _deadline(year: int, n: int) -> str:
    day, month = 5 + n % 20, 1 + n % 12
    forms = [
        f'      text: "chậm nhất ngày {day}/{month}/{year}"\n      by: {year}-{month:02d}-{day:02d}\n',
        f'      text: "trước ngày {day} tháng {month} năm {year}"\n      before: {year}-{month:02d}-{day:02d}\n',
        f'      text: "Tháng {month}/{year}"\n      month: {year}-{month:02d}\n',
        f'      text: "Quý {["I", "II", "III", "IV"][n % 4]}/{year}"\n      quarter: {year}-Q{n % 4 + 1}\n',
        "      text: Thường xuyên\n      ongoing: true\n",
        f'      text: "6 tháng đầu năm {year}"\n      half: {year}-H1\n',
    ]
    return forms[n % len(forms)]


def _task(province: str, year: int, plan: int, n: int) -> str:
    lead = DEPARTMENTS[(plan + n) % len(DEPARTMENTS)][0]
    partners = ", ".join(f"{province}/{DEPARTMENTS[(plan + n + k) % len(DEPARTMENTS)][0]}" for k in (1, 2))
    title = (f"{VERBS[(plan + n) % len(VERBS)]} {OBJECTS[(plan * 7 + n) % len(OBJECTS)]} "
             f"{TAILS[(plan + 3 * n) % len(TAILS)]} (nhiệm vụ số {n + 1}).")
    section = ["quy-i", "quy-ii", "quy-iii", "quy-iv", "thuong-xuyen"][n % 5]
    return (f"  - id: nhiem-vu-{n + 1:02d}\n    section: {section}\n    number: \"{n + 1}.\"\n"
            f"    title: >-\n      {title}\n    deadline:\n{_deadline(year, n)}"
            f"    lead: [{province}/{lead}]\n    partners: [{partners}]\n"
            f"    note: Báo cáo kết quả về {DEPARTMENTS[0][1]} để tổng hợp.\n")


def plan_yaml(province: str, year: int, plan: int) -> str:
    """One synthetic plan of 30 tasks, shaped like the real ones under plans/."""
    sections = "".join(
        f"  - id: quy-{q.lower()}\n    number: \"{i + 1}.\"\n    title: Nhiệm vụ quý {q}\n"
        f"    period:\n      text: Quý {q}\n      quarter: {year}-Q{i + 1}\n"
        for i, q in enumerate(["I", "II", "III", "IV"]))
    return (
        f"{HEADER}schema_version: 1\nyear: {year}\ntitle: Kế hoạch công tác thi đua, khen thưởng năm {year} số {plan}\n"
        f"document:\n  type: Kế hoạch\n  parent: UBND TỈNH\n  issuer_name: ỦY BAN NHÂN DÂN TỈNH\n"
        f"  issuer: {province}/ubnd\n  number: \"{plan}\"\n  symbol: KH-UBND\n  place: Tỉnh\n"
        f"  date: {year}-01-03\n  subject: Công tác thi đua, khen thưởng năm {year}\n"
        f"  legal_bases:\n    - text: Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        f"      refs:\n        - type: Luật\n          title: Luật Thi đua, khen thưởng\n          date: 2022-06-15\n"
        f"    - text: Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;\n"
        f"      refs:\n        - type: Nghị định\n          number: 98/2023/NĐ-CP\n          date: 2023-12-31\n"
        f"          issuer: Chính phủ\n"
        f"  body: noi-dung.md\n  recipients:\n    - text: Các sở, ban, ngành tỉnh;\n    - text: \"Lưu: VT.\"\n"
        f"  signer:\n    capacity:\n      - kind: KT.\n        of: CHỦ TỊCH\n    title: PHÓ CHỦ TỊCH\n"
        f"    name: Nguyễn Văn An\n"
        f"sections:\n{sections}  - id: thuong-xuyen\n    number: \"5.\"\n    title: Nhiệm vụ thường xuyên\n"
        f"tasks:\n{''.join(_task(province, year, plan, n) for n in range(30))}"
        f"reporting:\n  - id: bao-cao-6-thang\n    title: Báo cáo sơ kết 6 tháng\n    deadline:\n"
        f"      text: \"trước ngày 12/6/{year}\"\n      before: {year}-06-12\n"
        f"    reporters: [{province}/so-tai-chinh]\n    recipient: {province}/so-noi-vu\n")


BODY = ("## I. MỤC ĐÍCH, YÊU CẦU\n\nĐẩy mạnh các phong trào thi đua yêu nước, cổ vũ tinh thần quyết tâm "
        "thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội.\n\n## II. NHIỆM VỤ\n\n"
        + "".join(f"### {i}. Quý {q}\n\n<!-- nhiem-vu: quy-{q.lower()} -->\n\n"
                  for i, q in enumerate(["I", "II", "III", "IV"], 1))
        + "## III. TỔ CHỨC THỰC HIỆN\n\n<!-- nhiem-vu: thuong-xuyen -->\n")


def registry_yaml(province: str) -> str:
    """The agencies of one province."""
    rows = [f"  - id: {province}/ubnd\n    name: Ủy ban nhân dân tỉnh\n    short: [UBND tỉnh]\n    kind: government\n"]
    rows += [f"  - id: {province}/{slug}\n    name: {name}\n    short: [{name} tỉnh]\n    kind: department\n"
             f"    parent: {province}/ubnd\n" for slug, name in DEPARTMENTS]
    head = "# yaml-language-server: $schema=../../schema/co-quan.schema.json\nschema_version: 1\nagencies:\n"
    return head + "".join(rows)


def generate(root: Path, count: int) -> list[Path]:
    """Write `count` plans and their registries under root/plans; return every YAML file."""
    (root / "plans" / "agencies").mkdir(parents=True)
    files = []
    for province in PROVINCES:
        path = root / "plans" / "agencies" / f"{province}.yml"
        path.write_text(registry_yaml(province), encoding="utf-8")
        files.append(path)
    for plan in range(count):
        province, year = PROVINCES[plan % len(PROVINCES)], 2023 + plan % 3
        folder = root / "plans" / str(year) / f"ke-hoach-{plan:05d}"
        folder.mkdir(parents=True)
        (folder / "ke-hoach.yml").write_text(plan_yaml(province, year, plan), encoding="utf-8")
        (folder / "noi-dung.md").write_text(BODY, encoding="utf-8")
        files.append(folder / "ke-hoach.yml")
    return files


def libyaml_only(files: list[Path]) -> None:
    """The floor: read and parse every YAML file with libyaml, nothing else."""
    gc.disable()
    try:
        for path in files:
            yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    finally:
        gc.enable()


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of this process and wall seconds taken by one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return time.process_time() - cpu, time.perf_counter() - wall


def compare(floor: Callable[[], object], ours: Callable[[], object], runs: int) -> dict[str, float]:
    """Median CPU and wall times of both, runs interleaved so machine noise hits both alike."""
    samples: dict[str, list[float]] = {"a_cpu": [], "a_wall": [], "b_cpu": [], "b_wall": []}
    for _ in range(runs):
        for name, action in (("a", floor), ("b", ours)):
            cpu, wall = timed(action)
            samples[f"{name}_cpu"].append(cpu)
            samples[f"{name}_wall"].append(wall)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N=50 and one run, to prove the bench runs")
    parser.add_argument("-n", type=int, default=None, help="number of plans (default 1000)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of load_corpus + check_corpus")
    args = parser.parse_args()
    count, runs = (args.n or 50, 1) if args.quick else (args.n or 1000, 3)
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        root = Path(tmp)
        files = generate(root, count)

        def check() -> None:
            corpus = load_corpus([root / "plans"], base=root, freeze=True)  # as `kehoach check` loads
            findings = check_corpus(corpus)
            assert len(corpus.plans) == count, [f.as_text() for f in findings[:5]]
            assert not [f for f in findings if f.severity == "error"], [f.as_text() for f in findings[:5]]

        check()  # warm caches (holidays, imports) once before timing
        t = compare(lambda: libyaml_only(files), check, runs)
        print(f"plans: {count} x 30 tasks, {len(files)} YAML files, median of {runs} (CPU time; wall in brackets)")
        print(f"(a) libyaml alone (yaml.CSafeLoader): {t['a_cpu']:.3f} s [{t['a_wall']:.3f} s] "
              f"{t['a_cpu'] / count * 1000:.2f} ms/plan")
        print(f"(b) load_corpus + check_corpus:       {t['b_cpu']:.3f} s [{t['b_wall']:.3f} s] "
              f"{t['b_cpu'] / count * 1000:.2f} ms/plan")
        print(f"ratio (b)/(a): {t['b_cpu'] / t['a_cpu']:.2f} CPU, {t['b_wall'] / t['a_wall']:.2f} wall "
              f"(budget {BUDGET})")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(check)
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
