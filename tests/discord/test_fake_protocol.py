"""The fake Discord against a tiny discord.py bot defined here: proves the fake speaks the
protocol a real, unmodified client needs (login, sync, interactions, components, mentions,
files, rate limits, RESUME, clean close) before the project's bot is tested through it."""

from __future__ import annotations

import asyncio
import io
import logging
import statistics
from collections.abc import Iterator

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fake_discord import EPHEMERAL, ClientRunner, FakeDiscord


class More(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=30)

    @discord.ui.button(label="More", custom_id="more")
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button[More]) -> None:
        await interaction.response.send_message("more results", ephemeral=True)


def tiny_bot(guild_id: int) -> commands.Bot:
    bot = commands.Bot(
        command_prefix=commands.when_mentioned,
        intents=discord.Intents.default(),
        allowed_mentions=discord.AllowedMentions.none(),
    )

    @bot.tree.command(name="ask", description="Ask a question")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send(f"answer: {question}", view=More())

    @ask.autocomplete("question")
    async def suggest(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f"{current}?", value=f"{current}?")]

    @bot.tree.command(name="ping", description="Answer at once")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "pong", file=discord.File(io.BytesIO(b"x"), "p.txt")
        )

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if bot.user in message.mentions and not message.author.bot:
            await message.reply(f"reply: {message.content}")

    async def setup_hook() -> None:
        guild = discord.Object(guild_id)
        bot.tree.copy_global_to(guild=guild)
        await bot.tree.sync(guild=guild)

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


@pytest.fixture(autouse=True)
def no_errors_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """The tiny bot is correct, so any error it logs is the fake speaking the protocol wrongly."""
    yield
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors


@pytest.fixture
async def bot(fake: FakeDiscord, run_client: ClientRunner) -> commands.Bot:
    client = tiny_bot(fake.guild_id)
    await run_client(client)
    return client


async def test_login_and_guild_sync(fake: FakeDiscord, bot: commands.Bot) -> None:
    assert bot.user is not None and bot.user.id == fake.bot_id
    assert fake.identifies == 1
    synced = fake.guild_commands[fake.guild_id]
    assert {c["name"] for c in synced} == {"ask", "ping"}
    assert [o["name"] for o in next(c for c in synced if c["name"] == "ask")["options"]] == [
        "question"
    ]
    assert fake.requests_to("GET", r"^/users/@me$") and fake.requests_to("GET", r"^/oauth2/")
    assert not fake.global_commands


async def test_slash_defer_then_followup_with_button(fake: FakeDiscord, bot: commands.Bot) -> None:
    async with asyncio.timeout(10):
        inter = await fake.slash("ask", {"question": "why @everyone"}, user=fake.user(1))
        ack = await inter.wait_response(timeout=3)
        assert ack.type == 5 and ack.latency < 3
        msg = await inter.wait_message()
        assert msg.content == "answer: why @everyone"
        assert msg.allowed_mentions == {"parse": []}
        assert msg.custom_ids() == ["more"]

        click = await fake.click(msg, "more", user=fake.user(1))
        assert (await click.wait_response()).type == 4
        private = await click.wait_message()
        assert private.content == "more results" and private.ephemeral
        assert private.flags & EPHEMERAL


async def test_immediate_response_with_file(fake: FakeDiscord, bot: commands.Bot) -> None:
    async with asyncio.timeout(10):
        inter = await fake.slash("ping")
        assert (await inter.wait_response()).type == 4
        assert (await inter.wait_message()).content == "pong"
    (callback,) = fake.requests_to("POST", r"^/interactions/")
    assert callback.files == {"p.txt": 1} and callback.json["data"]["content"] == "pong"


async def test_autocomplete(fake: FakeDiscord, bot: commands.Bot) -> None:
    async with asyncio.timeout(10):
        inter = await fake.autocomplete("ask", {"question": "who"}, focused="question")
        result = await inter.wait_response()
    assert result.type == 8
    assert result.data["choices"] == [{"name": "who?", "value": "who?"}]


@pytest.mark.parametrize("dm", [False, True])
async def test_mention_is_answered_as_a_reply(
    fake: FakeDiscord, bot: commands.Bot, dm: bool
) -> None:
    async with asyncio.timeout(10):
        sent = await fake.mention("<@BOT> why?", user=fake.user(2), dm=dm)
        reply = await sent.wait_reply()
    assert reply.content == f"reply: <@{fake.bot_id}> why?"
    assert reply.reference == sent.id and reply.channel_id == sent.channel_id


async def test_dropped_gateway_is_resumed_and_missed_events_replayed(
    fake: FakeDiscord, bot: commands.Bot
) -> None:
    async with asyncio.timeout(10):
        await fake.drop_gateway()
        # dispatched while the socket is down: replayed on RESUME
        inter = await fake.slash("ask", {"question": "still there"})
        await fake.wait_ready()
        assert (await inter.wait_message()).content == "answer: still there"
    assert fake.resumes == 1 and fake.identifies == 1


async def test_rate_limited_followup_is_retried(fake: FakeDiscord, bot: commands.Bot) -> None:
    fake.fail_next("POST", r"^/webhooks/", status=429, retry_after=0.2)
    async with asyncio.timeout(10):
        inter = await fake.slash("ask", {"question": "limited"})
        assert (await inter.wait_message()).content == "answer: limited"
    assert [r.status for r in fake.requests_to("POST", r"^/webhooks/")] == [429, 200]


async def test_clean_close(fake: FakeDiscord, run_client: ClientRunner) -> None:
    client = tiny_bot(fake.guild_id)
    await run_client(client)
    async with asyncio.timeout(5):
        await client.close()
        while any(s.ws is not None for s in fake._sessions.values()):
            await asyncio.sleep(0.01)
    assert client.is_closed()


async def test_wrong_token_fails_login(fake: FakeDiscord) -> None:
    client = tiny_bot(fake.guild_id)
    async with asyncio.timeout(5):
        with pytest.raises(discord.LoginFailure):
            await client.start("not-the-token")
        await client.close()


async def test_fake_restores_discord_endpoints() -> None:
    before = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    async with FakeDiscord() as fake:
        assert discord.http.Route.BASE.startswith(fake.http_url)
    assert before == (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)


async def test_round_trip_cost(fake: FakeDiscord, bot: commands.Bot) -> None:
    """Median slash→visible answer through the fake (printed; shown with -s)."""
    latencies = []
    async with asyncio.timeout(20):
        for n in range(50):
            inter = await fake.slash("ask", {"question": f"q{n}"}, user=fake.user(n))
            await inter.wait_message()
            assert inter.visible_latency is not None
            latencies.append(inter.visible_latency)
    median_ms = statistics.median(latencies) * 1000
    print(f"\ntiny bot /ask round trip through the fake: median {median_ms:.1f} ms")
