"""What the web pages say (the answers' own wording is the bot's, from bot.texts)."""

ASK_LABEL = "Câu hỏi của bạn về lịch sử Đảng bộ"
ASK_PLACEHOLDER = "Ví dụ: Đảng bộ thành phố được thành lập khi nào?"
ASK_BUTTON = "Hỏi"
NEW_DIALOGUE = "Hỏi câu mới"
READ_SECTION = "Đọc cả mục"
SHOW_PASSAGE = "Xem đoạn trích trong sách"
SUGGESTIONS = "Có thể bạn muốn hỏi tiếp"
RELATED = "Các mục liên quan"
VOTE_PROMPT = "Câu trả lời có đúng ý bạn không?"
VOTE_THANKS = "Cảm ơn bạn đã góp ý."
VOTE_GOOD = "Đúng ý"
VOTE_BAD = "Chưa đúng"
RATE_LIMITED = "Bạn hỏi nhanh quá. Bạn vui lòng chờ khoảng {seconds} giây rồi hỏi tiếp."
NOT_FOUND = "Không tìm thấy trang này."
BAD_REQUEST = "Yêu cầu không hợp lệ."
TOO_LARGE = "Nội dung gửi lên quá lớn."
SERVER_ERROR = "Máy chủ đang gặp sự cố. Bạn vui lòng thử lại sau ít phút."
NOT_AUTHORISED = "Không xác thực được phiên Telegram. Bạn hãy mở lại ứng dụng từ nút trong bot."
NO_BOOKS = "Chưa có cuốn sách nào được nạp."
SEARCH_LABEL = "Tìm trong sách"
SEARCH_NONE = "Không tìm thấy đoạn nào có các từ này."
PAGE_OF = "Trang {page}/{pages}"
SECTION_EMPTY = "Mục này không có nội dung riêng; mời đọc các mục con."
CONTEST_STATUS = {"open": "Đang diễn ra", "closed": "Đã kết thúc"}
CALENDAR_NONE = "Sách chưa có sự kiện nào được biên tập viên duyệt cho ngày này."
CALENDAR_EMPTY = "Chưa có sự kiện nào được duyệt đăng."
CALENDAR_YEAR = "Cả năm"
VERIFY_LABEL = "Mã xác minh in trên giấy chứng nhận"
VERIFY_VALID = "Giấy chứng nhận hợp lệ"
VERIFY_REVOKED = "Giấy chứng nhận này đã bị thu hồi, không còn giá trị"
VERIFY_UNKNOWN = (
    "Không có giấy chứng nhận nào mang mã này: giấy không do ban tổ chức cấp, hoặc mã bị gõ sai"
)
VERIFY_MALFORMED = "Mã xác minh không đúng dạng (12 ký tự, ví dụ 7K3M-9QX2-HD4B)"
VERIFY_COMPARE = "Đối chiếu các thông tin trên với giấy: nếu khác, giấy đã bị sửa."

# What the Mini App's script shows (given to it as JSON by the page, never written in the
# script). "{…}" fields are filled in by the script.
MINIAPP = {
    "loading": "Đang tải…",
    "offline": "Không kết nối được máy chủ. Bạn vui lòng thử lại.",
    "none": "Hiện không có cuộc thi nào đang mở.",
    "entrant": "Người dự thi: {name}, sinh năm {year}, {unit}",
    "resume": "Làm tiếp bài đang dở",
    "start": "Làm bài",
    "register": "Đăng ký dự thi",
    "name": "Họ và tên (có dấu)",
    "year": "Năm sinh",
    "unit_query": "Tìm đơn vị (gõ vài chữ trong tên)",
    "unit": "Đơn vị",
    "phone": "Số điện thoại (không bắt buộc)",
    "consent": "Tôi đồng ý cho Ban Tổ chức lưu các thông tin trên để tổ chức cuộc thi.",
    "submit_registration": "Đăng ký",
    "no_unit": "Không thấy đơn vị nào khớp",
    "time_left": "⏱ Còn {time}",
    "back": "Về trang cuộc thi",
    "progress": "Câu {number}/{total}",
    "submit_multi": "Gửi câu trả lời",
    "multi": "Câu này có thể có nhiều đáp án đúng.",
    "prediction": "Câu dự đoán",
    "submit_prediction": "Gửi dự đoán và nộp bài",
    "outside": "Trang này cần được mở từ nút «Làm bài» trong bot Telegram.",
}
# What the embeddable ask block's script shows.
FRAME = {
    "read": READ_SECTION,
    "searching": "Đang tìm trong sách…",
    "offline": "Không kết nối được máy chủ. Bạn vui lòng thử lại.",
}
