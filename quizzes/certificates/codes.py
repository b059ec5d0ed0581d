"""Verification codes: 12 symbols of Crockford's base 32 (no I, L, O, U), the last a check.

Eleven random symbols make 55 bits, far too many to guess one that was issued; the check
symbol catches any one mistyped symbol before the code reaches the database. Codes are shown
in groups of four ("7K3M-9QX2-HD4B") and read back however they are typed: lower case,
spaces, dashes, O for 0 and I or L for 1.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _check(body: str) -> str:
    # Odd weights are coprime to 32, so any one mistyped symbol changes the check symbol.
    weights = (2 * position + 1 for position in range(len(body)))
    total = sum(w * ALPHABET.index(symbol) for w, symbol in zip(weights, body, strict=True))
    return ALPHABET[total % len(ALPHABET)]


def new_code() -> str:
    """A fresh random code with its check symbol."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
    return body + _check(body)


def normalize(typed: str) -> str | None:
    """The code as stored, from however it was typed; None when it cannot be a code."""
    cleaned = typed.upper().replace("-", "").replace(" ", "").translate(_READ_AS)
    if len(cleaned) != LENGTH or any(symbol not in ALPHABET for symbol in cleaned):
        return None
    return cleaned if _check(cleaned[:-1]) == cleaned[-1] else None


def display(code: str) -> str:
    """The code in groups of four: "7K3M-9QX2-HD4B"."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
