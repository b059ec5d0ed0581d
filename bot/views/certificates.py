"""How a certificate check reads in Telegram."""

from __future__ import annotations

from bot import texts
from bot.views.reply import Reply, escape
from quizzes.certificates import ALTERED, MALFORMED, REVOKED, UNKNOWN, Verification, display


def render_verification(checked: Verification) -> Reply:
    """The outcome of a check: genuine (with what it certifies), revoked, altered (with the
    fields that differ), unknown or malformed."""
    if checked.status == MALFORMED:
        return Reply(texts.VERIFY_MALFORMED)
    if checked.status == UNKNOWN or checked.certificate is None:
        return Reply(texts.VERIFY_UNKNOWN)
    issued = checked.certificate
    lead = {REVOKED: texts.VERIFY_REVOKED, ALTERED: texts.VERIFY_ALTERED}.get(
        checked.status, texts.VERIFY_VALID
    )
    details = texts.VERIFY_DETAILS.format(
        name=escape(issued.holder_name),
        unit=escape(issued.unit_name),
        detail=escape(issued.detail),
        achievement=escape(issued.achievement),
        issued=issued.issued_on.strftime("%d/%m/%Y"),
        issuer=escape(issued.issuer),
    )
    fields = ", ".join(checked.differs)
    return Reply(f"{lead.format(code=display(issued.code), fields=fields)}\n\n{details}")
