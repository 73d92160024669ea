"""The real bot through Discord's failures, simulated by the fake: dropped gateway sockets,
rate limits, server errors, slow engine work, a global cap on answers, and the token kept out
of every log line and error."""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from bot import render
from bot.discord_app import AnswerBot
from index.answer import Answer
from index.engine import Engine
from tests.fake_discord import FakeDiscord, FakeInteraction

BotStarter = Callable[..., Awaitable[AnswerBot]]
ANSWERABLE = "Why did Pakistan want BlackBerry to leave?"


class SlowEngine:
    """The real engine, but every ``ask`` first blocks its thread for ``delay`` seconds (as a
    big corpus or a slow disk would)."""

    def __init__(self, engine: Engine, delay: float) -> None:
        self._engine = engine
        self.delay = delay

    def ask(self, question: str, k: int = 3) -> Answer:
        time.sleep(self.delay)
        return self._engine.ask(question, k)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


async def answered(inter: FakeInteraction, timeout: float = 10.0) -> None:
    """The interaction was acknowledged in time and ended in a public answer."""
    assert (await inter.wait_response(timeout=3)).latency < 3
    message = await inter.wait_message(timeout=timeout)
    assert message.embeds and not message.ephemeral, message.content


@pytest.fixture
async def loop_lag() -> AsyncIterator[list[float]]:
    """The largest delay seen by a 10 ms ticker on the event loop (one value, updated live)."""
    worst = [0.0]

    async def tick() -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(0.01)
            worst[0] = max(worst[0], loop.time() - before - 0.01)

    task = asyncio.create_task(tick())
    yield worst
    task.cancel()


# ---- gateway ---------------------------------------------------------------------------------


async def test_gateway_drops_are_resumed_and_the_bot_keeps_answering(
    start_bot: BotStarter, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot()
    async with asyncio.timeout(30):
        for n in range(3):
            await fake.drop_gateway()
            # Asked while the socket is down: replayed on RESUME, answered within 3 s of it.
            during = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(10 + n))
            await fake.wait_ready()
            await answered(during)
            await answered(await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(n)))
    assert fake.resumes == 3 and fake.identifies == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_unresumable_session_is_identified_afresh(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    async with asyncio.timeout(20):
        await fake.drop_gateway(resumable=False)
        while fake.identifies < 2:
            await asyncio.sleep(0.01)
        await fake.wait_ready()
        await answered(await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1)))


# ---- rate limits and server errors -----------------------------------------------------------


async def test_rate_limited_followup_is_retried_and_delivered(
    start_bot: BotStarter, fake: FakeDiscord, engine: Engine
) -> None:
    await start_bot(SlowEngine(engine, 1.2))  # slower than the bot's defer threshold
    fake.fail_next("POST", r"^/webhooks/\d+/[^/]+$", status=429, retry_after=0.5)
    async with asyncio.timeout(15):
        inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
        assert (await inter.wait_response()).type == 5  # deferred: "thinking…"
        await answered(inter)
    limited, delivered = fake.requests_to("POST", r"^/webhooks/")
    assert (limited.status, delivered.status) == (429, 200)
    assert delivered.time - limited.time >= 0.5  # discord.py waited retry_after
    assert inter.followups and inter.visible[0] is inter.followups[0]


async def test_rate_limited_interaction_callback_still_acks_in_time(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    fake.fail_next("POST", r"^/interactions/", status=429, retry_after=0.3)
    async with asyncio.timeout(10):
        await answered(await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1)))
    assert [r.status for r in fake.requests_to("POST", r"^/interactions/")] == [429, 200]


async def test_server_error_on_a_reply_is_retried(start_bot: BotStarter, fake: FakeDiscord) -> None:
    """A 500 on the reply to a mention: discord.py retries (after 1 s) and it is delivered."""
    await start_bot()
    fake.fail_next("POST", r"^/channels/\d+/messages$", status=500)
    async with asyncio.timeout(10):
        sent = await fake.mention(f"<@BOT> {ANSWERABLE}", user=fake.user(1))
        reply = await sent.wait_reply()
    assert reply.embeds
    statuses = [r.status for r in fake.requests_to("POST", r"^/channels/\d+/messages$")]
    assert statuses == [500, 200]


async def test_failed_reply_is_logged_and_the_bot_keeps_working(
    start_bot: BotStarter, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A server error discord.py gives up on (503 is not retried on channel messages): the
    bot logs it, survives, and answers the next question."""
    await start_bot()
    # The answer and the bot's "something went wrong" notice both fail.
    fake.fail_next("POST", r"^/channels/\d+/messages$", status=503, times=2)
    async with asyncio.timeout(10):
        lost = await fake.mention(f"<@BOT> {ANSWERABLE}", user=fake.user(1))
        while len(fake.requests_to("POST", r"^/channels/")) < 2:
            await asyncio.sleep(0.01)
        later = await fake.mention(f"<@BOT> {ANSWERABLE}", user=fake.user(2))
        assert (await later.wait_reply()).embeds
        await answered(await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(3)))
    assert not lost.replies
    logged = [
        r for r in caplog.records if r.name.startswith("bot") and r.levelno >= logging.WARNING
    ]
    assert logged and any(r.exc_info for r in logged)


# ---- the event loop stays free ---------------------------------------------------------------


@pytest.mark.fake_discord(heartbeat_interval=0.1)
async def test_slow_engine_work_never_blocks_the_event_loop(
    start_bot: BotStarter, fake: FakeDiscord, engine: Engine, loop_lag: list[float]
) -> None:
    """Six questions whose engine work blocks for 0.5 s each, asked at once: the loop keeps
    ticking (a blocking call would stall it >= 0.5 s), heartbeats keep coming (every 0.1 s
    here), other commands are answered meanwhile and every ask is acknowledged in time."""
    await start_bot(SlowEngine(engine, 0.5))
    loop_lag[0] = 0.0
    first_beat = len(fake.heartbeats)
    async with asyncio.timeout(15):
        slow = [
            await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(n)) for n in range(6)
        ]
        about = await fake.slash("about", user=fake.user(99))
        assert (await about.wait_message(timeout=0.4)).embeds  # while the engine still works
        for inter in slow:
            await answered(inter)
    beats = fake.heartbeats[first_beat:]
    gap = max(b - a for a, b in itertools.pairwise(beats))
    print(
        f"\nwhile the engine blocked: worst event-loop stall {loop_lag[0] * 1000:.1f} ms, "
        f"longest heartbeat gap {gap * 1000:.0f} ms ({len(beats)} heartbeats)"
    )
    assert loop_lag[0] < 0.25
    assert len(beats) >= 4 and gap < 0.3


# ---- the global cap --------------------------------------------------------------------------


async def test_over_the_cap_users_are_told_politely_to_try_again(
    start_bot: BotStarter, fake: FakeDiscord, engine: Engine
) -> None:
    await start_bot(SlowEngine(engine, 0.6), max_concurrent_answers=2)
    async with asyncio.timeout(15):
        burst = [
            await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(n)) for n in range(6)
        ]
        messages = [await inter.wait_message() for inter in burst]
        for inter in burst:
            assert inter.callbacks[0].latency < 3
        busy = [m for m in messages if m.content == render.BUSY]
        assert len(busy) == 4 and all(m.ephemeral for m in busy)
        assert sum(bool(m.embeds) for m in messages) == 2
        # The slots are given back: the refused users are answered when they try again.
        await answered(await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(5)))


# ---- the token -------------------------------------------------------------------------------


async def test_the_token_never_appears_in_logs_or_errors(
    start_bot: BotStarter,
    fake: FakeDiscord,
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Everything logged at DEBUG (discord.py's REST and gateway traces included), every
    exception's text, and stdout/stderr, through login, sync, answers, rate limits, server
    errors, a failing command and a gateway RESUME."""
    fake.token = "MTAx." + secrets.token_urlsafe(48)
    caplog.set_level(logging.DEBUG)
    bot = await start_bot()
    async with asyncio.timeout(30):
        await answered(await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1)))
        sent = await fake.mention(f"<@BOT> {ANSWERABLE}", user=fake.user(2))
        await sent.wait_reply()
        fake.fail_next("POST", r"^/interactions/", status=429, retry_after=0.1)
        await answered(await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(3)))
        fake.fail_next("POST", r"^/channels/\d+/messages$", status=503, times=2)
        await fake.mention(f"<@BOT> {ANSWERABLE}", user=fake.user(4))
        while len(fake.requests_to("POST", r"^/channels/")) < 3:
            await asyncio.sleep(0.01)

        def broken(question: str, k: int = 3) -> Answer:
            raise RuntimeError(f"engine failed on {question!r}")

        monkeypatch.setattr(bot, "engine", SlowEngine(engine, 0))
        monkeypatch.setattr(bot.engine, "ask", broken)
        failing = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(5))
        assert (await failing.wait_message()).content == render.FAILED
        monkeypatch.undo()
        await fake.drop_gateway()
        await fake.wait_ready()
        await answered(await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(6)))

    assert any(r.exc_info for r in caplog.records)  # the failures were logged with tracebacks
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    seen = [caplog.text, *(formatter.format(r) for r in caplog.records)]
    seen += [repr(bot.settings), str(bot.settings)]
    out, err = capfd.readouterr()
    seen += [out, err]
    for text in seen:
        assert fake.token not in text
        assert fake.token[:24] not in text  # nor a recognisable prefix of it
