from pathlib import Path

import pytest

from bot.settings import ENV_DATABASE_URL, ENV_TOKEN, SettingsError, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_is_an_error(tmp_path):
    with pytest.raises(SettingsError, match=r"\[index\]: unknown key\(s\) modle"):
        load_settings(write(tmp_path, '[index]\nmodle = "x"\n'), environ={})


def test_unknown_section_is_an_error(tmp_path):
    with pytest.raises(SettingsError, match="unknown section"):
        load_settings(write(tmp_path, "[telegram]\ntoken = 'x'\n"), environ={})


def test_wrong_type_is_an_error(tmp_path):
    with pytest.raises(SettingsError, match="chunk_chars: expected int"):
        load_settings(write(tmp_path, '[knowledge]\nchunk_chars = "big"\n'), environ={})


def test_malformed_file_is_an_error(tmp_path):
    with pytest.raises(SettingsError, match=r"config\.toml"):
        load_settings(write(tmp_path, "[index\n"), environ={})


def test_secrets_and_database_come_from_the_environment(tmp_path):
    path = write(tmp_path, "[bot]\nadmins = [1, 2]\n[answer]\nrefusal_threshold = 1\n")
    env = {ENV_TOKEN: "123:abc", ENV_DATABASE_URL: "postgresql+psycopg://u@h/db"}
    settings = load_settings(path, environ=env)
    assert settings.telegram_token == "123:abc"
    assert settings.database.url == "postgresql+psycopg://u@h/db"
    assert settings.bot.admins == (1, 2)
    assert settings.answer.refusal_threshold == 1.0
    assert settings.path("data") == tmp_path / "data"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('public_url = "http://lichsu.example.vn"', "https"),
        ("workers = 0", "workers"),
        ("port = 70000", "port"),
        ("initdata_max_age_s = 0", "initdata_max_age_s"),
    ],
)
def test_web_settings_no_deployment_can_use_are_refused(tmp_path, line, message):
    path = tmp_path / "config.toml"
    path.write_text(f"[web]\n{line}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        load_settings(path, environ={})


def test_a_negative_number_of_remembered_questions_is_refused(tmp_path):
    with pytest.raises(SettingsError, match="remembered_questions must be 0 or more"):
        load_settings(write(tmp_path, "[index]\nremembered_questions = -1\n"), environ={})
    kept = load_settings(write(tmp_path, "[index]\nremembered_questions = 0\n"), environ={})
    assert kept.index.remembered_questions == 0
