"""``python -m bot`` runs the Discord bot; ``python -m bot sync`` publishes its slash commands
globally and exits.

Without ``DISCORD_TOKEN`` the bot cannot connect: say what to set, then open the local console
over the same engine. SIGINT and SIGTERM close the gateway connection cleanly before exiting.
A start-up that fails (no corpus, no network, Discord unreachable, a rejected token, intents
not enabled) ends with one line saying what to do and exit status 1 (``bot.startup``).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Sequence

import discord

from bot.cli import repl
from bot.discord_app import AnswerBot, build_bot
from bot.settings import Settings, SettingsError
from bot.startup import LOGIN_TIMEOUT, corpus_problem, explain, no_articles
from index.corpus import CorpusError
from index.embedding import EmbeddingError
from index.engine import Engine

log = logging.getLogger("bot")
USAGE = "usage: python -m bot [sync]"
NO_TOKEN = (
    "DISCORD_TOKEN is not set, so the Discord bot cannot start.\n"
    "Set it in the environment or in a .env file (see .env.example); create the bot and its\n"
    "token at https://discord.com/developers/applications. Opening the local console instead.\n"
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args not in ([], ["sync"]):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    discord.utils.setup_logging(level=settings.log_level_number)
    problem = corpus_problem(settings.corpus_dir)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    try:
        engine = Engine.load(settings.corpus_dir, model=settings.semantic_model)
        # Everything a question may need is built (or read from the cache) before the bot
        # connects: no user's question ever waits for a build.
        engine.warm_up()
    except (CorpusError, EmbeddingError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not engine.corpus.articles:
        print(f"error: {no_articles(settings.corpus_dir)}", file=sys.stderr)
        return 1
    token = settings.discord_token
    if not token:
        if args:
            print("error: `sync` needs DISCORD_TOKEN (see .env.example)", file=sys.stderr)
            return 2
        print(NO_TOKEN, file=sys.stderr)
        return repl(engine)
    bot = build_bot(engine, settings)
    try:
        asyncio.run(sync_commands(bot, token) if args else serve(bot, token))
    except Exception as exc:
        message = explain(exc, bot.intents)
        if message is None:
            raise  # not a failure to connect: a bug, whose traceback is wanted
        log.debug("the bot stopped", exc_info=exc)  # the traceback, at LOG_LEVEL=DEBUG only
        print(f"error: {message}", file=sys.stderr)
        return 1
    return 0


async def serve(bot: AnswerBot, token: str) -> None:
    """Run until the bot is closed; SIGINT or SIGTERM close it cleanly."""
    loop = asyncio.get_running_loop()
    closing: set[asyncio.Task[None]] = set()

    def stop() -> None:
        if not closing:
            closing.add(asyncio.create_task(bot.close()))

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop)
    try:
        async with bot:
            await asyncio.wait_for(bot.login(token), LOGIN_TIMEOUT)
            await bot.connect()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


async def sync_commands(bot: AnswerBot, token: str) -> None:
    """Publish the slash commands to every server (global commands), without connecting to
    the gateway. Run it after changing commands, not at every start."""
    async with bot:
        await asyncio.wait_for(bot.login(token), LOGIN_TIMEOUT)
        synced = await bot.tree.sync()
    names = ", ".join(f"/{c.name}" for c in synced)
    print(f"synced {len(synced)} global commands: {names}")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C before the bot was running (e.g. while loading)
        sys.exit(130)
