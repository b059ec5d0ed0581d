"""Vietnamese strings of the contest core: setting errors, registration reasons, export headers."""

from __future__ import annotations

BAD_TIME_LIMIT = "thời gian làm bài {value} phút không hợp lệ (từ 10 đến 30 phút)"
BAD_ATTEMPTS = "số lượt thi mỗi vòng {value} không hợp lệ (ít nhất 1)"
BAD_QUESTIONS = "số câu hỏi mỗi lượt {value} không hợp lệ (ít nhất 1)"
QUOTAS_TOO_BIG = "tổng số câu theo chủ đề lớn hơn số câu hỏi mỗi lượt"
BAD_RETENTION = (
    "thời hạn lưu dữ liệu retention_days = {value} không hợp lệ (số ngày từ 1 đến {most})"
)
BAD_TIE_RULE = "cách tính câu dự đoán “{value}” không hợp lệ"
NO_UNITS = "chưa có danh sách đơn vị"
DUPLICATE_UNIT = "danh sách đơn vị có tên trùng nhau"
BAD_ROUND_WINDOW = "vòng “{title}”: giờ kết thúc phải sau giờ bắt đầu"
BAD_TIME = "{where}: “{value}” không phải thời điểm hợp lệ (YYYY-MM-DD HH:MM, giờ Việt Nam)"
UNKNOWN_KEYS = "khóa không hợp lệ: {keys}"
MISSING_KEY = "thiếu khóa “{key}”"
SLUG_TAKEN = "đã có cuộc thi mã “{slug}”"
NO_SUCH_CONTEST = "không có cuộc thi “{key}”"
NO_SUCH_ROUND = "không có vòng thi {key}"
NO_SUCH_ATTEMPT = "không có lượt thi {key}"
BAD_STATUS = "trạng thái “{value}” không hợp lệ (draft, open, closed)"
NO_ROUNDS = "cuộc thi chưa có vòng thi nào"
NOT_ENOUGH_QUESTIONS = "ngân hàng chỉ có {have} câu đã duyệt phù hợp, cần {need}"
NOT_OPEN = "vòng thi không mở vào lúc này"
NO_ATTEMPTS_LEFT = "đã dùng hết {cap} lượt thi của vòng này"
NOT_REGISTERED = "chưa đăng ký dự thi"
REGISTRATION_CLOSED = "cuộc thi chưa mở hoặc đã kết thúc, chưa đăng ký được"
LOCKED = "không sửa được thông tin đăng ký sau khi đã bắt đầu lượt thi đầu tiên"
ANSWERS_AFTER_CLOSE = "đáp án chỉ được công bố sau khi vòng thi kết thúc"
ANSWERS_NOT_SHOWN = "cuộc thi này không công bố đáp án"
BAD_PREDICTION = "câu dự đoán cần một số {kind}"
PREDICTION_KINDS = {0: "nguyên không âm", 1: "không âm (có thể có phần thập phân)"}

NAME_REQUIRED = "họ và tên cần ít nhất hai chữ, chỉ gồm chữ cái"
NAME_TOO_LONG = "họ và tên dài quá (tối đa 120 ký tự)"
YEAR_INVALID = "năm sinh cần là số có bốn chữ số, từ {low} đến {high}"
UNIT_UNKNOWN = "đơn vị không có trong danh sách của cuộc thi"
PHONE_INVALID = "số điện thoại chưa đúng dạng Việt Nam (ví dụ 0912 345 678 hoặc +84 912 345 678)"
CONSENT_REQUIRED = "cần đồng ý cho phép xử lý dữ liệu cá nhân để dự thi"

SHEET_UNITS = "Đơn vị"
SHEET_QUESTIONS = "Độ khó câu hỏi"
SHEET_OVERALL = "Tổng hợp"
ROUND_COLUMNS = (
    "Hạng",
    "Họ và tên",
    "Năm sinh",
    "Đơn vị",
    "Số câu đúng",
    "Thời gian (giây)",
    "Dự đoán",
    "Chênh lệch",
    "Nộp bài (giờ Việt Nam)",
    "Giải",
)
OVERALL_COLUMNS = ("Hạng", "Họ và tên", "Đơn vị", "Tổng câu đúng", "Tổng thời gian (giây)")
UNIT_COLUMNS = (
    "Đơn vị",
    "Chỉ tiêu",
    "Số người dự thi",
    "Tỉ lệ tham gia (%)",
    "Số lượt thi",
    "Điểm trung bình",
    "Giải đơn vị",
)
QUESTION_COLUMNS = ("Mã câu", "Câu hỏi", "Chủ đề", "Số lượt gặp", "Số lượt đúng", "Tỉ lệ đúng (%)")
UNIT_PRIZE_MOST = "Đông người dự thi nhất"
UNIT_PRIZE_RATE = "Tỉ lệ tham gia cao nhất"
ACTUAL_LABEL = "Đáp án câu dự đoán"
CHART_DAYS = "Số lượt thi theo ngày"
CHART_UNITS = "Số người dự thi theo đơn vị"
CHART_SCORES = "Phân bố số câu đúng"
CHART_COUNT = "Số lượt"
CHART_PEOPLE = "Số người"
CHART_SCORE = "Số câu đúng"
SHEET_CERTIFICATES = "Giấy chứng nhận"
CERTIFICATE_COLUMNS = (
    "Mã xác minh", "Loại", "Họ và tên", "Đơn vị", "Cuộc thi – vòng", "Kết quả", "Ngày cấp",
    "Hiệu lực",
)  # fmt: skip
CERTIFICATE_KINDS = {"prize": "Đạt giải", "participation": "Tham gia", "completion": "Hoàn thành"}
CERTIFICATE_VALID = "Còn hiệu lực"
CERTIFICATE_REVOKED = "Đã thu hồi"
SHEET_INVITES = "Mời tham gia"
INVITE_COLUMNS = ("Vòng", "Hạng", "Họ và tên", "Đơn vị", "Số người mời được")
INVITE_WHOLE = "Cả cuộc thi"
POST_TITLE = "🏆 KẾT QUẢ {contest} – {round}"
POST_PEOPLE = "Có {count} người dự thi. Dẫn đầu:"
POST_WHO = "{name} ({unit})"
POST_PERSON = "{rank}. {who}: {score}/{questions} câu đúng{prize}"
POST_UNITS = "Đơn vị theo số người dự thi so với chỉ tiêu:"
POST_UNIT = "• {name}: {count} người{quota}"
POST_QUOTA = " / chỉ tiêu {quota} ({rate:.0f}%)"
POST_INVITERS = "Mời được nhiều người tham gia nhất:"
POST_INVITER = "{rank}. {who}: {count} người"
ANONYMOUS = "Ẩn danh"
PURGED_LABEL = "Dữ liệu cá nhân đã xóa theo thời hạn lưu trữ, ngày"
