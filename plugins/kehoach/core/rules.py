"""Every rule code a user can meet: its severity, what it means and what to do, in Vietnamese.

The one registry of codes. A `Finding` names one of these codes (`errors.Finding` refuses any
other), the editing guide's code table (`docs/huong-dan/soan-ke-hoach.md`) is rendered from this
registry (`site.guide.rule_table`, called by `hooks/` and by `kehoach build-docs`), and a test keeps
the codes the package emits equal to the codes listed here. Codes are grouped by hundreds: KH1 files
and encodings, KH2 structure, KH3 dates and deadlines, KH4 agencies, KH5 text, KH6 commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    """One rule code: the severities it is raised with, its meaning and what to do, as readers see them."""

    code: str
    severities: tuple[Severity, ...]  # usually one; KH504 is a warning or an error depending on the case
    meaning: str
    action: str


RULES: dict[str, Rule] = {rule.code: rule for rule in (
    Rule("KH101", ("error",),
         'Tệp không phải mã UTF-8 (thường là bảng mã cũ TCVN3, VNI, Windows-1258)',
         'Chuyển sang Unicode UTF-8 (Unikey: Công cụ chuyển mã) rồi lưu lại'),
    Rule("KH102", ("error",),
         'Tệp bắt đầu bằng dấu BOM',
         'Lưu lại dạng «UTF-8» không BOM'),
    Rule("KH103", ("error",),
         'Chữ Việt gõ bằng Unicode tổ hợp, chưa ở dạng chuẩn NFC',
         'Gõ lại đoạn đó bằng «Unicode dựng sẵn»'),
    Rule("KH104", ("error",),
         'Dòng có chữ Việt mã cũ (TCVN3/VNI) bị đọc sai',
         'Chuyển đoạn đó sang Unicode rồi dán lại'),
    Rule("KH105", ("error",),
         'Lỗi cú pháp YAML: thụt lề sai, thiếu «:», thiếu ngoặc kép đóng, có Tab, lồng quá sâu',
         'Xem dòng, cột được chỉ; sửa theo gợi ý'),
    Rule("KH106", ("error",),
         'Tệp dùng neo, bí danh YAML (`&neo`, `*bí-danh`, `<<:`)',
         'Viết đầy đủ giá trị ở từng chỗ'),
    Rule("KH107", ("error",),
         'Tệp quá lớn',
         'Kiểm tra xem có dán nhầm dữ liệu không'),
    Rule("KH108", ("error",),
         'Thiếu tệp hoặc không đọc được tệp: thư mục kế hoạch thiếu `ke-hoach.yml`, tệp nội dung ghi ở '
         '`body` không có',
         'Tạo tệp còn thiếu hoặc sửa tên tệp cho đúng'),
    Rule("KH109", ("error",),
         'Tệp chứa dữ liệu nhị phân hoặc ký tự điều khiển (kể cả viết bằng chuỗi thoát như `"\\v"`, `"\\0"`)',
         'Có thể đã lưu nhầm tệp Word, tệp nén; chỉ dùng tệp văn bản'),
    Rule("KH110", ("error",),
         'Tệp YAML trống, hoặc không phải danh sách các dòng «tên: giá trị»',
         'Điền theo mẫu ở trang này'),
    Rule("KH111", ("error",),
         'Một trường bị khai hai lần trong cùng khối (YAML chỉ giữ giá trị sau)',
         'Xóa một trong hai dòng'),
    Rule("KH112", ("error",),
         'Có ký tự không nhìn thấy được: ký tự đổi chiều chữ, khoảng trắng độ rộng 0 (thường lẫn vào khi dán '
         'từ web, Word, PDF), kể cả khi viết bằng chuỗi thoát `"\\u202e"`',
         'Đặt con trỏ ở dòng, cột được chỉ và xóa ký tự đó'),
    Rule("KH113", ("error",),
         'Tệp hoặc thư mục là liên kết tượng trưng (symlink), hoặc không phải tệp thường (thiết bị, ống FIFO)',
         'Xóa liên kết, đặt chính tệp hoặc thư mục vào chỗ đó'),
    Rule("KH114", ("error",),
         'Tên thư mục sai: thư mục năm không phải bốn chữ số (có dấu cách thừa, ghi chữ), tên thư mục kế '
         'hoạch có chữ hoa, dấu, dấu cách hay ký tự lạ',
         'Đổi tên thư mục theo gợi ý, ví dụ `2025`, `ke-hoach-tdkt`'),
    Rule("KH201", ("error",),
         'Trường không có trong mẫu (thường do gõ sai tên)',
         'Dùng tên được gợi ý «Có phải ý bạn là…»'),
    Rule("KH202", ("error",),
         'Giá trị sai kiểu: cần ngày mà ghi chữ hay số, cần danh sách mà ghi một giá trị, mã sai định dạng, '
         'số quá dài, năm ngoài khoảng 1900–2199…',
         'Viết lại theo ví dụ trong gợi ý'),
    Rule("KH203", ("error",),
         'Thiếu trường bắt buộc (ví dụ `id`, `title`, `section` của nhiệm vụ)',
         'Thêm trường đó'),
    Rule("KH204", ("error",),
         'Giá trị không nằm trong các giá trị cho phép (ví dụ `state: xong`)',
         'Dùng một giá trị được liệt kê, ví dụ `done`'),
    Rule("KH205", ("error",),
         'Mã nhiệm vụ, mục hoặc báo cáo bị trùng',
         'Đặt mã mới cho mục thêm sau, ví dụ thêm «-2»'),
    Rule("KH206", ("error",),
         'Nhiệm vụ (hoặc phụ lục) trỏ tới một mục không có trong `sections`',
         'Sửa mã mục, hoặc khai báo mục trước'),
    Rule("KH208", ("warning",),
         'Dòng đầu tệp chưa khai báo lược đồ',
         'Thêm dòng `# yaml-language-server: $schema=…` như các kế hoạch khác'),
    Rule("KH209", ("error",),
         'Tệp khai `schema_version` mới hơn mẫu mà bản kehoach đang dùng đọc được',
         'Cập nhật kehoach (`git pull` rồi `make install`); nếu tệp không dùng trường mới nào, ghi lại '
         '`schema_version` như gợi ý'),
    Rule("KH210", ("error",),
         'Tệp theo mẫu kế hoạch phiên bản cũ (có trường đã đổi tên hoặc bỏ)',
         'Làm lần lượt các thay đổi trong gợi ý, rồi ghi `schema_version` mới'),
    Rule("KH211", ("error",),
         '`year` của kế hoạch khác năm của thư mục chứa nó (ví dụ `year: 2024` trong `plans/2025/`)',
         'Sửa `year`, hoặc chuyển thư mục kế hoạch sang đúng thư mục năm'),
    Rule("KH212", ("error",),
         'Một dòng trông như tên trường (`deadline:`) nằm trong khối chữ (`title: >-`, `title: |`) nên bị '
         'đọc thành chữ: thời hạn bị mất',
         'Bắt đầu dòng đó thẳng hàng với `title:`, hoặc viết cả giá trị trên một dòng trong ngoặc kép'),
    Rule("KH301", ("error",),
         'Ngày không có thật (ví dụ 31/02, kể cả trong chữ ghi thời hạn), hoặc năm ngoài khoảng 1900–2199 '
         '(0001, 9999)',
         'Kiểm tra lại ngày, tháng'),
    Rule("KH302", ("error",),
         'Thời hạn nằm ngoài thời gian của kế hoạch (thường là sót năm cũ)',
         'Sửa năm; nếu kế hoạch kéo dài hơn một năm, khai `period`'),
    Rule("KH303", ("error",),
         'Thời hạn trước ngày ban hành kế hoạch',
         'Kiểm tra ngày, tháng, năm của thời hạn'),
    Rule("KH304", ("warning",),
         'Nhiệm vụ ghi trong mục một quý nhưng thời hạn thuộc quý khác',
         'Văn bản gốc tự mâu thuẫn: giữ nguyên nếu đúng bản đã ký, hoặc chuyển sang đúng mục'),
    Rule("KH305", ("warning",),
         'Hạn cuối rơi vào ngày nghỉ (thứ Bảy, Chủ nhật, lễ, Tết)',
         'Không cần sửa; hạn được tính đến hết ngày làm việc tiếp theo (Điều 148 khoản 5 BLDS 2015)'),
    Rule("KH306", ("error",),
         'Chữ ghi thời hạn (`text`) và cách hiểu (`date`, `before`…) không khớp',
         'Sửa cho hai phần nói cùng một ngày'),
    Rule("KH401", ("error",),
         'Mã cơ quan không có trong danh mục',
         'Dùng mã được gợi ý, hoặc thêm cơ quan vào `plans/agencies/`'),
    Rule("KH402", ("error",),
         'Cơ quan đã thôi hoạt động (sáp nhập, giải thể) hoặc chưa thành lập vào ngày của thời hạn',
         'Giao cho cơ quan kế thừa được gợi ý'),
    Rule("KH403", ("error",),
         'Mã cơ quan khai hai lần trong danh mục',
         'Giữ một bản, đổi mã hoặc xóa bản trùng'),
    Rule("KH404", ("error",),
         'Cơ quan trong danh mục trỏ tới cơ quan cấp trên, nhóm hay cơ quan kế thừa không có',
         'Sửa mã hoặc khai cơ quan đó'),
    Rule("KH405", ("warning",),
         'Mã cơ quan không bắt đầu bằng tên tệp danh mục của địa bàn',
         'Đặt mã dạng `<địa-bàn>/…` hoặc chuyển sang đúng tệp'),
    Rule("KH406", ("error",),
         'Báo cáo đã nhận (`submissions`) ghi một đơn vị không thuộc đơn vị phải gửi báo cáo đó',
         'Sửa mã đơn vị, hoặc khai đơn vị vào nhóm (`groups`) trong danh mục'),
    Rule("KH407", ("error",),
         'Một đơn vị được ghi hai lần trong `submissions` của cùng báo cáo',
         'Giữ một mục; gửi lại thì sửa số, ngày ở mục cũ'),
    Rule("KH409", ("error",),
         'Cơ quan ghi chính nó là cơ quan cấp trên (`parent`), nhóm (`groups`) hay cơ quan kế thừa (`successor`)',
         'Xóa mã đó hoặc thay bằng mã cơ quan khác'),
    Rule("KH410", ("error",),
         'Ngày thôi hoạt động (`valid_until`) trước ngày bắt đầu hoạt động (`valid_from`)',
         'Kiểm tra hai ngày; có thể bị ghi đảo chỗ'),
    Rule("KH411", ("error",),
         'Mã cơ quan kết thúc bằng `index` hay `nam-NĂM`, trùng địa chỉ trang theo năm của cơ quan khác',
         'Đổi phần cuối của mã'),
    Rule("KH501", ("warning",),
         'Nội dung nhắc năm cũ (có thể sót khi chép từ kế hoạch năm trước)',
         'Sửa năm, hoặc giữ nguyên nếu văn bản đã ký ghi vậy'),
    Rule("KH502", ("warning",),
         'Hai nhiệm vụ trùng nội dung',
         'Gộp, hoặc giữ nguyên nếu văn bản gốc ghi lặp'),
    Rule("KH503", ("error",),
         'Nội dung có mã chạy được trên trình duyệt hoặc che trang: thẻ `script`, `<plaintext>`, `<svg>`, '
         'thuộc tính `on…=`, `style=`, liên kết `javascript:` (kể cả viết bằng mã `&#…;` hay xuống dòng giữa chừng)',
         'Xóa phần đó; kế hoạch chỉ chứa văn bản'),
    Rule("KH504", ("warning", "error"),
         'Mục có nhiệm vụ nhưng không hiện ở đâu (cảnh báo); dòng chèn nhiệm vụ trỏ tới mục không có (lỗi)',
         'Thêm dòng `<!-- nhiem-vu: mã-mục -->` vào `noi-dung.md` chỗ cần hiện bảng nhiệm vụ, hoặc sửa mã mục'),
    Rule("KH505", ("error",),
         'Đề mục trong `noi-dung.md` có neo trùng mã nhiệm vụ, mã báo cáo (hoặc neo `kh-…` của trang): liên '
         'kết tới nhiệm vụ sẽ mở đề mục',
         'Thêm chữ vào đề mục, hoặc đổi neo `{#…}`'),
    Rule("KH506", ("error",),
         'Liên kết trong `noi-dung.md` trỏ tới một tệp trong kho (`phu-luc.md`, `so-do.png`): trang đã dựng '
         'không có tệp đó',
         'Dùng địa chỉ đầy đủ `https://…`, hoặc bỏ liên kết'),
    Rule("KH507", ("error",),
         'Nội dung `noi-dung.md` lồng quá 20 cấp (dấu `>` trích dẫn, danh sách thụt lề, thẻ HTML, dấu `*` '
         '`_` chữ đậm, nghiêng): trang không dựng được',
         'Bớt cấp lồng ở dòng được chỉ'),
    Rule("KH508", ("warning",),
         'Kế hoạch (hoặc quyết định ban hành) ghi `for_signature: true` để trình ký nhưng còn thiếu thành phần '
         'thể thức Nghị định 30/2020/NĐ-CP đòi hỏi: tên cơ quan ban hành, ký hiệu, địa danh, trích yếu, chức vụ '
         'hoặc họ tên người ký, nơi nhận; bản in và tệp DOCX để trống chỗ đó',
         'Ghi các trường được chỉ; số và ngày ban hành để trống được (văn thư ghi sau khi ký)'),
    Rule("KH601", ("error",),
         '`kehoach import` hoặc `kehoach new`: thư mục kế hoạch định tạo đã có',
         'Chọn tên thư mục khác bằng `--slug`; lệnh không bao giờ ghi đè'),
    Rule("KH602", ("error",),
         '`kehoach diff`: không tìm thấy phiên bản (commit, nhánh, thẻ) cần so sánh',
         'Dùng mã commit, tên nhánh hoặc thẻ có trong kho, ví dụ `HEAD~1`'),
    Rule("KH603", ("error",),
         'Giá trị đưa cho lệnh không dùng được: năm không xác định (`kehoach import`, ghi `--year`), `--year` '
         'khác năm trích yếu văn bản ghi, tên thư mục sai dạng, năm mới trùng năm cũ (`kehoach new`), '
         '`KEHOACH_TODAY` sai dạng NĂM-THÁNG-NGÀY',
         'Sửa giá trị theo gợi ý trong thông báo'),
    Rule("KH604", ("error",),
         '`kehoach status import`: dòng của bảng không khớp nhiệm vụ nào (mã kế hoạch hoặc mã nhiệm vụ không '
         'có, nhiệm vụ đã bị bỏ khỏi kế hoạch)',
         'Tải lại bảng từ trang kế hoạch rồi điền lại dòng đó, hoặc xóa dòng'),
    Rule("KH605", ("error",),
         '`kehoach status import`: ô trạng thái không thuộc ba chữ Chưa thực hiện, Đang thực hiện, Đã hoàn '
         'thành; có số, ngày văn bản chứng minh mà thiếu loại văn bản',
         'Chọn trạng thái trong danh sách; ghi loại văn bản (Báo cáo, Quyết định…)'),
    Rule("KH606", ("error",),
         '`kehoach status import`: ngày văn bản chứng minh, hay ngày văn bản của báo cáo đã nhận, không có thật, '
         'không đọc được hoặc có năm ngoài 1900–2199',
         'Ghi ngày dạng ngày/tháng/năm, ví dụ 15/06/2024'),
    Rule("KH607", ("error",),
         '`kehoach status import`: dòng mâu thuẫn với kế hoạch (nội dung nhiệm vụ bị sửa trong bảng, một '
         'nhiệm vụ ghi hai dòng)',
         'Sửa nội dung trong tệp kế hoạch, không trong bảng; giữ một dòng cho mỗi nhiệm vụ'),
    Rule("KH608", ("error",),
         '`kehoach status import`: tệp không phải bảng theo dõi (không phải .xlsx/.csv, không có trang tính '
         '«Nhiệm vụ» hay «Nhận báo cáo», hoặc thiếu cột)',
         'Dùng tệp XLSX hoặc CSV tải từ trang web, không xóa cột'),
    Rule("KH609", ("error",),
         "Trang viết tay trong `docs/` trùng đường dẫn với trang do kehoach tạo ra (trang chủ, `ke-hoach/`, "
         "`co-quan/`, `nam/`, `lich/`, `assets/kehoach/`)",
         "Đổi tên tệp đó hoặc chuyển nó vào thư mục khác, ví dụ `huong-dan/`"),
    Rule("KH610", ("error",),
         '`kehoach status import`, trang tính «Nhận báo cáo»: dòng không khớp báo cáo định kỳ nào (mã kế hoạch '
         'hoặc mã báo cáo không có, báo cáo đã bị bỏ khỏi kế hoạch)',
         'Tải lại bảng từ trang kế hoạch hoặc trang cơ quan rồi điền lại dòng đó, hoặc xóa dòng'),
    Rule("KH611", ("error",),
         '`kehoach status import`, trang tính «Nhận báo cáo»: đơn vị của dòng không có trong danh mục, không '
         'thuộc đơn vị phải gửi báo cáo đó (như KH406), hoặc có hai dòng cho cùng báo cáo (như KH407)',
         'Giữ nguyên cột mã của tệp đã tải về; khai đơn vị vào nhóm (`groups`) trong danh mục; giữ một dòng'),
    Rule("KH612", ("error",),
         '`kehoach status import`, trang tính «Nhận báo cáo»: có số văn bản hoặc ghi chú mà thiếu ngày văn bản '
         'của báo cáo đã nhận',
         'Ghi ngày văn bản; chưa nhận báo cáo thì để trống cả số, ngày và ghi chú'),
)}
