"""Feedback through the fake Discord: vote buttons on every answer, votes from anyone,
acknowledged privately, replaced, still working after the view expires and after a restart;
what was declined or voted not helpful reaches ``bot.cli report``; nothing identifying is
stored; and a broken store never stops the bot from answering."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from bot import render
from bot.feedback import DB_FILE
from bot.views import OwnedView
from tests.conftest import cli
from tests.discord.conftest import BotStarter
from tests.discord.test_bot_e2e import ANSWERABLE, OUT_OF_SCOPE, button
from tests.fake_discord import FakeDiscord, FakeMessage


def labels(message: FakeMessage) -> list[str]:
    return [c["label"] for row in message.components for c in row["components"]]


async def vote(fake: FakeDiscord, message: FakeMessage, label: str, user: int) -> str:
    """Click a vote button as ``fake.user(user)``; the private acknowledgement's text."""
    click = await fake.click(message, button(message, label), user=fake.user(user))
    ack = await click.wait_response(timeout=3)
    assert ack.latency < 3
    reply = await click.wait_message()
    assert reply.ephemeral
    return reply.content


def stored(data: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(data / DB_FILE)
    try:
        return {
            table: con.execute(f"SELECT * FROM {table}").fetchall()
            for table in ("questions", "votes")
        }
    finally:
        con.close()


async def test_declined_and_not_helpful_reach_the_report_and_no_id_is_stored(
    start_bot: BotStarter, fake: FakeDiscord, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    bot = await start_bot()
    declined = await (
        await fake.slash("ask", {"question": OUT_OF_SCOPE}, user=fake.user(1))
    ).wait_message()
    assert declined.content.startswith("That isn't in my articles.")
    assert labels(declined) == ["Helpful", "Not helpful"]

    answered = await (
        await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    ).wait_message()
    assert labels(answered) == ["More results", "Helpful", "Not helpful"]
    assert all(len(c) <= 100 for c in answered.custom_ids())
    said = await fake.mention(f"<@BOT> {ANSWERABLE}", user=fake.user(3))
    assert "Not helpful" in labels(await said.wait_reply())  # mentions get them too

    # Another user votes: anyone may, and is answered privately.
    assert await vote(fake, answered, "Not helpful", user=2) == render.VOTED_NOT_HELPFUL

    await bot.close()
    done = cli("report", "--json", "--data", str(data))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    by_text = {q["question"]: q for q in report["questions"]}
    assert set(by_text) == {OUT_OF_SCOPE, ANSWERABLE}
    assert (by_text[OUT_OF_SCOPE]["outcome"], by_text[OUT_OF_SCOPE]["count"]) == ("declined", 1)
    assert by_text[ANSWERABLE]["outcome"] == "answered"
    assert by_text[ANSWERABLE]["not_helpful"] == 1
    assert report["votes"] == {"helpful": 0, "not_helpful": 1}

    rows = stored(data)
    assert len(rows["questions"]) == 3 and len(rows["votes"]) == 1
    assert {r[2] for r in rows["questions"]} == {"/ask", "mention"}
    ids = [fake.guild_id, fake.channel_id, *(int(fake.user(n)["id"]) for n in (1, 2, 3))]
    names = [fake.user(n)["username"] for n in (1, 2, 3)]
    values = json.dumps(rows)
    raw = b"".join(p.read_bytes() for p in data.iterdir())
    for secret in [str(i) for i in ids] + names:
        assert secret not in values
        assert secret.encode() not in raw


async def test_votes_are_replaced_and_work_from_more_results_and_after_the_view_expires(
    start_bot: BotStarter, fake: FakeDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OwnedView, "timeout_seconds", 0.5)
    bot = await start_bot()
    msg = await (
        await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(1))
    ).wait_message()

    assert await vote(fake, msg, "Helpful", user=2) == render.VOTED_HELPFUL
    more = await (
        await fake.click(msg, button(msg, "More results"), user=fake.user(1))
    ).wait_message()
    assert more.ephemeral and labels(more) == ["Helpful", "Not helpful"]
    assert await vote(fake, more, "Not helpful", user=1) == render.VOTED_NOT_HELPFUL

    deadline = time.monotonic() + 5
    while msg.edits == 0 and time.monotonic() < deadline:  # the view expired
        await asyncio.sleep(0.05)
    assert msg.edits
    assert await vote(fake, msg, "Not helpful", user=2) == render.VOTED_NOT_HELPFUL  # replaced
    assert await vote(fake, msg, "Helpful", user=3) == render.VOTED_HELPFUL

    await bot.close()
    rows = stored(tmp_path / "data")
    assert len(rows["questions"]) == 1
    assert sorted(v[2] for v in rows["votes"]) == [0, 0, 1]  # three voters, one vote each


async def test_vote_buttons_work_after_a_restart(
    start_bot: BotStarter, fake: FakeDiscord, tmp_path: Path
) -> None:
    first = await start_bot()
    msg = await (
        await fake.slash("ask", {"question": OUT_OF_SCOPE}, user=fake.user(1))
    ).wait_message()
    await first.close()
    await start_bot()
    assert await vote(fake, msg, "Not helpful", user=2) == render.VOTED_NOT_HELPFUL
    assert await vote(fake, msg, "Helpful", user=2) == render.VOTED_HELPFUL


async def test_record_questions_none_keeps_no_text(
    start_bot: BotStarter, fake: FakeDiscord, tmp_path: Path
) -> None:
    bot = await start_bot(record_questions="none")
    declined = await (await fake.slash("ask", {"question": OUT_OF_SCOPE})).wait_message()
    answered = await (await fake.slash("ask", {"question": ANSWERABLE})).wait_message()
    await vote(fake, answered, "Not helpful", user=2)
    await vote(fake, declined, "Helpful", user=2)
    await bot.close()
    rows = stored(tmp_path / "data")
    assert [r[4] for r in rows["questions"]] == [None, None] and len(rows["votes"]) == 2
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir())
    assert b"Samsung" not in raw and b"BlackBerry decide" not in raw


async def test_record_days_0_records_nothing_and_shows_no_vote_buttons(
    start_bot: BotStarter, fake: FakeDiscord, tmp_path: Path
) -> None:
    bot = await start_bot(record_days=0)
    declined = await (await fake.slash("ask", {"question": OUT_OF_SCOPE})).wait_message()
    answered = await (await fake.slash("ask", {"question": ANSWERABLE})).wait_message()
    assert not declined.components and labels(answered) == ["More results"]
    await bot.close()
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("damage", ["corrupt", "read-only"])
async def test_a_broken_store_is_logged_once_and_the_bot_keeps_answering(
    start_bot: BotStarter,
    fake: FakeDiscord,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    damage: str,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    if damage == "corrupt":
        (data / DB_FILE).write_bytes(b"\x00garbage, not SQLite\xff" * 300)
    else:  # what a read-only file does (chmod does not stop root, who runs CI)
        from bot import feedback

        def read_only(path: Path, *, create: bool) -> sqlite3.Connection:
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)

        sqlite3.connect(data / DB_FILE).close()  # exists, empty
        monkeypatch.setattr(feedback, "_connect", read_only)
    with caplog.at_level(logging.ERROR, logger="bot.feedback"):
        await start_bot()
        for n in range(3):
            inter = await fake.slash("ask", {"question": ANSWERABLE}, user=fake.user(n))
            msg = await inter.wait_message()
            assert msg.embeds and "Not helpful" in labels(msg)
        said = await fake.mention(f"<@BOT> {OUT_OF_SCOPE}", user=fake.user(5))
        assert (await said.wait_reply()).content.startswith("That isn't in my articles.")
        assert await vote(fake, msg, "Helpful", user=4) == render.VOTE_NOT_RECORDED
    errors = [r for r in caplog.records if r.name == "bot.feedback" and r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
