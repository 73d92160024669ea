"""Query expansion: which WordNet entries become alternatives for a question word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.expansion import Expander, parse_lexicon
from index.thesaurus import wordnet

LICENCE = "  1 This software and database is being provided ...\n"


def _write_pos(root: Path, pos: str, code: str, synsets: list[list[str]]) -> None:
    """A data and an index file for one part of speech: each synset indexed by its words."""
    data, index = LICENCE, {}
    for members in synsets:
        offset = len(data.encode())
        words = " ".join(f"{w} 0" for w in members)
        data += f"{offset:08d} 41 {code} {len(members):02x} {words} 000 | a\n"
        for word in members:
            index.setdefault(word, []).append(offset)
    lines = [
        f"{w} {code} {len(o)} 0 {len(o)} 0 {' '.join(f'{x:08d}' for x in o)}\n"
        for w, o in sorted(index.items())
    ]
    (root / f"data.{pos}").write_text(data, encoding="utf-8")
    (root / f"index.{pos}").write_text(LICENCE + "".join(lines), encoding="utf-8")


@pytest.fixture
def tiny_wordnet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    _write_pos(tmp_path, "noun", "n", [["joke", "gag", "put_on"]])
    _write_pos(tmp_path, "verb", "v", [["back_down", "back_off", "pull_out"]])
    for pos in ["adj", "adv"]:
        (tmp_path / f"index.{pos}").write_text(LICENCE, encoding="utf-8")
    wordnet.cache_clear()
    monkeypatch.setenv("WORDNET_DIR", str(tmp_path))
    yield
    wordnet.cache_clear()


def _expander(text: str) -> Expander:
    from index.text import tokens

    return Expander.build([text], set(tokens(text)))


def test_a_word_is_not_expanded_to_a_phrasal_verb_without_its_particle(
    tiny_wordnet: None,
) -> None:
    # "put on" (to joke) read as a bag of words is "put", which says something else.
    expander = _expander("It would have put the company in a difficult position. What a gag.")
    assert expander.alternatives("joke", False, "joke") == (("gag",),)


def test_a_phrasal_verb_asked_about_matches_phrasal_verbs(tiny_wordnet: None) -> None:
    # The question's own particle is dropped the same way: "backed down" ~ "pulled out".
    expander = _expander("The company pulled out of the market.")
    assert ("pull",) in expander.alternatives("back", False, "backed down")


def test_a_short_form_with_an_s_left_on_is_the_short_form() -> None:
    # "bbs plans", "the PTAs": the "s" of a plural or a possessive typed without its apostrophe.
    expander = _expander(
        "BlackBerry met the Pakistan Telecommunication Authority (PTA) and BlackBerry Enterprise "
        "Server (BES) users."
    )
    assert expander.short_form_in("bbs") == "bb"
    assert expander.short_form_in("ptas") == "pta"
    assert expander.short_form_in("bess") == "bes"
    assert expander.short_form_in("bb") is None
    assert expander.short_form_in("news") is None


def test_a_word_the_corpus_abbreviates_with_a_period_is_its_abbreviation() -> None:
    # News copy abbreviates provinces, states and months: "Ont.-based", "Dec. 30". A question's
    # "Ontario" is the corpus's "Ont." (a period that ends a sentence abbreviates nothing).
    expander = _expander("The Waterloo, Ont.-based firm waited until Dec. 30. It thanked Chen.")
    assert ("ont",) in expander.short_forms("ontario", False)
    assert ("dec",) in expander.short_forms("decemb", False)
    assert not any(a == ("chen",) for a in expander.short_forms("cheney", False))
    assert expander.short_forms("ont", True) == ()


def test_a_lexicon_phrase_is_looked_up_by_the_phrase_the_question_writes() -> None:
    groups = parse_lexicon(["extend, postpone, push back", "police, law enforcement"])
    assert groups["push back"] == (("extend",), ("postpon",))
    assert groups["polic"] == (("law", "enforc"),)
    expander = Expander(groups, acronyms={}, initials={}, camel={}, vocabulary=())
    assert ("postpon",) in expander.alternatives("push", True, "pushed back")
    assert expander.alternatives("push", True, "pushed") == ()


def test_a_word_looked_up_by_its_phrase_is_no_shortening_of_a_longer_word() -> None:
    # "back" in "back down" stands for the phrase; "backdoor", which it begins, is no
    # completion of it (as "pak" is of "Pakistan"), though it is of "back" typed alone.
    expander = _expander("The firm refused a backdoor, then the government backtracked.")
    alone = expander.alternatives("back", False, "back")
    assert ("backdoor",) in alone
    assert ("backdoor",) not in expander.alternatives("back", False, "back down")


def test_an_irregular_form_of_a_verb_the_corpus_uses_is_that_verb() -> None:
    # The stemmer leaves "gave" and "took" as they are; WordNet's exception lists give
    # their verbs. A form the corpus itself uses keeps to itself.
    if wordnet() is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    expander = _expander("They would not give access. It will take time. The firm left.")
    assert ("give",) in expander.short_forms("gave", False)
    assert ("take",) in expander.short_forms("took", False)
    assert ("leav",) not in expander.short_forms("left", True)
    assert not any(a == ("go",) for a in expander.short_forms("went", False))
