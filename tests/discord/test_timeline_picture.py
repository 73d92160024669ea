"""/timeline with its picture: acknowledged at once ("thinking…" before any drawing), then the
same PNG as ``python -m bot.cli timeline --png`` attached to the first page."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from bot import render
from bot.discord_app import AnswerBot
from bot.timeline_image import render_png
from index.engine import Engine
from tests.fake_discord import FakeDiscord

Start = Callable[..., Awaitable[AnswerBot]]
DEFERRED = 5


async def test_the_picture_is_deferred_first_then_attached(
    start_bot: Start, fake: FakeDiscord, engine: Engine
) -> None:
    pytest.importorskip("matplotlib")
    await start_bot()
    async with asyncio.timeout(30):
        inter = await fake.slash("timeline", {"image": True}, user=fake.user(1))
        ack = await inter.wait_response(timeout=3)
        assert ack.type == DEFERRED and ack.latency < 1.0  # not after DEFER_AFTER
        message = await inter.wait_message(timeout=25)
    [attachment] = message.payload["attachments"]
    assert attachment["filename"] == render.TIMELINE_IMAGE
    assert attachment["size"] == len(render_png(engine.timeline()))  # the CLI's picture
    assert message.embeds[0]["footer"]["text"].startswith("Page 1 of")
    assert not message.ephemeral


async def test_without_the_picture_nothing_changes(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    inter = await fake.slash("timeline", user=fake.user(1))
    ack = await inter.wait_response(timeout=3)
    assert ack.type != DEFERRED  # quick enough to answer directly
    message = await inter.wait_message()
    assert not message.payload.get("attachments")
