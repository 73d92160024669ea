"""What kind of answer a question asks for."""

from __future__ import annotations

import pytest

from index.answer_types import asked_for, demanded


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Who was chairman of the PTA then?", ["chairman", "pta"]),
        ("Which Pakistani minister announced it?", ["pakistani", "minister", "announced"]),
        ("what was the name of the guy heading it", ["guy", "heading"]),
        ("whom did they thank", ["thank"]),
        ("Why did BlackBerry stay?", []),
        ("pta chairman name", ["chairman", "pta"]),
        ("what's the chairman's name", ["chairman"]),
    ],
)
def test_the_words_after_who_which_or_name_of(question: str, words: list[str]) -> None:
    assert asked_for(question) == words


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("How much did the shutdown cost BlackBerry?", True),
        ("how much money did bb lose", True),
        ("how much?", True),
        ("how much extra time did pakistan give them", False),
        ("how much longer could they stay", False),
    ],
)
def test_how_much_asks_for_money_only_when_nothing_else_is_measured(
    question: str, money: bool
) -> None:
    asked = [name for name, _ in demanded(question)]
    assert ("price or amount of money" in asked) is money
