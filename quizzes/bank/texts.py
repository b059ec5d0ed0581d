"""Every Vietnamese string of the quizzes package shown to organisers or learners."""

from __future__ import annotations

MISSING_ANSWER = "thiếu đáp án đúng"
UNKNOWN_ANSWER = "đáp án đúng “{answer}” không ứng với phương án nào"
TOO_FEW_OPTIONS = "chỉ có {count} phương án, cần ít nhất 2"
TOO_MANY_OPTIONS = "có {count} phương án, nhiều nhất là 6"
EMPTY_QUESTION = "câu hỏi trống"
EMPTY_OPTION = "phương án {letter} trống"
REPEATED_OPTION = "phương án {letter} trùng với phương án khác"
DUPLICATE = "trùng với câu hỏi đã có"
DUPLICATE_IN_FILE = "trùng với câu ở dòng {row} của tệp"
BAD_STATUS = "trạng thái “{status}” không hợp lệ (nháp, đã duyệt, ngừng dùng)"
OPTIONS_WITHOUT_QUESTION = "có phương án nhưng không có câu hỏi đứng trước"

EMPTY_FILE = "tệp rỗng (0 byte)"
NO_QUESTIONS = "không tìm thấy câu hỏi nào"
NO_SUCH_SHEET = "không có trang tính “{sheet}” (có: {sheets})"
NO_HEADER = "không trang tính nào có dòng tiêu đề với cột “Câu hỏi” và các cột phương án"
NOT_A_SPREADSHEET = "không phải tệp Excel .xlsx đọc được"
NOT_A_DOCX = "không phải tệp Word .docx đọc được"
OVERSIZED_FILE = (
    "tệp nén bất thường, khi giải nén lớn hơn nhiều so với một bộ câu hỏi: {detail}; "
    "có thể là tệp độc hại, không đọc"
)
BAD_ENCODING = "không đọc được bảng mã; hãy lưu tệp dạng UTF-8"
UNSUPPORTED_FORMAT = "định dạng “{suffix}” chưa hỗ trợ (dùng .xlsx, .csv, .docx, .txt, .aiken)"

STATUS_NAMES = {"draft": "nháp", "approved": "đã duyệt", "retired": "ngừng dùng"}
YES = "có"
NO = "không"

IMPORT_SUMMARY = "{file}: đã nhập {imported} câu, bỏ qua {skipped} câu."
ROW_LABELS = {"row": "Dòng {row}", "question": "Câu thứ {row}"}
ROW_REASON = "  {label}: {reason}"
LINK_SUMMARY = (
    "Đối chiếu với sách: {supported} câu có đoạn dẫn chứng, {unsupported} câu cần xem lại."
)
EXPORT_DONE = "Đã xuất {count} câu hỏi ra {file}."
GENERATE_HEADER = "Câu hỏi nháp sinh từ sách (tìm thấy / đã thêm):"
GENERATE_ROW = "  {chapter}: {found} / {created}"
GENERATE_TOTAL = (
    "Tổng: thêm {created} câu nháp; {duplicates} câu trùng; {short} ý thiếu phương án nhiễu."
)
LIST_ROW = "  {name}: {count}"
LIST_HEADER = "Ngân hàng câu hỏi:"
QUESTION_ROW = "  #{id} [{status}] {text}"
NO_CHAPTER = "(không rõ chương)"
