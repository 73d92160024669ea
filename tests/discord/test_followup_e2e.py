"""Follow-up questions on Discord, end to end through the fake: a reply to one of the bot's
answers (pinging the bot or mentioning it) is asked with the question that answer answered,
read back from Discord's messages, so it also works after a restart."""

from __future__ import annotations

from bot import render
from tests.discord.conftest import BotStarter
from tests.fake_discord import FakeDiscord, FakeMessage

FIRST = "who extended blackberry's pakistan deadline?"
FOLLOW_UP = "to when?"
ABOUT_FIRST = render.escape(render.following_up([FIRST]))


async def first_answer(fake: FakeDiscord) -> FakeMessage:
    asked = await fake.mention(f"<@BOT> {FIRST}", user=fake.user(1))
    answer = await asked.wait_reply()
    assert answer.embeds and not answer.content.startswith("(following up")
    return answer


def assert_follow_up(reply: FakeMessage) -> None:
    assert reply.content.splitlines()[0] == ABOUT_FIRST
    (embed,) = reply.embeds
    assert embed["title"] == FOLLOW_UP
    assert "December 30" in embed["description"]


async def test_a_reply_pinging_the_bot_follows_up(start_bot: BotStarter, fake: FakeDiscord) -> None:
    await start_bot()
    answer = await first_answer(fake)
    said = await fake.mention(FOLLOW_UP, user=fake.user(1), reply_to=answer)
    assert_follow_up(await said.wait_reply())


async def test_a_reply_mentioning_the_bot_follows_up(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    answer = await first_answer(fake)
    said = await fake.mention(f"<@BOT> {FOLLOW_UP}", user=fake.user(2), reply_to=answer, ping=False)
    assert_follow_up(await said.wait_reply())


async def test_a_follow_up_works_after_a_restart(start_bot: BotStarter, fake: FakeDiscord) -> None:
    first = await start_bot()
    answer = await first_answer(fake)
    await first.close()
    await start_bot()
    said = await fake.mention(FOLLOW_UP, user=fake.user(1), reply_to=answer)
    assert_follow_up(await said.wait_reply())
    assert fake.requests_to("GET", r"/channels/\d+/messages/\d+")  # read back from Discord


async def test_a_chain_of_follow_ups_quotes_the_first_question(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    answer = await first_answer(fake)
    second = await (await fake.mention(FOLLOW_UP, reply_to=answer)).wait_reply()
    third = await (await fake.mention("and why?", reply_to=second)).wait_reply()
    assert third.content.splitlines()[0] == ABOUT_FIRST


async def test_a_follow_up_to_a_slash_command_answer_uses_its_title(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    answer = await (await fake.slash("ask", {"question": FIRST}, user=fake.user(1))).wait_message()
    said = await fake.mention(FOLLOW_UP, user=fake.user(1), reply_to=answer)
    assert_follow_up(await said.wait_reply())


async def test_a_standalone_question_asked_as_a_reply_is_answered_alone(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    answer = await first_answer(fake)
    said = await fake.mention("what is BES?", user=fake.user(1), reply_to=answer)
    reply = await said.wait_reply()
    assert "following up" not in reply.content
    (embed,) = reply.embeds
    assert embed["title"] == "what is BES?" and "BlackBerry Enterprise" in embed["description"]


async def test_a_reply_to_another_users_message_has_no_context(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    await first_answer(fake)
    theirs = await fake.mention(f"<@BOT> {FIRST}", user=fake.user(1))
    await theirs.wait_reply()
    said = await fake.mention(f"<@BOT> {FOLLOW_UP}", user=fake.user(2), reply_to=theirs)
    reply = await said.wait_reply()
    assert "following up" not in reply.content
    assert reply.content.startswith("That isn't in my articles.")


async def test_a_reply_to_another_user_without_a_mention_is_ignored(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    theirs = await fake.mention(f"<@BOT> {FIRST}", user=fake.user(1))
    await theirs.wait_reply()
    ignored = await fake.mention(FOLLOW_UP, user=fake.user(2), reply_to=theirs)
    control = await fake.mention(f"<@BOT> {FIRST}", user=fake.user(3))
    await control.wait_reply()  # handled after the ignored one
    assert ignored.replies == []


async def test_a_reply_without_ping_arrives_empty_and_is_ignored(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    await start_bot()
    answer = await first_answer(fake)
    ignored = await fake.mention(FOLLOW_UP, user=fake.user(1), reply_to=answer, ping=False)
    control = await fake.mention(f"<@BOT> {FIRST}", user=fake.user(3))
    await control.wait_reply()
    assert ignored.replies == []


async def test_a_mention_in_a_thread_started_from_an_answer_follows_up(
    start_bot: BotStarter, fake: FakeDiscord
) -> None:
    first = await start_bot()
    answer = await first_answer(fake)
    await first.close()
    await start_bot()  # the thread's starter is read back from Discord, not remembered
    thread = await fake.start_thread(answer)
    said = await fake.mention(f"<@BOT> {FOLLOW_UP}", user=fake.user(2), thread=thread)
    reply = await said.wait_reply()
    assert reply.channel_id == thread
    assert_follow_up(reply)
