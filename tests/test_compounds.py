from index.compounds import modifiers_only


def test_a_word_used_only_to_qualify_a_compound_nouns_head() -> None:
    text = "We are more than happy to assist law enforcement agencies in investigations."
    assert modifiers_only(text) == {"law": frozenset({"enforc"})}
    # The head in the plural is the compound too ("back door").
    assert modifiers_only("nor will we provide any so-called back doors") == {
        "back": frozenset({"door"})
    }


def test_a_word_also_used_on_its_own_is_not_only_a_qualifier() -> None:
    assert modifiers_only("access under a court order; the court said no") == {}


def test_a_name_is_no_compound() -> None:
    # "Saudi Arabia" is a WordNet noun, but a name: "saudi" is not a qualifier of "arabia".
    assert modifiers_only("countries including India and Saudi Arabia threatened") == {}
