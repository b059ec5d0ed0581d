"""The pages and the Mini App in Chromium (Debian's), against the app served on loopback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from quizzes.certificates import display, issue_round
from quizzes.contest import AttemptAnswer
from testkit.contests import FixedClock, enrol, make_bank, make_contest, play_round
from testkit.web import init_data, serving
from tests.web.conftest import TOKEN
from web.app import create_app

pytestmark = pytest.mark.e2e

FOUNDED = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"


@pytest.fixture
def live(web_services) -> Iterator[str]:
    with serving(create_app(web_services)) as base:
        yield base


def ask(page, base: str, question: str) -> None:
    page.goto(base + "/")
    page.get_by_label("Câu hỏi của bạn về lịch sử Đảng bộ").fill(question)
    page.get_by_role("button", name="Hỏi", exact=True).click()
    page.wait_for_selector(".answer")
    # The vote buttons come alive with the deferred script: wait for it, as a person
    # reading the answer first always does, so a click never lands before it.
    page.wait_for_load_state("load")


@pytest.mark.parametrize("question", [FOUNDED, "dang bo hai phong thanh lap khi nao"])
def test_asking_shows_the_books_sentence_and_where_it_is(page, live, question):
    ask(page, live, question)
    assert "1930" in page.locator(".quote").inner_text()
    assert "Lịch sử Đảng bộ thành phố Hải Phòng" in page.locator(".citation").inner_text()
    page.get_by_text("Xem đoạn trích trong sách").click()
    assert page.locator(".passage p").first.is_visible()
    page.get_by_role("button", name="👍 Đúng ý").click()
    page.wait_for_selector(".vote-done:not([hidden])")
    page.get_by_role("link", name="Đọc cả mục").click()
    assert page.locator("article.reading h1").is_visible()


def test_a_question_outside_the_book_is_refused_in_the_page(page, live):
    ask(page, live, "Giá vàng hôm nay bao nhiêu một chỉ?")
    assert "Sách chưa đề cập nội dung này" in page.locator(".refusal").inner_text()
    assert page.locator(".quote").count() == 0


def test_reading_a_section_from_the_contents(page, live):
    page.goto(live + "/sach")
    link = page.locator(".toc a", has_text="Đảng bộ thành phố Hải Phòng được thành lập").first
    title = link.inner_text()
    link.click()
    assert page.locator("h1").inner_text() == title
    assert "tr. 4" in page.locator(".citation").inner_text()
    assert "Nguyễn Đức Cảnh" in page.locator("article.reading").inner_text()
    page.locator(".pager a[rel=next]").click()
    assert page.locator("h1").inner_text() != title


def test_the_embedded_block_answers_inside_the_portal_page(page, live):
    page.goto(live + "/nhung")
    frame = page.frame_locator("[data-sudang-hoidap] iframe")
    frame.get_by_label("Câu hỏi của bạn về lịch sử Đảng bộ").fill(
        "bi thu dau tien thanh uy hai phong"
    )
    frame.get_by_role("button", name="Hỏi", exact=True).click()
    assert "Nguyễn Đức Cảnh" in frame.locator(".quote").inner_text()
    assert "Nguồn:" in frame.locator(".citation").inner_text()
    frame.get_by_label("Câu hỏi của bạn về lịch sử Đảng bộ").fill(
        "Đảng bộ thành phố Hải Phòng có 999 đảng viên khi thành lập phải không?"
    )
    frame.get_by_role("button", name="Hỏi", exact=True).click()
    assert "sách không ghi «999»" in frame.locator(".refusal").inner_text()
    assert frame.locator(".quote").count() == 0


@pytest.fixture
def contest_id(web_services) -> int:
    def build(session):
        make_bank(session)
        contest = make_contest(session)
        enrol(session, contest, 7002, 1)
        return contest.id

    return web_services.db(build)


def open_miniapp(page, base: str, contest: int, user: int, at) -> None:
    data = quote(init_data(TOKEN, user, at), safe="")
    page.goto(f"{base}/miniapp?contest={contest}#tgWebAppData={data}&tgWebAppVersion=8.0")


def answer_current(page) -> None:
    if page.locator("#submit-multi").count():
        page.locator(".options input").first.check()
        page.locator("#submit-multi").click()
    else:
        page.locator(".options button").first.click()


def test_a_whole_mini_app_attempt_with_a_reload_in_the_middle(
    page, live, web_services, clock, contest_id
):
    open_miniapp(page, live, contest_id, 7001, clock.now())
    page.get_by_label("Họ và tên (có dấu)").fill("Lê Văn Tám")
    page.get_by_label("Năm sinh").fill("2004")
    page.get_by_label("Tìm đơn vị (gõ vài chữ trong tên)").fill("thanh my")
    # A locator waits without evaluating a string in the page, which its CSP forbids.
    expect(page.locator("#reg-unit option").first).to_have_text("Thị trấn Thạnh Mỹ")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Đăng ký").click()
    assert "Lê Văn Tám" in page.locator("#entrant").inner_text()
    page.get_by_role("button", name="Làm bài").click()
    for number in (1, 2):
        page.wait_for_selector(f"#progress:text('Câu {number}/5')")
        answer_current(page)
    page.wait_for_selector("#progress:text('Câu 3/5')")
    page.reload()
    page.get_by_role("button", name="Làm tiếp bài đang dở").click()
    page.wait_for_selector("#progress:text('Câu 3/5')")
    for number in (3, 4, 5):
        page.wait_for_selector(f"#progress:text('Câu {number}/5')")
        answer_current(page)
    page.get_by_label(re.compile("Có bao nhiêu người")).fill("42")
    page.get_by_role("button", name="Gửi dự đoán và nộp bài").click()
    page.wait_for_selector("#summary")
    assert "trả lời 5/5 câu" in page.locator("#summary").inner_text()
    assert web_services.db(lambda s: s.query(AttemptAnswer).count()) == 5


def test_the_deadline_is_kept_by_the_server(page, live, web_services, clock, contest_id):
    open_miniapp(page, live, contest_id, 7002, clock.now())
    page.get_by_role("button", name="Làm bài").click()
    page.wait_for_selector("#progress:text('Câu 1/5')")
    clock.advance(minutes=10, seconds=5)  # the page's own countdown still shows time left
    answer_current(page)
    page.wait_for_selector("#summary")
    assert "Đã hết giờ làm bài" in page.locator("main").inner_text()
    assert "trả lời 0/5 câu" in page.locator("#summary").inner_text()
    assert web_services.db(lambda s: s.query(AttemptAnswer).count()) == 0


@pytest.mark.parametrize("token", ["999:someone-else", TOKEN])
def test_forged_or_expired_launch_data_is_refused(page, live, clock, contest_id, token):
    from datetime import timedelta

    at = clock.now() - timedelta(hours=2) if token == TOKEN else clock.now()
    data = quote(init_data(token, 7002, at), safe="")
    page.goto(f"{live}/miniapp?contest={contest_id}#tgWebAppData={data}")
    assert "Không xác thực được phiên Telegram" in page.locator("#error").inner_text()
    assert page.locator("#start").count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=ai+la+bi+thu+dau+tien",
        "/sach",
        "/tim?q=1930",
        "/nhung/khung",
        "/ngay-nay-nam-xua/13-5",
        "/xacminh?ma=7K3M-9QX2-HD4B",
    ],
)
def test_every_field_has_a_label_and_the_page_works_by_keyboard(page, live, path):
    page.goto(live + path)
    assert page.locator("html").get_attribute("lang") == "vi"
    unlabelled = page.locator("input:not([type=hidden]), select, textarea").evaluate_all(
        "els => els.filter(e => e.labels.length === 0).map(e => e.outerHTML)"
    )
    assert unlabelled == []
    # Tab reaches the question box or the first link, and what has focus is visible.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName")
    assert focused in {"A", "INPUT", "BUTTON"}


def test_a_certificate_is_checked_from_the_verification_form(page, live, web_services):
    def issue(session):
        make_bank(session)
        contest = make_contest(session)
        play_round(session, contest, FixedClock())
        return issue_round(session, contest.slug, None, date(2025, 5, 20), "Ban tổ chức")

    report = web_services.db(issue)
    code = display(report.certificates[0].code)
    page.goto(live + "/xacminh")
    page.get_by_label("Mã xác minh in trên giấy chứng nhận").fill(code.lower())
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_selector(".verdict")
    assert "Giấy chứng nhận hợp lệ" in page.locator(".verdict h2").inner_text()
    assert report.certificates[0].holder_name in page.locator(".verdict dl").inner_text()
