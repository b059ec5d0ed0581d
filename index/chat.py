"""Small talk: messages that speak to the assistant, not questions about the books.

People greet a chat bot, thank it, say goodbye, ask who it is and what it can do, or just
answer "ok". None of that is a history question: searched as one, "bot này làm được gì" met a
sentence about who "được chỉ định làm Bí thư" and "hay quá" a sentence with "trước", each
quoted with a citation. A message is small talk only when the whole of it is (a greeting
word, an addressee, a particle; "cảm ơn, Ban Chấp hành khóa mấy?" is a question), so a real
question is never taken for it. Typed with or without diacritics alike.
"""

from __future__ import annotations

import re
import unicodedata

from index.text import fold

GREETING = "greeting"
THANKS = "thanks"
GOODBYE = "goodbye"
ABOUT = "about"
ACK = "ack"
WRONG = "wrong"

KINDS = (GREETING, THANKS, GOODBYE, ABOUT, ACK, WRONG)

# Whom a message speaks to, and the particles that only colour it (folded: "ơi", "nhé", "ạ").
_ADDRESSEE = (
    r"(?:con |em |cai )?(?:bot|chatbot|ban|ad|admin|em|anh|chi|tro ly|moi nguoi|ca nha)(?: oi)?"
)
_PARTICLE = r"(?:oi|nhe|nha|nhen|a|ah|ha|nhi|ne|nhieu|lam|qua|luon|day|vay|the|nay|khong)"

# The whole message, folded, once addressees and particles are taken off its ends.
_FIXED = {
    GREETING: (
        "chao|xin chao|chao buoi sang|chao buoi chieu|chao buoi toi|hello|helo|hi|hey|alo|a lo|"
        "test|thu|thu xem|good morning|e|co ai|co ai o day|co ai o do"
    ),
    THANKS: (
        "cam on|cam on nhieu|cam on rat nhieu|xin cam on|thanks|thank|thank you|thanks you|tks|"
        "thank u|cam on da tra loi|cam on vi da tra loi|cam on da giup"
    ),
    GOODBYE: "tam biet|bye|bye bye|bai|bai bai|chuc ngu ngon|ngu ngon|hen gap lai|good night",
    ACK: (
        "ok|oke|okay|okie|ok roi|u|uh|um|uhm|vang|da|da vang|hay|hay qua|tuyet|tuyet voi|tot|"
        "tot qua|gioi|gioi qua|hieu roi|da hieu|ro roi|dung roi|chuan|chinh xac|duoc roi|"
        "biet roi|thu vi|thu vi qua|like"
    ),
    WRONG: "sai|sai roi|khong dung|chua dung|tra loi sai|sai be bet|nham roi|khong phai",
}
_FIXED_RE = {
    kind: re.compile(rf"(?:{_ADDRESSEE} )*(?:{words})(?: {_ADDRESSEE})*")
    for kind, words in _FIXED.items()
}

# Questions about the assistant itself: who it is, what it can do, how to use it, who made it,
# what it knows. Whole-message patterns over the folded text, particles already taken off.
_YOU = r"(?:(?:con |cai |em |ban )?(?:bot|chatbot|tro ly)|ban|em|may)(?: nay)?"
_ME = r"(?:toi|minh|tui|em|chau)"
_ABOUT = re.compile(
    "|".join(
        (
            rf"{_YOU} (?:la|ten la|ten) (?:ai|gi|con gi|cai gi)",
            rf"{_YOU} (?:co the |biet |duoc )?(?:lam|giup|tra loi|ho tro)(?: duoc)?"
            r"(?: (?:gi|nhung gi|viec gi|cai gi|duoc gi|gi cho (?:toi|minh|tui|em)))",
            rf"{_YOU} (?:do|duoc) ai (?:lam|tao|viet|phat trien|xay dung|lap trinh)(?: ra)?",
            rf"ai (?:lam|tao|viet|phat trien|xay dung|lap trinh)(?: ra)? {_YOU}",
            rf"{_YOU} (?:bao nhieu tuoi|may tuoi|(?:co )?khoe khong|o dau|song o dau)",
            rf"{_YOU} (?:co )?(?:biet|hieu) (?:gi|nhung gi|lich su|ve lich su)"
            r"(?: (?:ve )?lich su(?: dang(?: bo)?)?)?",
            rf"{_YOU} (?:co )?(?:tra loi|noi|hieu|biet)(?: duoc)?(?: bang)? tieng \w+",
            rf"(?:{_ME} )?(?:co the |nen |duoc |muon )?hoi(?: duoc)?"
            r" (?:gi|nhung gi|cai gi|ve gi|nhung cau gi|nhu the nao|the nao|ra sao)",
            r"hoi (?:duoc )?(?:gi|nhung gi) (?:o day|voi bot|bot)",
            r"(?:huong dan|cach)(?: su dung| dung| hoi)?(?: bot| tro ly| ung dung)?",
            r"(?:lam|phai lam) (?:the nao|sao) de (?:dung|su dung|hoi)(?: bot| tro ly)?",
            r"(?:dung|su dung) (?:bot|tro ly)(?: nay)? (?:the nao|nhu the nao|ra sao|sao)",
            r"help|tro giup|giup (?:toi|minh|tui|em)(?: voi)?|start|menu",
            rf"(?:{_ME} )?(?:muon|can|xin|se) (?:hoi|tim hieu)"
            r"(?: ve)?(?: lich su)?(?: dang(?: bo)?)?",
            rf"{_YOU} (?:co )?(?:phai )?(?:la )?(?:nguoi|may|ai|robot)(?: that)?",
        )
    )
)

_OPENING = re.compile(
    rf"^(?:(?:chao|xin chao|hello|hi|alo) )?(?:{_ADDRESSEE} )?(?:cho (?:toi|minh|tui|em) )?"
)
_WORDS = re.compile(r"[^\W_]+")
_LONGEST = 12  # words: longer messages are questions, whatever they open with


def small_talk(text: str) -> str | None:
    """The kind of small talk the whole message is (one of KINDS), or None for a question.

    >>> small_talk("Chào bot!"), small_talk("cam on ban nhieu"), small_talk("bot này làm được gì")
    ('greeting', 'thanks', 'about')
    >>> small_talk("Ban Chấp hành khóa I gồm mấy người?") is None
    True
    """
    words = _WORDS.findall(fold(text))
    if not words:  # "👍", "❤️": a reaction typed as a message
        return ACK if any(unicodedata.category(c) == "So" for c in text) else None
    if len(words) > _LONGEST:
        return None
    while len(words) > 1 and words[0] in ("oi", "e", "ne", "a"):
        words.pop(0)
    while True:  # as written, then without its closing particles one by one
        kind = _kind(" ".join(words))
        if kind is not None or len(words) == 1 or not re.fullmatch(_PARTICLE, words[-1]):
            return kind
        words.pop()


def _kind(said: str) -> str | None:
    for kind, pattern in _FIXED_RE.items():
        if pattern.fullmatch(said):
            return kind
    if _ABOUT.fullmatch(said) or _ABOUT.fullmatch(_without_addressee(said)):
        return ABOUT
    return None


def _without_addressee(said: str) -> str:
    """The message without an opening greeting or addressee ("chào bot, …", "ad ơi cho hỏi …")
    or a closing addressee."""
    opening = (
        rf"^(?:(?:chao|xin chao|hello|hi|alo) )?(?:{_ADDRESSEE} )?(?:cho (?:toi|minh|tui|em) )?"
    )
    return re.sub(rf" {_ADDRESSEE}$", "", re.sub(opening, "", said))
