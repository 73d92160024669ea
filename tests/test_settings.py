"""Settings: defaults, .env files, and one-line errors that never show the token."""

from pathlib import Path

import pytest

from bot.settings import DEFAULT_CORPUS, DEFAULT_DATA, Settings, SettingsError

TOKEN = "MTIz.secret-token-value"


def test_defaults_without_anything() -> None:
    s = Settings.from_env({}, env_file=None)
    assert s.discord_token is None
    assert s.guild_id is None
    assert s.corpus_dir == DEFAULT_CORPUS
    assert s.log_level == "INFO"
    assert s.max_concurrent_answers >= 1
    assert s.shard_count is None and s.shard_ids is None
    assert s.data_dir == DEFAULT_DATA and s.feedback_key is None
    assert (s.record_questions, s.record_days) == ("declined", 90)


def test_feedback_settings() -> None:
    key = "k" * 40
    s = Settings.from_env(
        {
            "BOT_DATA_DIR": "/tmp/d",
            "RECORD_QUESTIONS": "ALL",
            "RECORD_DAYS": "0",
            "FEEDBACK_KEY": key,
        },
        env_file=None,
    )
    assert s.data_dir == Path("/tmp/d")
    assert (s.record_questions, s.record_days) == ("all", 0)
    assert s.feedback_key == key and key not in repr(s)


def test_reads_every_value() -> None:
    s = Settings.from_env(
        {
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_GUILD_ID": "123456789012345678",
            "BOT_CORPUS_DIR": "/tmp/c",
            "LOG_LEVEL": "debug",
            "ASK_COOLDOWN_RATE": "2",
            "ASK_COOLDOWN_SECONDS": "12.5",
            "MAX_CONCURRENT_ANSWERS": "4",
            "SHARD_COUNT": "4",
            "SHARD_IDS": "0, 2",
        },
        env_file=None,
    )
    assert s.discord_token == TOKEN
    assert s.guild_id == 123456789012345678
    assert s.corpus_dir == Path("/tmp/c")
    assert s.log_level == "DEBUG" and s.log_level_number == 10
    assert (s.ask_cooldown_rate, s.ask_cooldown_seconds) == (2, 12.5)
    assert s.max_concurrent_answers == 4
    assert (s.shard_count, s.shard_ids) == (4, (0, 2))


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f"DISCORD_TOKEN={TOKEN}\nLOG_LEVEL=WARNING\n# comment\nDISCORD_GUILD_ID=\n")
    s = Settings.from_env({"LOG_LEVEL": "ERROR"}, env_file=env)
    assert s.discord_token == TOKEN
    assert s.log_level == "ERROR"
    assert s.guild_id is None  # empty means unset


def test_example_file_lists_every_setting_and_loads() -> None:
    example = Path(__file__).resolve().parent.parent / ".env.example"
    text = example.read_text()
    for name in (
        "DISCORD_TOKEN",
        "DISCORD_GUILD_ID",
        "BOT_CORPUS_DIR",
        "LOG_LEVEL",
        "ASK_COOLDOWN_RATE",
        "ASK_COOLDOWN_SECONDS",
        "MAX_CONCURRENT_ANSWERS",
        "SHARD_COUNT",
        "SHARD_IDS",
        "BOT_DATA_DIR",
        "RECORD_QUESTIONS",
        "RECORD_DAYS",
        "FEEDBACK_KEY",
    ):
        assert f"\n{name}=" in text
    assert Settings.from_env({}, env_file=example).discord_token is None


def test_token_never_in_repr() -> None:
    s = Settings.from_env({"DISCORD_TOKEN": TOKEN}, env_file=None)
    assert TOKEN not in repr(s) and TOKEN not in str(s)


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"DISCORD_GUILD_ID": "abc"}, "DISCORD_GUILD_ID: expected a whole number"),
        ({"DISCORD_GUILD_ID": "0"}, "DISCORD_GUILD_ID: must be at least 1"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL: expected one of"),
        ({"ASK_COOLDOWN_SECONDS": "soon"}, "ASK_COOLDOWN_SECONDS: expected a number"),
        ({"ASK_COOLDOWN_SECONDS": "-1"}, "ASK_COOLDOWN_SECONDS: must be"),
        ({"ASK_COOLDOWN_SECONDS": "nan"}, "ASK_COOLDOWN_SECONDS: must be"),
        ({"ASK_COOLDOWN_RATE": "0"}, "ASK_COOLDOWN_RATE: must be at least 1"),
        ({"MAX_CONCURRENT_ANSWERS": "0"}, "MAX_CONCURRENT_ANSWERS: must be at least 1"),
        ({"SHARD_COUNT": "0"}, "SHARD_COUNT: must be at least 1"),
        ({"SHARD_IDS": "0"}, "SHARD_IDS needs SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0,2"}, "SHARD_IDS: shard 2 is out of range"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "a,b"}, "SHARD_IDS: expected comma-separated"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "1,1"}, "SHARD_IDS: expected distinct"),
        ({"RECORD_QUESTIONS": "some"}, "RECORD_QUESTIONS: expected one of declined, all, none"),
        ({"RECORD_DAYS": "-1"}, "RECORD_DAYS: must be at least 0"),
        ({"RECORD_DAYS": "ninety"}, "RECORD_DAYS: expected a whole number"),
        ({"FEEDBACK_KEY": "short"}, "FEEDBACK_KEY: too short"),
    ],
)
def test_bad_values_give_one_line_errors(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(SettingsError) as err:
        Settings.from_env({"DISCORD_TOKEN": TOKEN, **env}, env_file=None)
    message = str(err.value)
    assert fragment in message
    assert "\n" not in message
    assert TOKEN not in message
