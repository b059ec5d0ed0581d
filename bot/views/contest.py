"""Contest screens as replies: registration steps, an attempt's question and buttons, reviews."""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.callbacks import ContestMenu as ContestMenuButton
from bot.callbacks import ContestPick, ContestRegStep, ContestUnitPick
from bot.core.contest import Menu, NoContest, PickContest, Round
from bot.views.reply import MESSAGE_LIMIT, Button, Reply, escape
from knowledge.clock import LOCAL_TZ
from quizzes.bank import LETTERS
from quizzes.contest import (
    AttemptReview,
    AttemptState,
    Contest,
    ContestRound,
    ReviewedQuestion,
    Step,
)
from quizzes.contest.invites import START_PREFIX
from quizzes.contest.models import DEFAULT_RETENTION_DAYS
from quizzes.contest.results import LiveStats
from quizzes.contest.retention import Retention


def minutes(seconds: int) -> str:
    """Seconds as mm:ss."""
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def local_window(rounds: Sequence[Round]) -> str:
    """The contest's rounds with their opening and closing times in Vietnam time."""
    return "\n".join(
        texts.CONTEST_ROUND_LINE.format(
            title=escape(r.title),
            starts=r.starts_at.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y"),
            ends=r.ends_at.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y"),
        )
        for r in rounds
    )


def miniapp_url(public_url: str, contest_id: int) -> str | None:
    """The Mini App's address for a contest, None when the web pages are not published."""
    return f"{public_url.rstrip('/')}/miniapp?contest={contest_id}" if public_url else None


def invite_link(bot_username: str, code: str) -> str:
    """The t.me link that opens the bot on a participant's invitation."""
    return f"https://t.me/{bot_username}?start={START_PREFIX}{code}"


def render_menu(menu: Menu, public_url: str = "", bot_username: str = "") -> Reply:
    """A contest's rounds, the user's registration and what they can do next; or the choice.

    With ``public_url`` (a private chat, the web pages published) the first button opens the
    attempt as a Mini App ("Làm bài"); the chat flow stays beside it. With ``bot_username`` a
    registered participant sees their invite link and how many people it brought in.
    """
    if isinstance(menu, NoContest):
        return Reply(texts.CONTEST_NONE)
    if isinstance(menu, PickContest):
        rows = [[Button(c.label, ContestMenuButton(c.id, "info").pack())] for c in menu.contests]
        return Reply(texts.CONTEST_PICK, rows)
    entrant = menu.entrant
    if entrant is None:
        status = texts.CONTEST_NOT_REGISTERED
        buttons = [
            Button(texts.BTN_CONTEST_REGISTER, ContestMenuButton(menu.contest_id, "reg").pack())
        ]
    else:
        status = texts.CONTEST_REGISTERED.format(
            name=escape(entrant.full_name), year=entrant.birth_year, unit=escape(entrant.unit)
        )
        buttons = [Button(texts.BTN_CONTEST_GO, ContestMenuButton(menu.contest_id, "go").pack())]
        if entrant.may_edit:
            edit = ContestMenuButton(menu.contest_id, "reg").pack()
            buttons.append(Button(texts.BTN_CONTEST_EDIT, edit))
    html = texts.CONTEST_MENU.format(
        title=escape(menu.title), rounds=local_window(menu.rounds), status=status
    )
    if entrant is not None and entrant.invite_code and bot_username:
        link = invite_link(bot_username, entrant.invite_code)
        html += texts.CONTEST_INVITE.format(link=link, count=entrant.invited)
    url = miniapp_url(public_url, menu.contest_id)
    if url is None:
        return Reply(html, [buttons])
    return Reply(html, [[Button(texts.BTN_CONTEST_MINIAPP, url, web_app=True)], buttons])


def data_notice(retention: Retention | None) -> str:
    """The privacy notice, with how long the contest keeps the data and until which day."""
    if retention is None:
        keep = texts.CONTEST_KEEP_DAYS.format(days=DEFAULT_RETENTION_DAYS)
    elif retention.purge_at is None:
        keep = texts.CONTEST_KEEP_DAYS.format(days=retention.days)
    else:
        day = retention.purge_at.astimezone(LOCAL_TZ).strftime("%d/%m/%Y")
        keep = texts.CONTEST_KEEP_UNTIL.format(days=retention.days, date=day)
    return texts.CONTEST_DATA_NOTICE.format(keep=keep)


def render_step(step: Step) -> Reply:
    """The prompt for the next registration step."""
    cancel = Button(texts.BTN_CONTEST_CANCEL, ContestRegStep("cancel").pack())
    if step.step == "name":
        notice = escape(data_notice(step.retention))
        return Reply(texts.CONTEST_PRIVACY.format(notice=notice), awaits_reply=True)
    if step.step == "year":
        return Reply(texts.CONTEST_ASK_YEAR, awaits_reply=True)
    if step.step == "unit" and step.units:
        rows = [[Button(name, ContestUnitPick(uid).pack())] for uid, name in step.units]
        return Reply(texts.CONTEST_PICK_UNIT, [*rows, [cancel]])
    if step.step == "unit":
        return Reply(texts.CONTEST_ASK_UNIT, awaits_reply=True)
    if step.step == "phone":
        skip = Button(texts.BTN_CONTEST_SKIP_PHONE, ContestRegStep("skip").pack())
        return Reply(texts.CONTEST_ASK_PHONE, [[skip]])
    phone = texts.CONTEST_PHONE_PART.format(phone=step.phone) if step.phone else ""
    html = texts.CONTEST_ASK_CONSENT.format(
        name=escape(step.full_name or ""),
        year=step.birth_year,
        unit=escape(step.unit_name or ""),
        phone=phone,
    )
    agree = Button(texts.BTN_CONTEST_AGREE, ContestRegStep("agree").pack())
    return Reply(html, [[agree, cancel]])


def render_attempt(state: AttemptState, mask: int = 0) -> Reply:
    """The attempt's next question with answer buttons, the tie-breaker prompt, or the summary."""
    if state.finished:
        lines = [
            texts.CONTEST_DONE.format(
                number=state.number, answered=state.answered, total=state.total
            )
        ]
        if state.score is not None:
            lines.append(texts.CONTEST_SCORE.format(score=state.score, total=state.total))
        else:
            lines.append(texts.CONTEST_SCORE_LATER)
        return Reply("\n".join(lines))
    remaining = minutes(state.remaining_s)
    # The deadline as a clock time keeps the countdown true however long the message stays.
    deadline = state.deadline_at.astimezone(LOCAL_TZ).strftime("%H:%M:%S")
    question = state.question
    if question is None:
        return Reply(
            texts.CONTEST_TIE.format(
                remaining=remaining, deadline=deadline, question=escape(state.tie_question or "")
            )
        )
    options = "\n".join(
        texts.CONTEST_OPTION.format(letter=LETTERS[i], text=escape(text))
        for i, text in enumerate(question.options)
    )
    body = escape(question.text)
    if question.multi:
        body += "\n" + texts.CONTEST_MULTI_HINT
    html = texts.CONTEST_QUESTION.format(
        number=question.position + 1,
        total=state.total,
        remaining=remaining,
        deadline=deadline,
        text=body,
        options=options,
    )
    return Reply(html, answer_buttons(state, mask))


def answer_buttons(state: AttemptState, mask: int) -> list[list[Button]]:
    """The option buttons of the current question; ``mask`` holds the ticked ones."""
    question = state.question
    assert question is not None
    buttons = []
    for i in range(len(question.options)):
        if question.multi:
            chosen = mask ^ (1 << i)
            label = ("☑ " if mask & (1 << i) else "☐ ") + LETTERS[i]
            data = ContestPick(state.attempt_id, question.position, chosen, False)
        else:
            label, data = (
                LETTERS[i],
                ContestPick(state.attempt_id, question.position, 1 << i, True),
            )
        buttons.append(Button(label, data.pack()))
    rows = [buttons]
    if question.multi and mask:
        confirm = ContestPick(state.attempt_id, question.position, mask, True)
        rows.append([Button(texts.BTN_CONTEST_CONFIRM, confirm.pack())])
    return rows


def _reviewed(question: ReviewedQuestion) -> str:
    lines = [
        texts.CONTEST_REVIEW_QUESTION.format(
            mark="✅" if question.right else "❌",
            number=question.position + 1,
            text=escape(question.text),
        )
    ]
    lines += [
        texts.CONTEST_OPTION.format(letter=LETTERS[i], text=escape(text))
        for i, text in enumerate(question.options)
    ]
    chosen = ", ".join(LETTERS[i] for i in question.chosen) or texts.CONTEST_REVIEW_BLANK
    correct = ", ".join(LETTERS[i] for i in question.correct)
    lines.append(texts.CONTEST_REVIEW_KEY.format(chosen=chosen, correct=correct))
    if question.explanation:
        lines.append(texts.CONTEST_REVIEW_WHY.format(text=escape(question.explanation)))
    if question.citation is not None:
        lines.append(texts.CONTEST_REVIEW_SOURCE.format(source=escape(question.citation.render())))
    return "\n".join(lines)


def render_review(reviews: tuple[AttemptReview, ...]) -> list[Reply]:
    """Reviewed attempts as messages under Telegram's limit, never cutting a question in two."""
    if not reviews:
        return [Reply(texts.CONTEST_REVIEW_NONE)]
    blocks = []
    for review in reviews:
        blocks.append(
            texts.CONTEST_REVIEW_HEAD.format(
                round=escape(review.round_title),
                number=review.number,
                score=review.score,
                total=len(review.questions),
            )
        )
        blocks += [_reviewed(q) for q in review.questions]
    pages = [blocks[0]]
    for block in blocks[1:]:
        if len(pages[-1]) + 2 + len(block) > MESSAGE_LIMIT:
            pages.append(block)
        else:
            pages[-1] += "\n\n" + block
    return [Reply(page) for page in pages]


def render_contest_list(contests: Sequence[Contest]) -> Reply:
    """The organiser's list of contests, with how to manage them."""
    rows = [
        texts.CONTEST_ADMIN_ROW.format(
            id=c.id, slug=escape(c.slug), status=c.status, title=escape(c.title)
        )
        for c in contests
    ]
    body = "\n".join(rows) or texts.CONTEST_NONE
    return Reply(texts.CONTEST_ADMIN_LIST.format(rows=body) + "\n\n" + texts.CONTEST_ADMIN_USAGE)


def render_status_set(contest: Contest) -> Reply:
    """A contest opened or closed."""
    return Reply(texts.CONTEST_STATUS_SET.format(slug=escape(contest.slug), status=contest.status))


def render_contest_stats(title: str, stats: LiveStats) -> Reply:
    """A contest at a glance."""
    rounds = "\n".join(f"• {escape(name)}: {count}" for name, count in stats.per_round)
    return Reply(
        texts.CONTEST_STATS.format(
            title=escape(title),
            participants=stats.participants,
            attempts=stats.attempts,
            finished=stats.finished,
            answers=stats.answers,
            rounds=rounds,
        )
    )


def render_round_closed(closed: ContestRound) -> Reply:
    """A round closed, with the tie-breaker's answer."""
    return Reply(
        texts.CONTEST_ROUND_CLOSED.format(title=escape(closed.title), actual=closed.actual)
    )


def render_created(contest: Contest) -> Reply:
    """A contest created from its file (as a draft)."""
    return Reply(texts.CONTEST_CREATED.format(slug=escape(contest.slug), id=contest.id))
