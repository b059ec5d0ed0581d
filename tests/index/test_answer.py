import pytest

from index.answer import (
    CONF_FEATURES,
    Answerer,
    Candidate,
    _at_that_time,
    _count_unstated,
    _dates,
    _era,
    _names_found,
    _names_unmentioned,
    _premise_unstated,
    _role_unstated,
    _without_honorifics,
    _year_loosely_stated,
    confidence_features,
)
from index.mentions import known_people
from index.question import parse_question
from index.settings import AnswerSettings
from index.text import fold
from index.types import Hit, Passage
from knowledge.citation import Citation
from knowledge.sentences import sentence_spans

PASSAGES = {
    "hp": Passage(
        "hp",
        "Đảng bộ thành phố Hải Phòng được thành lập vào tháng 8/1929 trên cơ sở hợp nhất các "
        "chi bộ cộng sản ở nhà máy xi măng và bến cảng. Đồng chí Nguyễn Văn Hới được cử làm Bí "
        "thư đầu tiên của Thành ủy. Ngày 13 tháng 5 năm 1955, đoàn quân viễn chinh Pháp cuối "
        "cùng rút khỏi TP. Hải Phòng. Khi đó, Đảng bộ có khoảng 1.200 đảng viên.",
        Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương I",), (12, 13)),
    ),
    "dh": Passage(
        "dh",
        "Đại hội đại biểu Đảng bộ thành phố lần thứ nhất họp tại Nhà hát Lớn từ ngày 3 đến "
        "ngày 5 tháng 12 năm 1955. Đại hội đã bầu Ban Chấp hành gồm 21 ủy viên. Nghị quyết Đại "
        "hội xác định nhiệm vụ trọng tâm là khôi phục kinh tế, ổn định đời sống nhân dân.",
        Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương II",), (40, 41)),
    ),
    "nn": Passage(
        "nn",
        "Phong trào hợp tác hóa nông nghiệp được triển khai ở các huyện ngoại thành. Nhiều hợp "
        "tác xã đạt năng suất lúa cao, đời sống xã viên từng bước được cải thiện.",
    ),
    "cn": Passage(
        "cn",
        "Công nhân các nhà máy đẩy mạnh thi đua sản xuất. Phong trào thi đua lao động sáng tạo "
        "được phát động rộng rãi trong các xí nghiệp.",
    ),
}


def hits(*ids: str) -> list[Hit]:
    """Hits as a fused retriever returns them, best first."""
    return [
        Hit(cid, score=1 / (61 + rank), lexical=10.0 - rank, lexical_rank=rank + 1)
        for rank, cid in enumerate(ids)
    ]


@pytest.fixture
def answerer() -> Answerer:
    return Answerer(AnswerSettings())


@pytest.mark.parametrize(
    ("question", "order", "kind", "expected", "chunk"),
    [
        ("Đảng bộ thành phố Hải Phòng được thành lập năm nào?", "hp dh nn", "date", "8/1929",
         "hp"),
        ("dang bo hai phong thanh lap nam nao", "hp dh nn", "date", "8/1929", "hp"),
        ("Ai được cử làm Bí thư đầu tiên của Thành ủy?", "hp dh nn", "person", "Nguyễn Văn Hới",
         "hp"),
        ("Ban Chấp hành do Đại hội lần thứ nhất bầu gồm bao nhiêu ủy viên?", "dh hp nn", "number",
         "21 ủy viên", "dh"),
        ("Đại hội đại biểu Đảng bộ lần thứ nhất họp ở đâu?", "dh hp cn", "place", "Nhà hát Lớn",
         "dh"),
        ("Nghị quyết Đại hội xác định nhiệm vụ trọng tâm là gì?", "dh hp nn", "other",
         "khôi phục kinh tế", "dh"),
        ("quan phap rut khoi hai phong khi nao", "hp dh cn", "date", "13 tháng 5 năm 1955", "hp"),
    ],
)  # fmt: skip
def test_answers_each_kind_of_question(answerer, question, order, kind, expected, chunk):
    answer = answerer.answer(question, hits(*order.split()), PASSAGES)
    assert not answer.refused
    assert answer.question_type == kind
    assert expected in answer.text
    assert answer.chunk_id == chunk
    assert answer.passage == PASSAGES[chunk].text
    assert answer.text in answer.passage
    assert answer.citation == PASSAGES[chunk].citation
    assert 0.0 <= answer.confidence <= 1.0


def test_picks_the_answering_sentence_not_the_first(answerer):
    answer = answerer.answer("Đảng bộ có khoảng bao nhiêu đảng viên?", hits("hp", "dh"), PASSAGES)
    assert "1.200" in answer.text
    assert "8/1929" not in answer.text


def sentence_count(answer_text: str, passage: str) -> int:
    """How many consecutive passage sentences the answer is made of (0 when it is not)."""
    spans = sentence_spans(passage)
    for i, (start, _) in enumerate(spans):
        for j in range(i, len(spans)):
            if passage[start : spans[j][1]] == answer_text:
                return j - i + 1
    return 0


@pytest.mark.parametrize(
    "question",
    [
        "Ai làm Bí thư đầu tiên?",
        "Đại hội họp ở đâu và bầu bao nhiêu ủy viên?",
        "Quân Pháp rút khỏi TP. Hải Phòng khi nào và Đảng bộ có bao nhiêu đảng viên?",
    ],
)
def test_answer_is_one_sentence_or_two_neighbours(answerer, question):
    answer = answerer.answer(question, hits("dh", "hp"), PASSAGES)
    assert 1 <= sentence_count(answer.text, answer.passage) <= 2


def test_takes_a_neighbour_that_adds_evidence(answerer):
    answer = answerer.answer(
        "Đại hội họp ở đâu và bầu bao nhiêu ủy viên?", hits("dh", "hp"), PASSAGES
    )
    assert "Nhà hát Lớn" in answer.text
    assert "21 ủy viên" in answer.text
    assert sentence_count(answer.text, answer.passage) == 2


def test_one_sentence_when_told():
    single = Answerer(AnswerSettings(max_sentences=1))
    answer = single.answer("Đại hội họp ở đâu và bầu bao nhiêu ủy viên?", hits("dh"), PASSAGES)
    assert sentence_count(answer.text, answer.passage) == 1


def test_related_lists_other_hits_best_first(answerer):
    answer = answerer.answer(
        "Đảng bộ Hải Phòng thành lập năm nào?", hits("hp", "dh", "nn", "cn", "dh2"), PASSAGES
    )
    assert answer.related == ("dh", "nn", "cn")


def test_refuses_an_off_topic_question(answerer):
    answer = answerer.answer("Giá vàng hôm nay bao nhiêu?", hits("nn", "cn", "hp"), PASSAGES)
    assert answer.refused
    assert answer.text == ""
    assert answer.confidence < AnswerSettings().refusal_threshold


def test_refuses_when_the_key_names_are_absent(answerer):
    asked = "Đồng chí Trần Quang Khải làm Bí thư Tỉnh ủy Quảng Bình năm nào?"
    answer = answerer.answer(asked, hits("hp", "dh", "nn"), PASSAGES)
    grounded = answerer.answer("Ai làm Bí thư đầu tiên của Thành ủy?", hits("hp"), PASSAGES)
    assert answer.refused
    assert answer.text == ""
    assert answer.confidence < grounded.confidence


def test_refuses_without_hits(answerer):
    answer = answerer.answer("Đảng bộ thành lập năm nào?", [], PASSAGES)
    assert answer.refused
    assert answer.chunk_id is None


def test_skips_hits_without_a_passage(answerer):
    answer = answerer.answer(
        "Đảng bộ Hải Phòng được thành lập năm nào?", hits("gone", "hp"), PASSAGES
    )
    assert answer.chunk_id == "hp"
    assert "8/1929" in answer.text


def test_threshold_zero_never_refuses():
    answerer = Answerer(AnswerSettings(refusal_threshold=0.0, max_missing=1.0))
    answer = answerer.answer("Giá vàng hôm nay thế nào?", hits("nn", "cn"), PASSAGES)
    assert not answer.refused
    assert answer.text in PASSAGES[answer.chunk_id].text


def test_no_sentence_with_the_asked_slot_is_refused_at_any_threshold():
    answerer = Answerer(AnswerSettings(refusal_threshold=0.0, max_missing=1.0))
    answer = answerer.answer("Giá vàng hôm nay bao nhiêu?", hits("nn", "cn"), PASSAGES)
    assert answer.refused


ROUNDS = Passage(
    "rounds",
    "Đại hội đại biểu Đảng bộ tỉnh Lâm Đồng lần thứ I họp tại Đà Lạt theo hai vòng. Vòng thứ "
    "nhất diễn ra từ ngày 10 đến ngày 20 tháng 11 năm 1976. Đại hội đại biểu Đảng bộ tỉnh lần "
    "thứ II họp tại Đà Lạt. Đại hội diễn ra từ ngày 2 đến ngày 8 tháng 10 năm 1979.",
    Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương II",), (30,)),
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Đại hội Đảng bộ tỉnh lần thứ II họp khi nào?", "tháng 10 năm 1979"),
        # The first round's dates continue the first congress's sentence: not the commune's.
        ("ĐH đảng bộ xã lần thứ I họp năm nào", None),
        ("Đại hội Đảng bộ tỉnh lần thứ III họp khi nào?", None),
    ],
)
def test_a_sentence_continuing_another_congress_does_not_answer(question, expected):
    answerer = Answerer(AnswerSettings(refusal_threshold=0.0, max_missing=1.0))
    answer = answerer.answer(question, hits("rounds"), {"rounds": ROUNDS})
    if expected is None:
        assert answer.refused, answer.text
    else:
        assert expected in answer.text
        assert "1976" not in answer.text


CELL = Passage(
    "cell",
    "Đến cuối năm 1930, tổ chức đảng ở Đà Lạt đã có 11 đảng viên. Số đảng viên này được chia "
    "thành hai chi bộ: Chi bộ Palace gồm 5 người và Chi bộ Cầu Quẹo gồm 6 người. Theo Quyết "
    "định số 83 ngày 29 tháng 4 năm 2021, Trần Văn An được chỉ định làm Bí thư.",
    Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương I",), (8,)),
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Cuối năm 1930 Đà Lạt có bao nhiêu đảng viên?", "11 đảng viên"),
        # "QĐ" is an abbreviation, not a name.
        ("Trần Văn An làm Bí thư theo QĐ số mấy?", "Quyết định số 83"),
        # A count, a year or a name the book does not state there: a false premise.
        ("Năm 1930 Đà Lạt có 12 đảng viên chia làm mấy chi bộ?", None),
        ("Cuối năm 1935 Đà Lạt có bao nhiêu đảng viên?", None),
        ("Năm 1930 Đà Lạt có 11 đảng viên chia làm 3 chi bộ nào?", None),
        ("Trần Văn Bình làm Bí thư theo quyết định số mấy?", None),
        # "9" is not stated by "29".
        ("Quyết định số 9 chỉ định ai làm Bí thư?", None),
    ],
)
def test_a_question_stating_what_the_book_does_not_say_there_is_refused(question, expected):
    answerer = Answerer(AnswerSettings(max_missing=1.0))
    answer = answerer.answer(question, hits("cell"), {"cell": CELL})
    if expected is None:
        assert answer.refused, answer.text
    else:
        assert not answer.refused
        assert expected in answer.text


@pytest.mark.parametrize(
    ("question", "unstated"),
    [
        ("Đà Lạt có 2 chi bộ nào?", ""),  # "hai chi bộ"
        ("da lat co 2 chi bo nao", ""),
        ("Chi bộ Palace gồm 5 người phải không?", ""),
        ("Chi bộ Palace gồm 7 người phải không?", "7"),
        ("Chi bộ Palace thành lập năm 1929 phải không?", "1929"),
        ("Chi bộ Hà Nội gồm mấy người?", "Hà Nội"),
        ("Chi bo Ha Noi gom may nguoi?", "Ha Noi"),
        ("Chi bộ nào gồm 5 người theo TL?", ""),  # an abbreviation left as typed
        ("Đà Lạt có 11 chi bộ phải không?", "11 chi"),  # 11 counts party members there
        ("Chi bộ Cầu Quẹo gồm 6 người phải không?", ""),
        ("Quyết định số 83 năm 2021 chỉ định ai?", ""),  # an identifier, not a count
        ("da lat co 5 chi bo nao", "5 chi"),  # "có" typed "co" opens a count
        # A name with a tone mark missed or wrong is the book's name; another name is not.
        ("Chi bộ Cầu Queo gồm mấy người?", ""),
        ("Chi bộ Cấu Quẹo gồm mấy người?", ""),
        ("Chi bộ Cầu Kho gồm mấy người?", "Cầu Kho"),
    ],
)
def test_a_premise_is_stated_by_the_answers_surroundings(question, unstated):
    assert _unstated_in(question, CELL, 1, "Chương I Lâm Đồng") == unstated


def _unstated_in(question: str, passage: Passage, sentence: int, headings: str) -> str:
    """What `_premise_unstated` finds the passage not to say, its ``sentence`` chosen, with the
    passage and ``headings`` as tokens matched the way the question's are."""
    parsed = parse_question(question)
    best = Candidate(0, passage.chunk_id, sentence, "", (), 0.0)
    tokens = parse_question(f"{passage.text} {headings}").tokens
    context = frozenset(fold(t) for t in tokens) if parsed.folded else frozenset(tokens)
    return _premise_unstated(parsed, best, passage, context)


VISIT = Passage(
    "visit",
    "Tháng 8 năm 1941, Tổng thống Franklin Roosevelt gặp Thủ tướng Winston Churchill ngoài khơi "
    "Newfoundland. Hai bên ra Hiến chương Đại Tây Dương. Việc gặp gỡ này được Hoa Kỳ giữ kín, "
    "và Trần Văn Thịnh không dự.",
    Citation("Lịch sử thế giới", ("Chương II",), (40,)),
)


@pytest.mark.parametrize(
    ("question", "unstated"),
    [
        # A letter dropped, added, changed or swapped in a foreign name is still that name.
        ("Cuộc gặp giữa Roosevlet và Chirchill năm 1941 ra văn kiện gì?", ""),
        ("Fraklin Roosevelt gặp ai ngoài khơi Newfoundlan?", ""),
        ("Roosevevelt gặp Churchill ở đâu?", ""),
        ("roosevlet gap churchil o dau", ""),
        # Another foreign name, or one two letters off a short one, is not.
        ("Roosevelt gặp Thủ tướng Stalin ở đâu?", "Stalin"),
        ("Roosevelt gặp ai ngoài khơi Newzealand?", "Newzealand"),
        # "i" for "y" is a spelling of the same syllable; a Vietnamese name one letter away
        # is another person.
        ("Hoa Kì giữ kín việc gì?", ""),
        ("Trần Văn Thanh có dự không?", "Trần Văn Thanh"),
        ("Trần Văn Thinh có dự không?", ""),
        # A word capitalised for opening the question, before a name the passage writes.
        ("Việc Roosevelt gặp Churchill diễn ra khi nào?", ""),
        ("Nguyễn Roosevelt gặp ai?", "Nguyễn Roosevelt"),
    ],
)
def test_a_misspelt_name_is_the_books_name_unless_it_names_another(question, unstated):
    assert _unstated_in(question, VISIT, 0, "Chương II Lịch sử thế giới") == unstated


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("tran van binh duoc chi dinh lam bi thu theo quyet dinh so may", True),
        ("tran van an duoc chi dinh lam bi thu theo quyet dinh so may", False),
    ],
)
def test_a_person_the_library_names_is_a_name_also_typed_without_capitals(question, refused):
    """Plain, "tran van binh" has no capitals to mark it a name; the library's people do."""
    people = known_people([CELL.text, "Đồng chí Trần Văn Bình dự hội nghị năm 1975."])
    assert people >= {"tran van an", "tran van binh"}
    knowing = Answerer(AnswerSettings(max_missing=1.0), people=people)
    assert knowing.answer(question, hits("cell"), {"cell": CELL}).refused is refused
    unknowing = Answerer(AnswerSettings(max_missing=1.0))
    assert not unknowing.answer(question, hits("cell"), {"cell": CELL}).refused


def test_a_refusal_for_an_unstated_premise_says_what_the_book_does_not_say():
    answerer = Answerer(AnswerSettings(max_missing=1.0))
    asked = "Chi bộ Palace gồm 7 người phải không?"
    refused = answerer.answer(asked, hits("cell"), {"cell": CELL})
    assert refused.refused
    assert refused.unstated == "7"
    plain = answerer.answer("Cuối năm 1935 Đà Lạt có bao nhiêu đảng viên?", [], {"cell": CELL})
    assert plain.refused
    assert plain.unstated == ""


@pytest.mark.parametrize(
    "bad",
    [{"refusal_threshold": 1.5}, {"max_sentences": 3}, {"passages_considered": 0}],
)
def test_settings_reject_out_of_range_values(bad):
    with pytest.raises(ValueError, match="must"):
        AnswerSettings(**bad)


MERGERS = {
    "old": Passage(
        "old",
        "Ngày 6 tháng 1 năm 1976, tỉnh Lâm Đồng và tỉnh Tuyên Đức hợp nhất thành tỉnh Lâm Đồng, "
        "tỉnh lỵ đặt tại Đà Lạt.",
        Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương III",), (40,)),
    ),
    "new": Passage(
        "new",
        "Năm 2025, tỉnh Lâm Đồng, tỉnh Đắk Nông và tỉnh Bình Thuận hợp nhất thành tỉnh Lâm Đồng, "
        "trung tâm hành chính đặt tại Đà Lạt.",
        Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương V",), (80,)),
    ),
    "now": Passage(
        "now",
        "Ông sinh ở làng Diêm Điền. Làng Diêm Điền nay thuộc huyện Kiến Xương, tỉnh Nam Định.",
        Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương I (1899–1950)",), (5,)),
    ),
}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "sau hợp nhất", "hiện nay", "mới": the latest of the answering sentences.
        ("Lâm Đồng sau hợp nhất gồm những tỉnh nào", "Đắk Nông"),
        ("lam dong moi hop nhat tu nhung tinh nao", "Đắk Nông"),
        ("Lâm Đồng hiện nay hợp nhất từ những tỉnh nào", "Đắk Nông"),
        # A year named in the question is the time asked about.
        ("Lâm Đồng hợp nhất với tỉnh nào năm 1976", "Tuyên Đức"),
        # "nông thôn mới", "mọi người" are no question about the present.
        ("tỉnh Lâm Đồng hợp nhất với tỉnh nào", "Tuyên Đức"),
    ],
)
def test_a_question_about_the_present_takes_the_latest_sentence(question, expected):
    answerer = Answerer(AnswerSettings(refusal_threshold=0.0, max_missing=1.0))
    answer = answerer.answer(question, hits("old", "new"), MERGERS)
    assert expected in answer.text, answer.text


def test_a_sentence_telling_the_present_answers_a_question_about_it():
    answerer = Answerer(AnswerSettings(refusal_threshold=0.0, max_missing=1.0))
    answer = answerer.answer("làng Diêm Điền bây giờ thuộc tỉnh nào", hits("now", "new"), MERGERS)
    assert "Nam Định" in answer.text, answer.text


HAI_PHONG = {
    "born": Passage(
        "born",
        "Nguyễn Đức Cảnh sinh ngày 2 tháng 2 năm 1908 tại làng Diêm Điền. Mẹ ông là người làng "
        "Cổ Am.",
        Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương I", "Quê hương"), (3,)),
    ),
    "died": Passage(
        "died",
        "Ngày 31 tháng 7 năm 1932, thực dân Pháp đưa Nguyễn Đức Cảnh ra xử chém tại Hải Phòng. "
        "Ngày hy sinh 31/7/1932 được nhiều nguồn ghi giống nhau.",
        Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương I", "Hy sinh"), (5,)),
    ),
    "founded": Passage(
        "founded",
        "Đảng bộ thành phố Hải Phòng được thành lập tháng 4/1930, với Nguyễn Đức Cảnh là Bí thư "
        "Thành ủy đầu tiên.",
        Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Kết luận",), (90,)),
    ),
}


LIFE = Passage(
    "life",
    "Nguyễn Đức Cảnh hy sinh ngày 31/7/1932. Nguyễn Đức Cảnh quê làng Diêm Điền, sinh ngày "
    "2/2/1908.",
    Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương I",), (3,)),
)


def test_a_word_written_inside_another_word_matches_it_only_half():
    # "sinh" of "hy sinh" (died) is not the "sinh" (born) asked about.
    answerer = Answerer(AnswerSettings())
    answer = answerer.answer("Nguyễn Đức Cảnh sinh ngày nào?", hits("life"), {"life": LIFE})
    assert not answer.refused
    assert answer.text.startswith("Nguyễn Đức Cảnh quê")


def test_a_number_in_words_is_read_with_its_diacritics():
    # "năm" before a year is no five, nor is "Hải" (folded "hai") two.
    parsed = parse_question("Nguyễn Đức Cảnh có 5 người con phải không?")
    best = Candidate(0, "born", 0, "", (), 0.0)
    context = frozenset(parse_question(HAI_PHONG["born"].text).tokens)
    assert _premise_unstated(parsed, best, HAI_PHONG["born"], context) == "5"


@pytest.mark.parametrize(
    "question",
    ["Đảng bộ Hải Phòng thành lập năm 1930 với 2 chi bộ, bí thư đầu tiên là ai?",
     "dang bo hai phong thanh lap nam 1930 voi 2 chi bo, bi thu dau tien la ai"],
)  # fmt: skip
def test_hai_phong_does_not_state_the_number_two(question):
    # Folded, "Hải" is "hai" (two): the book does not state the asked two cells.
    answerer = Answerer(AnswerSettings(max_missing=1.0))
    answer = answerer.answer(question, hits("founded"), HAI_PHONG)
    assert answer.refused
    assert answer.unstated == "2"


LAM_VIEN = Passage(
    "lv",
    "Ngày 1 tháng 11 năm 1899, chính quyền thực dân Pháp lập tỉnh Đồng Nai Thượng. Ngày 31 tháng "
    "10 năm 1920, tỉnh Lâm Viên bị bãi bỏ. Một phần địa bàn được lập thành thành phố Đà Lạt. "
    "Phần còn lại được dùng để tái lập tỉnh Đồng Nai Thượng.",
    Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương I",), (2,)),
)


def test_a_sentence_without_a_year_belongs_to_the_last_year_before_it():
    # "tái lập tỉnh Đồng Nai Thượng" follows 1920 two sentences back: it answers 1920, not 1899.
    answerer = Answerer(AnswerSettings(max_missing=1.0))
    asked = "phần còn lại được dùng để làm gì năm {}"
    then = answerer.evidence(parse_question(asked.format(1920)), hits("lv"), {"lv": LAM_VIEN})
    assert then is not None
    assert then.grounded
    assert "tái lập" in then.best.text
    other = answerer.evidence(parse_question(asked.format(1899)), hits("lv"), {"lv": LAM_VIEN})
    assert other is None or "tái lập" not in other.best.text


def test_a_sections_number_states_nothing():
    # "IV." numbers the section; it does not say there were four deputies.
    passage = Passage(
        "dep",
        "Các Phó Bí thư Tỉnh ủy nhiệm kỳ 2025–2030 gồm năm người.",
        Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương V", "IV. Nhân sự"), (9,)),
    )
    parsed = parse_question("Tỉnh ủy nhiệm kỳ 2025-2030 có 4 Phó Bí thư phải không?")
    best = Candidate(0, "dep", 0, "", (), 0.0)
    context = frozenset(parse_question(passage.text).tokens)
    assert _premise_unstated(parsed, best, passage, context) == "4"


def test_a_follow_up_answer_must_write_one_of_its_own_words():
    from index.answer import tells_asked

    asked = parse_question("Lê Văn Thành học ở đâu?")
    assert not tells_asked(asked, "Lê Văn Thành tái đắc cử Bí thư Thành ủy khóa XVI.")
    assert tells_asked(asked, "Lê Văn Thành học ở Hà Nội.")
    assert tells_asked(parse_question("Lê Văn Thành?"), "Lê Văn Thành tái đắc cử.")


def test_a_month_the_book_does_not_give_for_the_event_is_not_answered():
    # The book's "tháng 4/1930" is not the asked "tháng 2/1930".
    answerer = Answerer(AnswerSettings(max_missing=1.0))
    question = "Đảng bộ Hải Phòng thành lập tháng 2/1930, bí thư đầu tiên là ai?"
    assert answerer.answer(question, hits("founded"), HAI_PHONG).refused


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("Đồng chí Nguyễn Đức Cảnh hy sinh ngày nào?", "Nguyễn Đức Cảnh hy sinh ngày nào?"),
        ("ngay hy sinh cua dong chi nguyen duc canh", "ngay hy sinh cua nguyen duc canh"),
        # Before no name, "đồng chí" is what is counted or asked.
        ("Ban Thường vụ gồm mấy đồng chí?", "Ban Thường vụ gồm mấy đồng chí?"),
        ("dong chi nao lam bi thu", "dong chi nao lam bi thu"),
    ],
)
def test_the_honorific_before_a_name_is_no_word_the_book_must_write(question, read):
    assert _without_honorifics(question, ("nguyen duc canh",)) == read


def test_a_target_year_is_not_the_time_a_sentence_tells_of():
    assert _era("Năm 2023, Thủ tướng duyệt quy hoạch 2021–2030, tầm nhìn đến năm 2050.") == 2030
    assert _era("Nghị quyết 45-NQ/TW đặt mục tiêu đến năm 2030 Hải Phòng trở thành …") is None
    assert _era("Đến cuối năm 2014, ba xã đạt chuẩn nông thôn mới.") == 2014


MERGER = Passage(
    "merger",
    "Đại hội đại biểu lần thứ I, nhiệm kỳ 1963–1968, họp từ ngày 10 đến ngày 14 tháng 7 năm "
    "1963. Đến cuối năm 1930, chi bộ Cầu Quẹo gồm 6 người. Năm 2025, tỉnh Lâm Đồng, tỉnh Đắk "
    "Nông và tỉnh Bình Thuận hợp nhất thành tỉnh Lâm Đồng. Tỉnh mới rộng 24.233,6 km².",
    Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương V",), (30,)),
)


@pytest.mark.parametrize(
    ("question", "sentence", "unstated"),
    [
        # A year written with two digits, a decade, and the names a count stands for.
        ("Đại hội lần thứ I hồi những năm 60 họp từ ngày nào?", 0, ""),
        ("Đại hội lần thứ I hồi những năm 70 họp từ ngày nào?", 0, "70"),
        ("chi bo Cau Queo cuoi nam 30 gom bao nhieu nguoi", 1, ""),
        ("chi bo Cau Queo cuoi nam 31 gom bao nhieu nguoi", 1, "31"),
        ("năm nào 3 tỉnh Lâm Đồng, Đắk Nông, Bình Thuận gộp lại", 2, ""),
        ("năm nào 4 tỉnh Lâm Đồng, Đắk Nông, Bình Thuận gộp lại", 2, "4"),
        # "chống Pháp" names a war's time, not something the passage must write.
        ("Tỉnh Lâm Đồng hợp nhất sau kháng chiến chống Pháp bao lâu?", 2, ""),
        ("Tỉnh Lâm Đồng hợp nhất với Pháp năm nào?", 2, "Pháp"),
        # A number with a decimal part is no count of names (and no crash).
        ("Tỉnh mới rộng 24.233,6 km² phải không?", 3, ""),
        ("Tỉnh mới rộng 2,5 km² phải không?", 3, "2,5"),
    ],
)
def test_a_premise_may_be_stated_in_other_words(question, sentence, unstated):
    parsed = parse_question(question)
    start, end = sentence_spans(MERGER.text)[sentence]
    best = Candidate(0, MERGER.chunk_id, sentence, MERGER.text[start:end], (), 0.0)
    context = frozenset(parse_question(MERGER.text).tokens)
    if parsed.folded:
        context = frozenset(fold(t) for t in context)
    assert _premise_unstated(parsed, best, MERGER, context) == unstated


def test_an_abbreviation_left_in_capitals_is_no_name_the_passage_must_write():
    sentence = "Sau đó, Nguyễn Đức Cảnh theo học lớp huấn luyện chính trị ở Quảng Châu."
    tokens = frozenset(fold(t) for t in parse_question(sentence).tokens)
    unexpanded = parse_question("sang TQ nam 1927 thi Nguyen Duc Canh theo hoc lop gi")
    assert _names_found(unexpanded, tokens, sentence) == 0.5  # the year is not written
    assert _names_found(parse_question("TQ mở lớp gì"), tokens, sentence) == 1.0
    assert not _names_unmentioned(parse_question("TQ mở lớp gì"), tokens, sentence)
    assert _names_unmentioned(parse_question("Lê Duẩn mở lớp gì"), tokens, sentence)
    # One the passage writes too is found like a name.
    grdp = "Năm 2020, GRDP của Hải Phòng khoảng 276.661 tỷ đồng."
    written = frozenset(parse_question(grdp).tokens)
    asked = parse_question("Quy mô GRDP năm 2020 của Hải Phong là bao nhiêu")
    assert _names_found(asked, written, grdp) == 1.0  # "Hải Phong": a mark missed, found
    assert _names_found(parse_question("GRDP 2020 của Hà Nội"), written, grdp) == 0.5


def test_a_name_typed_with_a_mark_wrong_is_found_written_together():
    sentence = "Năm 1929, Tổng Công hội Đỏ Bắc Kỳ ra đời; chi bộ Tân Việt lập ở Đà Lạt năm đó."
    tokens = frozenset(parse_question(sentence).tokens)
    assert _names_found(parse_question("Chi bộ Tân Viêt lập ở đâu"), tokens, sentence) == 1.0
    # Each syllable of "Đỏ Nam Kỳ" folded is in the sentence ("năm", "Kỳ"), but not together:
    # of its names ("Công", "Đỏ Nam Kỳ"), one is found.
    asked = parse_question("Tổng Công hội Đỏ Nam Kỳ ra đời khi nào")
    assert _names_found(asked, tokens, sentence) == 0.5
    asked = parse_question("Tổng Công hội Đỏ Bắc Kỳ ra đời khi nào")
    assert _names_found(asked, tokens, sentence) == 1.0


def _missing(sentence: str, question: str) -> float:
    """The "missing" confidence feature of ``question`` answered by ``sentence`` alone."""
    passage = Passage("p", sentence, None)
    best = Candidate(0, "p", 0, sentence, (), 2.0)
    features = confidence_features(parse_question(question), best, [best], [], passage)
    return features[CONF_FEATURES.index("missing")]


def test_the_same_thing_said_another_way_is_no_word_missing():
    met = "Đại hội lần thứ II họp từ ngày 2 đến ngày 8 tháng 10 năm 1979 tại Đà Lạt."
    # "tổ chức", "diễn ra" say what "họp" says: as missing as the question that writes "họp".
    assert _missing(met, "Đại hội lần thứ II tổ chức ở đâu") == _missing(
        met, "Đại hội lần thứ II họp ở đâu"
    )
    assert _missing(met, "dai hoi lan II to chuc o dau") < _missing(
        met, "dai hoi lan II ket thuc o dau"
    )
    assert _missing(met, "Đại hội lần thứ II tổ chức ở đâu") < _missing(
        met, "Đại hội lần thứ II bế mạc ở đâu"
    )
    # Asking when, "kết thúc" of a meeting "từ ngày … đến ngày …"; not asking where.
    assert _missing(met, "Đại hội lần thứ II kết thúc ngày nào") == _missing(
        met, "Đại hội lần thứ II họp đến ngày nào"
    )
    assert _missing(met, "Đại hội lần thứ II kết thúc ở đâu") > _missing(
        met, "Đại hội lần thứ II họp ở đâu"
    )
    # "rộng bao nhiêu" of a sentence giving the "diện tích".
    area = "Quận Dương Kinh có diện tích tự nhiên 4.584,87 ha."
    assert _missing(area, "Dương Kinh rộng bao nhiêu ha") == _missing(
        area, "Dương Kinh diện tích bao nhiêu ha"
    )


def test_the_same_sentence_read_in_two_overlapping_passages_is_no_rival():
    question = parse_question("Lâm Viên thành lập năm nào")
    passage = Passage("p", "Ngày 6 tháng 1 năm 1916, tỉnh Lâm Viên được thành lập.", None)
    text = passage.text
    best = Candidate(0, "p", 0, text, (), 2.0)
    again = Candidate(1, "q", 3, text, (), 2.0)
    other = Candidate(0, "p", 1, "Tỉnh Lâm Viên bị bãi bỏ.", (), 0.5)
    features = confidence_features(question, best, [best, again, other], [], passage)
    assert features[CONF_FEATURES.index("margin")] == 1.5


POSTS = Passage(
    "posts",
    "Đại hội XVI bầu Lê Văn Thành làm Bí thư Thành ủy. Hai Phó Bí thư Thành ủy khóa XVI là "
    "Nguyễn Văn Tùng và Đỗ Mạnh Hiến. Năm 2015, Nguyễn Xuân Tiến được chỉ định làm Bí thư Tỉnh "
    "ủy Lâm Đồng, thay Huỳnh Đức Hòa nghỉ hưu. Các Phó Chủ tịch gồm hai người. Đó là Phạm Thị "
    "Phúc, Chủ tịch Ủy ban Mặt trận, và Hồ Văn Mười.",
    Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương III",), (30,)),
)


@pytest.mark.parametrize(
    ("question", "unstated"),
    [
        # The passage makes them deputies: the premise that they were the secretary is wrong.
        ("Nguyễn Văn Tùng làm Bí thư khóa XVI thì ai làm Phó Bí thư",
         "Nguyễn Văn Tùng làm Bí thư"),
        ("nguyen van tung lam bi thu khoa XVI thi ai lam pho bi thu",
         "nguyen van tung làm Bí thư"),
        ("Đại hội XVI bầu ông Đỗ Mạnh Hiến làm Bí thư, vậy các Phó Bí thư là ai",
         "Đỗ Mạnh Hiến làm Bí thư"),
        ("Khi Đỗ Mạnh Hiến được bầu Bí thư thì ai làm Phó Bí thư", "Đỗ Mạnh Hiến làm Bí thư"),
        # Premises the passage states, or the one before a name's sentence ("Đó là …") does.
        ("Lê Văn Thành làm Bí thư khóa XVI thì các Phó Bí thư là ai", ""),
        ("Nguyễn Văn Tùng là Phó Bí thư khóa mấy", ""),
        ("Phạm Thị Phúc là Phó Chủ tịch từ năm nào", ""),
        ("Phạm Thị Phúc là Chủ tịch Ủy ban Mặt trận từ năm nào", ""),
        # Whom someone replaced is no post of theirs; a person the passage never names is
        # left to the other checks.
        ("Nguyễn Xuân Tiến thay Huỳnh Đức Hòa làm Bí thư năm nào", ""),
        ("Trần Văn Hiệp làm Bí thư năm nào", ""),
    ],
)  # fmt: skip
def test_a_post_the_passage_gives_someone_else_is_an_unstated_premise(question, unstated):
    people = known_people([POSTS.text, "Trần Văn Hiệp dự Đại hội."])
    # Typed without capitals, the library's people are names as the answerer reads them.
    parsed = Answerer(AnswerSettings(), people=people)._with_people(parse_question(question))
    asked = " ".join(fold(parsed.text).split())  # as _premise_unstated folds it
    assert _role_unstated(parsed, asked, POSTS.text, people) == unstated


@pytest.mark.parametrize(
    ("question", "sentence", "unstated"),
    [
        # Whom the book says someone replaced is not the one the question says.
        ("Nguyễn Xuân Tiến thay Trần Đức Quận làm Bí thư năm nào", 2, "thay Trần Đức Quận"),
        ("nguyen xuan tien thay tran duc quan lam bi thu nam nao", 2, "thay tran duc quan"),
        ("Nguyễn Xuân Tiến thay Huỳnh Đức Hòa làm Bí thư năm nào", 2, ""),
        # The Party of another province than the one the sentence is about.
        ("Đại hội Đảng bộ tỉnh Đắk Lắk năm 2015 chỉ định ai làm Bí thư", 2, "Đắk Lắk"),
        ("dai hoi dang bo tinh dak lak nam 2015 chi dinh ai lam bi thu", 2, "dak lak"),
        ("Tỉnh ủy Lâm Đồng năm 2015 chỉ định ai làm Bí thư", 2, ""),
        # The book's own city is the one its title names, though a sentence names another.
        ("Thành ủy Hải Phòng khóa XVI bầu ai làm Bí thư", 0, ""),
    ],
)  # fmt: skip
def test_who_was_replaced_and_whose_party_are_premises(question, sentence, unstated):
    assert _unstated_in(question, POSTS, sentence, "Chương III Hải Phòng") == unstated


RESOLUTION = Passage(
    "resolution",
    "Ngày 12 tháng 6 năm 2025, Quốc hội thông qua Nghị quyết 202/2025/QH15. Theo nghị quyết "
    "này, ba tỉnh Lâm Đồng, Đắk Nông và Bình Thuận hợp nhất thành tỉnh Lâm Đồng. Trung tâm "
    "hành chính của tỉnh đặt tại Đà Lạt.",
    Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương V",), (60,)),
)


def test_a_sentence_pointing_back_is_shown_with_the_one_it_points_at():
    answerer = Answerer(AnswerSettings(max_missing=1.0))
    answer = answerer.answer(
        "Ba tỉnh Lâm Đồng, Đắk Nông, Bình Thuận hợp nhất theo nghị quyết nào",
        hits("resolution"),
        {"resolution": RESOLUTION},
    )
    assert not answer.refused
    assert answer.text.startswith("Ngày 12 tháng 6 năm 2025")
    assert "hợp nhất thành tỉnh Lâm Đồng" in answer.text


def test_a_word_opening_the_question_before_a_person_of_the_library_is_no_name():
    passage = Passage(
        "born",
        "Trần Lưu Quang sinh ngày 30 tháng 8 năm 1967 tại Trảng Bàng, tỉnh Tây Ninh.",
        Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương V",), (70,)),
    )
    parsed = parse_question("Quê Trần Lưu Quang ở đâu")
    best = Candidate(0, "born", 0, passage.text, (), 0.0)
    context = frozenset(parse_question(passage.text).tokens)
    assert _premise_unstated(parsed, best, passage, context) == "Quê Trần Lưu Quang"
    people = frozenset({"tran luu quang"})
    assert _premise_unstated(parsed, best, passage, context, people) == ""


@pytest.mark.parametrize(
    ("question", "unstated"),
    [
        # Where the question says the congress met is not where the passage says it did.
        ("Đại hội XVI họp tại Nhà hát lớn thành phố có bao nhiêu đại biểu", "Nhà hát lớn"),
        ("dai hoi XVI hop tai Nha hat lon co bao nhieu dai bieu", "Nha hat lon"),
        ("Đại hội XVI họp tại Cung Văn hóa có bao nhiêu đại biểu", ""),
        # The place ends where an act follows it.
        ("Đại hội XVI họp tại Cung Văn hóa khai mạc ngày nào", ""),
        ("Đại hội XVI họp ở Nhà hát lớn khai mạc ngày nào", "Nhà hát lớn"),
        # Asking where is no premise.
        ("Đại hội XVI họp ở đâu", ""),
        ("Đại hội XVI họp ở phòng nào", ""),
    ],
)  # fmt: skip
def test_where_the_question_says_something_met_is_a_premise(question, unstated):
    assert _unstated_in(question, VENUE, 0, "Chương III Hải Phòng") == unstated


VENUE = Passage(
    "venue",
    "Đại hội XVI được tổ chức tại Cung Văn hóa Lao động Hữu nghị Việt – Tiệp. Đại hội có 350 "
    "đại biểu chính thức.",
    Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương III",), (31,)),
)


GREENHOUSES = Passage(
    "greenhouses",
    "Năm 2021, Đơn Dương có 11.050 ha rau, hoa ứng dụng công nghệ cao. Diện tích này gồm 320 ha "
    "nhà kính và 2.130 ha nhà lưới.",
    Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương V",), (62,)),
)


@pytest.mark.parametrize(
    ("question", "unstated"),
    [
        # The number the book gives of another thing: a false premise.
        ("2.130 ha nhà kính ở Đơn Dương trồng cây gì", "2.130 ha nhà kính"),
        ("2.130 ha nha kinh o Don Duong trong cay gi", "2.130 ha nha kinh"),
        ("320 ha nhà kính ở Đơn Dương trồng cây gì", ""),
        ("2.130 ha nhà lưới ở Đơn Dương trồng cây gì", ""),
        # A number written with a thousands point counts as the one written without.
        ("Đơn Dương có 11.500 ha rau hoa công nghệ cao phải không", "11.500 ha"),
    ],
)  # fmt: skip
def test_a_count_the_book_gives_of_another_thing_is_unstated(question, unstated):
    assert _count_unstated_in(question) == unstated


def _count_unstated_in(question: str) -> str:
    parsed = parse_question(question)
    best = Candidate(0, "greenhouses", 1, "", (), 0.0)
    return _count_unstated(parsed, best, GREENHOUSES)


DECISION = Passage(
    "decision",
    "Ngày 6 tháng 1 năm 1976, Ban Bí thư Trung ương Đảng quyết định giải thể tỉnh Thuận Lâm. "
    "Cùng với quyết định đó, tỉnh Lâm Đồng và tỉnh Tuyên Đức được hợp nhất thành tỉnh Lâm Đồng. "
    "Theo một nguồn tài liệu, Ban Chấp hành lâm thời Đảng bộ tỉnh được lập năm 1976 gồm 28 "
    "người. Ngày 4 tháng 6 năm 1976, Ban Thường vụ Tỉnh ủy ra Nghị quyết 34 thành lập Đảng bộ "
    "Khối Dân Chính Đảng.",
    Citation("Lịch sử Đảng bộ tỉnh Lâm Đồng", ("Chương III",), (40,)),
)


@pytest.mark.parametrize(
    "question",
    [
        "Ban Bí thư quyết định hợp nhất Lâm Đồng và Tuyên Đức ngày nào",
        "ban bi thu quyet dinh hop nhat lam dong va tuyen duc ngay nao",
    ],
)
def test_a_sentence_at_the_moment_of_the_one_before_takes_its_date(question):
    """The merger's sentence has no date of its own: it is "with that decision", dated in the
    sentence before; the next dated sentence tells another event and must not lend its date."""
    answer = Answerer(AnswerSettings(max_missing=1.0)).answer(
        question, hits("decision"), {"decision": DECISION}
    )
    assert not answer.refused
    assert "6 tháng 1 năm 1976" in answer.text
    assert "hợp nhất" in answer.text
    assert "4 tháng 6" not in answer.text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Cùng với quyết định đó, hai tỉnh được hợp nhất.", True),
        ("Cùng ngày, thành phố Đà Lạt được giải phóng.", True),
        ("Cùng thời điểm đó, huyện An Dương trở thành quận An Dương.", True),
        ("Đồng thời, Tỉnh ủy lập Ban Tuyên giáo.", True),
        ("Cũng trong năm đó, huyện đạt chuẩn.", True),
        # Pointing back at a resolution is no moment: it gives no date to the event.
        ("Theo nghị quyết này, ba tỉnh hợp nhất.", False),
        ("Cùng Nguyễn Đức Cảnh, ông lập chi bộ.", False),
    ],
)
def test_what_places_an_event_at_the_moment_of_the_sentence_before(sentence, expected):
    assert _at_that_time(sentence) is expected


def test_dates_are_read_with_their_month_in_every_spelling():
    assert _dates("Ngày 3 tháng 4 năm 1975, và ngày 06 tháng 1 năm 1976, hợp nhất.") == {
        ("3", "4", "1975"),
        ("6", "1", "1976"),
    }
    assert _dates("Đến ngày 3/4/1975, hai tỉnh được giải phóng.") == {("3", "4", "1975")}
    assert _dates("Tháng 12 năm 1950, tỉnh ra đời.") == {("12", "1950")}
    assert _dates("Năm 1976, tỉnh được lập.") == set()


def test_a_second_sentence_giving_the_same_date_is_no_rival_answer():
    """The book tells the same merger twice on the same day: the answer is surer than where its
    second telling gives another day."""
    first = "Ngày 6 tháng 1 năm 1976, tỉnh Lâm Đồng và tỉnh Tuyên Đức hợp nhất."
    answerer = Answerer(AnswerSettings(max_missing=1.0))

    def sure(second: str) -> float:
        told = Passage("told", f"{first} {second}", Citation("Lâm Đồng", ("Kết luận",), (9,)))
        answer = answerer.answer(
            "Lâm Đồng và Tuyên Đức hợp nhất ngày nào", hits("told"), {"told": told}
        )
        assert not answer.refused
        return answer.confidence

    same = sure("Hai tỉnh Lâm Đồng và Tuyên Đức hợp nhất ngày 6 tháng 1 năm 1976.")
    other = sure("Hai tỉnh Lâm Đồng và Tuyên Đức hợp nhất ngày 9 tháng 2 năm 1976.")
    assert same > other + 0.01


REGIONS = Passage(
    "regions",
    "Tháng 7 năm 1929, Nguyễn Đức Cảnh tham gia thành lập Tổng Công hội Đỏ Bắc Kỳ.",
    Citation("Lịch sử Đảng bộ thành phố Hải Phòng", ("Chương I",), (12,)),
)


@pytest.mark.parametrize(
    ("question", "unstated"),
    [
        # One region of the country is not another.
        ("Tổng Công hội Đỏ Nam Kỳ thành lập khi nào", "Nam Kỳ"),
        ("tong cong hoi do nam ky thanh lap khi nao", "nam ky"),
        ("Tổng Công hội Đỏ Bắc Kỳ thành lập khi nào", ""),
        # A region of another kind ("Bộ", not "Kỳ"), or none: nothing to compare.
        ("Tổng Công hội Đỏ Nam Bộ thành lập khi nào", ""),
        ("Tổng Công hội Đỏ thành lập khi nào", ""),
    ],
)  # fmt: skip
def test_a_region_the_answer_names_otherwise_is_an_unstated_premise(question, unstated):
    assert _unstated_in(question, REGIONS, 0, "Chương I Hải Phòng") == unstated


def test_a_figure_the_question_gives_picks_the_sentence_that_gives_it():
    """ "đạt 16.126 con vào thời điểm nào": the sentence with another figure of the same herd
    scores better on the other words, but only the one giving 16.126 answers."""

    def passage(chunk_id: str, text: str) -> Passage:
        return Passage(chunk_id, text, Citation("Lâm Đồng", ("Chương V",), (60,)))

    older = passage(
        "older",
        "Theo một nguồn báo chí, tháng 6 năm 2015, tổng đàn bò sữa của huyện Đơn Dương có trên "
        "9.800 con. Sản lượng sữa của huyện vào thời điểm đó đạt trên 50 tấn mỗi ngày.",
    )
    newer = passage(
        "newer",
        "Huyện có 2 nhà máy chế biến sữa. Theo một nguồn, khoảng đầu năm 2022, tổng đàn bò sữa "
        "đạt 16.126 con.",
    )
    answerer = Answerer(AnswerSettings(max_missing=1.0))
    found = {"older": older, "newer": newer}
    for question, told in (
        ("đàn bò sữa huyện Đơn Dương đạt 16.126 con vào thời điểm nào", "đầu năm 2022"),
        ("đàn bò sữa huyện Đơn Dương đạt 9.800 con vào thời điểm nào", "tháng 6 năm 2015"),
    ):
        parsed, _ = answerer.read(question)
        evidence = answerer.evidence(parsed, hits("older", "newer"), found)
        assert evidence is not None
        assert told in evidence.text


@pytest.mark.parametrize(
    ("asked", "year", "text", "loose"),
    [
        # A year asked as itself, written only as a term's end or a decade: not stated.
        ("nam 2030 dang bo co bao nhieu dang vien", "2030",
         "Đại hội lần thứ I, nhiệm kỳ 2025–2030. Đại hội có 498 đại biểu.", True),
        ("nam 1880 hai phong thuoc phu nao", "1880",
         "Hải Phòng trở thành đơn vị riêng từ cuối những năm 1880. Năm 1887, …", True),
        # Written as itself too, or asked as a term or a span: stated.
        ("nam 1887 hai phong tach ra", "1887",
         "Hải Phòng trở thành đơn vị riêng từ cuối những năm 1880. Năm 1887, …", False),
        ("nhiem ky 2025-2030 co bao nhieu uy vien", "2030", "nhiệm kỳ 2025–2030", False),
        ("pho bi thu thanh uy 2025 2030 la ai", "2030", "nhiệm kỳ 2025–2030", False),
        ("nam 2025 co gi", "2025", "nhiệm kỳ 2020–2025, họp năm 2025", False),
    ],
)  # fmt: skip
def test_a_year_written_only_as_a_terms_end_or_a_decade(asked, year, text, loose):
    assert _year_loosely_stated(asked, year, text) is loose
