"""Every Vietnamese string of material collection shown to contributors and editors."""

from __future__ import annotations

STATUS = {
    "draft": "Bản nháp",
    "pending": "Chờ duyệt",
    "approved": "Đã duyệt",
    "rejected": "Bị từ chối",
    "returned": "Cần bổ sung",
}
STATE = {**STATUS, "missing": "Chưa nộp"}
STATE_MARK = {"approved": "✓", "pending": "…", "returned": "!", "rejected": "✗", "missing": " "}
STEP_NAMES = {
    "unit": "đơn vị",
    "item": "hạng mục tư liệu",
    "files": "tệp ảnh hoặc tài liệu",
    "caption": "chú thích",
    "period": "thời kỳ hoặc nhiệm kỳ (khóa)",
    "source": "nguồn (nơi giữ bản gốc)",
    "confirm": "xác nhận chịu trách nhiệm về tính chính xác",
}

ASK_UNIT = "Đồng chí gửi tư liệu cho đơn vị nào?"
ASK_ITEM = "Tư liệu thuộc hạng mục nào?"
ASK_FILES = (
    "Hãy gửi ảnh hoặc tài liệu (PDF, DOCX, XLSX, JPG, PNG), mỗi tệp tối đa {limit_mb} MB. "
    "Gửi xong, bấm «Xong»."
)
ASK_CAPTION = "Hãy viết chú thích cho tư liệu (nội dung, nhân vật, sự kiện…)."
ASK_PERIOD = "Tư liệu liên quan đến thời kỳ hoặc nhiệm kỳ (khóa) nào?"
ASK_SOURCE = "Ai (cơ quan, cá nhân) đang giữ bản gốc?"
ASK_CONFIRM = "Đồng chí xác nhận chịu trách nhiệm về tính chính xác của tư liệu này?"
SUBMITTED = "Đã gửi tư liệu #{id} tới Ban Biên tập. Xin cảm ơn đồng chí!"
FILE_ADDED = "Đã nhận tệp «{filename}» ({size_mb:.1f} MB)."
DUPLICATE = "Tệp này đã được gửi trước đây (tư liệu #{id}, {status}); không lưu thêm lần nữa."
DUPLICATE_HERE = "Tệp này đồng chí đã gửi trong tư liệu này rồi."

NOTICE_APPROVED = "Tư liệu #{id} ({item} – {unit}) đã được Ban Biên tập tiếp nhận. Xin cảm ơn!"
NOTICE_REJECTED = "Tư liệu #{id} ({item} – {unit}) chưa được tiếp nhận.\nLý do: {reason}"
NOTICE_RETURNED = (
    "Ban Biên tập đề nghị bổ sung tư liệu #{id} ({item} – {unit}):\n{note}\n"
    "Gõ /goptulieu để bổ sung."
)
REMINDER = (
    "Nhắc việc: còn {days} ngày đến hạn nộp tư liệu ({deadline}) của đợt «{title}».\n"
    "{unit} chưa nộp:\n{items}"
)
REMINDER_ITEM = "• {description}"
DEADLINE_FORMAT = "%H:%M ngày %d/%m/%Y"

CHECKLIST_HEAD = "{title} – hạn nộp {deadline}"
CHECKLIST_UNIT = "{unit}: {done}/{total} hạng mục đã duyệt"
CHECKLIST_ROW = "  [{mark}] {code} – {description}: {state}"
CAMPAIGN_CHANGE = {
    "created": "Đã tạo đợt sưu tầm {code}.",
    "updated": "Đã cập nhật đợt sưu tầm {code}.",
    "unchanged": "Đợt sưu tầm {code} không thay đổi.",
}
NO_CAMPAIGNS = "Chưa có đợt sưu tầm tư liệu nào."
EXPORTED = "Đã xuất {files} tệp đã duyệt và {rows} dòng chỉ mục vào {path}."
EXPORT_SHEET = "Chỉ mục"
EXPORT_INDEX_NAME = "chi-muc.xlsx"
EXPORT_HEADERS = (
    "Hạng mục",
    "Đơn vị",
    "Người gửi",
    "Ngày gửi",
    "Chú thích",
    "Thời kỳ/nhiệm kỳ",
    "Nguồn",
    "Tệp",
    "SHA-256",
    "Trạng thái",
)

ERROR_FILE_TOO_LARGE = "Tệp «{filename}» quá lớn (từ {size_mb:.1f} MB). Giới hạn là {limit_mb} MB."
ERROR_TOO_MANY_FILES = (
    "Tư liệu này đã có {limit} tệp, là số tệp tối đa. Hãy gửi tiếp trong một lần góp tư liệu mới."
)
ERROR_QUOTA_HOUR = "Bạn đã gửi {limit} tệp trong một giờ qua. Vui lòng gửi tiếp sau ít phút."
ERROR_QUOTA_DAY = "Bạn đã gửi {limit} MB tệp trong 24 giờ qua. Vui lòng gửi tiếp vào ngày mai."
ERROR_STORAGE_FULL = (
    "Kho lưu trữ tư liệu tạm thời đã đầy nên chưa nhận thêm tệp. Ban biên tập đã được báo; "
    "vui lòng gửi lại sau."
)
ERROR_FILE_TYPE = (
    "Tệp «{filename}» không được chấp nhận: nội dung là {detected}. Chỉ nhận các loại: {allowed}."
)
ERROR_EMPTY_FILE = "Tệp «{filename}» không có dữ liệu."
ERROR_NOT_A_UNIT = "«{unit}» không có trong danh sách đơn vị của đợt sưu tầm này."
ERROR_ITEM_NOT_REQUESTED = "Đợt sưu tầm này không yêu cầu hạng mục «{item}»."
ERROR_NOT_RESPONSIBLE = "Hạng mục «{item}» không được giao cho {unit}."
ERROR_INCOMPLETE = "Tư liệu chưa đủ thông tin, còn thiếu: {missing}."
ERROR_NOT_EDITABLE = "Tư liệu #{id} đang ở trạng thái «{status}», không sửa được nữa."
ERROR_DRAFT_OPEN = "Đồng chí đang có tư liệu #{id} chưa gửi xong; hãy gửi hoặc hủy trước."
ERROR_NOT_PENDING = "Tư liệu #{id} đang ở trạng thái «{status}», không phải chờ duyệt."
ERROR_NOT_EDITOR = "Đồng chí không thuộc Ban Biên tập của đợt sưu tầm này."
ERROR_REASON = "Hãy ghi rõ lý do để gửi cho người đóng góp."
ERROR_NOT_APPROVED = "Tư liệu #{id} chưa được duyệt nên chưa đưa vào thư viện."
ERROR_NOT_TEXT = "Tệp «{filename}» ({kind}) không phải tài liệu văn bản (PDF, DOCX, TXT)."
ERROR_CAMPAIGN_NOT_FOUND = "Không có đợt sưu tầm mã «{code}»."
ERROR_CAMPAIGN_IN_USE = "Không thể bỏ {kind} «{name}» khỏi đợt {code}: đã có tư liệu gửi về."
ERROR_CAMPAIGN_FILE = "Tệp đợt sưu tầm «{filename}» không hợp lệ: {reason}"
ERROR_FILE_MISSING = "Không tìm thấy tệp đã lưu: {path}"
KIND_NAMES = {"unit": "đơn vị", "item": "hạng mục"}
