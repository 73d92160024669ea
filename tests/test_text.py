"""The tokeniser and sentence splitter shared by paragraphs and questions."""

from __future__ import annotations

import pytest

from index.text import sentences, stem, strip_markup, tokens


def test_lower_cases_stems_and_drops_stopwords() -> None:
    assert tokens("The Governments were Monitoring the servers") == ["govern", "monitor", "server"]


def test_possessives_and_curly_apostrophes() -> None:
    assert tokens("BlackBerry’s customers' privacy") == tokens("BlackBerry's customers privacy")
    assert tokens("Pakistan's") == ["pakistan"]


def test_unicode_words_and_numbers() -> None:
    assert tokens("Café 2010 naïve ÉTÉ") == [stem("café"), "2010", stem("naïve"), stem("été")]


def test_stemmer_is_snowball_english() -> None:
    # PyStemmer's Snowball English: a real stemmer, not a suffix stripper.
    assert [stem(w) for w in ["running", "generously", "dying", "rescinded"]] == [
        "run",
        "generous",
        "die",
        "rescind",
    ]


def test_temporal_prepositions_are_kept() -> None:
    # "after"/"before" carry meaning in questions about events ("what happened after ...").
    assert "after" in tokens("after the post")


@pytest.mark.parametrize(
    "question",
    [
        "<@123456789> why did BlackBerry stay?",
        "<@!123456789> **why** did _BlackBerry_ stay? @everyone",
        "`why did BlackBerry stay?` <@&42> @here <#77>",
        "> why did ~~BlackBerry~~ stay? <:blob:1234>",
    ],
)
def test_discord_mentions_and_markup_are_ignored(question: str) -> None:
    assert tokens(strip_markup(question)) == ["blackberri", "stay"]


def test_sentences_keep_abbreviations_together() -> None:
    text = (
        "The company had been considering its options ahead of a Dec. 30 deadline. "
        "The Waterloo, Ont.-based firm stayed. “We are grateful,” said Beard."
    )
    assert sentences(text) == [
        "The company had been considering its options ahead of a Dec. 30 deadline.",
        "The Waterloo, Ont.-based firm stayed.",
        "“We are grateful,” said Beard.",
    ]


def test_sentences_of_a_single_sentence() -> None:
    assert sentences("No full stop here") == ["No full stop here"]
    assert sentences("") == []
