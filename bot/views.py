"""Buttons under the bot's messages: more results for an answer, pages of the timeline, and
Helpful / Not helpful under every answer.

Each view belongs to the person whose command or mention produced it: others who click get a
private notice. Views keep what they show (the Answer, the rendered pages), so a click never
asks the engine again, and when they time out they grey out their buttons.

The vote buttons are different: anyone may vote, and they keep working after the view expires
and after a restart. They are sent as ``VoteButton`` (shown, never dispatched by a view) and
every click on one is handled by ``Vote``, a persistent dynamic item the bot registers once,
which reads the answer's record id and the vote from the custom id.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from contextlib import suppress
from typing import Any, ClassVar, Protocol

import discord

from bot import render
from index.answer import Answer

log = logging.getLogger(__name__)

# Followup and interaction messages can only be edited while the interaction token is valid
# (15 minutes), so views give up before that.
VIEW_TIMEOUT = 600.0
# Live views at most (each holds its answer or pages, ~14 KB): a bound on memory under load.
MAX_LIVE_VIEWS = 1000

Editable = discord.Message | discord.WebhookMessage | discord.InteractionMessage


async def send_failure(interaction: discord.Interaction[Any]) -> None:
    """Tell the user, privately, that something failed (details are only in the log)."""
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(render.FAILED, ephemeral=True)
            return
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            # A public "thinking…" placeholder: remove it, so the notice can be private.
            await interaction.delete_original_response()
        await interaction.followup.send(render.FAILED, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell the user about a failure", exc_info=True)


# ---- votes ---------------------------------------------------------------------------------

# "fb:<record id>:up|down": 22 characters, well inside Discord's 100.
VOTE_TEMPLATE = r"fb:(?P<record>[0-9a-f]{16}):(?P<vote>up|down)"


class VoteRecorder(Protocol):
    async def vote(self, record_id: str, user_id: int, helpful: bool) -> bool: ...


def vote_custom_id(record_id: str, helpful: bool) -> str:
    custom_id = f"fb:{record_id}:{'up' if helpful else 'down'}"
    assert re.fullmatch(VOTE_TEMPLATE, custom_id), record_id
    return custom_id


def _vote_button_kwargs(record_id: str, helpful: bool) -> dict[str, Any]:
    return {
        "label": render.HELPFUL_LABEL if helpful else render.NOT_HELPFUL_LABEL,
        "emoji": render.HELPFUL_EMOJI if helpful else render.NOT_HELPFUL_EMOJI,
        "style": discord.ButtonStyle.secondary,
        "custom_id": vote_custom_id(record_id, helpful),
    }


class VoteButton(discord.ui.Button[Any]):
    """A Helpful / Not helpful button as sent. Not dispatchable: no view registers or expires
    it; its clicks go to ``Vote``."""

    def __init__(self, record_id: str, helpful: bool) -> None:
        super().__init__(**_vote_button_kwargs(record_id, helpful))

    def is_dispatchable(self) -> bool:
        return False


def vote_buttons(record_id: str) -> list[VoteButton]:
    return [VoteButton(record_id, True), VoteButton(record_id, False)]


class Vote(discord.ui.DynamicItem[discord.ui.Button[Any]], template=VOTE_TEMPLATE):
    """Handles every click on a vote button, from anyone, as long as the bot runs (registered
    with ``client.add_dynamic_items(Vote)``; the client's ``feedback`` records the vote)."""

    def __init__(self, record_id: str, helpful: bool) -> None:
        super().__init__(discord.ui.Button(**_vote_button_kwargs(record_id, helpful)))
        self.record_id = record_id
        self.helpful = helpful

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> Vote:
        return cls(match["record"], match["vote"] == "up")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            recorder: VoteRecorder | None = getattr(interaction.client, "feedback", None)
            recorded = False
            if recorder is not None:
                recorded = await recorder.vote(self.record_id, interaction.user.id, self.helpful)
            await interaction.response.send_message(
                render.vote_thanks(self.helpful, recorded), ephemeral=True
            )
        except Exception:
            log.exception("recording a vote failed")
            await send_failure(interaction)


class VoteView(discord.ui.View):
    """Just the vote buttons (an answer with nothing more to show, a declined question, the
    private "More results"). Holds nothing: never stored, never expires."""

    def __init__(self, record_id: str) -> None:
        super().__init__(timeout=None)
        for b in vote_buttons(record_id):
            self.add_item(b)


# ---- views owned by who asked -----------------------------------------------------------------


class OwnedView(discord.ui.View):
    """A view only its owner may use; it disables its buttons when it times out.

    Live views keep what they show in memory until they time out; under sustained load that
    would grow without bound, so at most MAX_LIVE_VIEWS stay live and the oldest is stopped
    (its buttons then no longer answer) when another is made.
    """

    timeout_seconds = VIEW_TIMEOUT
    _live: ClassVar[deque[OwnedView]] = deque()

    def __init__(self, owner_id: int) -> None:
        super().__init__(timeout=self.timeout_seconds)
        self.owner_id = owner_id
        self.message: Editable | None = None
        OwnedView._live.append(self)
        while len(OwnedView._live) > MAX_LIVE_VIEWS:
            OwnedView._live.popleft().stop()

    def stop(self) -> None:
        with suppress(ValueError):
            OwnedView._live.remove(self)
        super().stop()

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(render.NOT_YOURS, ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        with suppress(ValueError):
            OwnedView._live.remove(self)
        for item in self.children:
            if isinstance(item, discord.ui.Button) and not isinstance(item, VoteButton):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException as exc:
                log.info("could not disable the buttons of an expired view: %s", exc)

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        log.error("button %r failed", getattr(item, "label", item), exc_info=error)
        await send_failure(interaction)


def answer_view(answer: Answer, owner_id: int, record_id: str | None) -> discord.ui.View | None:
    """The buttons under an answer: "More results" (for its asker) when there is more than the
    first result, and the vote buttons (for anyone) when the answer was recorded."""
    if len(answer.citations) > 1:
        return ResultsView(answer, owner_id, record_id)
    return VoteView(record_id) if record_id else None


class ResultsView(OwnedView):
    """ "More results" under an answer: shows the further results privately (with the vote
    buttons, when the answer was recorded)."""

    def __init__(self, answer: Answer, owner_id: int, record_id: str | None = None) -> None:
        super().__init__(owner_id)
        self.answer = answer
        self.record_id = record_id
        if record_id:
            for b in vote_buttons(record_id):
                self.add_item(b)

    @discord.ui.button(label="More results", style=discord.ButtonStyle.secondary)
    async def more(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[ResultsView]
    ) -> None:
        reply = render.more_results_reply(self.answer)
        extra: dict[str, Any] = {"view": VoteView(self.record_id)} if self.record_id else {}
        await interaction.response.send_message(
            reply.content or None, embeds=list(reply.embeds), ephemeral=True, **extra
        )


class PagerView(OwnedView):
    """Previous/Next through pages rendered in advance (the timeline)."""

    def __init__(self, pages: list[render.Reply], owner_id: int) -> None:
        super().__init__(owner_id)
        self.pages = pages
        self.page = 0
        self._sync()

    @classmethod
    def for_pages(cls, pages: list[render.Reply], owner_id: int) -> PagerView | None:
        return cls(pages, owner_id) if len(pages) > 1 else None

    def _sync(self) -> None:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page == len(self.pages) - 1
        self.position.label = f"{self.page + 1} / {len(self.pages)}"

    async def _show(self, interaction: discord.Interaction[Any], page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self._sync()
        reply = self.pages[self.page]
        await interaction.response.edit_message(
            content=reply.content or None, embeds=list(reply.embeds), view=self
        )

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[PagerView]
    ) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="1 / 1", style=discord.ButtonStyle.secondary, disabled=True)
    async def position(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[PagerView]
    ) -> None:
        """A label showing the page; disabled, so never clicked."""

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[PagerView]
    ) -> None:
        await self._show(interaction, self.page + 1)
