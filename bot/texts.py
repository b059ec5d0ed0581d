"""Every Vietnamese string shown to users, in one place."""

from __future__ import annotations

REFUSAL = (
    "Sách chưa đề cập nội dung này, hoặc câu hỏi chưa đủ rõ để tìm đúng đoạn trả lời. "
    "Bạn có thể hỏi lại cụ thể hơn (tên người, địa danh, năm, kỳ Đại hội…)."
)
REFUSAL_NEARBY = "Các mục có thể liên quan:"
SOURCE = "Nguồn"
PASSAGE = "Đoạn trích"
CONFIDENCE = "Độ tin cậy"
NO_BOOKS = "Thư viện chưa có cuốn sách nào. Hãy nạp sách bằng lệnh: sudang ingest <tệp>."
NO_INDEX = "Chỉ mục tìm kiếm chưa được xây dựng. Hãy chạy: sudang index rebuild."
EMPTY_QUESTION = "Bạn hãy gõ một câu hỏi về lịch sử Đảng bộ."
TOO_LONG = "Câu hỏi dài quá ({length} ký tự). Bạn hãy hỏi ngắn gọn, dưới {limit} ký tự."

CHAT_WELCOME = (
    "Sử Đảng – hỏi đáp về {books}.\n"
    "Gõ câu hỏi (có dấu hoặc không dấu) rồi nhấn Enter. Gõ /thoat để kết thúc."
)
CHAT_PROMPT = "Bạn hỏi: "
CHAT_BYE = "Tạm biệt!"
CHAT_EXIT_WORDS = ("/thoat", "/exit", "/quit", "thoát", "thoat")
DEMO_QUESTION_LABEL = "Câu hỏi mẫu: {question}"
BOOK_JOINER = " và "

INGEST_ADDED = "Đã nạp: {title} ({chunks} đoạn)"
INGEST_REPLACED = "Đã cập nhật: {title} ({chunks} đoạn)"
INGEST_UNCHANGED = "Không thay đổi: {title}"
INDEX_BUILT = "Đã xây dựng chỉ mục: {chunks} đoạn trong {seconds:.1f} giây."
INDEX_CURRENT = "Chỉ mục đã cập nhật sẵn ({chunks} đoạn)."
BOOK_ROW = "{id:>3}  {title}  ({kind}, {pages} trang, {chunks} đoạn)"
BOOK_REMOVED = "Đã xóa sách: {title}"
ERROR_PREFIX = "Lỗi: "
INDEX_PROGRESS = "Mã hóa đoạn văn"
INGEST_PROGRESS = "Nạp sách"
