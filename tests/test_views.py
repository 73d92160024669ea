"""Views under the bot's messages: a bounded number stay live, however many answers are sent."""

from __future__ import annotations

import pytest

from bot import views
from bot.views import OwnedView


async def test_live_views_are_bounded_oldest_stopped_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_LIVE_VIEWS", 3)
    monkeypatch.setattr(OwnedView, "_live", type(OwnedView._live)())
    made = [OwnedView(owner_id=n) for n in range(5)]
    assert list(OwnedView._live) == made[2:]
    assert [v.is_finished() for v in made] == [True, True, False, False, False]


async def test_a_stopped_or_expired_view_leaves_the_live_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(OwnedView, "_live", type(OwnedView._live)())
    a, b = OwnedView(owner_id=1), OwnedView(owner_id=2)
    a.stop()
    await b.on_timeout()
    assert list(OwnedView._live) == []
