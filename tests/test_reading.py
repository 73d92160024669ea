"""Reading questions as people type them: chat forms, typos, names."""

from __future__ import annotations

import pytest

from index.reading import Reader, chat_forms, mixed_with_urdu, parse_chat_forms, roman_urdu, zipf
from index.thesaurus import wordnet

VOCABULARY = ["pakistan", "blackberri", "announc", "govern", "reason", "countri", "stay", "happen"]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(VOCABULARY, lambda term: 1)


def terms(reader: Reader, text: str) -> list[str]:
    return [w.term for w in reader.read(reader.normalise(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("y did u leave", "why did you leave"),
        ("did the govts fold lol", "did the governments fold"),
        # A chat form's "s" that makes another chat form reads as that one.
        ("wats the priv", "what is the priv"),
        ("hey bot whats up", "what is up"),
        ("ok so ngl im lost??", "i am lost??"),
        # An intensifier says nothing of what is asked.
        ("how did bb build its whole rep", "how did bb build its rep"),
        ("@bot y tho", "why"),
        # Words stretched for emphasis are the words stretched.
        ("soooo whyyy did they stayyy in pakistannn lolll", "why did they stay in pakistan"),
        ("goood", "good"),
        # A pronoun's contraction typed without its apostrophe is no name.
        ("chen said hed hand over data", "chen said he would hand over data"),
        ("theyd stay", "they would stay"),
        ("did pak get any data outta bb", "did pak get any data out of bb"),
        ("would leaving have hurt em", "would leaving have hurt them"),
        # "before" with no object is the adverb; the preposition keeps its object, also when
        # shared with "after".
        ("has this happened before?", "has this happened in the past?"),
        ("has bb had beef w others b4", "has bb had beef with others in the past"),
        ("did it happen before or not", "did it happen in the past or not"),
        ("did they say it before the deadline", "did they say it before the deadline"),
        ("was it before or after the post?", "was it before or after the post?"),
        # A question tag asks the reader to agree; "right" inside a clause is a word.
        ("deadline got pushed right? to when", "deadline got pushed? to when"),
        ("bb is a canadian company, right?", "bb is a canadian company?"),
        ("did bb do the right thing", "did bb do the right thing"),
        # Modal verbs as chat writes them, and a question word's "is" run into it.
        ("why wud leaving hurt them", "why would leaving hurt them"),
        ("whens the deadline tf", "when is the deadline"),
        # "rn" is "now" (its "right" says nothing), "af" an intensifier.
        ("whos the ceo rn", "who is the ceo now"),
        ("bb was broke af", "bb was broke"),
        # A quarter as business chat writes it.
        ("when does bb's q4 wrap up", "when does bb's fourth quarter wrap up"),
        # Roman Urdu's particles mixed into English chat, and its question words.
        ("yaar deadline extend hui thi kya?? kab tak ki", "deadline extend hui what? when"),
    ],
)
def test_chat_forms_are_spelled_out_and_filler_dropped(
    reader: Reader, text: str, expected: str
) -> None:
    assert reader.normalise(text) == expected


def test_roman_urdu_is_read_as_chat_forms_and_told_apart() -> None:
    # Its forms are chat forms like English chat's, kept in a file of their own.
    assert roman_urdu()["kyun"] == ("why",) and roman_urdu()["ne"] == ()
    assert roman_urdu().items() <= chat_forms().items() and "lol" in chat_forms()
    assert "lol" not in roman_urdu()
    assert mixed_with_urdu("pakistan ne order wapas kyun liya")
    assert mixed_with_urdu("BB ka COO KAUN tha")
    assert not mixed_with_urdu("did pakistan take the order back lol")


def test_case_and_punctuation_of_other_words_are_kept(reader: Reader) -> None:
    assert reader.normalise("Why did BlackBerry stay, lol?") == "Why did BlackBerry stay,"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("blackbery pakstan", ["blackberri", "pakistan"]),  # corpus words, one edit away
        ("anounce goverment", ["announc", "govern"]),
        ("stayin", ["stay"]),  # a dropped g
        ("reson contries", ["reason", "countri"]),
        # Two letters swapped is one slip of the fingers, not two edits (Damerau's OSA).
        ("pakitsan goevrnment", ["pakistan", "govern"]),
        ("blakcbery", ["blackberri"]),  # swapped, and a letter left out
        ("blackberyyyy pakistannn's", ["blackberri", "pakistan"]),  # stretched, and misspelt
    ],
)
def test_misspellings_of_corpus_words_are_corrected(
    reader: Reader, text: str, expected: list[str]
) -> None:
    assert terms(reader, text) == expected


def test_misspelt_english_words_become_the_english_word(reader: Reader) -> None:
    [word] = reader.read("finacially")
    assert (word.word, word.corrected) == ("financially", True)
    [word] = reader.read("secruity")
    assert (word.word, word.corrected) == ("security", True)


def test_a_stopword_typed_without_its_vowels_is_a_stopword(reader: Reader) -> None:
    # "wht", "hav": too short to correct, and no name the articles lack.
    assert terms(reader, "wht did the ceo say") == ["ceo", "say"]
    assert terms(reader, "how wuld leaving hav hurt bb") == ["leav", "hurt", "bb"]
    assert terms(reader, "did the uae ban bb") == ["uae", "ban", "bb"]


def test_english_words_the_corpus_lacks_are_left_alone(reader: Reader) -> None:
    # "drama" is no typo of a corpus word, however close one may be: it is paraphrase.
    assert terms(reader, "drama fold") == ["drama", "fold"]


@pytest.mark.parametrize(
    ("word", "specific"),
    [
        ("valorant", "valorant"),  # no English word, no corpus word
        ("uae", "uae"),  # too short to be taken for a typo
        ("2024", "2024"),  # a figure
        ("drama", ""),  # an English word
        ("finacially", ""),  # a misspelt English word
        ("lol", ""),  # chat filler
        ("12", ""),  # too short a figure to mean anything alone
    ],
)
def test_specific_words_name_something(reader: Reader, word: str, specific: str) -> None:
    assert reader.specific(word) == specific


def test_short_unknown_words_are_never_corrected(reader: Reader) -> None:
    # "pak" is one edit from "park": short forms are left to the corpus's own expansions.
    assert reader.correct("pak") is None


def test_parse_chat_forms_ignores_comments_and_blank_lines() -> None:
    forms = parse_chat_forms(["# a comment", "", "u: you", "lol:", "gonna: going to  # note"])
    assert forms == {"u": ("you",), "lol": (), "gonna": ("going", "to")}


def test_zipf_orders_words_by_how_common_they_are() -> None:
    assert zipf("the") > zipf("drama") > zipf("karachi") > zipf("valorant") == 0.0


def test_a_contraction_is_read_as_the_word_before_it(reader: Reader) -> None:
    # "why'd" asks "why"; the verb it carries says nothing of what is asked.
    assert terms(reader, "why'd they'll we've stay") == ["stay"]


def test_a_word_written_as_one_of_a_two_word_phrase_is_the_phrase(reader: Reader) -> None:
    if wordnet() is None:
        pytest.skip("WordNet is not installed")
    assert (
        reader.normalise("priv rollout how many countries?") == "priv roll out how many countries?"
    )
    # English words, chat forms and corpus words stay as they are.
    assert reader.normalise("a crackdown, tho") == "a crackdown,"
    assert reader.normalise("valorant") == "valorant"


def test_two_nouns_run_together_are_read_as_the_compound() -> None:
    if wordnet() is None:
        pytest.skip("WordNet is not installed")
    reader = Reader([*VOCABULARY, "fan"], lambda term: 1)
    # "Fan base" is no WordNet phrase; "fan" and "base" are nouns, and the corpus uses "fan".
    assert reader.normalise("bb still got a fanbase in pak?") == "bb still got a fan base in pak?"
    # Not a misspelt word ("contries": con + tries), nor nouns the articles never use.
    assert reader.normalise("how many contries") == "how many contries"
    assert reader.normalise("a valorant fanboy") == "a valorant fanboy"
