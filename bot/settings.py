"""The bot's settings, read once from the environment or a ``.env`` file.

Every value is checked here, so a bad one stops the bot with one clear line instead of a
traceback later. The token is never shown: it is left out of the repr and of every error.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from index.embedding import DEFAULT_MODEL

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT / "corpus"
DEFAULT_DATA = PROJECT_ROOT / "data"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
RECORD_MODES = ("declined", "all", "none")


class SettingsError(Exception):
    """A setting with a bad value: the message is one line naming the variable."""


@dataclass(frozen=True)
class Settings:
    discord_token: str | None = field(default=None, repr=False)
    guild_id: int | None = None
    corpus_dir: Path = DEFAULT_CORPUS
    log_level: str = "INFO"
    ask_cooldown_rate: int = 3
    ask_cooldown_seconds: float = 30.0
    max_concurrent_answers: int = 8
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    # Feedback (bot/feedback.py): where it is kept, which question texts, for how many days
    # (0: record nothing, no vote buttons), and the secret for hashing voters' ids.
    data_dir: Path = DEFAULT_DATA
    record_questions: str = "declined"
    record_days: int = 90
    feedback_key: str | None = field(default=None, repr=False)
    # The embedding model that reads questions for meaning (index.embedding); "none": words only.
    semantic_model: str = DEFAULT_MODEL

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | str | None = ".env"
    ) -> Settings:
        """Settings from ``environ`` (default ``os.environ``) over the values in ``env_file``
        (the environment wins, as with python-dotenv's default)."""
        env = _read_env(environ, env_file)

        shard_count = _int(env, "SHARD_COUNT", minimum=1)
        shard_ids = _int_list(env, "SHARD_IDS")
        if shard_ids is not None:
            if shard_count is None:
                raise SettingsError("SHARD_IDS needs SHARD_COUNT (the total number of shards)")
            bad = [i for i in shard_ids if i >= shard_count]
            if bad:
                raise SettingsError(
                    f"SHARD_IDS: shard {bad[0]} is out of range for SHARD_COUNT={shard_count} "
                    f"(ids run from 0 to {shard_count - 1})"
                )
        level = env.get("LOG_LEVEL", "INFO").upper()
        if level not in LOG_LEVELS:
            choices = ", ".join(LOG_LEVELS)
            raise SettingsError(f"LOG_LEVEL: expected one of {choices}, got {level!r}")
        record_questions = env.get("RECORD_QUESTIONS", cls.record_questions).lower()
        if record_questions not in RECORD_MODES:
            choices = ", ".join(RECORD_MODES)
            raise SettingsError(
                f"RECORD_QUESTIONS: expected one of {choices}, got {record_questions!r}"
            )
        record_days = _int(env, "RECORD_DAYS", minimum=0)
        feedback_key = env.get("FEEDBACK_KEY")
        if feedback_key is not None and len(feedback_key) < 16:
            raise SettingsError(
                "FEEDBACK_KEY: too short to be a secret (at least 16 characters; "
                "leave it empty to have one generated in BOT_DATA_DIR)"
            )
        return cls(
            discord_token=env.get("DISCORD_TOKEN"),
            guild_id=_int(env, "DISCORD_GUILD_ID", minimum=1),
            corpus_dir=Path(env.get("BOT_CORPUS_DIR", str(DEFAULT_CORPUS))).expanduser(),
            log_level=level,
            ask_cooldown_rate=_int(env, "ASK_COOLDOWN_RATE", minimum=1) or cls.ask_cooldown_rate,
            ask_cooldown_seconds=_float(env, "ASK_COOLDOWN_SECONDS", cls.ask_cooldown_seconds),
            max_concurrent_answers=(
                _int(env, "MAX_CONCURRENT_ANSWERS", minimum=1) or cls.max_concurrent_answers
            ),
            shard_count=shard_count,
            shard_ids=shard_ids,
            data_dir=data_dir_from(env),
            record_questions=record_questions,
            record_days=cls.record_days if record_days is None else record_days,
            feedback_key=feedback_key,
            semantic_model=semantic_model_from(env),
        )

    @property
    def log_level_number(self) -> int:
        return logging.getLevelNamesMapping()[self.log_level]


def _read_env(environ: Mapping[str, str] | None, env_file: Path | str | None) -> dict[str, str]:
    """``environ`` (default ``os.environ``) over the values in ``env_file``, empty ones
    dropped (the environment wins, as with python-dotenv's default)."""
    values: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return {k: v.strip() for k, v in values.items() if v.strip()}


def data_dir_from(env: Mapping[str, str]) -> Path:
    """``BOT_DATA_DIR`` (default: the project's ``data/``)."""
    return Path(env.get("BOT_DATA_DIR", str(DEFAULT_DATA))).expanduser()


def semantic_model_from(env: Mapping[str, str]) -> str:
    """``SEMANTIC_MODEL`` (default: the bundled model); checked when the engine loads it."""
    return env.get("SEMANTIC_MODEL", DEFAULT_MODEL)


def semantic_model_from_env(
    environ: Mapping[str, str] | None = None, env_file: Path | str | None = ".env"
) -> str:
    """Just ``SEMANTIC_MODEL``, for the CLI, which reads it as the bot does."""
    return semantic_model_from(_read_env(environ, env_file))


def data_dir_from_env(
    environ: Mapping[str, str] | None = None, env_file: Path | str | None = ".env"
) -> Path:
    """Just ``BOT_DATA_DIR``, for tools that need no other setting (the CLI's report)."""
    return data_dir_from(_read_env(environ, env_file))


def _int(env: Mapping[str, str], name: str, *, minimum: int) -> int | None:
    raw = env.get(name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}: expected a whole number, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name}: must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}: expected a number of seconds, got {raw!r}") from None
    if not value >= 0 or value == float("inf"):
        raise SettingsError(f"{name}: must be a finite number of seconds >= 0, got {raw!r}")
    return value


def _int_list(env: Mapping[str, str], name: str) -> tuple[int, ...] | None:
    raw = env.get(name)
    if raw is None:
        return None
    try:
        ids = tuple(int(part) for part in raw.replace(" ", "").split(",") if part)
    except ValueError:
        raise SettingsError(
            f"{name}: expected comma-separated whole numbers such as 0,1, got {raw!r}"
        ) from None
    if not ids or any(i < 0 for i in ids) or len(set(ids)) != len(ids):
        raise SettingsError(f"{name}: expected distinct shard ids >= 0, got {raw!r}")
    return ids
