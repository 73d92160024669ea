"""The WordNet reader, on a tiny database in WordNet's own file format, and on the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.thesaurus import WordNet, wordnet

LICENCE = "  1 This software and database is being provided ...\n"


def _data(lines: list[tuple[str, list[str]]], pointers: str = "000") -> tuple[str, dict[str, int]]:
    """A data file: one synset a line at its byte offset; the offsets by first word."""
    text, offsets = LICENCE, {}
    for pos, words in lines:
        offsets[words[0]] = len(text.encode())
        members = " ".join(f"{w} 0" for w in words)
        text += f"{offsets[words[0]]:08d} 41 {pos} {len(words):02x} {members} {pointers} | a\n"
    return text, offsets


@pytest.fixture
def tiny(tmp_path: Path) -> WordNet:
    verbs, offset = _data([("v", ["postpone", "defer", "put_off"]), ("v", ["delay", "detain"])])
    nouns, noun_offset = _data([("n", ["prime_minister", "premier", "PM"])])
    (tmp_path / "data.verb").write_text(verbs, encoding="utf-8")
    (tmp_path / "data.noun").write_text(nouns, encoding="utf-8")
    (tmp_path / "index.verb").write_text(
        LICENCE
        + f"delay v 2 1 @ 2 0 {offset['delay']:08d} {offset['postpone']:08d}\n"
        + f"postpone v 1 1 @ 1 0 {offset['postpone']:08d}\n",
        encoding="utf-8",
    )
    (tmp_path / "index.noun").write_text(
        LICENCE + f"prime_minister n 1 1 @ 1 0 {noun_offset['prime_minister']:08d}\n",
        encoding="utf-8",
    )
    for pos in ["adj", "adv"]:
        (tmp_path / f"index.{pos}").write_text(LICENCE, encoding="utf-8")
    (tmp_path / "verb.exc").write_text("delayed delay\n", encoding="utf-8")
    return WordNet(tmp_path)


def test_synonyms_by_sense_commonest_first(tiny: WordNet) -> None:
    assert tiny.synonyms("delay", 1) == ["detain"]
    assert tiny.synonyms("delay", 2) == ["detain", "postpone", "defer", "put off"]


def test_base_forms_by_morphy_rules_and_exceptions(tiny: WordNet) -> None:
    assert tiny.base_forms("postponed", "verb") == ["postpone"]  # -ed -> -e
    assert tiny.base_forms("delayed", "verb") == ["delay"]  # the exception list
    assert tiny.synonyms("postponed", 3) == ["defer", "put off"]


def test_multiword_entries(tiny: WordNet) -> None:
    assert tiny.has("prime minister") and not tiny.has("prime")
    assert tiny.synonyms("prime minister", 1) == ["premier", "pm"]


def test_unknown_words_have_no_synonyms(tiny: WordNet) -> None:
    assert tiny.synonyms("valorant", 3) == []


def test_missing_database_means_no_thesaurus(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    wordnet.cache_clear()
    monkeypatch.setenv("WORDNET_DIR", str(tmp_path / "nowhere"))
    try:
        assert wordnet() is None
    finally:
        wordnet.cache_clear()


def test_the_installed_wordnet_bridges_paraphrase() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    assert "extend" in installed.synonyms("postponed", 3) or "defer" in installed.synonyms(
        "postponed", 3
    )
    assert "shut down" in installed.synonyms("fold", 3)


def test_empty_and_missing_files_mean_no_entries(tiny: WordNet) -> None:
    (tiny.root / "adj.exc").write_bytes(b"")
    assert tiny.base_forms("bigger", "adj") == []  # an empty exception list, an empty index
    assert tiny.synonyms("nothing", 3) == []


def test_a_word_known_only_as_an_instance_is_a_name(tmp_path: Path) -> None:
    nouns, offset = _data([("n", ["karachi"])], pointers="001 @i 00000000 n 0000")
    (tmp_path / "data.noun").write_text(nouns, encoding="utf-8")
    (tmp_path / "index.noun").write_text(
        LICENCE + f"karachi n 1 1 @i 1 0 {offset['karachi']:08d}\n", encoding="utf-8"
    )
    for pos in ["verb", "adj", "adv"]:
        (tmp_path / f"index.{pos}").write_text(LICENCE, encoding="utf-8")
    names = WordNet(tmp_path)
    assert names.is_name("karachi")
    assert not names.is_name("valorant")  # not in WordNet at all: not its call


def test_the_installed_wordnet_tells_names_from_common_words() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    assert installed.is_name("indonesia") and installed.is_name("karachi")
    assert not installed.is_name("apple") and not installed.is_name("drama")
    # A common word that is also the name of one particular thing can name it.
    assert installed.can_name("china") and installed.can_name("russia")
    assert not installed.can_name("site") and not installed.can_name("coverage")


def test_the_installed_wordnet_knows_whose_deed_a_verb_names() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    assert installed.doer_is_a("chaired", "person") and installed.doer_is_a("founded", "person")
    assert not installed.doer_is_a("sent", "person") and not installed.doer_is_a("rain", "person")


@pytest.mark.parametrize("word", ["", " ", "_", "-", "\x00", "İstanbul", "z" * 40])
def test_odd_words_find_nothing_and_never_fail(tiny: WordNet, word: str) -> None:
    assert tiny.synonyms(word, 3) == [] and not tiny.is_name(word) and not tiny.has(word)


def test_the_installed_wordnet_follows_similar_and_pertaining_adjectives() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    assert "poor" in installed.related("bad", 3, frozenset({"&"}))
    assert "pakistan" in installed.related("karachi", 3, frozenset({"#p"}))
    assert "india" in installed.pertains_to("indian", 3)
    assert "india" not in installed.pertains_to("pakistani", 3)


def test_related_follows_the_pointers_asked_for(tmp_path: Path) -> None:
    # "bad" points to "poor" as similar (&); "poor" points nowhere.
    poor_line = "00000000 00 s 01 poor 0 000 | a\n"
    poor_at = len(LICENCE.encode())
    bad_at = poor_at + len(poor_line.encode())
    adjectives = (
        LICENCE + poor_line + f"{bad_at:08d} 00 a 01 bad 0 001 & {poor_at:08d} s 0000 | b\n"
    )
    (tmp_path / "data.adj").write_text(adjectives, encoding="utf-8")
    (tmp_path / "index.adj").write_text(
        LICENCE + f"bad a 1 1 & 1 0 {bad_at:08d}\npoor a 1 0 1 0 {poor_at:08d}\n",
        encoding="utf-8",
    )
    for pos in ["noun", "verb", "adv"]:
        (tmp_path / f"index.{pos}").write_text(LICENCE, encoding="utf-8")
    adjective_net = WordNet(tmp_path)
    assert adjective_net.related("bad", 3, frozenset({"&"})) == ["poor"]
    assert adjective_net.related("bad", 3, frozenset({"@"})) == []
    assert adjective_net.synonyms("bad", 3) == []


def test_a_phrase_inflects_its_first_word() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    assert installed.base_forms("backed down", "verb") == ["back_down"]
    assert "back off" in installed.synonyms("backed down", 3)
    assert installed.has("gave up") and installed.has("flip flop")


def test_a_kind_of_thing_by_its_hypernyms(tmp_path: Path) -> None:
    # person <- official <- chairman (each the commonest sense), and city, no person.
    text, offsets = LICENCE, {}
    entries = [("person", ""), ("official", "person"), ("chairman", "official"), ("city", "")]
    lines = {}
    for word, parent in entries:  # offsets first: a pointer names its target's offset
        lines[word] = parent
    for word, parent in entries:
        offsets[word] = len(text.encode())
        pointer = f"001 @ {offsets[parent]:08d} n 0000" if parent else "000"
        text += f"{offsets[word]:08d} 41 n 01 {word} 0 {pointer} | a\n"
    (tmp_path / "data.noun").write_text(text, encoding="utf-8")
    (tmp_path / "index.noun").write_text(
        LICENCE + "".join(f"{w} n 1 0 1 0 {offsets[w]:08d}\n" for w in sorted(offsets)),
        encoding="utf-8",
    )
    for pos in ["verb", "adj", "adv"]:
        (tmp_path / f"index.{pos}").write_text(LICENCE, encoding="utf-8")
    tiny = WordNet(tmp_path)
    assert tiny.is_a("chairman", "person") and tiny.is_a("chairmen", "person")
    assert tiny.is_a("person", "person")
    assert not tiny.is_a("city", "person") and not tiny.is_a("valorant", "person")


def test_the_installed_wordnet_tells_kinds_of_person() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    assert all(installed.is_a(w, "person") for w in ["chairman", "minister", "guy", "senator"])
    assert not any(installed.is_a(w, "person") for w in ["city", "day", "message", "ticker"])


def test_the_installed_wordnet_tells_a_word_for_anyone_from_a_role() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    # Filed under a person's sex or age only: any person may be called so.
    assert all(installed.says_only_sex_or_age(w) for w in ["guy", "bloke", "lady", "kid", "dude"])
    # A role, or no person at all.
    roles = ["chairman", "mayor", "spokesman", "boss", "ceo", "person", "city", "valorant"]
    assert not any(installed.says_only_sex_or_age(w) for w in roles)


def test_the_installed_wordnet_tells_nouns_that_name_acts() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    assert all(installed.names_act(w) for w in ["help", "cooperation", "protection"])
    things = ["information", "data", "customers", "messages", "firms", "valorant", ""]
    assert not any(installed.names_act(w) for w in things)


def test_the_installed_wordnet_tells_idioms_that_only_modify() -> None:
    thesaurus = wordnet()
    if thesaurus is None:
        pytest.skip("WordNet is not installed")
    assert thesaurus.only_modifier("at odds")  # an adjective
    assert thesaurus.only_modifier("at least")  # an adverb
    assert not thesaurus.only_modifier("back down")  # a verb
    assert not thesaurus.only_modifier("the hague")  # a noun
    assert not thesaurus.only_modifier("at sixes and nines")  # no entry


def test_the_installed_wordnet_tells_verbs_of_saying_and_nouns_of_what_is_said() -> None:
    installed = wordnet()
    if installed is None:
        pytest.skip("WordNet is not installed (make installs Debian's wordnet-base)")
    # "Post" names saying in its second sense ("publicize"), not in its first ("affix").
    assert "communication" not in installed.verb_kinds("post", 1)
    assert "communication" in installed.verb_kinds("posted", 2)
    assert all("communication" in installed.verb_kinds(w, 2) for w in ["said", "wrote"])
    assert not any("communication" in installed.verb_kinds(w, 2) for w in ["routed", "sent"])
    assert installed.verb_kinds("valorant", 2) == frozenset()
    assert all(installed.names_message(w) for w in ["blog", "statement", "entry"])
    assert not any(installed.names_message(w) for w in ["post", "country", "servers", ""])
