"""The Discord front end: slash commands and @mentions over one shared Engine.

The bot formats and transports; the engine ranks and decides. Engine work runs in a worker
thread (never on the event loop), at most ``MAX_CONCURRENT_ANSWERS`` at a time, each user at
most ``ASK_COOLDOWN_RATE`` questions per ``ASK_COOLDOWN_SECONDS``. Every send goes out with
mentions disabled (the client's ``AllowedMentions.none()``, which discord.py applies to
interaction responses, followups, edits and channel messages alike).
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import logging
import re
import time
from collections.abc import Awaitable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.feedback import FeedbackRecorder, FeedbackStore
from bot.settings import Settings
from bot.startup import quiet_voice_support
from bot.timeline_image import ImageUnavailable, render_png
from bot.views import OwnedView, PagerView, Vote, answer_view, send_failure
from index.answer import Answer
from index.dates import When
from index.engine import MAX_QUESTION_CHARS, Engine
from index.followup import MAX_CONTEXT
from index.timeline import Event

log = logging.getLogger(__name__)
T = TypeVar("T")

# Answer directly when the engine is done within this time; otherwise defer ("thinking…") and
# follow up, well inside Discord's 3 s limit for the first response.
DEFER_AFTER = 1.0
MAX_CHOICES = 25  # Discord's limit on autocomplete choices
EXAMPLES_FILE = "examples.json"
PRUNE_EVERY = 24 * 3600.0  # seconds between deletions of records older than RECORD_DAYS


def load_examples(corpus_dir: Path) -> tuple[str, ...]:
    """Example questions offered by autocomplete: ``examples.json`` in the corpus folder
    (``{"questions": [...]}``); none when it is missing or unusable."""
    path = corpus_dir / EXAMPLES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions = data["questions"]
        return tuple(q.strip() for q in questions if isinstance(q, str) and q.strip())
    except FileNotFoundError:
        return ()
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return ()


def suggest(candidates: Sequence[str], typed: str) -> list[str]:
    """Candidates containing every word typed so far (all of them when nothing is typed)."""
    wanted = typed.casefold().split()
    return [c for c in candidates if all(w in c.casefold() for w in wanted)][:MAX_CHOICES]


class Gate:
    """Who may ask now: a per-user cooldown and a global cap on answers in progress."""

    def __init__(self, rate: int, per: float, cap: int) -> None:
        self._cooldowns: commands.CooldownMapping[int] = commands.CooldownMapping.from_cooldown(
            rate, per, lambda user_id: user_id
        )
        self.cap = cap
        self.active = 0

    @contextmanager
    def slot(self, user_id: int) -> Iterator[str | None]:
        """Yields None while the user's question holds one of the slots, or the polite
        refusal to send instead (busy, or the user's cooldown with when to retry)."""
        if self.active >= self.cap:
            yield render.BUSY
            return
        now = time.time()
        bucket = self._cooldowns.get_bucket(user_id, now)
        retry_after = bucket.update_rate_limit(now) if bucket else None
        if retry_after:
            yield render.cooldown_text(retry_after, now)
            return
        self.active += 1
        try:
            yield None
        finally:
            self.active -= 1


class AnswerTree(app_commands.CommandTree["AnswerBot"]):
    async def on_error(
        self, interaction: discord.Interaction[AnswerBot], error: app_commands.AppCommandError
    ) -> None:
        name = interaction.command.qualified_name if interaction.command else "?"
        log.error("/%s failed", name, exc_info=error)
        await send_failure(interaction)


class AnswerBot(discord.AutoShardedClient):
    """The bot: one Engine, the slash commands, and answers to @mentions.

    Sharding: ``SHARD_COUNT`` (and optionally ``SHARD_IDS``) run the given shards in this
    process; without them Discord's recommended shard count is used (1 for small bots)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        super().__init__(
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            **_shards(settings),
        )
        self.engine = engine
        self.settings = settings
        self.gate = Gate(
            settings.ask_cooldown_rate,
            settings.ask_cooldown_seconds,
            settings.max_concurrent_answers,
        )
        self.examples = load_examples(settings.corpus_dir)
        # What was asked and the votes (bot/feedback.py); None when RECORD_DAYS=0.
        self.feedback: FeedbackRecorder | None = None
        if settings.record_days > 0:
            self.feedback = FeedbackRecorder(
                FeedbackStore(
                    settings.data_dir,
                    record_questions=settings.record_questions,
                    record_days=settings.record_days,
                    key=settings.feedback_key,
                )
            )
        self._pruning: asyncio.Task[None] | None = None
        self.tree = AnswerTree(self)
        self.tree.add_command(ask)
        self.tree.add_command(timeline)
        self.tree.add_command(sources)
        self.tree.add_command(about)

    async def setup_hook(self) -> None:
        # Built in the background: the first /timeline or outcome question need not wait.
        self._warm_up = asyncio.create_task(asyncio.to_thread(self.engine.warm_up))
        # Vote buttons work on every answer ever sent, also those sent before a restart.
        self.add_dynamic_items(Vote)
        if self.feedback is not None and self._pruning is None:
            self._pruning = asyncio.create_task(self._prune_daily(self.feedback))
        if self.settings.guild_id is not None:
            guild = discord.Object(id=self.settings.guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild.id)

    async def _prune_daily(self, feedback: FeedbackRecorder) -> None:
        """Delete records older than RECORD_DAYS now and then once a day."""
        while True:
            try:
                await feedback.prune()
            except Exception:
                log.exception("deleting old feedback records failed")
            await asyncio.sleep(PRUNE_EVERY)

    async def close(self) -> None:
        """Disconnect, then finish the queued feedback writes and close the store."""
        if self._pruning is not None:
            self._pruning.cancel()
        await super().close()
        if self.feedback is not None:
            try:
                await self.feedback.aclose()
            except Exception:
                log.exception("closing the feedback store failed")

    def record(self, answer: Answer, via: str) -> str | None:
        """Queue the record of a question (never raises); its record id for the vote buttons,
        or None when feedback is off or cannot be recorded."""
        if self.feedback is None:
            return None
        try:
            return self.feedback.record(answer, via)
        except Exception:
            log.exception("recording a question failed")
            return None

    async def answer(self, question: str, via: str, context: Sequence[str] = ()) -> Answer:
        """Ask the engine in a worker thread (the question is logged only at debug level);
        ``context``: the conversation's earlier questions, oldest first."""
        log.debug("%s question: %r (after %r)", via, question, context)
        if not context:
            return await asyncio.to_thread(self.engine.ask, question)
        return await asyncio.to_thread(self.engine.ask, question, context=tuple(context))

    async def on_ready(self) -> None:
        user = self.user
        log.info(
            "connected as %s (%s) in %d guilds", user, user.id if user else "?", len(self.guilds)
        )

    async def on_message(self, message: discord.Message) -> None:
        """Answer, as a reply, a message that mentions the bot, replies to one of its answers
        (with or without a ping), or comes in a DM.

        A reply to one of the bot's answers, or a mention in a thread started from one, is asked
        with the earlier questions of that conversation as context (the engine decides whether
        it follows up). The context is read back from Discord's messages, never kept here, so it
        survives restarts and stores no user ids or names.

        Without the privileged message_content intent Discord delivers a guild message's content
        only when it mentions the bot (a reply that pings the bot counts); a reply without the
        ping arrives with empty content and is ignored: there is nothing to answer."""
        me = self.user
        if me is None or message.author.bot:
            return
        mention = re.compile(rf"<@!?{me.id}>")
        mentioned = bool(mention.search(message.content)) or any(
            u.id == me.id for u in message.mentions
        )
        replied_to = await _replied_to(message)
        to_me = replied_to is not None and replied_to.author.id == me.id
        if message.guild is not None and not (mentioned or to_me):
            return
        if not message.content.strip():
            return  # no content delivered (see above), or nothing but an attachment
        question = " ".join(mention.sub(" ", message.content).split())
        started = time.perf_counter()
        try:
            if not question:
                await message.reply(render.EMPTY_MENTION)
                return
            with self.gate.slot(message.author.id) as refusal:
                if refusal:
                    await message.reply(refusal)
                    return
                earlier = replied_to if to_me else await _thread_starter(message, me.id)
                context = await _conversation(earlier, me.id) if earlier is not None else []
                answer = await self.answer(question, "mention", context)
                reply = render.answer_reply(answer)
                view = answer_view(answer, message.author.id, self.record(answer, "mention"))
                extra: dict[str, Any] = {"view": view} if view else {}
                sent = await message.reply(
                    reply.content or None, embeds=list(reply.embeds), **extra
                )
                if isinstance(view, OwnedView):
                    view.message = sent
                _log_answered("mention", answer, started)
        except Exception:
            log.exception("answering a mention failed")
            try:
                await message.reply(render.FAILED)
            except discord.HTTPException:
                log.warning("could not tell the user about a failure", exc_info=True)


# ---- conversations, read back from Discord ---------------------------------------------------


async def _fetch(channel: Any, message_id: int | None) -> discord.Message | None:
    """A message of ``channel`` by id; None when it is gone or cannot be read."""
    if message_id is None or not hasattr(channel, "fetch_message"):
        return None
    try:
        fetched = await channel.fetch_message(message_id)
    except discord.HTTPException:
        log.debug("could not fetch message %s", message_id, exc_info=True)
        return None
    return fetched if isinstance(fetched, discord.Message) else None


async def _replied_to(message: discord.Message) -> discord.Message | None:
    """The message ``message`` replies to (as delivered, else fetched), or None."""
    ref = message.reference
    if ref is None or ref.message_id is None:
        return None
    if isinstance(ref.resolved, discord.Message):
        return ref.resolved
    if isinstance(ref.resolved, discord.DeletedReferencedMessage):
        return None
    return await _fetch(message.channel, ref.message_id)


async def _thread_starter(message: discord.Message, bot_id: int) -> discord.Message | None:
    """In a thread started from one of the bot's answers, that answer (a thread started from
    a message has the message's id, and its starter lives in the parent channel)."""
    thread = message.channel
    if not isinstance(thread, discord.Thread) or thread.parent is None:
        return None
    starter = thread.starter_message or await _fetch(thread.parent, thread.id)
    return starter if starter is not None and starter.author.id == bot_id else None


async def _conversation(answer: discord.Message, bot_id: int) -> list[str]:
    """The questions that led to the bot's ``answer``, oldest first (at most MAX_CONTEXT).

    Each of the bot's answers to a message is a reply to the question's message, which may
    itself reply to an earlier answer; an answer whose question cannot be fetched (a slash
    command's, or a deleted one) gives the question its embed is titled with."""
    questions: list[str] = []
    current: discord.Message | None = answer
    while current is not None and len(questions) < MAX_CONTEXT:
        asked = await _fetch(current.channel, _reference_id(current))
        text = _question_in(asked, bot_id) if asked is not None else ""
        text = text or render.question_of(current.embeds)
        if not text:
            break
        questions.insert(0, text)
        earlier = await _replied_to(asked) if asked is not None else None
        current = earlier if earlier is not None and earlier.author.id == bot_id else None
    return questions


def _reference_id(message: discord.Message) -> int | None:
    return message.reference.message_id if message.reference is not None else None


def _question_in(message: discord.Message, bot_id: int) -> str:
    """A user's message as a question: its text without the bot's mentions."""
    return " ".join(re.sub(rf"<@!?{bot_id}>", " ", message.content).split())


def _log_answered(via: str, answer: Answer, started: float) -> None:
    """The one log line per question: how it came, the outcome, and the reply's latency."""
    log.info(
        "%s %s in %.1f ms (%d results)",
        via,
        "answered" if answer.answered else "abstained",
        (time.perf_counter() - started) * 1000,
        len(answer.citations),
    )


def _shards(settings: Settings) -> dict[str, Any]:
    """AutoShardedClient's shard arguments (none: Discord's recommended count, all shards)."""
    if settings.shard_count is None:
        return {}
    ids = settings.shard_ids or range(settings.shard_count)
    return {"shard_count": settings.shard_count, "shard_ids": list(ids)}


def build_bot(engine: Engine, settings: Settings) -> AnswerBot:
    quiet_voice_support()
    return AnswerBot(engine, settings)


# ---- commands --------------------------------------------------------------------------------


@app_commands.command(description="Ask a question about the 2015 BlackBerry-Pakistan dispute")
@app_commands.describe(question="Your question, e.g. why did BlackBerry decide to stay?")
async def ask(
    interaction: discord.Interaction[AnswerBot],
    question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
) -> None:
    bot = interaction.client
    with bot.gate.slot(interaction.user.id) as refusal:
        if refusal:
            await interaction.response.send_message(refusal, ephemeral=True)
            return
        started = time.perf_counter()
        answer = await _deferring(interaction, bot.answer(question, "/ask"))
        reply = render.answer_reply(answer)
        view = answer_view(answer, interaction.user.id, bot.record(answer, "/ask"))
        message = await _send(interaction, reply, view)
        if isinstance(view, OwnedView):
            view.message = message
        _log_answered("/ask", answer, started)


@ask.autocomplete("question")
async def _ask_examples(
    interaction: discord.Interaction[AnswerBot], current: str
) -> list[app_commands.Choice[str]]:
    return [
        app_commands.Choice(name=render.choice_text(q), value=render.choice_text(q))
        for q in suggest(interaction.client.examples, current)
    ]


@app_commands.command(description="The dispute's dated events, with citations")
@app_commands.describe(
    from_="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD",
    to="Latest date: YYYY, YYYY-MM or YYYY-MM-DD",
    source="Only events reported by this outlet or article",
    image="Also attach the timeline drawn as a picture",
)
@app_commands.rename(from_="from")
async def timeline(
    interaction: discord.Interaction[AnswerBot],
    from_: str | None = None,
    to: str | None = None,
    source: str | None = None,
    image: bool = False,
) -> None:
    try:
        start = When.parse(from_) if from_ else None
        end = When.parse(to) if to else None
    except ValueError as exc:
        await interaction.response.send_message(render.notice(str(exc)), ephemeral=True)
        return
    engine = interaction.client.engine

    def work() -> tuple[list[Event], discord.File | None, str]:
        events = engine.timeline(start, end, source)
        if not (image and events):
            return events, None, ""
        try:
            png = render_png(events)
        except ImageUnavailable as exc:
            log.warning("/timeline image: %s", exc)
            return events, None, render.IMAGE_UNAVAILABLE
        return events, discord.File(io.BytesIO(png), filename=render.TIMELINE_IMAGE), ""

    if image:  # drawing takes longer than listing: "thinking…" at once, not after DEFER_AFTER
        await interaction.response.defer(thinking=True)
    events, picture, note = await _deferring(interaction, asyncio.to_thread(work))
    pages = render.timeline_pages(
        events,
        start=start.label if start else None,
        end=end.label if end else None,
        source=source,
    )
    if note:
        pages[0] = dataclasses.replace(pages[0], content=note)
    view = PagerView.for_pages(pages, interaction.user.id)
    message = await _send(interaction, pages[0], view, [picture] if picture else [])
    if view:
        view.message = message


@timeline.autocomplete("source")
async def _timeline_sources(
    interaction: discord.Interaction[AnswerBot], current: str
) -> list[app_commands.Choice[str]]:
    outlets = sorted({a.outlet for a in interaction.client.engine.corpus.articles})
    return [
        app_commands.Choice(name=render.choice_text(o), value=render.choice_text(o))
        for o in suggest(outlets, current)
    ]


@app_commands.command(description="The articles the bot answers from")
async def sources(interaction: discord.Interaction[AnswerBot]) -> None:
    await _send(interaction, render.sources_reply(interaction.client.engine.corpus.articles), None)


@app_commands.command(description="What this bot is and how it chooses answers")
async def about(interaction: discord.Interaction[AnswerBot]) -> None:
    await _send(interaction, render.about_reply(interaction.client.engine.corpus.articles), None)


async def _deferring(interaction: discord.Interaction[Any], work: Awaitable[T]) -> T:
    """Await ``work``; if it is not done within DEFER_AFTER, defer first (the user sees
    "thinking…") so the first response always comes within Discord's 3 s."""
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
        if not done and not interaction.response.is_done():
            await interaction.response.defer(thinking=True)
        return await task
    finally:
        task.cancel()  # a no-op once done; stops orphaned work if the defer failed


async def _send(
    interaction: discord.Interaction[Any],
    reply: render.Reply,
    view: discord.ui.View | None,
    files: Sequence[discord.File] = (),
) -> discord.InteractionMessage | discord.WebhookMessage | None:
    """Send ``reply`` (with ``files`` attached) as the interaction's response, or as a followup
    after a defer; return the message sent (what a view edits when it times out)."""
    extra: dict[str, Any] = {"view": view} if view else {}
    if files:
        extra["files"] = list(files)
    if interaction.response.is_done():
        return await interaction.followup.send(
            reply.content or discord.utils.MISSING, embeds=list(reply.embeds), wait=True, **extra
        )
    callback = await interaction.response.send_message(
        reply.content or None, embeds=list(reply.embeds), **extra
    )
    resource = callback.resource
    return resource if isinstance(resource, discord.InteractionMessage) else None
