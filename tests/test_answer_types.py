"""What kind of answer a question asks for."""

from __future__ import annotations

import pytest

from index.answer_types import asked_for


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Who was chairman of the PTA then?", ["chairman", "pta"]),
        ("Which Pakistani minister announced it?", ["pakistani", "minister", "announced"]),
        ("what was the name of the guy heading it", ["guy", "heading"]),
        ("whom did they thank", ["thank"]),
        ("Why did BlackBerry stay?", []),
    ],
)
def test_the_words_after_who_which_or_name_of(question: str, words: list[str]) -> None:
    assert asked_for(question) == words
