"""Answer, answer tentatively, or decline: on evidence, never on unfamiliar words alone."""

from __future__ import annotations

from index.abstention import TermEvidence, Verdict, judge, unknown_names


def term(name: str, weight: float, known: float = 1.0, in_top: float = 1.0, specific: str = ""):
    return TermEvidence(name, weight, known, in_top, specific)


def known(word: str) -> bool:
    return word in {"blackberry", "pakistan"}


def test_a_well_covered_question_is_answered_surely() -> None:
    assert judge("why did it stay", [term("stay", 2.0), term("pakistan", 0.3)], known) == Verdict()


def test_an_unfamiliar_word_beside_covered_ones_makes_it_tentative_not_declined() -> None:
    terms = [term("stay", 3.0), term("pakistan", 0.3), term("drama", 2.0, known=0, in_top=0)]
    assert judge("still in pakistan after all that drama", terms, known) == Verdict(tentative=True)


def test_a_light_unfamiliar_word_leaves_a_covered_answer_sure() -> None:
    terms = [term("stay", 3.0), term("pakistan", 2.0), term("tho", 0.5, known=0, in_top=0)]
    assert judge("did it stay in pakistan tho", terms, known) == Verdict()


def test_a_name_the_articles_never_mention_declines() -> None:
    verdict = judge("anyone for valorant", [term("valorant", 4.0, 0, 0, "valorant")], known)
    assert verdict.declined == "The articles never mention “valorant”."


def test_a_capitalised_unknown_name_declines() -> None:
    verdict = judge("What did Apple say?", [term("appl", 4.0, 0, 0)], known)
    assert "“Apple”" in verdict.declined


def test_mostly_unknown_words_decline() -> None:
    terms = [term("weather", 4.0, 0, 0), term("today", 4.0, 0, 0), term("pakistan", 0.3)]
    assert judge("weather in pakistan today", terms, known).declined


def test_a_demanded_kind_of_answer_missing_declines() -> None:
    verdict = judge("how much did it cost", [term("cost", 2.0)], known, missing_kind="price")
    assert verdict.declined == "The articles give no price for this."


def test_a_barely_covered_question_declines() -> None:
    terms = [term("stay", 0.2), term("ban", 3.0, in_top=0), term("order", 3.0, in_top=0)]
    assert judge("stay ban order", terms, known).declined


def test_outcome_questions_need_no_words_of_their_own() -> None:
    assert judge("How did it end?", [], known, about_the_story=True) == Verdict()
    assert judge("???", [], known).declined


def test_a_passing_mention_of_a_name_in_a_long_question_does_not_decline() -> None:
    terms = [
        term("lahore", 1.0, 0, 0, "lahore"),
        *(term(w, 2.0) for w in ["uncle", "use", "blackberry", "email", "shut", "phone"]),
    ]
    assert not judge("my uncle in lahore ...", terms, known).declined
    assert judge("lahore?", [term("lahore", 1.0, 0, 0, "lahore")], known).declined


def test_capitals_tell_names_only_where_most_words_have_none() -> None:
    assert unknown_names("What did Apple say about BlackBerry?", known) == ["Apple"]
    assert unknown_names("DID THE GOVERNMENT FOLD", known) == []
    assert unknown_names("Did The Government Fold?", known) == []


def test_a_why_question_whose_passage_gives_no_reason_is_at_most_tentative() -> None:
    # A "why" question presumes something happened; a passage that gives no reason for it does
    # not show that it did ("Why did it sell its business?" answered by "it continues to operate").
    terms = [term("stay", 2.0), term("pakistan", 0.3)]
    assert judge("why did it stay", terms, known, no_reason=True) == Verdict(tentative=True)
    assert judge("why did it stay", terms, known, no_reason=False) == Verdict()
