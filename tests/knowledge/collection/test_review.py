from datetime import UTC, datetime, timedelta

import pytest

from bot.views.errors import error_text
from knowledge.collection import (
    Contribution,
    Notice,
    add_file,
    approve,
    ask_reason,
    confirm_accuracy,
    current_draft,
    find_campaign,
    finish_files,
    give_reason,
    next_pending,
    pending_count,
    pending_reason,
    reject,
    reopen,
    request_more,
    submit,
)
from knowledge.collection.errors import (
    IncompleteContribution,
    NotAnEditor,
    NotPending,
    ReasonRequired,
)
from knowledge.db import transaction, utc_now
from tests.knowledge.collection.conftest import EDITOR, SPEC
from tests.knowledge.collection.files import jpeg_bytes, png_bytes

REVIEWED = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)


def test_the_queue_gives_the_oldest_pending_first(sessions, contribute):
    later = contribute(
        8,
        "Xã Lạc Xuân",
        "ban-do",
        [(png_bytes(), "b.png", None)],
        now=datetime(2025, 6, 3, tzinfo=UTC),
    )
    earlier = contribute(
        7,
        "Xã Ka Đô",
        "bi-thu",
        [(jpeg_bytes(), "a.jpg", None)],
        now=datetime(2025, 6, 2, tzinfo=UTC),
    )
    with transaction(sessions) as session:
        campaign = find_campaign(session, SPEC.code)
        assert pending_count(session, campaign) == 2
        assert next_pending(session, campaign).id == earlier
        approve(session, next_pending(session, campaign), EDITOR, now=REVIEWED)
        assert next_pending(session, campaign).id == later
        assert pending_count(session, campaign) == 1


def test_rejection_keeps_the_reason_and_returns_the_message_to_send(sessions, contribute):
    number = contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "a.png", None)])
    with transaction(sessions) as session:
        contribution = session.get(Contribution, number)
        with pytest.raises(ReasonRequired):
            reject(session, contribution, EDITOR, "  ", now=REVIEWED)
        notice = reject(session, contribution, EDITOR, "Ảnh mờ, không rõ mặt.", now=REVIEWED)
    assert notice == Notice(
        7,
        f"Tư liệu #{number} (Danh sách, ảnh Bí thư, Phó Bí thư qua các nhiệm kỳ – Xã Ka Đô) "
        "chưa được tiếp nhận.\nLý do: Ảnh mờ, không rõ mặt.",
        number,
    )
    with transaction(sessions) as session:
        contribution = session.get(Contribution, number)
        assert (contribution.status, contribution.review_note) == (
            "rejected",
            "Ảnh mờ, không rõ mặt.",
        )
        assert contribution.reviewer_id == EDITOR
        assert contribution.reviewed_at == REVIEWED
        with pytest.raises(NotPending) as error:
            approve(session, contribution, EDITOR, now=utc_now())
    assert error_text(error.value) == (
        f"Tư liệu #{number} đang ở trạng thái «Bị từ chối», không phải chờ duyệt."
    )


def test_only_editors_review(sessions, contribute):
    number = contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "a.png", None)])
    with transaction(sessions) as session, pytest.raises(NotAnEditor):
        approve(session, session.get(Contribution, number), 7, now=utc_now())


def test_asking_for_more_lets_the_contributor_add_files_and_resubmit(
    sessions, settings, contribute
):
    number = contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "a.png", None)])
    with transaction(sessions) as session:
        contribution = session.get(Contribution, number)
        notice = request_more(
            session, contribution, EDITOR, "Xin thêm ảnh Phó Bí thư.", now=utc_now()
        )
        assert "Xin thêm ảnh Phó Bí thư." in notice.text
        assert contribution.status == "returned"
    with transaction(sessions) as session:
        contribution = reopen(session, session.get(Contribution, number))
        assert current_draft(session, 7).id == number
        assert contribution.step == "files"
        add_file(
            session, contribution, jpeg_bytes(), "pho-bi-thu.jpg", None, settings, now=utc_now()
        )
        assert finish_files(session, contribution) == "confirm"
        with pytest.raises(IncompleteContribution):
            submit(session, contribution, now=utc_now())
        confirm_accuracy(session, contribution)
        submit(session, contribution, now=utc_now())
        assert len(contribution.files) == 2
        assert contribution.status == "pending"


def test_a_reason_request_lapses_so_later_messages_are_no_rejection(sessions, contribute):
    number = contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "a.png", None)])
    with transaction(sessions) as session:
        request = ask_reason(session, session.get(Contribution, number), EDITOR, "reject")
        asked = request.created_at
    wait = timedelta(minutes=30)
    with transaction(sessions) as session:
        assert pending_reason(session, EDITOR, asked + timedelta(minutes=29), wait) is not None
        assert pending_reason(session, EDITOR, asked + timedelta(minutes=31), wait) is None
    with transaction(sessions) as session:
        assert pending_reason(session, EDITOR, now=utc_now()) is None  # dropped, not only hidden
        assert (
            give_reason(session, EDITOR, "Cho tôi hỏi Đại hội XV họp ở đâu?", now=utc_now())
            is None
        )
        assert session.get(Contribution, number).status == "pending"
