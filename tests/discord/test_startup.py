"""``python -m bot`` failing to start: one line on stderr saying what happened and what to do,
exit status 1, no traceback (unless LOG_LEVEL=DEBUG), no voice warnings, never the token.

Each failure is real, not mocked: the bot's ``main()`` runs as ``python -m bot`` runs it, against
an unresolvable host, a closed loopback port, or the fake Discord (served from a thread of its
own, since ``main()`` runs its own event loop) answering 502, rejecting the token or closing the
gateway with 4014. Only the corpus loading is shortcut to the session's engine.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
import pytest

from bot import __main__ as entry
from index.engine import Engine
from tests.conftest import SEED_CORPUS
from tests.fake_discord import FakeDiscord

TOKEN = "MTAx.start-" + secrets.token_urlsafe(40)


@pytest.fixture
def environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, engine: Engine
) -> Iterator[pytest.MonkeyPatch]:
    """``main()``'s world: a scratch working directory (no developer's .env), the seed corpus
    (loaded once per session), feedback kept in ``tmp_path``, a token, logging restored after."""
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_GUILD_ID", "SHARD_COUNT", "SHARD_IDS", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_CORPUS_DIR", str(SEED_CORPUS))
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(entry.Engine, "load", lambda root, **options: engine)
    # discord.py warns about voice once per process: make this process "fresh" again.
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield monkeypatch
    root.handlers[:] = handlers  # main() set up logging to stderr
    root.setLevel(level)


@pytest.fixture
def fake_thread() -> Iterator[FakeDiscord]:
    """The fake Discord served by an event loop in another thread (it patches discord.py's
    URLs for the whole process), configured before the bot starts."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake discord", daemon=True)
    thread.start()
    fake = FakeDiscord(privileged_intents=())
    asyncio.run_coroutine_threadsafe(fake.__aenter__(), loop).result(10)
    yield fake
    asyncio.run_coroutine_threadsafe(fake.__aexit__(None, None, None), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()
    assert not fake.errors, fake.errors


def start(capfd: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = entry.main([])
    out, err = capfd.readouterr()
    return code, out, err


def one_error_line(code: int, out: str, err: str, token: str = TOKEN) -> str:
    """The failure's line, after checking everything else that must hold of it."""
    assert code == 1
    assert token not in out + err and token[:20] not in out + err
    assert "Traceback" not in err and "voice" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err  # LOG_LEVEL=WARNING: nothing but the error
    assert lines[0].startswith("error: ")
    return lines[0]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens there now: connecting is refused


class _QuickAsyncio:
    """asyncio as discord.http sees it, with its retry pauses (1 + 3 + 5 + 7 + 9 s) cut."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(delay: float, result: Any = None) -> Any:
        await asyncio.sleep(0)
        return result


@pytest.fixture
def quiet(environment: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    environment.setenv("LOG_LEVEL", "WARNING")
    return environment


def test_dns_failure(quiet: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    quiet.setattr(discord.http.Route, "BASE", "http://nonexistent.invalid/api/v10")
    line = one_error_line(*start(capfd))
    assert "cannot look up nonexistent.invalid" in line and "DNS" in line
    assert "check this machine's network connection" in line


def test_discord_unreachable(quiet: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    port = closed_port()
    quiet.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    line = one_error_line(*start(capfd))
    assert f"cannot connect to Discord at 127.0.0.1:{port}" in line
    assert "Connect" in line and "refused" in line  # the OS's own words
    assert "discordstatus.com" in line


@pytest.mark.parametrize("status", [502, 503])
def test_discord_answering_5xx(
    quiet: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    fake_thread: FakeDiscord,
    status: int,
) -> None:
    """502 is retried by discord.py (five tries, its pauses cut here), 503 is not: either
    way the start-up ends in one line pointing at Discord's status page."""
    quiet.setattr(discord.http, "asyncio", _QuickAsyncio())
    fake_thread.fail_next("GET", r"^/users/@me$", status=status, times=5)
    line = one_error_line(*start(capfd))
    assert f"Discord answered {status}" in line and "discordstatus.com" in line
    tries = [r.status for r in fake_thread.requests_to("GET", r"^/users/@me$")]
    assert tries == ([status] * 5 if status == 502 else [status])


def test_invalid_token(
    quiet: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], fake_thread: FakeDiscord
) -> None:
    line = one_error_line(*start(capfd))  # the fake's token is not TOKEN: 401 on login
    assert "Discord rejected DISCORD_TOKEN (401 Unauthorized)" in line
    assert "Reset Token" in line


def test_privileged_intents_not_enabled(
    quiet: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], fake_thread: FakeDiscord
) -> None:
    """A bot asking for message content (as one reading every message would) on an
    application without it: the gateway closes with 4014."""
    quiet.setenv("DISCORD_TOKEN", fake_thread.token)
    asking = discord.Intents.default()
    asking.message_content = True
    quiet.setattr(discord.Intents, "default", classmethod(lambda cls: asking))
    line = one_error_line(*start(capfd), token=fake_thread.token)
    assert "close code 4014" in line and "Message Content Intent" in line
    assert "Privileged Gateway Intents" in line
    assert fake_thread.identifies == 0  # refused at IDENTIFY


@pytest.mark.parametrize("case", ["missing", "no articles"])
def test_corpus_missing_or_empty(
    quiet: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    root = tmp_path / "corpus"
    if case == "no articles":
        (root / "articles").mkdir(parents=True)
    quiet.setenv("BOT_CORPUS_DIR", str(root))
    quiet.setattr(discord.http.Route, "BASE", "http://nonexistent.invalid/api/v10")
    line = one_error_line(*start(capfd))
    assert str(root) in line
    if case == "missing":
        assert "corpus folder not found" in line and "BOT_CORPUS_DIR" in line
    else:
        assert "has no articles" in line and "corpus add" in line


def test_default_log_level_logs_no_warning_and_no_traceback(
    environment: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """At LOG_LEVEL=INFO the start's log lines come first (no voice warning among them), then
    the one error line, last."""
    environment.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{closed_port()}/api/v10")
    code, out, err = start(capfd)
    assert code == 1 and TOKEN not in out + err
    assert "Traceback" not in err and "WARNING" not in err and "voice" not in err
    lines = err.splitlines()
    assert lines[-1].startswith("error: cannot connect to Discord")
    assert [line for line in lines if "error:" in line] == lines[-1:]


def test_debug_adds_the_traceback(
    environment: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    environment.setenv("LOG_LEVEL", "DEBUG")
    environment.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{closed_port()}/api/v10")
    code, out, err = start(capfd)
    assert code == 1 and TOKEN not in out + err
    assert "Traceback" in err and "ClientConnectorError" in err
    assert err.splitlines()[-1].startswith("error: cannot connect to Discord")
