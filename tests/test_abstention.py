"""Answer, answer tentatively, or decline: on evidence, never on unfamiliar words alone."""

from __future__ import annotations

from index.abstention import TermEvidence, Verdict, judge, unknown_names


def term(
    name: str,
    weight: float,
    known: float = 1.0,
    in_top: float = 1.0,
    specific: str = "",
    headline: bool = False,
):
    return TermEvidence(name, weight, known, in_top, specific, headline)


def known(word: str) -> bool:
    return word in {"blackberry", "pakistan"}


def judged(question: str, terms: list[TermEvidence], **signals: object) -> Verdict:
    """``judge`` with the question's unknown capitalised names worked out as the engine does."""
    return judge(question, terms, names=unknown_names(question, known), **signals)  # type: ignore[arg-type]


def test_a_well_covered_question_is_answered_surely() -> None:
    assert judged("why did it stay", [term("stay", 2.0), term("pakistan", 0.3)]) == Verdict()


def test_an_unfamiliar_word_beside_covered_ones_makes_it_tentative_not_declined() -> None:
    terms = [term("stay", 3.0), term("pakistan", 0.3), term("drama", 2.0, known=0, in_top=0)]
    assert judged("still in pakistan after all that drama", terms) == Verdict(tentative=True)


def test_a_light_unfamiliar_word_leaves_a_covered_answer_sure() -> None:
    terms = [term("stay", 3.0), term("pakistan", 2.0), term("tho", 0.5, known=0, in_top=0)]
    assert judged("did it stay in pakistan tho", terms) == Verdict()


def test_a_name_the_articles_never_mention_declines() -> None:
    verdict = judged("anyone for valorant", [term("valorant", 4.0, 0, 0, "valorant")])
    assert verdict.declined == "The articles never mention “valorant”."


def test_a_capitalised_unknown_name_declines() -> None:
    verdict = judged("What did Apple say?", [term("appl", 4.0, 0, 0)])
    assert "“Apple”" in verdict.declined


def test_mostly_unknown_words_decline() -> None:
    terms = [term("weather", 4.0, 0, 0), term("today", 4.0, 0, 0), term("pakistan", 0.3)]
    assert judged("weather in pakistan today", terms).declined


def test_a_yes_no_question_about_something_never_mentioned_declines() -> None:
    # Its other words match a passage on India's and Saudi Arabia's demands well: what it
    # asks about, China, carries little of its weight.
    terms = [term("china", 1.8, 0, 0), term("similar", 2.9), term("demand", 1.6)]
    terms += [term("made", 2.9), term("ever", 4.5, in_top=0.5)]
    question = "Has China ever made similar demands of BlackBerry?"
    assert not judged(question, terms).declined
    verdict = judged(question, terms, subject="China")
    assert verdict.declined == "The articles never mention “China”."


def test_a_demanded_kind_of_answer_missing_declines() -> None:
    verdict = judged("how much did it cost", [term("cost", 2.0)], missing_kind="price for this")
    assert verdict.declined == "The articles give no price for this."


def test_a_passage_giving_the_kind_of_answer_only_its_shape_tells_is_offered() -> None:
    # A stock symbol ("TSX:BB"): however little of the question the passage holds.
    terms = [term("blackberri", 0.2), term("identifi", 3.0, 0, 0), term("coverag", 3.0, 0, 0)]
    assert judged("what ticker is blackberry identified by in the coverage", terms).declined
    verdict = judged("what ticker is blackberry identified by in the coverage", terms, given=True)
    assert verdict == Verdict(tentative=True)


def test_a_barely_covered_question_declines() -> None:
    terms = [term("stay", 0.2), term("ban", 3.0, in_top=0), term("order", 3.0, in_top=0)]
    assert judged("stay ban order", terms).declined
    # A passage holding a sixth of the weight is offered, as one that may not answer it.
    terms = [term("stay", 1.0), term("ban", 2.5, in_top=0), term("order", 2.5, in_top=0)]
    assert judged("stay ban order", terms) == Verdict(tentative=True)


def test_outcome_questions_need_no_words_of_their_own() -> None:
    assert judged("How did it end?", [], about_the_story=True) == Verdict()
    assert judged("???", []).declined


def test_a_passing_mention_of_a_name_in_a_long_question_does_not_decline() -> None:
    terms = [
        term("lahore", 1.0, 0, 0, "lahore"),
        *(term(w, 2.0) for w in ["uncle", "use", "blackberry", "email", "shut", "phone"]),
    ]
    assert not judged("my uncle in lahore ...", terms).declined
    assert judged("lahore?", [term("lahore", 1.0, 0, 0, "lahore")]).declined


def test_capitals_tell_names_only_where_most_words_have_none() -> None:
    assert unknown_names("What did Apple say about BlackBerry?", known) == ["Apple"]
    assert unknown_names("DID THE GOVERNMENT FOLD", known) == []
    assert unknown_names("Did The Government Fold?", known) == []


def test_a_why_question_whose_passage_gives_no_reason_is_at_most_tentative() -> None:
    # A "why" question presumes something happened; a passage that gives no reason for it does
    # not show that it did ("Why did it sell its business?" answered by "it continues to operate").
    terms = [term("stay", 2.0), term("pakistan", 0.3)]
    assert judged("why did it stay", terms, no_reason=True) == Verdict(tentative=True)
    assert judged("why did it stay", terms, no_reason=False) == Verdict()


def test_sure_takes_both_rankings_agreeing_or_words_and_meaning_near() -> None:
    # With meaning on, the words alone no longer make an answer sure: the ranking by meaning
    # must put the same report first, or at least the passage near its top.
    terms = [term("stay", 2.0), term("pakistan", 0.3)]
    assert judged("why did it stay", terms, agreed=True, near=True) == Verdict()
    assert judged("why did it stay", terms, agreed=False, near=True) == Verdict()
    assert judged("why did it stay", terms, agreed=False, near=False) == Verdict(tentative=True)
    # Both rankings agreeing is a second signal: a half-covered question is then sure too.
    half = [term("stay", 2.0), term("drama", 3.0, in_top=0)]
    assert judged("stay drama", half, agreed=True, near=True) == Verdict()
    assert judged("stay drama", half, agreed=False, near=True) == Verdict(tentative=True)


def test_an_outcome_from_an_overturned_report_is_at_most_tentative() -> None:
    # "Did they leave in the end?" answered from the exit announcement that was later called off.
    assert judged("did it end", [], about_the_story=True, overturned=True) == Verdict(
        tentative=True
    )
    terms = [term("leave", 2.0)]
    assert judged("did they leave", terms, agreed=True, overturned=True).tentative


def test_a_follow_up_answered_from_outside_the_conversations_thread_is_at_most_tentative() -> None:
    terms = [term("announc", 2.0)]
    assert judged("who announced it", terms, agreed=True) == Verdict()
    assert judged("who announced it", terms, agreed=True, strayed=True) == Verdict(tentative=True)


def test_a_passage_naming_none_of_what_is_asked_for_by_kind_is_at_most_tentative() -> None:
    terms = [term("firm", 2.0), term("buy", 2.0)]
    assert judged("which firms did they buy", terms, agreed=True) == Verdict()
    assert judged("which firms did they buy", terms, agreed=True, unnamed=True) == Verdict(
        tentative=True
    )


def test_a_date_of_a_deed_the_articles_never_tell_is_at_most_tentative() -> None:
    terms = [term("chen", 3.0), term("becom", 2.0, in_top=0, known=0.5), term("ceo", 1.0)]
    assert judged("when did chen become ceo", terms, agreed=True) == Verdict()
    assert judged("when did chen become ceo", terms, agreed=True, undated=True) == Verdict(
        tentative=True
    )


def test_a_passage_not_mentioning_the_kind_asked_for_is_at_most_tentative() -> None:
    terms = [term("law", 3.0, in_top=0), term("pakistan", 1.0), term("order", 2.0)]
    assert judged("which law did pakistan use to order it", terms, agreed=True) == Verdict()
    assert judged(
        "which law did pakistan use to order it", terms, agreed=True, unmentioned=True
    ) == Verdict(tentative=True)


def test_a_place_the_articles_never_mention_inside_one_they_do_is_at_most_tentative() -> None:
    terms = [term("karachi", 3.0, in_top=0, known=0.0), term("work", 2.0), term("bb", 1.0)]
    assert judged("will my bb still work in karachi", terms, agreed=True) == Verdict()
    assert judged("will my bb still work in karachi", terms, agreed=True, within=True) == Verdict(
        tentative=True
    )


def test_a_place_the_best_passage_does_not_speak_of_is_at_most_tentative() -> None:
    terms = [term("priv", 3.0), term("sale", 2.0), term("pakistan", 1.0, in_top=0)]
    assert judged("when will the priv go on sale in pakistan", terms, agreed=True) == Verdict()
    assert judged(
        "when will the priv go on sale in pakistan", terms, agreed=True, elsewhere=True
    ) == Verdict(tentative=True)


def test_meaning_vouches_where_words_fall_short_only_for_a_question_about_the_story() -> None:
    # "did bb flip flop": most of its weight is in words the articles never use.
    about = [term("flip", 4.0, 0, 0), term("flop", 4.0, 0, 0), term("blackberri", 1.0)]
    story = [*about[:2], term("blackberri", 1.0, headline=True)]
    # Words alone: declined. Meaning near, and the passage holds a headline word: tentative.
    assert judged("did bb flip flop", story).declined
    assert judged("did bb flip flop", story, near=True) == Verdict(tentative=True)
    assert judged("did bb flip flop", story, agreed=True) == Verdict(tentative=True)
    # Without a word of what the story is about, meaning alone vouches for nothing.
    assert judged("did bb flip flop", about, near=True, agreed=True).declined
    # Nor when the passage lacks the kind of answer the question demands.
    assert judged("how much was the flip flop", story, near=True, missing_kind="price").declined
    # A passage holding too little of the question's weight, likewise.
    thin = [term("stay", 0.2, headline=True), term("ban", 3.0, in_top=0), term("x", 3.0, in_top=0)]
    assert judged("stay ban x", thin).declined
    assert judged("stay ban x", thin, near=True) == Verdict(tentative=True)


def test_a_question_about_what_came_before_or_after_something_is_at_most_tentative() -> None:
    terms = [term("govern", 2.0), term("blog", 3.0), term("post", 2.0)]
    assert judged("what did the government do after the blog post", terms) == Verdict()
    assert judged(
        "what did the government do after the blog post", terms, sequence=True
    ) == Verdict(tentative=True)


def test_a_follow_up_whose_own_words_the_passage_lacks_is_at_most_tentative() -> None:
    # "would that include the actual messages?" after a question the passage answers well:
    # the rankings agree on what the conversation is about, not on what it now asks.
    earlier = [term("chen", 3.0), term("law", 2.0), term("enforc", 2.0)]
    own = [term("actual", 2.0, in_top=0), term("messag", 1.5, in_top=0)]
    verdict = judged(
        "would that include the actual messages?", [*own, *earlier], own=own, agreed=True, near=True
    )
    assert verdict == Verdict(tentative=True)
    covered = [term("actual", 2.0), term("messag", 1.5)]
    assert (
        judged("and the actual messages?", [*covered, *earlier], own=covered, agreed=True)
        == Verdict()
    )


def test_a_follow_up_answered_with_the_kind_it_asks_for_can_be_sure() -> None:
    earlier = [term("deadlin", 3.0), term("extend", 2.0)]
    own = [term("set", 1.0, in_top=0)]
    verdict = judged("who set it?", [*own, *earlier], own=own, agreed=True, kind_held=True)
    assert verdict == Verdict()


def test_a_follow_up_with_no_words_of_its_own_is_tentative_not_declined() -> None:
    # "who said that?" after "has bb ever given any govt a backdoor": the earlier question's
    # words, which it is read with, are barely in the passage naming a speaker.
    terms = [term("backdoor", 3.0, in_top=0), term("govern", 1.0, in_top=0), term("bb", 0.5)]
    assert judged("who said that?", terms).declined
    assert judged("who said that?", terms, leaning=True) == Verdict(tentative=True)
    # Nor for the earlier question's words the articles never use ("and inferse?" after "what
    # did softpedia think of how bb handled it").
    unknown = [term("handl", 3.0, known=0, in_top=0), term("bb", 0.1)]
    assert judged("and inferse?", unknown).declined
    assert judged("and inferse?", unknown, leaning=True) == Verdict(tentative=True)


def test_a_follow_up_in_unfamiliar_words_is_vouched_for_by_what_the_conversation_is_about() -> None:
    # "why'd they change their mind?" after a question about the reversal: its own words are
    # unknown, but the headline word it is read with is in the passage, and meaning agrees.
    own = [term("chang", 3.0, 0, 0), term("mind", 3.0, 0, 0)]
    earlier = [term("pakistan", 1.0, headline=True), term("drop", 2.0, in_top=0)]
    question = "why'd they change their mind?"
    assert judged(question, [*own, *earlier], own=own, near=True) == Verdict(tentative=True)
    # Meaning alone, with no headline word in the passage, still vouches for nothing.
    unrelated = [term("pakistan", 1.0, headline=True, in_top=0), term("drop", 2.0)]
    assert judged(question, [*own, *unrelated], own=own, near=True).declined


def test_a_follow_up_is_sure_only_when_its_passage_holds_most_of_its_own_words() -> None:
    # "would he hand over the actual msgs tho" after a question about Chen and the police: the
    # passage holds "hand over", not "actual messages".
    earlier = [term("chen", 3.0), term("polic", 2.0)]
    half = [term("hand", 2.0), term("actual", 1.0, in_top=0), term("messag", 0.9, in_top=0)]
    question = "would he hand over the actual msgs tho"
    assert judged(question, [*half, *earlier], own=half, agreed=True) == Verdict(tentative=True)
    most = [term("hand", 2.0), term("actual", 1.0), term("messag", 0.9, in_top=0)]
    assert judged(question, [*most, *earlier], own=most, agreed=True) == Verdict()
    # Standalone, half the weight is enough.
    assert judged(question, half, agreed=True) == Verdict()


def test_in_a_question_mixed_with_roman_urdu_an_unknown_word_is_no_name() -> None:
    # "wapas" (back) is no English word and not the articles': in English it names something
    # they never mention; among Roman Urdu it may as well be Urdu.
    terms = [
        TermEvidence("pakistan", 1.0, 1.0, 1.0, headline=True),
        TermEvidence("order", 2.0, 1.0, 1.0),
        TermEvidence("wapa", 4.0, 0.0, 0.0, specific="wapas"),
    ]
    question = "pakistan ne order wapas kyun liya"
    assert judge(question, terms).declined == "The articles never mention “wapas”."
    # Most of its weight unknown: meaning vouches for the passage, tentatively.
    mixed = judge(question, terms, mixed=True, agreed=True, near=True)
    assert not mixed.declined and mixed.tentative
    # A figure is still one the articles never give, Urdu or not.
    year = [*terms[:2], TermEvidence("2019", 3.0, 0.0, 0.0, specific="2019")]
    assert judge("2019 mein kya hua", year, mixed=True).declined
