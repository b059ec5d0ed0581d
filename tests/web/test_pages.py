"""The web pages and the ask API in-process (real SQLite, real FAISS, the app's own routes)."""

from datetime import timedelta

import pytest

from index.history import AnswerFeedback, AskedQuestion, usage_stats
from knowledge.clock import LOCAL_TZ
from quizzes.contest import attempt_state, close_round, start_attempt
from testkit.contests import START, enrol, make_bank, make_contest
from tests.web.conftest import web_settings
from web.app import create_app

FOUNDED = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"
FOUNDED_PLAIN = "dang bo thanh pho hai phong duoc thanh lap khi nao"
WEATHER = "Thời tiết Hải Phòng ngày mai có mưa không?"
CLIENT = "0123456789abcdef"
CLI_KEYS = {
    "question",
    "answer",
    "refused",
    "refusal",
    "confidence",
    "question_type",
    "citation",
    "pages",
    "passage",
    "chunk_id",
    "understood",
    "question_id",
    "suggestions",
}


@pytest.mark.parametrize("question", [FOUNDED, FOUNDED_PLAIN])
def test_the_api_answers_from_the_book_with_the_cli_keys(client, question):
    response = client.get("/api/ask", params={"q": question})
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= CLI_KEYS
    assert body["refused"] is False
    assert "1930" in body["answer"]
    assert body["citation"].startswith("Lịch sử Đảng bộ thành phố Hải Phòng")
    assert body["answer"] in body["passage"]
    assert body["section_url"].startswith("/sach/lich-su-dang-bo-thanh-pho-hai-phong")
    assert client.get(body["section_url"]).status_code == 200


def test_a_question_the_book_does_not_answer_is_refused_without_a_citation(client):
    body = client.get("/api/ask", params={"q": WEATHER}).json()
    assert body["refused"] is True
    assert body["citation"] is None
    page = client.get("/", params={"q": WEATHER}).text
    assert "Sách chưa đề cập nội dung này" in page
    assert "📖" not in page.split("</form>")[1]


def test_a_question_stating_what_the_book_does_not_say_is_told_so(client):
    asked = "Đảng bộ thành phố Hải Phòng có 999 đảng viên khi thành lập phải không?"
    body = client.get("/api/ask", params={"q": asked}).json()
    assert body["refused"] is True
    assert "«999»" in body["refusal"]
    assert body["answer"] == ""
    page = client.get("/", params={"q": asked}).text
    assert "sách không ghi «999» như câu hỏi nêu" in page
    founded = client.get("/api/ask", params={"q": FOUNDED}).json()
    assert founded["refusal"] is None


def test_web_questions_and_votes_land_in_the_bot_statistics(client, web_services):
    first = client.get("/api/ask", params={"q": FOUNDED, "khach": CLIENT}).json()
    client.get("/api/ask", params={"q": WEATHER})
    vote = client.post(
        f"/api/feedback?khach={CLIENT}", json={"question_id": first["question_id"], "good": False}
    )
    assert vote.status_code == 200
    stats = web_services.db(usage_stats, web_services.clock.now(), LOCAL_TZ)
    assert (stats.total, stats.answered) == (2, 1)
    assert [q.text for q in stats.disliked] == [FOUNDED]
    rows = web_services.db(lambda s: s.query(AskedQuestion).all())
    assert all(row.user_id < 0 for row in rows)  # web visitors are never Telegram users


def test_a_vote_on_someone_elses_answer_is_refused(client, web_services):
    theirs = client.get("/api/ask", params={"q": FOUNDED, "khach": CLIENT}).json()
    other = "fedcba9876543210"
    refused = client.post(
        f"/api/feedback?khach={other}", json={"question_id": theirs["question_id"], "good": True}
    )
    assert refused.status_code == 404
    assert refused.json()["error"] == "Không tìm thấy trang này."
    for bad in ({"question_id": "1", "good": True}, {"good": True}, [], "x"):
        assert client.post(f"/api/feedback?khach={CLIENT}", json=bad).status_code == 400
    assert web_services.db(lambda s: s.query(AnswerFeedback).count()) == 0


def test_a_follow_up_is_completed_for_the_same_client_only(client):
    congress = "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng diễn ra khi nào?"
    client.get("/api/ask", params={"q": congress, "khach": CLIENT})
    follow = client.get("/api/ask", params={"q": "có bao nhiêu đại biểu?", "khach": CLIENT})
    assert follow.json()["understood"] == (
        "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng có bao nhiêu đại biểu?"
    )
    assert "350 đại biểu" in follow.json()["answer"]
    stranger = client.get("/api/ask", params={"q": "có bao nhiêu đại biểu?"}).json()
    assert stranger["understood"] is None
    fresh = client.get(
        "/api/ask", params={"q": "có bao nhiêu đại biểu?", "khach": CLIENT, "moi": "1"}
    )
    assert fresh.json()["understood"] is None


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "Bạn hãy gõ một câu hỏi"), ("   ", "Bạn hãy gõ một câu hỏi"), ("a" * 501, "dài quá")],
)
def test_an_empty_or_overlong_question_gets_a_vietnamese_error(client, question, message):
    response = client.get("/api/ask", params={"q": question})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_each_client_is_limited_and_told_when_to_come_back(
    data_dir, vector_cache, library_template, clock
):
    from starlette.testclient import TestClient

    from bot.services import Services
    from testkit.embedders import HashEmbedder

    settings = web_settings(data_dir, vector_cache, library_template, limit=2)
    services = Services(settings, HashEmbedder(), clock=clock)
    try:
        with TestClient(create_app(services)) as limited:
            assert limited.get("/api/ask", params={"q": FOUNDED}).status_code == 200
            assert limited.get("/", params={"q": FOUNDED}).status_code == 200
            over = limited.get("/api/ask", params={"q": FOUNDED})
            assert over.status_code == 429
            assert 1 <= int(over.headers["Retry-After"]) <= 60
            assert "Bạn hỏi nhanh quá" in over.json()["error"]
            assert "Bạn hỏi nhanh quá" in limited.get("/", params={"q": FOUNDED}).text
            assert services.db(lambda s: s.query(AskedQuestion).count()) == 2
    finally:
        services.close()


def test_the_contents_lead_to_every_section_at_a_stable_address(client):
    contents = client.get("/sach")
    assert contents.status_code == 200
    import re

    links = re.findall(r'href="(/sach/[^"/]+/[^"]+)"', contents.text)
    assert len(links) >= 10
    assert len(set(links)) == len(links)
    section = client.get(links[3])
    assert section.status_code == 200
    assert "📖 Lịch sử Đảng bộ thành phố Hải Phòng" in section.text
    again = client.get("/sach")  # addresses are made from headings, not ids: the same again
    assert re.findall(r'href="(/sach/[^"/]+/[^"]+)"', again.text) == links
    missing = client.get("/sach/khong-co/muc-nay")
    assert missing.status_code == 404
    assert "Không tìm thấy trang này." in missing.text


def test_a_long_section_reads_page_by_page(client):
    import re

    links = re.findall(r'href="(/sach/[^"/]+/[^"]+)"', client.get("/sach").text)
    paged = None
    for link in links:
        text = client.get(link).text
        if "Trang sau" in text:
            paged = link
            break
    assert paged is not None
    second = client.get(paged, params={"trang": "2"}).text
    assert "Trang 2/" in second
    assert client.get(paged, params={"trang": "abc"}).status_code == 200
    assert client.get(paged, params={"trang": "999"}).status_code == 200


def test_search_lists_passages_with_citations_and_addresses(client):
    page = client.get("/tim", params={"q": "Nguyễn Đức Cảnh"}).text
    assert page.count("<li><p>") >= 2
    assert "Nguyễn Đức Cảnh" in page
    assert 'href="/sach/' in page


def test_the_embed_page_shows_the_snippet_and_the_frame_may_be_framed(client):
    demo = client.get("/nhung")
    assert "/nhung/khung" in demo.text
    assert "data-sudang-hoidap" in demo.text
    assert "frame-ancestors 'self'" in demo.headers["content-security-policy"]
    frame = client.get("/nhung/khung")
    assert "frame-ancestors *" in frame.headers["content-security-policy"]
    assert frame.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/embed.js").status_code == 200


def test_the_frame_answers_a_question_sent_before_its_script_ran(client):
    # A reader who presses "Hỏi" before frame.js loads (or without JavaScript) sends the
    # form itself: the frame answers in the page instead of reloading empty.
    page = client.get("/nhung/khung", params={"q": FOUNDED_PLAIN}).text
    answer = page.split('id="embed-answer"')[1]
    assert '<blockquote class="quote">' in answer
    assert "1930" in answer
    assert "Nguồn: Lịch sử Đảng bộ thành phố Hải Phòng" in answer
    assert f'value="{FOUNDED_PLAIN}"' in page
    refused = client.get("/nhung/khung", params={"q": WEATHER}).text
    assert "Sách chưa đề cập nội dung này" in refused
    assert "<blockquote" not in refused
    too_long = client.get("/nhung/khung", params={"q": "hỏi " * 400}).text
    assert 'class="problem"' in too_long
    assert "dài quá" in too_long


def test_an_oversized_body_is_refused(client):
    response = client.post(
        f"/api/feedback?khach={CLIENT}",
        content=b"{" + b" " * 20000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"] == "Nội dung gửi lên quá lớn."


def test_contest_pages_show_rules_and_only_published_results(client, web_services, clock):
    _, round_id = web_services.db(lambda s: _contest_with_entries(s, clock))
    slug = "don-duong-2025"
    listing = client.get("/cuocthi").text
    assert f'href="/cuocthi/{slug}"' in listing
    before = client.get(f"/cuocthi/{slug}").text
    assert "Mỗi lượt thi gồm 5 câu hỏi" in before
    assert "kết quả sẽ công bố khi vòng thi kết thúc" in before
    assert "Nguyễn Văn" not in before
    clock.advance(days=7)
    web_services.db(close_round, round_id, clock)
    after = client.get(f"/cuocthi/{slug}").text
    assert "Xếp hạng cá nhân Tuần 1" in after
    assert after.count("Nguyễn Văn") == 3
    assert "Xã Ka Đơn" in after
    assert "Thị trấn Thạnh Mỹ" in after
    assert "Giải Nhất" in after
    assert "2001" not in after  # no birth years (nor phones) on a public page


def test_a_draft_contest_has_no_public_page(client, web_services):
    web_services.db(lambda s: (make_bank(s), _draft(s)))
    assert client.get("/cuocthi/nhap").status_code == 404
    assert "nhap" not in client.get("/cuocthi").text


def _draft(session):
    contest = make_contest(session, slug="nhap", title="Bản nháp")
    contest.status = "draft"


def _contest_with_entries(session, clock):
    """Three participants in two units who started round 1; their time runs out."""
    import random

    make_bank(session)
    contest = make_contest(session)
    attempts = []
    for user, unit in ((1, 0), (2, 0), (3, 1)):
        enrol(session, contest, user, unit, clock)
        attempts.append(start_attempt(session, contest.id, user, random.Random(user), clock))
    clock.advance(minutes=11)
    assert all(attempt_state(session, a.attempt_id, clock).finished for a in attempts)
    clock.current = START + timedelta(minutes=11)
    return contest.id, contest.rounds[0].id


def test_text_from_a_stranger_is_shown_as_text(client):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    page = client.get("/", params={"q": attack}).text
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page
    search = client.get("/tim", params={"q": attack}).text
    assert "<script>alert" not in search


def test_a_new_dialogue_is_not_taken_as_a_follow_up(client):
    congress = "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng diễn ra khi nào?"
    client.get("/", params={"q": congress})  # the cookie keeps this visitor's dialogue
    follow = client.get("/", params={"q": "có bao nhiêu đại biểu?"}).text
    assert "Hiểu là:" in follow
    fresh_page = client.get("/", params={"moi": "1"}).text
    assert 'name="moi" value="1"' in fresh_page
    fresh = client.get("/", params={"q": "có bao nhiêu đại biểu?", "moi": "1"}).text
    assert "Hiểu là:" not in fresh
