import dataclasses
import hashlib
import io
import resource
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.views.errors import error_text
from knowledge.collection import (
    Contribution,
    ContributionFile,
    DuplicateFile,
    FileAdded,
    add_file,
    cancel_draft,
    choose_item,
    choose_unit,
    confirm_accuracy,
    current_draft,
    find_campaign,
    finish_files,
    set_details,
    start_contribution,
    submit,
    sweep_orphans,
)
from knowledge.collection.errors import (
    ContributionNotEditable,
    FileTooLarge,
    FileTypeNotAllowed,
    IncompleteContribution,
    NotAUnitOfCampaign,
    NotResponsibleForItem,
    StorageFull,
    TooManyFiles,
    UploadQuotaExceeded,
)
from knowledge.collection.files import TEMP_SUFFIX, store_blob, stored_files
from knowledge.db import transaction, utc_now
from tests.knowledge.collection.conftest import SPEC, SUBMITTED, fill, make_sessions
from tests.knowledge.collection.files import EXE, jpeg_bytes, pdf_bytes, png_bytes, xlsx_bytes


def test_a_photo_and_a_pdf_make_one_submitted_contribution(sessions, settings, tmp_path):
    pdf = pdf_bytes(tmp_path, ["Danh sách Ban Chấp hành Đảng bộ xã Ka Đô"])
    with transaction(sessions) as session:
        draft = start_contribution(
            session, find_campaign(session, SPEC.code), 7, "Chị Hoa", now=utc_now()
        )
        assert draft.step == "unit"
        choose_unit(session, draft, "Xã Ka Đô")
        assert draft.step == "item"
        choose_item(session, draft, "bi-thu")
        assert draft.step == "files"
        photo = add_file(
            session, draft, png_bytes(), "chan-dung.png", "image/png", settings, now=utc_now()
        )
        document = add_file(
            session, draft, pdf, "danh-sach.pdf", "application/pdf", settings, now=utc_now()
        )
        assert draft.step == "files"
        assert finish_files(session, draft) == "caption"
        assert set_details(session, draft, caption="Chân dung Bí thư") == "period"
        assert set_details(session, draft, period="Khóa 2010–2015") == "source"
        assert set_details(session, draft, source="Văn phòng Đảng ủy xã") == "confirm"
        with pytest.raises(IncompleteContribution) as error:
            submit(session, draft, now=utc_now())
        assert error.value.missing == ("confirm",)
        assert confirm_accuracy(session, draft) == "ready"
        submit(session, draft, now=SUBMITTED)
    assert isinstance(photo, FileAdded)
    assert isinstance(document, FileAdded)
    with transaction(sessions) as session:
        stored = session.scalars(select(ContributionFile).order_by(ContributionFile.id)).all()
        assert [(f.kind, f.mime, f.original_name) for f in stored] == [
            ("png", "image/png", "chan-dung.png"),
            ("pdf", "application/pdf", "danh-sach.pdf"),
        ]
        contribution = session.get(Contribution, stored[0].contribution_id)
        assert contribution.status == "pending"
        assert contribution.submitted_at == SUBMITTED
        root = Path(settings.storage_dir)
        for record in stored:
            path = root / record.stored_path
            assert path == root / record.sha256[:2] / f"{record.sha256}.{record.kind}"
            assert path.is_file()
        assert (root / stored[1].stored_path).read_bytes() == pdf


def test_submit_lists_everything_missing(sessions, settings):
    with transaction(sessions) as session:
        draft = start_contribution(session, find_campaign(session, SPEC.code), 7, now=utc_now())
        with pytest.raises(IncompleteContribution) as error:
            submit(session, draft, now=utc_now())
    expected = ("unit", "item", "files", "caption", "period", "source", "confirm")
    assert error.value.missing == expected


def test_the_same_file_twice_is_a_duplicate_naming_the_earlier_contribution(
    sessions, settings, contribute
):
    photo = jpeg_bytes()
    first = contribute(7, "Xã Ka Đô", "bi-thu", [(photo, "anh.jpg", "image/jpeg")])
    with transaction(sessions) as session:
        draft = fill(session, settings, 8, "Xã Lạc Xuân", "ban-do", [], send=False)
        outcome = add_file(
            session, draft, photo, "anh-khac.jpg", "image/jpeg", settings, now=utc_now()
        )
        again = add_file(session, draft, png_bytes(), "moi.png", None, settings, now=utc_now())
        same = add_file(
            session, draft, png_bytes(), "moi-lan-2.png", None, settings, now=utc_now()
        )
    assert outcome == DuplicateFile(
        outcome.sha256, first, outcome.earlier_file_id, "pending", same_contribution=False
    )
    assert isinstance(again, FileAdded)
    assert isinstance(same, DuplicateFile)
    assert same.same_contribution
    with transaction(sessions) as session:
        query = select(ContributionFile).where(ContributionFile.sha256 == outcome.sha256)
        assert [f.contribution_id for f in session.scalars(query)] == [first]


def test_an_exe_named_jpg_is_refused_and_nothing_is_stored(sessions, settings):
    with transaction(sessions) as session:
        draft = fill(session, settings, 7, "Xã Ka Đô", "bi-thu", [], send=False)
        with pytest.raises(FileTypeNotAllowed) as error:
            add_file(session, draft, EXE, "anh.jpg", "image/jpeg", settings, now=utc_now())
        assert not draft.files
    assert error.value.detected == "exe"
    assert error.value.filename == "anh.jpg"
    assert stored_files(settings) == []


def test_a_disallowed_but_real_type_is_refused(sessions, settings):
    with transaction(sessions) as session:
        draft = fill(session, settings, 7, "Xã Ka Đô", "bi-thu", [], send=False)
        with pytest.raises(FileTypeNotAllowed) as error:
            add_file(
                session, draft, b"Ghi chep\n", "ghi-chu.txt", "text/plain", settings, now=utc_now()
            )
    assert error.value.detected == "txt"
    assert "txt" not in error.value.allowed


def test_an_oversized_file_is_refused_with_the_limit(sessions, settings):
    big = b"\xff\xd8\xff\xe0" + b"\x00" * (settings.max_file_mb * 1_048_576)
    with transaction(sessions) as session:
        draft = fill(session, settings, 7, "Xã Ka Đô", "bi-thu", [], send=False)
        with pytest.raises(FileTooLarge) as error:
            add_file(session, draft, big, "to.jpg", "image/jpeg", settings, now=utc_now())
        with pytest.raises(FileTooLarge):
            add_file(
                session, draft, io.BytesIO(big), "to.jpg", "image/jpeg", settings, now=utc_now()
            )
    assert error.value.limit == 1_048_576
    assert error.value.size == len(big)
    assert stored_files(settings) == []


def test_a_spreadsheet_is_recognised_from_its_content(sessions, settings):
    with transaction(sessions) as session:
        draft = fill(session, settings, 7, "Xã Ka Đô", "bi-thu", [], send=False)
        outcome = add_file(session, draft, xlsx_bytes(), "huy-hieu", None, settings, now=utc_now())
    assert outcome.file.kind == "xlsx"


def test_units_and_items_are_checked_against_the_campaign(sessions, settings):
    with transaction(sessions) as session:
        draft = start_contribution(session, find_campaign(session, SPEC.code), 7, now=utc_now())
        with pytest.raises(NotAUnitOfCampaign) as error:
            choose_unit(session, draft, "Xã Không Có")
        assert error.value.campaign_code == SPEC.code
        choose_unit(session, draft, "Thị trấn Thạnh Mỹ")
        with pytest.raises(NotResponsibleForItem):
            choose_item(session, draft, "me-vnah")


def test_a_submitted_contribution_cannot_take_more_files(sessions, settings, contribute):
    number = contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "a.png", None)])
    with transaction(sessions) as session, pytest.raises(ContributionNotEditable):
        add_file(
            session,
            session.get(Contribution, number),
            jpeg_bytes(),
            "b.jpg",
            None,
            settings,
            now=utc_now(),
        )


def test_a_draft_and_its_files_survive_a_restart(sessions, db_path, settings):
    first = make_sessions(db_path)
    with transaction(first) as session:
        draft = fill(session, settings, 7, "Xã Ka Đô", "bi-thu", [], send=False)
        add_file(session, draft, png_bytes(), "a.png", None, settings, now=utc_now())
        number = draft.id
    first.kw["bind"].dispose()
    second = make_sessions(db_path)
    with transaction(second) as session:
        resumed = current_draft(session, 7)
        assert resumed.id == number
        assert resumed.step == "files"
        assert start_contribution(session, resumed.campaign, 7, now=utc_now()).id == number
        stored = Path(settings.storage_dir) / resumed.files[0].stored_path
        assert stored.read_bytes() == png_bytes()
        assert finish_files(session, resumed) == "caption"
    second.kw["bind"].dispose()


class BreaksMidway(io.RawIOBase):
    """A download that fails after its first block."""

    def __init__(self, first: bytes) -> None:
        self.blocks = [first]

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.blocks:
            return self.blocks.pop()
        raise ConnectionResetError("download interrupted")


def test_an_interrupted_upload_leaves_no_file(sessions, settings):
    with transaction(sessions) as session:
        draft = fill(session, settings, 7, "Xã Ka Đô", "bi-thu", [], send=False)
        with pytest.raises(ConnectionResetError):
            add_file(
                session,
                draft,
                BreaksMidway(png_bytes()[:20]),
                "a.png",
                None,
                settings,
                now=utc_now(),
            )
        assert not draft.files
    assert stored_files(settings) == []
    assert not list(Path(settings.storage_dir).rglob(f"*{TEMP_SUFFIX}"))


def test_a_rolled_back_upload_leaves_an_orphan_that_is_swept(sessions, settings, contribute):
    kept = contribute(8, "Xã Lạc Xuân", "ban-do", [(jpeg_bytes(), "ban-do.jpg", None)])

    session = sessions()
    with session.begin():
        draft = fill(session, settings, 7, "Xã Ka Đô", "bi-thu", [], send=False)
        add_file(session, draft, png_bytes(), "a.png", None, settings, now=utc_now())
        session.rollback()
    session.close()
    assert len(stored_files(settings)) == 2
    with transaction(sessions) as session:
        assert sweep_orphans(session, settings, now=utc_now()) == []
        removed = sweep_orphans(session, settings, min_age=timedelta(0), now=utc_now())
        kept_file = session.get(Contribution, kept).files[0]
    assert [p.name for p in removed] == [f"{hashlib.sha256(png_bytes()).hexdigest()}.png"]
    assert stored_files(settings) == [Path(settings.storage_dir) / kept_file.stored_path]


def _draft(session, contributor=7):
    draft = start_contribution(
        session, find_campaign(session, SPEC.code), contributor, "Chị Hoa", now=utc_now()
    )
    choose_unit(session, draft, "Xã Ka Đô")
    choose_item(session, draft, "bi-thu")
    return draft


def _colours(n):
    return [png_bytes((i % 256, (i * 7) % 256, 99)) for i in range(n)]


def test_a_contribution_holds_at_most_the_configured_number_of_files(sessions, settings):
    limited = dataclasses.replace(settings, max_files_per_contribution=3)
    with transaction(sessions) as session:
        draft = _draft(session)
        for i, data in enumerate(_colours(3)):
            add_file(session, draft, data, f"{i}.png", None, limited, now=utc_now())
        with pytest.raises(TooManyFiles) as error:
            add_file(session, draft, _colours(4)[3], "3.png", None, limited, now=utc_now())
        assert error_text(error.value).startswith("Tư liệu này đã có 3 tệp")
        assert len(draft.files) == 3


def test_one_person_may_send_so_many_files_an_hour_and_megabytes_a_day(sessions, settings):
    hourly = dataclasses.replace(settings, max_files_per_hour=2)
    with transaction(sessions) as session:
        draft = _draft(session)
        for i, data in enumerate(_colours(2)):
            add_file(session, draft, data, f"{i}.png", None, hourly, now=utc_now())
        with pytest.raises(UploadQuotaExceeded) as error:
            add_file(session, draft, _colours(3)[2], "2.png", None, hourly, now=utc_now())
        assert error.value.period == "hour"
        later = utc_now() + timedelta(hours=2)
        added = add_file(session, draft, _colours(3)[2], "2.png", None, hourly, later)
        assert isinstance(added, FileAdded)
        stored = sum(f.size for f in draft.files)
    daily = dataclasses.replace(settings, max_mb_per_day=0)
    with transaction(sessions) as session:
        draft = session.get(Contribution, draft.id)
        with pytest.raises(UploadQuotaExceeded) as error:
            add_file(session, draft, _colours(4)[3], "3.png", None, daily, now=utc_now())
        assert error.value.period == "day"
        assert "24 giờ" in error_text(error.value)
        assert sum(f.size for f in draft.files) == stored
    with transaction(sessions) as session:  # another person is not held to the first one's
        other = _draft(session, 8)
        assert isinstance(
            add_file(session, other, png_bytes(), "a.png", None, hourly, now=utc_now()), FileAdded
        )


def test_cancelling_a_draft_does_not_give_its_uploads_back(sessions, settings):
    hourly = dataclasses.replace(settings, max_files_per_hour=2)
    with transaction(sessions) as session:
        draft = _draft(session)
        for i, data in enumerate(_colours(2)):
            add_file(session, draft, data, f"{i}.png", None, hourly, now=utc_now())
        cancel_draft(session, draft)
    with transaction(sessions) as session:
        again = _draft(session)
        with pytest.raises(UploadQuotaExceeded) as error:
            add_file(session, again, _colours(3)[2], "2.png", None, hourly, now=utc_now())
        assert error.value.period == "hour"


def test_uploads_stop_below_the_free_space_floor_and_nothing_is_written(sessions, settings):
    full = dataclasses.replace(settings, min_free_mb=10**9)  # more than any disk has free
    with transaction(sessions) as session:
        draft = _draft(session)
        with pytest.raises(StorageFull) as error:
            add_file(session, draft, png_bytes(), "a.png", None, full, now=utc_now())
        assert "đã đầy" in error_text(error.value)
        assert draft.files == []
    assert stored_files(settings) == []


def test_a_disk_filling_up_mid_write_refuses_the_file_and_keeps_nothing(settings):
    """A file-size limit makes the write fail as a full disk does (Python ignores SIGXFSZ)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    try:
        with pytest.raises(StorageFull) as error:
            store_blob(b"%PDF-1.4\n" + bytes(300_000), "ban-do.pdf", settings)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert "đã đầy" in error_text(error.value)
    assert stored_files(settings) == []
