"""``bot.startup``: each start-up failure named in one line with what to do; anything else is
left to raise. (tests/discord/test_startup.py runs the real failures end to end.)"""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import aiohttp
import discord
import pytest
from aiohttp.client_reqrep import ConnectionKey

from bot.startup import LOGIN_TIMEOUT, corpus_problem, explain, quiet_voice_support
from tests.conftest import SEED_CORPUS


def _connector_error(os_error: OSError, host: str = "discord.com") -> aiohttp.ClientConnectorError:
    key = ConnectionKey(host, 443, True, True, None, None, None)
    return aiohttp.ClientConnectorError(key, os_error)


@pytest.mark.parametrize(
    ("exc", "says"),
    [
        (_connector_error(socket.gaierror(-2, "Name or service not known")), "cannot look up"),
        (_connector_error(OSError(errno.ENETUNREACH, "unreachable")), "no network"),
        (_connector_error(OSError(errno.EHOSTUNREACH, "unreachable")), "no network"),
        (_connector_error(ConnectionRefusedError(errno.ECONNREFUSED, "x")), "Connection refused"),
        (TimeoutError(), f"did not answer within {LOGIN_TIMEOUT:.0f} s"),
        (aiohttp.ServerDisconnectedError(), "connection to Discord (discord.com) failed"),
        (discord.LoginFailure("Improper token has been passed."), "rejected DISCORD_TOKEN"),
        (discord.PrivilegedIntentsRequired(None), "close code 4014"),
    ],
)
def test_each_failure_is_one_line_with_what_to_do(exc: BaseException, says: str) -> None:
    message = explain(exc)
    assert message is not None and says in message
    assert "\n" not in message
    assert "then start the bot again" in message


def test_the_refused_intents_are_named() -> None:
    intents = discord.Intents.default()
    intents.message_content = intents.members = True
    message = explain(discord.PrivilegedIntentsRequired(0), intents)
    assert message is not None
    assert "Server Members Intent and Message Content Intent" in message
    assert "switch them on" in message


@pytest.mark.parametrize("exc", [ValueError("a bug"), KeyError("x"), RuntimeError()])
def test_other_exceptions_are_not_explained_away(exc: BaseException) -> None:
    assert explain(exc) is None


def test_corpus_problems(tmp_path: Path) -> None:
    assert corpus_problem(SEED_CORPUS) is None
    missing = corpus_problem(tmp_path / "nowhere")
    assert missing is not None and "BOT_CORPUS_DIR" in missing
    (tmp_path / "empty" / "articles").mkdir(parents=True)
    empty = corpus_problem(tmp_path / "empty")
    assert empty is not None and "has no articles" in empty and "corpus add" in empty


def test_voice_support_is_not_warned_about(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True, raising=False)
    quiet_voice_support()
    assert not discord.VoiceClient.warn_nacl and not discord.VoiceClient.warn_dave
