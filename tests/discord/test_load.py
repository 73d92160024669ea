"""The real bot under load through the fake Discord: 500 /ask from 50 users within 10 s.

Every interaction must be acknowledged within Discord's 3 s and end in an answer, a cooldown
notice or a busy notice (never a failure); nothing may be logged at WARNING or above; memory
must come back near where it started. Ack and answer latency percentiles are printed (``-s``);
only the 3 s ack bound is asserted, not speed.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import statistics
import tracemalloc
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from bot import render
from bot.discord_app import AnswerBot
from tests.fake_discord import FakeDiscord, FakeInteraction, FakeMessage

BotStarter = Callable[..., Awaitable[AnswerBot]]
USERS = 50
ASKS = 500
SPREAD = 9.0  # seconds over which the asks are dispatched (the spec: within 10 s)
ACK_LIMIT = 3.0
# Questions users might send: answerable ones, vague ones, and ones the corpus cannot answer.
QUESTIONS = (
    "Why did Pakistan want BlackBerry to leave?",
    "When was BlackBerry supposed to shut down in Pakistan?",
    "What did the PTA say?",
    "Did BlackBerry stay in Pakistan?",
    "What about BES servers and encryption?",
    "Who won the cricket world cup?",
    "blackberry",
    "What happened on December 30?",
)
MEMORY_SLACK = 4 * 1024 * 1024  # bytes still held after the run (views keep their answers)


def classify(message: FakeMessage) -> str:
    if message.content == render.FAILED:
        return "failed"
    if message.content == render.BUSY:
        return "busy"
    if message.ephemeral and "try again" in message.content and not message.embeds:
        return "cooldown"
    return "answered" if not message.ephemeral else "unexpected"


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    p50, p95, p99 = statistics.median(values), cuts[94], cuts[98]
    return f"p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


async def ask_all(
    fake: FakeDiscord, first_user: int, count: int, users: int, spread: float
) -> list[FakeInteraction]:
    """Dispatch ``count`` /ask evenly over ``spread`` seconds, users taking turns."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    sent = []
    for n in range(count):
        delay = start + n * spread / count - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        question = QUESTIONS[n % len(QUESTIONS)]
        user = fake.user(first_user + n % users)
        sent.append(await fake.slash("ask", {"question": question}, user=user))
    return sent


async def test_500_asks_from_50_users_within_10_seconds(
    start_bot: BotStarter, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot()
    async with asyncio.timeout(60):
        # Warm up (imports, caches, first thread-pool workers) with users not in the run.
        warm = await ask_all(fake, 10_000, 20, 20, 0.2)
        await asyncio.gather(*(i.wait_message() for i in warm))
        fake.forget()
        gc.collect()
        caplog.clear()
        rss_before = rss_bytes()
        tracemalloc.start()

        loop = asyncio.get_running_loop()
        started = loop.time()
        inters = await ask_all(fake, 0, ASKS, USERS, SPREAD)
        dispatched = loop.time() - started
        messages = await asyncio.gather(*(i.wait_message(timeout=15) for i in inters))

        acks = [i.callbacks[0].latency for i in inters]
        answers = [i.visible_latency for i in inters if i.visible_latency is not None]
        outcomes = Counter(classify(m) for m in messages)
        per_user = Counter(
            int(i.payload["member"]["user"]["id"])
            for i, m in zip(inters, messages, strict=True)
            if classify(m) == "answered"
        )

        await asyncio.sleep(0.2)  # let handlers finish their bookkeeping after the last send
        fake.forget()
        del inters, messages
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = rss_bytes()

    print(
        f"\nload: {ASKS} /ask from {USERS} users dispatched in {dispatched:.1f} s; "
        f"outcomes {dict(outcomes)}"
        f"\n  ack latency    {percentiles(acks)} (max {max(acks) * 1000:.1f} ms)"
        f"\n  answer latency {percentiles(answers)} (max {max(answers) * 1000:.1f} ms)"
        f"\n  memory: {held / 1e6:.1f} MB still held after the run (peak {peak / 1e6:.1f} MB "
        f"traced); RSS {rss_before / 1e6:.0f} -> {rss_after / 1e6:.0f} MB"
    )
    assert dispatched < 10
    assert max(acks) < ACK_LIMIT
    assert len(answers) == ASKS
    assert outcomes["failed"] == outcomes["unexpected"] == 0, outcomes
    assert outcomes["answered"] + outcomes["cooldown"] + outcomes["busy"] == ASKS
    assert outcomes["cooldown"] > 0 and outcomes["answered"] >= USERS
    # Per-user cooldown (3 per 30 s by default) holds under load.
    assert max(per_user.values()) <= 3
    noisy = [
        f"{r.name}: {r.getMessage()}"
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.split(".")[0] in ("discord", "bot")
    ]
    assert not noisy, noisy
    assert held < MEMORY_SLACK
