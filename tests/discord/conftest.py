"""Fixtures for end-to-end Discord tests: a fake Discord on loopback and a client runner.

``fake`` serves the fake Discord (and patches discord.py to use it) for one test; ``run_client``
starts a discord.py client against it, waits for READY, and closes it cleanly at teardown,
failing the test if the client crashed, the fake hit an internal error, or the client called a
route the fake does not know. ``start_bot`` does the same for the project's bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.discord_app import AnswerBot, build_bot
from bot.settings import Settings
from index.engine import Engine
from tests.conftest import SEED_CORPUS
from tests.fake_discord import ClientRunner, FakeDiscord


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "fake_discord(**options): FakeDiscord options for the `fake` fixture"
    )


@pytest.fixture
async def fake(request: pytest.FixtureRequest) -> AsyncIterator[FakeDiscord]:
    """The fake Discord; ``@pytest.mark.fake_discord(heartbeat_interval=0.1)`` configures it."""
    marker = request.node.get_closest_marker("fake_discord")
    async with FakeDiscord(**(marker.kwargs if marker else {})) as server:
        yield server
    assert not server.errors, f"fake Discord failed internally: {server.errors!r}"
    unknown = [(r.method, r.path) for r in server.unhandled]
    assert not unknown, f"client called routes the fake does not serve: {unknown}"


@pytest.fixture
async def run_client(fake: FakeDiscord) -> AsyncIterator[ClientRunner]:
    """``await run_client(client)`` starts ``client`` with the fake's token and returns once the
    gateway session is READY; pass ``token=`` to try another one, ``ready=False`` to not wait."""
    running: list[tuple[discord.Client, asyncio.Task[None]]] = []

    async def start(
        client: discord.Client, *, token: str | None = None, ready: bool = True
    ) -> discord.Client:
        task = asyncio.create_task(client.start(token or fake.token), name="discord client")
        running.append((client, task))
        if ready:
            waiter = asyncio.create_task(fake.wait_ready(timeout=10))
            done, _ = await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
            if task in done:
                waiter.cancel()
                task.result()  # raises what the client raised
                raise AssertionError("client stopped before READY")
            waiter.result()
        return client

    yield start

    for client, task in running:
        await client.close()
        try:
            async with asyncio.timeout(5):
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        except TimeoutError:
            task.cancel()
            raise AssertionError("client did not shut down within 5 s") from None


BotStarter = Callable[..., Awaitable[AnswerBot]]


@pytest.fixture
async def start_bot(
    fake: FakeDiscord, run_client: ClientRunner, engine: Engine, tmp_path: Path
) -> BotStarter:
    """``await start_bot(engine=None, ready=True, **settings)``: the project's bot, built by
    ``build_bot`` exactly as ``python -m bot`` builds it, with its commands synced to the fake's
    guild, its feedback kept in ``tmp_path / "data"``, and ``Settings`` overridden by keyword."""

    async def start(engine_: Any = None, *, ready: bool = True, **overrides: Any) -> AnswerBot:
        settings = dataclasses.replace(
            Settings(
                discord_token=fake.token,
                guild_id=fake.guild_id,
                corpus_dir=SEED_CORPUS,
                data_dir=tmp_path / "data",
            ),
            **overrides,
        )
        bot = build_bot(engine_ or engine, settings)
        await run_client(bot, ready=ready)
        return bot

    return start
