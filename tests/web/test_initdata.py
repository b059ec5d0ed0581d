from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testkit.web import init_data
from web.initdata import InvalidInitData, sign, validate

TOKEN = "987654:secret"
NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)


def test_data_signed_with_the_bot_token_names_its_user():
    user = validate(init_data(TOKEN, 42, NOW, last_name="Trần"), TOKEN, 3600, NOW)
    assert (user.id, user.first_name, user.last_name) == (42, "Minh", "Trần")


def test_a_known_signature_checks_out():
    # Computed independently: HMAC-SHA256(HMAC-SHA256("WebAppData", token), check string).
    import hashlib
    import hmac

    check = 'auth_date=1764928800\nuser={"id":7}'
    key = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    digest = hmac.new(key, check.encode(), hashlib.sha256).hexdigest()
    raw = urlencode({"user": '{"id":7}', "auth_date": "1764928800", "hash": digest})
    assert validate(raw, TOKEN, 10**9, NOW).id == 7


@pytest.mark.parametrize(
    "tamper",
    [
        lambda f: {**f, "user": f["user"].replace('"id":42', '"id":43')},
        lambda f: {**f, "auth_date": str(int(f["auth_date"]) + 1)},
        lambda f: {**f, "hash": "0" * 64},
        lambda f: {k: v for k, v in f.items() if k != "hash"},
        lambda f: {**f, "extra": "1"},
    ],
)
def test_altered_data_is_refused(tamper):
    fields = dict(parse_qsl(init_data(TOKEN, 42, NOW)))
    with pytest.raises(InvalidInitData):
        validate(urlencode(tamper(fields)), TOKEN, 3600, NOW)


def test_data_signed_with_another_token_is_refused():
    with pytest.raises(InvalidInitData, match="signature"):
        validate(init_data("111:other", 42, NOW), TOKEN, 3600, NOW)


def test_stale_or_future_data_is_refused():
    raw = init_data(TOKEN, 42, NOW)
    assert validate(raw, TOKEN, 3600, NOW + timedelta(seconds=3600)).id == 42
    with pytest.raises(InvalidInitData, match="expired"):
        validate(raw, TOKEN, 3600, NOW + timedelta(seconds=3601))
    with pytest.raises(InvalidInitData, match="expired"):
        validate(raw, TOKEN, 3600, NOW - timedelta(minutes=5))


@pytest.mark.parametrize("raw", ["", "not a query", "a=1&a=1&hash=x", "x" * 9000, "hash=&user="])
def test_malformed_data_is_refused(raw):
    with pytest.raises(InvalidInitData):
        validate(raw, TOKEN, 3600, NOW)


def test_a_repeated_key_is_refused_even_when_signed():
    signed = sign({"user": '{"id":1}', "auth_date": str(int(NOW.timestamp()))}, TOKEN)
    with pytest.raises(InvalidInitData, match="repeated"):
        validate(signed + "&user=%7B%22id%22%3A2%7D", TOKEN, 3600, NOW)


@given(st.dictionaries(st.text("abcdefgh_", min_size=1, max_size=8), st.text(max_size=30)))
def test_any_signed_fields_round_trip_and_any_change_breaks_them(extra):
    fields = {**extra, "user": '{"id":5}', "auth_date": str(int(NOW.timestamp()))}
    fields.pop("hash", None)
    raw = sign(fields, TOKEN)
    assert validate(raw, TOKEN, 60, NOW).id == 5
    with pytest.raises(InvalidInitData):
        validate(sign(fields, TOKEN + "x"), TOKEN, 60, NOW)
