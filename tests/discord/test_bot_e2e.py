"""The real bot, unmodified, against the fake Discord on loopback: commands, buttons, mentions,
limits on who may ask, failures answered privately, and a clean shutdown."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import statistics
import sys
import threading
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import discord
import pytest

from bot import render
from bot.__main__ import serve, sync_commands
from bot.discord_app import build_bot
from bot.settings import Settings
from bot.views import OwnedView
from index.answer import Answer
from index.engine import Engine
from tests.conftest import SEED_CORPUS
from tests.discord.conftest import BotStarter
from tests.fake_discord import FakeDiscord, FakeMessage

COMMANDS = {"ask", "timeline", "sources", "about"}
ANSWERABLE = "Who is the COO of BlackBerry?"
OUT_OF_SCOPE = "Who is the CEO of Samsung?"

Start = BotStarter


def button(message: FakeMessage, label: str) -> str:
    """The custom id of the button labelled ``label``."""
    for row in message.components:
        for c in row.get("components") or []:
            if c.get("label") == label:
                return str(c["custom_id"])
    raise AssertionError(f"no {label!r} button on {message.components!r}")


def assert_mentions_blocked(allowed: Any) -> None:
    """No @everyone/@here, role or user pings: nothing parsed, nothing listed."""
    assert allowed is not None, "allowed_mentions missing: the client default was not applied"
    assert allowed.get("parse") == []
    assert not allowed.get("roles") and not allowed.get("users")
    assert not allowed.get("replied_user")


async def bounded(coro: Awaitable[Any], seconds: float = 10.0) -> Any:
    async with asyncio.timeout(seconds):
        return await coro


# ---- login and commands ----------------------------------------------------------------------


async def test_login_syncs_commands_to_the_guild_only(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    assert {c["name"] for c in fake.guild_commands[fake.guild_id]} == COMMANDS
    assert fake.global_commands == []  # global sync only on demand
    ask = next(c for c in fake.guild_commands[fake.guild_id] if c["name"] == "ask")
    (question,) = ask["options"]
    assert question["autocomplete"] is True and question["max_length"] >= 500


async def test_no_guild_means_no_sync_at_start(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot(guild_id=None)
    assert fake.guild_commands == {} and fake.global_commands == []


async def test_sync_command_publishes_globally(
    fake: FakeDiscord, engine: Engine, tmp_path: Path
) -> None:
    settings = Settings(discord_token=fake.token, corpus_dir=SEED_CORPUS, data_dir=tmp_path)
    bot = build_bot(engine, settings)
    await bounded(sync_commands(bot, fake.token))
    assert {c["name"] for c in fake.global_commands} == COMMANDS
    assert bot.is_closed()
    assert not list(tmp_path.iterdir())  # no feedback store made for nothing


# ---- /ask ------------------------------------------------------------------------------------


async def test_ask_answers_within_3s_with_embed_and_sources(
    start_bot: Start, fake: FakeDiscord
) -> None:
    await start_bot()
    inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    ack = await inter.wait_response(timeout=3)
    assert ack.latency < 3
    msg = await inter.wait_message()
    assert not msg.ephemeral
    (embed,) = msg.embeds
    assert embed["title"] == ANSWERABLE
    assert "**" in embed["description"] and embed["description"].startswith("> ")
    source = embed["fields"][0]
    assert source["name"] == "Source"
    assert "¶" in source["value"] and "2015" in source["value"]
    button(msg, "More results")
    assert_mentions_blocked(msg.allowed_mentions)
    sent = render.Reply(msg.content, tuple(discord.Embed.from_dict(e) for e in msg.embeds))
    assert render.violations(sent) == []


async def test_ask_with_everyone_and_role_mentions_pings_no_one(
    start_bot: Start, fake: FakeDiscord
) -> None:
    await start_bot()
    question = "@everyone @here <@&123456789012345678> why did BlackBerry stay in Pakistan?"
    inter = await fake.slash("ask", {"question": question}, user=fake.user(1))
    msg = await inter.wait_message()
    assert_mentions_blocked(msg.allowed_mentions)
    title = msg.embeds[0]["title"]
    assert "@everyone" not in title and "@here" not in title
    assert "<@&123456789012345678>" not in title
    assert "@\u200beveryone" in title  # echoed, but defused


async def test_a_chat_question_gets_a_tentative_answer_labelled_as_such(
    start_bot: Start, fake: FakeDiscord
) -> None:
    await start_bot()
    question = "is blackbery still in pakstan after all that drama??"
    inter = await fake.slash("ask", {"question": question}, user=fake.user(1))
    msg = await inter.wait_message()
    assert msg.content == render.TENTATIVE
    (embed,) = msg.embeds
    assert "¶" in embed["fields"][0]["value"]  # the same citation as a sure answer
    said = await fake.mention(f"<@BOT> {question}", user=fake.user(2))
    reply = await said.wait_reply()
    assert reply.content == render.TENTATIVE and reply.embeds
    assert_mentions_blocked(reply.allowed_mentions)


async def test_abstention_is_an_honest_short_reply(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    inter = await fake.slash("ask", {"question": OUT_OF_SCOPE}, user=fake.user(1))
    msg = await inter.wait_message()
    assert msg.content.startswith("That isn't in my articles.")
    assert "/sources" in msg.content
    assert not msg.embeds
    labels = [c["label"] for row in msg.components for c in row["components"]]
    assert labels == ["Helpful", "Not helpful"]  # votes only: nothing more to show
    assert_mentions_blocked(msg.allowed_mentions)


async def test_autocomplete_offers_example_questions(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    auto = await fake.autocomplete("ask", {"question": "stay"}, focused="question")
    choices = (await auto.wait_response()).data["choices"]
    assert choices and all("stay" in c["name"].lower() for c in choices)
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_more_results_are_private_and_only_for_the_asker(
    start_bot: Start, fake: FakeDiscord
) -> None:
    await start_bot()
    inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    msg = await inter.wait_message()
    more = button(msg, "More results")

    other = await fake.click(msg, more, user=fake.user(2))
    notice = await other.wait_message()
    assert notice.ephemeral and notice.content == render.NOT_YOURS

    mine = await fake.click(msg, more, user=fake.user(1))
    extra = await mine.wait_message()
    assert extra.ephemeral
    assert extra.embeds and extra.embeds[0]["title"].startswith("More: ")
    assert all("¶" in e["fields"][0]["value"] for e in extra.embeds)
    assert msg.embeds[0]["description"] not in [e["description"] for e in extra.embeds]
    assert len(fake.requests_to("POST", r"/interactions/")) == 3  # no re-ask, one reply each


async def test_views_time_out_and_disable_their_buttons(
    start_bot: Start, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OwnedView, "timeout_seconds", 0.3)
    await start_bot()
    inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    msg = await inter.wait_message()
    deadline = time.monotonic() + 5
    while msg.edits == 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    buttons = {c["label"]: c for row in msg.components for c in row["components"]}
    assert buttons["More results"].get("disabled")
    # The vote buttons outlive the view (see test_feedback_e2e.py).
    assert not buttons["Helpful"].get("disabled") and not buttons["Not helpful"].get("disabled")


# ---- /timeline, /sources, /about -------------------------------------------------------------


async def test_timeline_pages_with_buttons(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    inter = await fake.slash("timeline", user=fake.user(1))
    await inter.wait_response(timeout=3)
    msg = await inter.wait_message()
    first = msg.embeds[0]
    pages = int(first["footer"]["text"].split(" of ")[1])
    assert pages >= 2 and first["footer"]["text"] == f"Page 1 of {pages}"
    assert all("¶" in f["value"] for f in first["fields"])

    stranger = await fake.click(msg, button(msg, "Next"), user=fake.user(2))
    assert (await stranger.wait_message()).content == render.NOT_YOURS

    click = await fake.click(msg, button(msg, "Next"), user=fake.user(1))
    page = await click.wait_message()
    assert page.id == msg.id
    assert page.embeds[0]["footer"]["text"] == f"Page 2 of {pages}"
    assert page.embeds[0]["fields"] != first["fields"]
    assert any(
        b.get("label") == f"2 / {pages}" for row in page.components for b in row["components"]
    )


async def test_timeline_filters_and_bad_dates(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    inter = await fake.slash("timeline", {"from": "2015-12", "source": "The Canadian Press"})
    msg = await inter.wait_message()
    assert "from Dec 2015" in (msg.embeds[0].get("description") or "")
    bad = await fake.slash("timeline", {"from": "yesterday"})
    notice = await bad.wait_message()
    assert notice.ephemeral and "YYYY" in notice.content


async def test_sources_and_about(start_bot: Start, fake: FakeDiscord, engine: Engine) -> None:
    await start_bot()
    sources = await (await fake.slash("sources")).wait_message()
    for article in engine.corpus.articles:
        if article.url:
            assert article.url in sources.text()
    about = await (await fake.slash("about")).wait_message()
    assert f"{len(engine.corpus.articles)} articles" in about.text()


# ---- mentions --------------------------------------------------------------------------------


async def test_mention_in_a_channel_is_answered_as_a_reply(
    start_bot: Start, fake: FakeDiscord
) -> None:
    await start_bot()
    said = await fake.mention(f"<@BOT> {ANSWERABLE} @everyone", user=fake.user(2))
    reply = await said.wait_reply()
    assert reply.reference == said.id
    assert reply.embeds and "¶" in reply.embeds[0]["fields"][0]["value"]
    assert_mentions_blocked(reply.allowed_mentions)
    assert "@everyone" not in reply.text()


async def test_mention_in_a_dm_and_an_empty_mention(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    dm = await fake.mention(f"<@BOT> {OUT_OF_SCOPE}", user=fake.user(3), dm=True)
    assert (await dm.wait_reply()).content.startswith("That isn't in my articles.")
    empty = await fake.mention("<@BOT>", user=fake.user(3))
    assert (await empty.wait_reply()).content == render.EMPTY_MENTION


# ---- sharding and reconnects ----------------------------------------------------------------


async def test_a_shard_process_runs_its_shard_and_answers(
    start_bot: Start, fake: FakeDiscord
) -> None:
    """One process of a two-shard deployment: SHARD_COUNT=2, SHARD_IDS=<the guild's shard>
    (discord.py spaces the IDENTIFYs of several shards in one process 5 s apart)."""
    owner = (fake.guild_id >> 22) % 2
    bot = await start_bot(shard_count=2, shard_ids=(owner,))
    assert fake.identifies == 1 and bot.shard_count == 2 and bot.shard_ids == [owner]
    inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    assert (await inter.wait_message()).embeds


async def test_keeps_answering_after_the_gateway_drops(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    await fake.drop_gateway()
    await fake.wait_ready(timeout=10)
    inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    assert (await inter.wait_message()).embeds
    assert fake.resumes + fake.identifies >= 2


# ---- limits on asking ------------------------------------------------------------------------


async def test_cooldown_tells_when_to_retry(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot(ask_cooldown_rate=1, ask_cooldown_seconds=60)
    first = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    await first.wait_message()
    second = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    notice = await second.wait_message()
    assert notice.ephemeral
    assert "try again" in notice.content and "<t:" in notice.content
    other_user = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(2))
    assert (await other_user.wait_message()).embeds  # the cooldown is per user


async def test_busy_over_the_cap_and_engine_work_stays_off_the_loop(
    start_bot: Start, fake: FakeDiscord, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_ask = engine.ask

    def slow_ask(question: str, k: int = 3) -> Answer:
        release.wait(10)
        return real_ask(question, k)

    bot = await start_bot(max_concurrent_answers=1)
    monkeypatch.setattr(engine, "ask", slow_ask)
    held = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    assert (await held.wait_response(timeout=3)).type == 5  # deferred while the engine works
    busy = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(2))
    notice = await busy.wait_message()
    assert notice.ephemeral and notice.content == render.BUSY
    # The event loop is free meanwhile: other commands are answered at once.
    await (await fake.slash("about", user=fake.user(3))).wait_message(timeout=3)
    assert bot.gate.active == 1
    release.set()
    answer = await held.wait_message()
    assert answer.embeds and not answer.ephemeral
    deadline = time.monotonic() + 3
    while bot.gate.active and time.monotonic() < deadline:  # the handler ends after the send
        await asyncio.sleep(0.01)
    assert bot.gate.active == 0


# ---- failures --------------------------------------------------------------------------------


async def test_exception_in_a_command_is_answered_privately_and_logged(
    start_bot: Start,
    fake: FakeDiscord,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(question: str, k: int = 3) -> Answer:
        raise RuntimeError("internal detail 42")

    await start_bot()
    monkeypatch.setattr(engine, "ask", broken)
    with caplog.at_level(logging.ERROR, logger="bot"):
        inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
        notice = await inter.wait_message()
    assert notice.ephemeral and notice.content == render.FAILED
    assert "internal detail" not in notice.text()
    assert any("internal detail 42" in r.getMessage() or r.exc_info for r in caplog.records)
    # The bot keeps working.
    monkeypatch.undo()
    again = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(2))
    assert (await again.wait_message()).embeds


async def test_failure_after_a_defer_is_still_private(
    start_bot: Start, fake: FakeDiscord, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_then_broken(question: str, k: int = 3) -> Answer:
        time.sleep(1.3)
        raise RuntimeError("boom")

    await start_bot()
    monkeypatch.setattr(engine, "ask", slow_then_broken)
    inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    assert (await inter.wait_response(timeout=3)).type == 5
    deadline = time.monotonic() + 8
    while not fake.requests_to("POST", r"^/webhooks/") and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    (followup,) = fake.requests_to("POST", r"^/webhooks/")
    assert followup.json and followup.json["content"] == render.FAILED
    assert followup.json["flags"] & 64  # ephemeral
    assert fake.requests_to("DELETE", r"/messages/@original")


async def test_mention_failure_is_answered_and_logged(
    start_bot: Start, fake: FakeDiscord, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(question: str, k: int = 3) -> Answer:
        raise RuntimeError("internal detail 43")

    await start_bot()
    monkeypatch.setattr(engine, "ask", broken)
    said = await fake.mention(f"<@BOT> {ANSWERABLE}", user=fake.user(2))
    reply = await said.wait_reply()
    assert reply.content == render.FAILED


async def test_logs_one_line_per_question_without_text_or_token(
    start_bot: Start, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await start_bot()
        inter = await fake.slash("ask", {"question": ANSWERABLE})
        await inter.wait_message()
        said = await fake.mention(f"<@BOT> {OUT_OF_SCOPE}", user=fake.user(2))
        await said.wait_reply()

        def info() -> list[str]:
            return [
                r.getMessage()
                for r in caplog.records
                if r.name.startswith("bot") and r.levelno == logging.INFO and "ms (" in r.msg
            ]

        deadline = time.monotonic() + 3
        while len(info()) < 2 and time.monotonic() < deadline:  # logged just after the send
            await asyncio.sleep(0.01)
    logged = [r for r in caplog.records if r.name.startswith("bot")]
    assert len(info()) == 2
    assert info()[0].startswith("/ask answered in ")
    assert info()[1].startswith("mention abstained in ")
    for question in (ANSWERABLE, OUT_OF_SCOPE):
        assert all(question not in r.getMessage() for r in logged if r.levelno > logging.DEBUG)
        assert any(question in r.getMessage() for r in logged if r.levelno == logging.DEBUG)
    everything = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert fake.token not in everything


# ---- shutdown --------------------------------------------------------------------------------


async def test_sigterm_closes_cleanly_within_seconds(
    fake: FakeDiscord, engine: Engine, tmp_path: Path
) -> None:
    settings = Settings(
        discord_token=fake.token, guild_id=fake.guild_id, corpus_dir=SEED_CORPUS, data_dir=tmp_path
    )
    bot = build_bot(engine, settings)
    task = asyncio.create_task(serve(bot, fake.token))
    await fake.wait_ready(timeout=10)
    signal.raise_signal(signal.SIGTERM)
    started = time.monotonic()
    await bounded(task, 5)
    assert time.monotonic() - started < 5
    assert bot.is_closed()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # handler removed again


# Runs the real ``python -m bot`` entry point, pointed at the fake (the only change).
_RUN_AGAINST_FAKE = """
import sys, discord, yarl
discord.http.Route.BASE = sys.argv[1] + "/api/v10"
discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2])
from bot.__main__ import main
sys.exit(main([]))
"""


async def python_m_bot(fake: FakeDiscord, cwd: Path, token: str) -> asyncio.subprocess.Process:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "DISCORD_TOKEN": token,
        "DISCORD_GUILD_ID": str(fake.guild_id),
        "BOT_CORPUS_DIR": str(SEED_CORPUS),
        "BOT_DATA_DIR": str(cwd / "data"),
        "LOG_LEVEL": "DEBUG",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        _RUN_AGAINST_FAKE,
        fake.http_url,
        fake.ws_url,
        cwd=cwd,  # no .env there
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_python_m_bot_answers_and_exits_cleanly_on_signal(
    fake: FakeDiscord, tmp_path: Path, sig: signal.Signals
) -> None:
    proc = await python_m_bot(fake, tmp_path, fake.token)
    try:
        await fake.wait_ready(timeout=20)
        inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
        assert (await inter.wait_message()).embeds
        proc.send_signal(sig)
        out, err = await bounded(proc.communicate(), 5)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    log = err.decode()
    assert proc.returncode == 0, log[-2000:]
    assert "/ask answered in" in log
    assert fake.token not in log and fake.token not in out.decode()
    assert "Traceback" not in log


async def test_python_m_bot_with_a_rejected_token_says_so_without_showing_it(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    wrong = "MTIzNDU2Nzg5.wrong.token-value"
    proc = await python_m_bot(fake, tmp_path, wrong)
    out, err = await bounded(proc.communicate(), 20)
    assert proc.returncode == 1
    assert err.decode().strip().splitlines()[-1].startswith("error: Discord rejected DISCORD_TOKEN")
    assert wrong not in err.decode() + out.decode()
    # This run is at LOG_LEVEL=DEBUG, where the traceback is shown on purpose; at other levels
    # there is none (tests/discord/test_startup.py).


# ---- round trip ------------------------------------------------------------------------------


async def test_ask_round_trip_median(start_bot: Start, fake: FakeDiscord) -> None:
    """Median of many full /ask round trips (INTERACTION_CREATE to the answer message)."""
    await start_bot(ask_cooldown_seconds=0.0)
    times = []
    for n in range(200):
        started = time.perf_counter()
        inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(n % 7))
        await inter.wait_message()
        times.append(time.perf_counter() - started)
    median = statistics.median(times) * 1000
    p95 = statistics.quantiles(times, n=20)[-1] * 1000
    print(f"\n/ask round trip through the fake: median {median:.2f} ms, p95 {p95:.2f} ms (n=200)")
    assert max(times) < 3


async def test_timeline_with_its_picture_attached(start_bot: Start, fake: FakeDiscord) -> None:
    await start_bot()
    inter = await fake.slash("timeline", {"image": True}, user=fake.user(1))
    await inter.wait_response(timeout=3)
    msg = await inter.wait_message(timeout=30)
    [attachment] = msg.payload["attachments"]
    assert attachment["filename"] == render.TIMELINE_IMAGE and attachment["size"] > 10_000
    assert msg.embeds[0]["footer"]["text"].startswith("Page 1 of")
    upload = next(r for r in fake.requests if r.files)
    assert upload.files[render.TIMELINE_IMAGE] == attachment["size"]


async def test_timeline_picture_without_matplotlib_says_so(
    start_bot: Start, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.discord_app as app
    from bot.timeline_image import ImageUnavailable

    def missing(*_: object) -> bytes:
        raise ImageUnavailable("matplotlib is not installed")

    monkeypatch.setattr(app, "render_png", missing)
    await start_bot()
    msg = await (await fake.slash("timeline", {"image": True})).wait_message(timeout=10)
    assert msg.content == render.IMAGE_UNAVAILABLE and msg.embeds and not msg.payload["attachments"]
