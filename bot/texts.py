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

WELCOME = (
    "Xin chào {name}! Tôi là trợ lý <b>Sử Đảng</b>, trả lời câu hỏi từ {books}.\n"
    "Mỗi câu trả lời đều trích nguyên văn từ sách, kèm nguồn (sách, chương, trang).\n\n"
    "Bạn cứ gõ câu hỏi (có dấu hoặc không dấu), hoặc chọn một mục bên dưới."
)
WELCOME_NO_BOOKS = (
    "Xin chào {name}! Thư viện hiện chưa có cuốn sách nào, bạn vui lòng quay lại sau."
)
FRIEND = "bạn"
MENU_ASK = "❓ Hỏi đáp"
MENU_CONTENTS = "📚 Mục lục"
ASK_HINT = (
    "Bạn hãy gõ câu hỏi, ví dụ: <i>{example}</i>\n"
    "Trong nhóm, hãy nhắc tên tôi (@{bot}) hoặc trả lời tin nhắn của tôi."
)
HELP = (
    "<b>Cách dùng</b>\n"
    "• Gõ câu hỏi để nhận câu trả lời trích từ sách.\n"
    "• /mucluc – xem mục lục và đọc từng mục.\n"
    "• /timkiem &lt;từ khóa&gt; – tìm các đoạn có từ khóa.\n"
    "• /start – trình đơn chính."
)
COMMANDS = {
    "start": "Trình đơn chính",
    "mucluc": "Xem mục lục sách",
    "timkiem": "Tìm đoạn văn theo từ khóa",
    "trogiup": "Hướng dẫn sử dụng",
}
ADMIN_COMMANDS = {
    "thongke": "Thống kê câu hỏi (quản trị)",
    "chuatraloi": "Câu hỏi chưa trả lời được (quản trị)",
}

BTN_PASSAGE = "📖 Xem đoạn trích"
BTN_GOOD = "👍"
BTN_BAD = "👎"
RELATED_PREFIX = "📑 "
FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý!"
FEEDBACK_GONE = "Câu trả lời này không còn trong hệ thống."
PASSAGE_GONE = "Không còn tìm thấy đoạn trích này (sách có thể đã được cập nhật)."
NOT_TEXT = (
    "Xin lỗi, tôi chỉ đọc được câu hỏi dạng chữ. Bạn hãy gõ câu hỏi về lịch sử Đảng bộ "
    "(không cần gửi ảnh, nhãn dán, tin nhắn thoại hay tệp)."
)
RATE_LIMITED = (
    "Bạn hỏi nhanh quá, tôi chưa kịp trả lời hết. Bạn vui lòng chờ khoảng {seconds} giây "
    "rồi hỏi tiếp nhé."
)
ERROR_APOLOGY = "Xin lỗi, đã có lỗi xảy ra khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau."

CONTENTS_BOOKS = "<b>Mục lục</b> – chọn một cuốn sách:"
CONTENTS_BOOK = "<b>{title}</b>\nChọn một phần hoặc một chương:"
CONTENTS_SECTION = "<b>{title}</b>\nChọn một mục:"
CONTENTS_EMPTY = "Không tìm thấy mục này (sách có thể đã được cập nhật). Gõ /mucluc để xem lại."
BTN_UP = "⬆️ Lên trên"
BTN_BOOKS = "📚 Các cuốn sách"
BTN_READ = "📄 Đọc mục này"
BTN_PREV = "◀️ Trước"
BTN_NEXT = "Sau ▶️"
PAGE_OF = "Trang {page}/{pages}"
READ_HEADER = "<b>{title}</b>\n<i>{citation}</i>"

SEARCH_USAGE = "Bạn hãy gõ từ khóa sau lệnh, ví dụ: <code>/timkiem Nguyễn Đức Cảnh</code>"
SEARCH_HEADER = "🔎 Kết quả cho «{query}» ({first}–{last}/{total}):"
SEARCH_NONE = "Không tìm thấy đoạn nào có «{query}»."
SEARCH_GONE = "Kết quả tìm kiếm này đã hết hạn. Bạn hãy tìm lại bằng /timkiem."

ADMIN_ONLY = "Lệnh này chỉ dành cho quản trị viên."
STATS_HEADER = "<b>Thống kê {days} ngày gần đây</b> (giờ Việt Nam)"
STATS_DAY = "{day}: {asked} câu hỏi – {answered} trả lời được, {refused} từ chối"
STATS_TOTAL = "Tổng cộng: {total} câu hỏi, {answered} trả lời được ({share}%)."
STATS_TOP = "<b>Câu hỏi nhiều nhất</b>"
STATS_TOP_ROW = "{count}× {text}"
STATS_DISLIKED = "<b>Câu trả lời bị 👎</b>"
STATS_DISLIKED_ROW = "• {text}\n  → {answer}"
STATS_NONE = "(chưa có)"
UNANSWERED_HEADER = "<b>Câu hỏi chưa trả lời được</b> ({count}, mới nhất trước):"
UNANSWERED_ROW = "{when} – {text}"
UNANSWERED_NONE = "Chưa có câu hỏi nào bị từ chối."
BTN_EXPORT = "📥 Xuất Excel (.xlsx)"
EXPORT_FILENAME = "cau-hoi-chua-tra-loi.xlsx"
EXPORT_CAPTION = "Danh sách {count} câu hỏi chưa trả lời được."
EXPORT_SHEET = "Chưa trả lời"
EXPORT_COLUMNS = ("Thời gian (giờ Việt Nam)", "Người hỏi", "Nhóm/chat", "Câu hỏi", "Độ tin cậy")

BOT_NO_TOKEN = (
    "chưa có token Telegram: hãy đặt biến môi trường TELEGRAM_BOT_TOKEN (token lấy từ @BotFather)"
)
BOT_TOKEN_REJECTED = (
    "Telegram từ chối token trong TELEGRAM_BOT_TOKEN; hãy kiểm tra lại với @BotFather"
)
BOT_NO_WEBHOOK_URL = "chế độ webhook cần [bot] webhook_url (địa chỉ https công khai của bot)"
BOT_BAD_MODE = '[bot] mode phải là "polling" hoặc "webhook", không phải "{mode}"'
BOT_NETWORK = "không kết nối được tới Telegram ({error})"
