import pytest

from knowledge.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đảng bộ TP. Hải Phòng ra đời năm 1929. Sau đó phong trào lan rộng.",
            ["Đảng bộ TP. Hải Phòng ra đời năm 1929.", "Sau đó phong trào lan rộng."],
        ),
        (
            "Tp. Hồ Chí Minh có 1.234 chi bộ. Ngày 13.5.1955 quân Pháp rút.",
            ["Tp. Hồ Chí Minh có 1.234 chi bộ.", "Ngày 13.5.1955 quân Pháp rút."],
        ),
        (
            "Đồng chí Nguyễn V. A. làm Bí thư. Chi bộ họp định kỳ.",
            ["Đồng chí Nguyễn V. A. làm Bí thư.", "Chi bộ họp định kỳ."],
        ),
        (
            "Các ngành dệt, may, cơ khí, v.v. đều phát triển. Đời sống được cải thiện.",
            ["Các ngành dệt, may, cơ khí, v.v. đều phát triển.", "Đời sống được cải thiện."],
        ),
        (
            'Bác dặn: "Phải đoàn kết." Toàn Đảng nghe theo.',
            ['Bác dặn: "Phải đoàn kết."', "Toàn Đảng nghe theo."],
        ),
        (
            "Cuộc đấu tranh kéo dài... và gian khổ… Cuối cùng đã thắng lợi!",
            ["Cuộc đấu tranh kéo dài... và gian khổ…", "Cuối cùng đã thắng lợi!"],
        ),
        (
            "Vì sao thắng? Nhờ sự lãnh đạo của Đảng. Năm 1954.\nChương mới",
            ["Vì sao thắng?", "Nhờ sự lãnh đạo của Đảng.", "Năm 1954.", "Chương mới"],
        ),
        (
            # A Vietnamese word or a congress's numeral before the stop is no initial.
            "Hải Phòng tầm cỡ Đông Nam Á. Đại hội lần thứ I. Ông vào khóa V. Nguyễn V. A. đến.",
            [
                "Hải Phòng tầm cỡ Đông Nam Á.",
                "Đại hội lần thứ I.",
                "Ông vào khóa V.",
                "Nguyễn V. A. đến.",
            ],
        ),
        ("Không có dấu chấm cuối", ["Không có dấu chấm cuối"]),
        ("   ", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_sentence_ending_with_a_date_is_split():
    assert split_sentences("Quân Pháp rút ngày 13.5.1955. Thành phố được giải phóng.") == [
        "Quân Pháp rút ngày 13.5.1955.",
        "Thành phố được giải phóng.",
    ]


def test_spans_point_into_the_passage():
    text = "  Hội nghị họp tại Hà Nội.   Nghị quyết được thông qua.  "
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Hội nghị họp tại Hà Nội.",
        "Nghị quyết được thông qua.",
    ]
    assert spans[0][0] == 2
