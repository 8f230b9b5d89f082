"""The plan format: pydantic models for plans, documents, tasks and agencies.

Plans are values: every model is frozen and forbids unknown fields, so a typo in
YAML is an error rather than silently lost data. The JSON Schema editors use is
generated from these classes (`kehoach schema`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .text import YEARS

SCHEMA_VERSION = 1


def _not_a_number(value: Any) -> Any:
    """Refuse a number where a date belongs: pydantic would read 1736467200 as seconds since 1970."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_type", "a number is not a date")
    return value


def _plausible_year(value: Any) -> Any:
    """Refuse a date, month, quarter or period whose year is outside `YEARS`."""
    year = value.year if isinstance(value, dt.date) else int(str(value)[:4])
    if not YEARS[0] <= year <= YEARS[1]:
        raise PydanticCustomError("year_range", "year out of range")
    return value


def _one_school_year(value: str) -> str:
    """Refuse a school year that is not two consecutive years (2022-2023)."""
    first, second = (int(part) for part in value.split("-"))
    if second != first + 1:
        raise PydanticCustomError("school_year", "not two consecutive years")
    return value


Day = Annotated[dt.date, BeforeValidator(_not_a_number),
                      AfterValidator(_plausible_year)]

AgencyId = Annotated[str, Field(pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)+$",
                                description="Mã cơ quan, có tiền tố địa bàn: son-la/so-noi-vu")]
AgencyRef = Annotated[str, Field(min_length=1, description="Mã cơ quan trong danh mục: son-la/so-noi-vu")]
TaskId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$",
                              description="Mã nhiệm vụ, cố định, dùng làm neo #mã trên trang")]
Text = Annotated[str, Field(min_length=1)]
YearMonth = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="Tháng: 2024-05"),
                      AfterValidator(_plausible_year)]
YearQuarter = Annotated[str, Field(pattern=r"^\d{4}-Q[1-4]$", description="Quý: 2024-Q3"),
                      AfterValidator(_plausible_year)]
YearHalf = Annotated[str, Field(pattern=r"^\d{4}-H[12]$", description="Nửa năm: 2024-H1"),
                      AfterValidator(_plausible_year)]
SchoolYear = Annotated[str, Field(pattern=r"^\d{4}-\d{4}$", description="Năm học: 2022-2023"),
                       AfterValidator(_plausible_year), AfterValidator(_one_school_year)]
PartialDate = Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$",
                                   description="Ngày chưa điền đủ: chỉ năm (2024) hoặc năm-tháng (2024-02)"),
                        AfterValidator(_plausible_year)]


class Model(BaseModel):
    """Base of every plan model: frozen values, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of the fields the YAML gave with every model that gave the same ones.

        pydantic keeps that set on each instance; a province's plans are some
        400,000 models holding a few dozen distinct sets, a fifth of their memory.
        Sharing is safe because a frozen model never adds to its set, and
        `model_copy` copies the set before it does.
        """
        given = self.__pydantic_fields_set__
        shared = _FIELD_SETS.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)


_FIELD_SETS: dict[frozenset[str], set[str]] = {}


class DocRef(Model):
    """A reference to a legal or administrative document (căn cứ, proof, link)."""

    type: Text = Field(description="Loại văn bản: Luật, Nghị định, Thông tư, Quyết định, Kế hoạch…")
    number: Text | None = Field(None, description="Số, ký hiệu: 98/2023/NĐ-CP")
    date: Day | None = Field(None, description="Ngày ban hành")
    issuer: Text | None = Field(None, description="Cơ quan, người ban hành: Chính phủ")
    title: Text | None = Field(None, description="Trích yếu")
    url: Text | None = None


class LegalBasis(Model):
    """One căn cứ paragraph: its exact words and the documents it cites."""

    text: Text = Field(description="Nguyên văn đoạn căn cứ")
    refs: list[DocRef] = Field(default_factory=list, description="Các văn bản được viện dẫn trong đoạn")


class Capacity(Model):
    """A signing capacity line: TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH…"""

    kind: Literal["TM.", "KT.", "Q.", "TL.", "TUQ."]
    of: Text = Field(description="Tập thể hoặc chức danh đứng sau: ỦY BAN NHÂN DÂN, CHỦ TỊCH")


class Signer(Model):
    """The signature block."""

    capacity: list[Capacity] = Field(default_factory=list)
    title: Text | None = Field(None, description="Chức vụ người ký: PHÓ CHỦ TỊCH")
    name: Text | None = Field(None, description="Họ tên người ký; bỏ trống nếu bản nguồn không ghi")


class Recipient(Model):
    """One line of "Nơi nhận", word for word, optionally linked to an agency."""

    text: Text
    agency: AgencyRef | None = None


class Document(Model):
    """The header, căn cứ, body and signature of one administrative document."""

    type: Text = Field(description="Tên loại: Kế hoạch, Quyết định")
    parent: Text | None = Field(None, description="Tên cơ quan chủ quản, như in: UBND TỈNH ĐỒNG NAI")
    issuer_name: Text | None = Field(None, description="Tên cơ quan ban hành, như in: SỞ NỘI VỤ")
    issuer: AgencyRef | None = None
    number: Text | None = Field(None, description="Số; bỏ trống nếu văn bản chưa lấy số")
    symbol: Text | None = Field(None, description="Ký hiệu: KH-UBND")
    place: Text | None = Field(None, description="Địa danh: Đồng Nai")
    date: Day | PartialDate | None = Field(None, description="Ngày ban hành")
    subject: Text | None = Field(None, description="Trích yếu")
    attached_to: Text | None = Field(
        None, description="Dòng ghi văn bản này ban hành kèm theo văn bản nào, nguyên văn: "
                          "(Ban hành kèm theo Quyết định số 43 …)")
    issuing_title: Text | None = Field(
        None, description="Thẩm quyền ban hành in dưới trích yếu quyết định: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    body: Text | None = Field(None, description="Tệp Markdown chứa phần nội dung: noi-dung.md")
    recipients: list[Recipient] = Field(default_factory=list)
    signer: Signer | None = None


class Deadline(Model):
    """A deadline as written and as understood.

    `text` keeps the phrase of the source; exactly one of the other fields says
    what it means. A deadline with only `text` (or nothing) is "not given".
    """

    text: Text | None = Field(None, description="Nguyên văn thời hạn: trước ngày 15/3/2023, Quý III")
    date: Day | None = Field(None, description="Đúng ngày: 15/6")
    before: Day | None = Field(None, description="Trước ngày X (hạn cuối là ngày trước X)")
    by: Day | None = Field(None, description="Chậm nhất ngày X (hạn cuối là X)")
    month: YearMonth | None = None
    quarter: YearQuarter | None = None
    half: YearHalf | None = None
    school_year: SchoolYear | None = None
    ongoing: bool = Field(False, description="Thường xuyên")

    @model_validator(mode="after")
    def _one_meaning(self) -> Deadline:
        meanings = [name for name in MEANINGS if getattr(self, name)]
        if len(meanings) > 1:
            raise ValueError(f"thời hạn chỉ được có một cách hiểu, đang có {len(meanings)}: {', '.join(meanings)}")
        return self


MEANINGS = ("date", "before", "by", "month", "quarter", "half", "school_year", "ongoing")

State = Literal["not_started", "in_progress", "done"]


class Status(Model):
    """Where a task stands, and the document that proves it is done."""

    state: State = "not_started"
    proof: DocRef | None = Field(None, description="Văn bản chứng minh đã hoàn thành (báo cáo, quyết định)")
    note: Text | None = None


class Section(Model):
    """A heading tasks are listed under, with the period it implies."""

    id: TaskId
    number: Text | None = Field(None, description="Số mục như in: I, 1, 2.")
    title: Text
    period: Deadline | None = Field(None, description="Thời hạn chung của các nhiệm vụ trong mục")


class Task(Model):
    """One task of a plan."""

    id: TaskId
    section: TaskId
    number: Text | None = Field(None, description="Số thứ tự như in trong bảng (TT)")
    title: Text
    deadline: Deadline | None = None
    lead: list[AgencyRef] = Field(default_factory=list, description="Cơ quan chủ trì")
    partners: list[AgencyRef] = Field(default_factory=list, description="Cơ quan phối hợp")
    lead_text: Text | None = Field(None, description="Ô chủ trì nguyên văn, khi khác tên trong danh mục")
    partners_text: Text | None = Field(None, description="Ô phối hợp nguyên văn, khi khác tên trong danh mục")
    note: Text | None = None
    conditional: bool = Field(False, description="Nhiệm vụ có ghi “(nếu có)”")
    status: Status = Field(default_factory=Status)


class Submission(Model):
    """One unit's report sent for a reporting duty: who sent it, its number and date."""

    agency: AgencyRef = Field(description="Đơn vị đã gửi báo cáo")
    number: Text | None = Field(None, description="Số, ký hiệu báo cáo: 25/BC-UBND")
    date: dt.date = Field(description="Ngày báo cáo")
    note: Text | None = None


class ReportingDuty(Model):
    """A recurring report the plan asks for (6-month report by 15/6…)."""

    id: TaskId
    title: Text
    deadline: Deadline
    reporters: list[AgencyRef] = Field(default_factory=list, description="Ai báo cáo")
    recipient: AgencyRef | None = Field(None, description="Báo cáo gửi ai")
    via: AgencyRef | None = Field(None, description="Qua cơ quan nào")
    text: Text | None = Field(None, description="Nguyên văn câu giao báo cáo")
    submissions: list[Submission] | None = Field(
        None, description="Báo cáo đã nhận, mỗi đơn vị một mục; ghi [] để bắt đầu theo dõi đơn vị nào chưa gửi")


class Appendix(Model):
    """A Phụ lục that carries some sections of tasks as a table."""

    label: Text = Field("PHỤ LỤC", description="Nhãn: PHỤ LỤC, Phụ lục I")
    title: Text
    reference: Text | None = Field(None, description="(Ban hành kèm theo …) nguyên văn")
    sections: list[TaskId]


class Period(Model):
    """The time a plan covers."""

    start: Day
    end: Day


class SourceNote(Model):
    """What the source document lacks or says oddly, recorded rather than invented."""

    kind: Literal["gap", "doubt", "ocr", "inference"]
    text: Text


class Plan(Model):
    """One plan folder's YAML: the plan, its decision if any, its tasks."""

    schema_version: Literal[1] = 1
    year: int = Field(ge=2000, le=2100)
    title: Text | None = Field(None, description="Tên ngắn hiển thị trên trang")
    period: Period | None = None
    updated: Day | None = Field(
        None, description="Ngày sửa kế hoạch gần nhất (đổi thời hạn, đổi nội dung nhiệm vụ); lịch đăng ký "
                          "dùng ngày này để báo cho máy khách rằng sự kiện đã thay đổi")
    document: Document
    decision: Document | None = Field(None, description="Quyết định ban hành kèm kế hoạch, nếu có")
    for_signature: bool = Field(
        False, description="Bản dự thảo để trình ký: kehoach check cảnh báo (KH508) khi văn bản còn thiếu thành phần "
                           "thể thức theo Nghị định 30/2020/NĐ-CP (cơ quan ban hành, ký hiệu, địa danh, người ký…)")
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    reporting: list[ReportingDuty] = Field(default_factory=list)
    appendix: Appendix | None = None
    closing: DocRef | None = Field(
        None, description="Văn bản tổng kết, kết thúc kế hoạch (báo cáo tổng kết năm): số, ngày; khi có, kế hoạch "
                          "đã kết thúc từ ngày của văn bản, nhiệm vụ chưa ghi kết quả là «Không ghi nhận kết quả»")
    source: list[SourceNote] = Field(default_factory=list)


AgencyKind = Literal[
    "government", "council", "department", "office", "unit", "division", "official",
    "mass-organisation", "press", "party", "group", "ministry", "central-body",
]


class Agency(Model):
    """An agency, a council, an office holder or a group of them."""

    id: AgencyId
    name: Text = Field(description="Tên chính thức")
    short: list[Text] = Field(default_factory=list, description="Tên ngắn, tên gọi khác")
    abbr: list[Text] = Field(default_factory=list, description="Viết tắt: HĐTĐKT, Sở NV")
    kind: AgencyKind
    parent: AgencyId | None = None
    groups: list[AgencyId] = Field(default_factory=list, description="Nhóm mà cơ quan thuộc về")
    valid_from: Day | None = None
    valid_until: Day | None = Field(None, description="Ngày cuối còn hoạt động")
    successor: AgencyId | None = None
    note: Text | None = Field(None, description="Điều văn bản ghi về cơ quan, kèm văn bản và chỗ ghi; hiện trên trang "
                                                "cơ quan")
    # Like a plan's `source`: what the person who wrote the entry inferred or doubts, for maintainers; the
    # agency page folds it away after the list, out of search and print, so readers meet facts first.
    source: list[SourceNote] = Field(default_factory=list,
                                     description="Ghi chú khi lập danh mục (suy luận, điều chưa chắc chắn), dành "
                                                 "cho người cập nhật danh mục")


class Registry(Model):
    """One registry file: the agencies of one jurisdiction."""

    schema_version: Literal[1] = 1
    agencies: list[Agency]
