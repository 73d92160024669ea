"""The tokeniser and sentence splitter shared by paragraphs and questions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.text import sentence_spans, sentences, stem, strip_markup, tokens, words


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
        "why did BlackBerry stay? https://techjuice.pk/blackberry-exits-pakistan/",
        "why did BlackBerry stay <http://www.example.com/a?b=c> www.example.com",
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


# Text with what sentence splitting and word finding look at: end punctuation, quotes, spaces
# of several kinds, apostrophes, capitals, digits, abbreviations and other scripts.
_PIECES = st.sampled_from(
    ["Dec.", "Mr.", "U.S.", "a.", "B.", "9.", "“Quote.”", "(x)", "it’s", "Pakistan's", "…",
     " ", "  ", "\n", "\u00a0", "\u2028", "\t", "!", "?", ".", "'", "ﬁ", "ß", "É", "_", "42"]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=30).map("".join)


@given(_TEXT)
def test_a_paragraph_s_words_are_its_sentences_words_in_order(text: str) -> None:
    """The compiled corpus takes a paragraph's tokens from its sentences."""
    assert [w for s in sentences(text) for w in words(s)] == words(text)
    for start, end in sentence_spans(text):
        assert text[start:end] == text[start:end].strip() != ""
