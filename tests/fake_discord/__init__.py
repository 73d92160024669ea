"""A fake Discord (REST + gateway websocket) on 127.0.0.1 for end-to-end tests of the real bot.

``async with FakeDiscord() as fake:`` serves it and points discord.py at it; see ``README.md``.
"""

from collections.abc import Awaitable, Callable

import discord

from .server import (
    DEFAULT_TOKEN,
    EPHEMERAL,
    Callback,
    FakeDiscord,
    FakeInteraction,
    FakeMessage,
    Request,
    UserMessage,
)

# The ``run_client`` fixture's type: ``await run_client(client, token=None, ready=True)``.
ClientRunner = Callable[..., Awaitable[discord.Client]]

__all__ = [
    "DEFAULT_TOKEN",
    "EPHEMERAL",
    "Callback",
    "ClientRunner",
    "FakeDiscord",
    "FakeInteraction",
    "FakeMessage",
    "Request",
    "UserMessage",
]
