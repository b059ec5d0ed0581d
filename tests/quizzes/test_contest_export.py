import io
from datetime import datetime

from openpyxl import load_workbook

from quizzes.contest import charts, results
from quizzes.contest.export import results_workbook
from quizzes.contest.setup import find_contest
from testkit.contests import START, FixedClock, make_bank, make_contest, play_round


def test_the_results_workbook_cell_by_cell(session):
    clock = FixedClock()
    make_bank(session)
    contest = make_contest(session)
    play_round(session, contest, clock)
    data = results_workbook(session, find_contest(session, contest.slug))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Tuần 1", "Tuần 2", "Tổng hợp", "Đơn vị", "Độ khó câu hỏi"]
    week = book["Tuần 1"]
    assert [c.value for c in week[1]][:5] == [
        "Hạng",
        "Họ và tên",
        "Năm sinh",
        "Đơn vị",
        "Số câu đúng",
    ]
    rows = [[c.value for c in row] for row in week.iter_rows(min_row=2, max_row=4)]
    assert rows[0] == [
        1,
        "Trần Thị Mai",
        2001,
        "Xã Ka Đơn",
        5,
        120,
        2,
        0,
        datetime(2025, 5, 5, 8, 2, 0),  # noqa: DTZ001  (Excel cells are naive, Vietnam time)
        "Giải Nhất",
    ]
    assert rows[1][:8] == [2, "Lê Văn Nam", 2002, "Thị trấn Thạnh Mỹ", 5, 60, 5, 3]
    assert rows[1][9] == "Giải Nhì"
    assert rows[2][:6] == [3, "Phạm Quốc Huy", 2003, "Xã Ka Đơn", 0, 30]
    assert rows[2][9] == "Giải Ba"
    assert [week.cell(6, 1).value, week.cell(6, 2).value] == ["Đáp án câu dự đoán", 2]
    assert book["Tuần 2"].max_row == 1
    overall = [[c.value for c in r] for r in book["Tổng hợp"].iter_rows(min_row=2)]
    assert [r[:2] for r in overall] == [
        [1, "Lê Văn Nam"],
        [2, "Trần Thị Mai"],
        [3, "Phạm Quốc Huy"],
    ]
    units = [[c.value for c in r] for r in book["Đơn vị"].iter_rows(min_row=2)]
    assert units[0] == [
        "Xã Ka Đơn",
        3,
        2,
        66.67,
        2,
        2.5,
        "Đông người dự thi nhất; Tỉ lệ tham gia cao nhất",
    ]
    assert units[1] == ["Thị trấn Thạnh Mỹ", 10, 1, 10, 1, 5, None]
    assert units[2] == ["Trường THPT Đơn Dương", None, 0, None, 0, None, None]
    questions = [[c.value for c in r] for r in book["Độ khó câu hỏi"].iter_rows(min_row=2)]
    assert all(r[3] >= 1 and 0 <= r[5] <= 100 for r in questions)
    assert questions == sorted(questions, key=lambda r: (r[5], r[0]))


def test_rate_winner_is_marked_when_a_unit_beats_its_quota(session):
    clock = FixedClock(START)
    make_bank(session)
    contest = make_contest(session)
    play_round(session, contest, clock)
    counts = results.unit_counts(session, contest)
    assert [(u.name, u.participants) for u in counts][:2] == [
        ("Xã Ka Đơn", 2),
        ("Thị trấn Thạnh Mỹ", 1),
    ]


def test_charts_are_png_images(session):
    clock = FixedClock()
    make_bank(session)
    contest = make_contest(session)
    play_round(session, contest, clock)
    images = [
        charts.per_day_chart(results.attempts_per_day(session, contest)),
        charts.per_unit_chart(results.unit_counts(session, contest)),
        charts.score_chart(results.score_histogram(session, contest), 5),
    ]
    assert all(image.startswith(b"\x89PNG\r\n\x1a\n") for image in images)
