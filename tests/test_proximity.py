"""Term proximity: question terms side by side count for more than the same terms apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.corpus import Article, Corpus, Paragraph
from index.engine import Engine
from index.proximity import proximity

FOUND_AS = {"secur": ("secur",), "rep": ("rep",), "reput": ("rep",)}
WEIGHT = {"secur": 2.0, "rep": 3.0}


def test_terms_side_by_side_count_for_more_than_terms_apart() -> None:
    near = proximity(["built", "reput", "secur"], FOUND_AS, WEIGHT)
    far = proximity(["reput", "built", "compani", "year", "secur"], FOUND_AS, WEIGHT)
    assert near > far > 0


def test_a_pair_adds_the_lesser_weight_over_the_squared_distance() -> None:
    assert proximity(["secur", "x", "rep"], FOUND_AS, WEIGHT) == 2.0 / 2**2


def test_order_does_not_matter() -> None:
    assert proximity(["secur", "reput"], FOUND_AS, WEIGHT) == proximity(
        ["reput", "secur"], FOUND_AS, WEIGHT
    )


def test_one_term_alone_is_no_proximity() -> None:
    assert proximity(["secur", "secur", "compani"], FOUND_AS, WEIGHT) == 0.0


def test_one_word_standing_for_two_terms_is_not_a_pair() -> None:
    both = {"exit": ("leav", "quit")}
    assert proximity(["exit"], both, {"leav": 1.0, "quit": 1.0}) == 0.0


def _corpus(tmp_path: Path, texts: list[str]) -> Corpus:
    paragraphs = tuple(Paragraph("a1", n, t) for n, t in enumerate(texts, 1))
    article = Article("a1", "Notes", "Example News", None, dt.date(2015, 12, 31), paragraphs)
    return Corpus(tmp_path, (article,))


def test_the_paragraph_holding_the_terms_together_is_preferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    together = "The firm built its reputation on security, buying up software makers."
    apart = "Security was on the agenda for the board and its staff. Its reputation fell."
    filler = [
        "The weather was mild across the region on Thursday.",
        "Shares traded flat in the morning session.",
        "A new office opened downtown last spring.",
    ]
    engine = Engine(_corpus(tmp_path, [together, apart, *filler]))
    question = "how did it get a reputation for security"

    def first() -> str:
        return engine.ask(question).citations[0].paragraph.text

    monkeypatch.setattr("index.lexical.PROXIMITY_WEIGHT", 0.0)
    assert first() == apart  # BM25 alone: the shorter paragraph
    monkeypatch.undo()
    assert first() == together
