"""Retrieval's orderings of the fused candidates (``index.retrieve``)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from index.answer_types import quotes
from index.context import Context
from index.engine import Engine
from index.followup import Reading, read_in_context, resolve_person
from index.fusion import Hit
from index.query import Query
from index.retrieve import (
    AFTER_REACH,
    DATE_REACH,
    DATED_REACH,
    LEDE_MARGIN,
    LIST_REACH,
    NAME_HELD_REACH,
    NAME_REACH,
    REASON_LEDE_MARGIN,
    REASON_LEDE_REACH,
    VERB_HELD_REACH,
    _holds,
    account_told_after,
    body_before_lede,
    date_nearest_first,
    episode_outcome_first,
    event_dated_first,
    listing_first,
    named_first,
    new_reason_first,
    own_words_first,
    quotes_them,
    rare_names_first,
    reason_after_lede,
    reason_told_after,
    reason_told_next,
    same_episode_first,
    settled_first,
    story_goes_on_first,
    symbol_first,
    their_words_first,
    told_after_first,
    told_after_shown,
    venue_first,
    verb_held_first,
    weekday_first,
    with_next_reason,
)

CP = "canadian-press-blackberry-to-stay-in-pakistan"
TECHJUICE = "techjuice-blackberry-to-exit-pakistan"
INFERSE_EXIT = "inferse-blackberry-to-exit-pakistan"
SOFTPEDIA = "softpedia-blackberry-continues-in-pakistan"


def _index(ctx: Context, key: str) -> int:
    article, number = key.split("#")
    return ctx.source_number[article, int(number)]


def test_another_articles_paragraph_scoring_nearly_as_well_goes_before_a_lede(
    engine: Engine,
) -> None:
    ctx = engine.context
    lede, body = _index(ctx, f"{TECHJUICE}#1"), _index(ctx, f"{CP}#7")
    close = [Hit(lede, 1.0), Hit(body, LEDE_MARGIN), Hit(_index(ctx, f"{CP}#1"), 0.5)]
    assert [h.paragraph for h in body_before_lede(ctx, close)] == [body, lede, close[2].paragraph]
    # Not when it scores clearly lower, nor when the first is no lede.
    far = [Hit(lede, 1.0), Hit(body, LEDE_MARGIN - 0.05)]
    assert body_before_lede(ctx, far) == far
    not_lede = [Hit(body, 1.0), Hit(lede, 0.99)]
    assert body_before_lede(ctx, not_lede) == not_lede


def test_a_lede_stays_before_its_own_articles_next_paragraphs(engine: Engine) -> None:
    # The Canadian Press ¶2 says who wrote what its lede sums up.
    ctx = engine.context
    hits = [Hit(_index(ctx, f"{CP}#1"), 1.0), Hit(_index(ctx, f"{CP}#2"), 0.99)]
    assert body_before_lede(ctx, hits) == hits


def test_a_why_follow_up_puts_a_new_passage_with_its_own_words_before_those_already_read(
    engine: Engine,
) -> None:
    ctx = engine.context
    threat, reason = _index(ctx, f"{CP}#10"), _index(ctx, f"{CP}#11")  # 2010: India's reason
    other = _index(ctx, f"{TECHJUICE}#1")
    reading = read_in_context(ctx, "why did india want it?", ["which countries threatened bb?"])
    hits = [Hit(threat, 1.0), Hit(other, 0.9), Hit(reason, 0.8)]
    # The earlier answer cited the threat, which gives no reason (it goes last); ¶11, which
    # it did not cite, says "India".
    assert [h.paragraph for h in new_reason_first(ctx, hits, reading, [threat])] == [
        reason,
        other,
        threat,
    ]
    # No new passage with a word of its own: the order stays.
    assert new_reason_first(ctx, hits, reading, [threat, reason]) == hits


def test_a_why_follow_up_puts_the_paragraph_told_after_the_earlier_answer_first(
    engine: Engine,
) -> None:
    ctx = engine.context
    # TechJuice ¶2: the regulator notified the operators; ¶3: "this notification came as a
    # response to BlackBerry's rejection ...".
    notice, response = _index(ctx, f"{TECHJUICE}#2"), _index(ctx, f"{TECHJUICE}#3")
    others = [Hit(_index(ctx, f"{CP}#{n}"), 1.0 - n / 100) for n in range(1, AFTER_REACH)]
    hits = [*others, Hit(response, 0.5)]
    assert told_after_first(ctx, hits, notice)[0].paragraph == response
    # Not when it is not among the first AFTER_REACH candidates, nor after another passage.
    assert told_after_first(ctx, [*others, Hit(notice, 0.6), *hits[-1:]], notice)[0] == others[0]
    assert told_after_first(ctx, hits, _index(ctx, f"{CP}#10")) == hits
    # TechJuice ¶6 (what BlackBerry said in July) reports the same dated event as ¶2, but in
    # the same article: ¶3 is told after ¶2, not after a report of ¶6's.
    july = _index(ctx, f"{TECHJUICE}#6")
    assert ctx.events_of[july] == ctx.events_of[notice]
    assert told_after_first(ctx, hits, july) == hits


def test_a_why_follow_up_asking_for_an_account_takes_the_reason_told_next_as_a_candidate(
    engine: Engine,
) -> None:
    ctx = engine.context
    # TechJuice ¶2: the regulator notified the operators "due to security reasons"; ¶3: "But
    # Blackberry claims that this notification came as a response to ...", not a candidate.
    notice, response = _index(ctx, f"{TECHJUICE}#2"), _index(ctx, f"{TECHJUICE}#3")
    hits = [Hit(_index(ctx, f"{CP}#{n}"), 1.0 - n / 100) for n in range(1, AFTER_REACH + 2)]
    asked = engine.read("why did it do that, according to bb?")
    added = with_next_reason(ctx, hits, notice, asked)
    assert added[AFTER_REACH - 1].paragraph == response
    assert [h for h in added if h.paragraph != response] == hits
    assert told_after_first(ctx, added, notice)[0].paragraph == response
    # Asked for no one's account: ¶2 gives a reason of its own, and it is the answer.
    assert with_next_reason(ctx, hits, notice, engine.read("why tho")) == hits
    # Already a candidate: no change.
    among = [*hits, Hit(response, 0.1)]
    assert with_next_reason(ctx, among, notice, asked) == among
    # After a paragraph that reports BlackBerry saying it, their account is given.
    said = _index(ctx, f"{TECHJUICE}#3")
    assert with_next_reason(ctx, hits, said, asked) == hits


def test_asked_what_he_said_a_follow_up_puts_his_quote_in_the_article_just_read_first(
    engine: Engine,
) -> None:
    ctx = engine.context
    # Softpedia ¶6: Marty Beard "has just announced that the Pakistani government rescinded
    # ..." (no quote); ¶8: "“We look forward to ...,” said Beard."
    announced, forward = _index(ctx, f"{SOFTPEDIA}#6"), _index(ctx, f"{SOFTPEDIA}#8")
    asked = read_in_context(ctx, "what did he say when pakistan backed down?", ["who is beard"])
    reading = resolve_person(ctx, asked, lambda: [announced])
    forms = frozenset(f for t in reading.referent for f in reading.query.forms(t))
    assert "beard" in forms
    assert quotes_them(ctx, forward, forms)
    assert not quotes_them(ctx, announced, forms)
    assert not quotes_them(ctx, forward, frozenset({"chen"}))
    others = [Hit(_index(ctx, f"{CP}#{n}"), 0.9 - n / 100) for n in range(1, 5)]
    hits = [Hit(announced, 1.0), *others]
    # Not among the candidates: the article's first quote of his joins them, first.
    moved = their_words_first(ctx, hits, forms, announced)
    assert moved[0].paragraph == forward
    assert moved[1:] == hits[:-1]
    # After CP ¶2 ("Beard ... wrote on the company's blog Thursday"), CP ¶6 ("“We are
    # grateful ...,'' Beard said in the blog entry"), among the candidates, goes first.
    blog, grateful = _index(ctx, f"{CP}#2"), _index(ctx, f"{CP}#6")
    hits = [Hit(blog, 1.0), Hit(forward, 0.5), Hit(grateful, 0.4)]
    assert their_words_first(ctx, hits, forms, blog)[0].paragraph == grateful
    # Led by a quote of his from another article (Inferse's "... we have never permitted
    # wholesale access to our servers," said Marty Beard): the order stays.
    led = [Hit(_index(ctx, f"{INFERSE_EXIT}#7"), 1.0), *hits]
    assert their_words_first(ctx, led, forms, blog) == led


def test_the_people_the_articles_report_speaking_are_known_by_their_names(
    engine: Engine,
) -> None:
    speakers = engine.context.speakers
    assert {"marti", "beard", "john", "chen"} <= speakers
    # "But Blackberry claims ...": no person's name, though two capitalised words.
    assert "blackberri" not in speakers


@pytest.mark.parametrize(
    "question", ["wat did beard say after pak caved", "What did Marty Beard say after it ended?"]
)
def test_asked_what_someone_it_names_said_a_question_gets_his_quote(
    engine: Engine, question: str
) -> None:
    text = engine.ask(question).citations[0].paragraph.text
    # Not Softpedia's "According to ..., Marty Beard, Pakistani government was basically
    # demanding “unfettered access” ...": a phrase, not his words.
    assert "Beard" in text and quotes(text)


def test_a_why_follow_up_led_by_the_reason_told_after_the_earlier_answer_is_offered(
    engine: Engine,
) -> None:
    # TechJuice ¶3 names what the regulator did only as "this notification": the words lent
    # by the earlier question ("pta", "mobile operators") are not in it, but it comes right
    # after the answer and gives a reason, so it is offered, tentatively, not declined.
    earlier = ["what did pta tell the mobile operators"]
    answer = engine.ask("why did bb say they did it", context=earlier)
    assert answer.answered and answer.tentative
    assert "came as a response" in answer.citations[0].paragraph.text
    ctx = engine.context
    notice, response = _index(ctx, f"{TECHJUICE}#2"), _index(ctx, f"{TECHJUICE}#3")
    assert reason_told_next(ctx, "why tho", response, lambda: [notice])
    assert not reason_told_next(ctx, "who said it", response, lambda: [notice])
    assert not reason_told_next(ctx, "why tho", response, lambda: [response])
    assert not reason_told_next(ctx, "why tho", response, None)
    # Asked for BlackBerry's account, by a passage reporting BlackBerry saying it.
    bb = read_in_context(ctx, "what does bb say it was about", []).query
    assert reason_told_next(ctx, bb.text, response, lambda: [notice], bb)
    minister = read_in_context(ctx, "what does the minister say it was about", []).query
    assert not reason_told_next(ctx, minister.text, response, lambda: [notice], minister)


def test_a_follow_up_asking_for_someones_account_gets_it_from_the_paragraph_told_next(
    engine: Engine,
) -> None:
    # After the regulator's notice (TechJuice ¶2), BlackBerry's account of it is told next
    # (¶3, "But Blackberry claims ..."), though it holds no word of the question but "bb".
    answer = engine.ask(
        "what does bb say that was really about?",
        context=["what did the pta tell mobile operators about bes"],
    )
    assert answer.answered
    assert "came as a response" in answer.citations[0].paragraph.text


def test_a_why_question_led_by_what_happened_puts_the_reason_told_after_it_first(
    engine: Engine,
) -> None:
    ctx = engine.context
    # CP ¶10: India and Saudi Arabia threatened a ban (no reason given); ¶11: "India said it
    # had public safety as its primary concern".
    threat, reason = _index(ctx, f"{CP}#10"), _index(ctx, f"{CP}#11")
    hits = _first_and_last(ctx, threat, reason)
    assert reason_told_after(ctx, hits)[:2] == [hits[-1], hits[0]]
    # A first candidate that gives a reason, or a next paragraph that gives none: no change.
    assert reason_told_after(ctx, [Hit(reason, 1.0), Hit(threat, 0.5)])[0].paragraph == reason
    ninth = Hit(_index(ctx, f"{CP}#9"), 1.0)
    assert reason_told_after(ctx, [ninth, Hit(threat, 0.5)]) == [ninth, Hit(threat, 0.5)]
    # Inferse ¶6 reports the same 2010 threat in other words (the timeline's same event), and
    # gives no reason: the reason CP tells after its report of it goes first.
    retold = _index(ctx, "inferse-blackberry-to-stay-in-pakistan#6")
    assert ctx.events_of[retold] == ctx.events_of[threat]
    assert reason_told_after(ctx, _first_and_last(ctx, retold, reason))[0].paragraph == reason


def _first_and_last(ctx: Context, first: int, last: int) -> list[Hit]:
    """Candidates led by ``first``, with ``last`` after three others (CP ¶1-3)."""
    others = [Hit(_index(ctx, f"{CP}#{n}"), 1.0 - n / 100) for n in range(1, 4)]
    return [Hit(first, 1.0), *others, Hit(last, 0.1)]


def test_a_why_question_asking_for_someones_account_puts_the_reason_they_gave_first(
    engine: Engine,
) -> None:
    asked = engine.read("According to BlackBerry, what prompted the regulator's notice?")
    ctx = engine.context
    # Led by TechJuice ¶2, the regulator's notice "due to security reasons" (its own reason),
    # with ¶3 among the candidates: "But Blackberry claims that this notification came as a
    # response to ...".
    hits = _first_and_last(ctx, _index(ctx, f"{TECHJUICE}#2"), _index(ctx, f"{TECHJUICE}#3"))
    assert account_told_after(ctx, hits, asked)[:2] == [hits[-1], hits[0]]
    # Asked for no one's account, or for one the next paragraph does not report: no change.
    assert account_told_after(ctx, hits, engine.read("why did the pta send the notice")) == hits
    asked = engine.read("According to the regulator, what prompted the notice?")
    assert account_told_after(ctx, hits, asked) == hits
    # Not only "why": CP ¶10 reports India's threat, ¶11 what India said was its concern.
    threat, concern = _index(ctx, f"{CP}#10"), _index(ctx, f"{CP}#11")
    asked = engine.read("What concern did India say was driving its threat to ban BlackBerry?")
    assert asked.kind != "why"
    hits = _first_and_last(ctx, threat, concern)
    assert account_told_after(ctx, hits, asked)[0].paragraph == concern


def test_how_that_ended_after_an_answer_about_an_earlier_episode_asks_about_the_episode(
    engine: Engine,
) -> None:
    ctx = engine.context
    # CP ¶4: the dispute (BES routed through Canada, "before the resolution"); CP ¶10 and
    # Inferse ¶6: the 2010 threats (a background event of the timeline); CP ¶11, told after
    # ¶10: how they came out.
    dispute, threat, outcome = (_index(ctx, f"{CP}#{n}") for n in (4, 10, 11))
    inferse = _index(ctx, "inferse-blackberry-to-stay-in-pakistan#6")
    hits = [Hit(dispute, 1.0), Hit(inferse, 0.9), Hit(threat, 0.8), Hit(outcome, 0.7)]
    # After an answer about the episode (or the paragraph told after it), its paragraphs first.
    for answered in (threat, outcome):
        assert same_episode_first(ctx, hits, answered) == [*hits[1:], hits[0]]
    # After one about the dispute itself, the order stays.
    assert same_episode_first(ctx, hits, dispute) == hits


def test_how_an_earlier_episode_came_out_is_told_in_the_paragraph_after_it(
    engine: Engine,
) -> None:
    ctx = engine.context
    # CP ¶10: in 2010 India and Saudi Arabia threatened a ban (a background event of the
    # timeline); ¶11: BlackBerry convinced each country to comply with its policies.
    episode, outcome = _index(ctx, f"{CP}#10"), _index(ctx, f"{CP}#11")
    others = [Hit(_index(ctx, f"{CP}#{n}"), 1.0 - n / 100) for n in range(1, AFTER_REACH - 1)]
    hits = [Hit(episode, 1.0), *others, Hit(outcome, 0.1)]
    assert episode_outcome_first(ctx, hits)[:2] == [hits[-1], hits[0]]
    # Also when neither words nor meaning made it a candidate: it takes the episode's score.
    assert episode_outcome_first(ctx, hits[:-1])[:2] == [Hit(outcome, 1.0), hits[0]]
    # Asked how something was done, only when it is a candidate.
    assert episode_outcome_first(ctx, hits, anywhere=False)[:2] == [hits[-1], hits[0]]
    assert episode_outcome_first(ctx, hits[:-1], anywhere=False) == hits[:-1]
    # Not after an event of the dispute itself (its outcome is what the articles report last).
    notice = _index(ctx, f"{TECHJUICE}#2")
    after_notice = [Hit(notice, 1.0), Hit(_index(ctx, f"{TECHJUICE}#3"), 0.5)]
    assert episode_outcome_first(ctx, after_notice) == after_notice


def test_a_why_question_led_by_a_lede_puts_the_first_body_paragraph_that_qualifies_first(
    engine: Engine,
) -> None:
    ctx = engine.context
    lede, other_lede = _index(ctx, f"{TECHJUICE}#1"), _index(ctx, f"{CP}#1")
    body, own_body = _index(ctx, f"{CP}#3"), _index(ctx, f"{TECHJUICE}#3")
    hits = [Hit(lede, 1.0), Hit(other_lede, 0.9), Hit(body, REASON_LEDE_MARGIN)]
    assert [h.paragraph for h in reason_after_lede(ctx, hits, None)] == [body, lede, other_lede]
    # Not when meaning puts the lede closer, the body scores clearly lower, lies beyond the
    # reach or belongs to the lede's own article, nor when the first is no lede.
    closer = np.zeros(len(ctx.corpus.paragraphs))
    closer[lede] = 0.9
    assert reason_after_lede(ctx, hits, closer) == hits
    low = [*hits[:2], Hit(body, REASON_LEDE_MARGIN - 0.05)]
    assert reason_after_lede(ctx, low, None) == low
    ledes = [Hit(other_lede, 0.99)] * (REASON_LEDE_REACH - 1)
    assert reason_after_lede(ctx, [hits[0], *ledes, Hit(body, 0.99)], None)[0].paragraph == lede
    own = [hits[0], Hit(own_body, 0.99)]
    assert reason_after_lede(ctx, own, None) == own
    # "why did bb decide to stay": The Canadian Press's lede, of the end, before Inferse's
    # "Remaining in Pakistan would have meant ...", of the announced exit.
    settled = [Hit(other_lede, 1.0), Hit(_index(ctx, f"{INFERSE_EXIT}#2"), 0.99)]
    assert reason_after_lede(ctx, settled, None) == settled
    assert reason_after_lede(ctx, hits[2:], None) == hits[2:]
    # A body paragraph that meaning puts further than the lede is passed over for the next
    # one that meaning puts as close.
    later = _index(ctx, f"{CP}#8")
    two = [*hits, Hit(later, REASON_LEDE_MARGIN)]
    nearer = np.zeros(len(ctx.corpus.paragraphs))
    nearer[[lede, later]] = 0.5
    assert reason_after_lede(ctx, two, nearer)[0].paragraph == later
    # What would have happened ("Exiting Pakistan would've put BlackBerry in a difficult
    # position") is a consequence, not a reason: it goes first only for a question put so
    # ("why would leaving hurt bb").
    consequence = [hits[0], Hit(_index(ctx, f"{CP}#7"), 0.99)]
    assert reason_after_lede(ctx, consequence, None) == consequence
    assert reason_after_lede(ctx, consequence, None, hypothetical=True)[0] == consequence[1]


def _places_first(ctx: Context, hits: list[Hit], query: Query) -> list[Hit]:
    return rare_names_first(ctx, hits, query, query.terms)


@pytest.mark.parametrize(
    ("stage", "reach", "question", "other", "first", "answer"),
    [
        # Softpedia ¶2 tells what Pakistan wanted ("monitor all the BES traffic ... BBM
        # message"); The Canadian Press ¶11 what India said ("Similar to Pakistan, India said
        # ..."). Not for a place most paragraphs name.
        (
            _places_first,
            NAME_HELD_REACH,
            "why did india want bb msgs tho",
            "why did pakistan want bb msgs tho",
            f"{SOFTPEDIA}#2",
            f"{CP}#11",
        ),
        # The Canadian Press ¶1 tells of the government backing off, not of thanking anyone;
        # ¶6: "We are grateful to the Pakistan Telecommunication Authority ...". Not for a
        # question asking no such thing.
        (
            verb_held_first,
            VERB_HELD_REACH,
            "who did bb thank after pak backed down",
            "what did bb say after pak backed down",
            f"{CP}#1",
            f"{CP}#6",
        ),
    ],
)
def test_a_passage_holding_what_the_question_names_or_asks_by_goes_first(
    engine: Engine,
    stage: Callable[[Context, list[Hit], Query], list[Hit]],
    reach: int,
    question: str,
    other: str,
    first: str,
    answer: str,
) -> None:
    ctx = engine.context
    wrong, right = _index(ctx, first), _index(ctx, answer)
    hits = [Hit(wrong, 1.0), Hit(right, 0.5)]
    assert stage(ctx, hits, engine.read(question))[0].paragraph == right
    assert stage(ctx, hits, engine.read(other)) == hits
    # Not beyond the reach.
    far = [*[Hit(wrong, 1.0)] * reach, Hit(right, 0.5)]
    assert stage(ctx, far, engine.read(question)) == far


def test_a_when_question_puts_the_date_nearest_its_words_first(engine: Engine) -> None:
    ctx = engine.context
    # TechJuice ¶1 "announced that it will exit ... as of 30 November" (the exit's date);
    # Softpedia ¶1 "announced in late November".
    exit_date = _index(ctx, f"{TECHJUICE}#1")
    announced = _index(ctx, "softpedia-blackberry-continues-in-pakistan#1")
    reading = read_in_context(ctx, "when was the exit announced?", [])
    hits = [Hit(exit_date, 1.0), Hit(announced, 0.9)]
    assert [h.paragraph for h in date_nearest_first(ctx, hits, reading)] == [announced, exit_date]
    # Sorted among the first DATE_REACH; one holding no date comes after.
    undated = [Hit(_index(ctx, f"{CP}#3"), 1.0)] * DATE_REACH
    assert date_nearest_first(ctx, [undated[0], hits[1]], reading)[0] == hits[1]
    # When none of them holds a date, the first of the first DATED_REACH that does goes first
    # ("when did bb first say it was leaving": not "We regret leaving this important market").
    ordered = date_nearest_first(ctx, [*undated, *hits], reading)
    assert ordered == [hits[0], *undated, hits[1]]
    far = [Hit(_index(ctx, f"{CP}#3"), 1.0)] * DATED_REACH
    assert date_nearest_first(ctx, [*far, *hits], reading) == [*far, *hits]


@pytest.mark.parametrize(
    ("question", "earlier", "expected"),
    [
        # A later paragraph that tells it goes before a lede that sums up the story.
        ("why was exiting pakistan a risk for blackberry's business?", None, "difficult position"),
        # A "why" follow-up: the reason the earlier answer did not give ...
        (
            "why did india want that?",
            "which countries threatened BlackBerry before Pakistan?",
            "public safety",
        ),
        # ... or the one told right after it.
        ("why tho", "what happened w india and bb", "public safety"),
        # One outlet misnamed Marty Beard; the name most outlets give would otherwise lead.
        ("which report says 'Marty Chief'", None, "Marty Chief"),
        # A "why" led by a lede: the body tells the reason.
        ("why did the pakistani government back off", None, "productive discussions"),
        # How an earlier episode came out, told right after it.
        ("how were the 2010 disputes with india and saudi arabia settled?", None, "convince"),
        # What would have happened, told in that mood.
        ("would leaving pakistan have hurt blackberry?", None, "difficult position"),
        # What kinds of a thing: a list of them, not the paragraph that restates the question.
        ("what kinds of information did chen say bb could give police?", None, "metadata"),
        # A name asked for: a passage that names someone, not one that says "BlackBerry CEO".
        ("bb ceo name?", None, "John Chen"),
        # A weekday asked for: the paragraph that names one, not the lede.
        ("On what day of the week did BlackBerry say it would remain?", None, "Thursday"),
    ],
)
def test_the_ordering_a_question_asks_for_puts_its_answer_first(
    engine: Engine, question: str, earlier: str | None, expected: str
) -> None:
    answer = engine.ask(question, context=[earlier] if earlier else [])
    assert answer.answered
    assert expected in answer.citations[0].paragraph.text


def test_a_question_asking_for_kinds_of_a_thing_puts_a_list_first(engine: Engine) -> None:
    ctx = engine.context
    # CP ¶13: Chen would hand "private customer information" to law enforcement (no list);
    # ¶14: "a phone's location, which users contacted each other and certain metadata".
    restates, lists = _index(ctx, f"{CP}#13"), _index(ctx, f"{CP}#14")
    hits = [Hit(restates, 1.0), Hit(lists, 0.9)]
    assert [h.paragraph for h in listing_first(ctx, hits)] == [lists, restates]
    # A list first stays first; one beyond LIST_REACH is not looked for.
    assert listing_first(ctx, hits[::-1]) == hits[::-1]
    far = [Hit(restates, 1.0)] * LIST_REACH
    assert listing_first(ctx, [*far, hits[1]]) == [*far, hits[1]]


def test_a_question_asking_someones_name_puts_a_passage_naming_them_first(engine: Engine) -> None:
    ctx = engine.context
    # Inferse ¶5: "BlackBerry CEO suggested some exceptions" (no name); CP ¶13: "chief
    # executive John Chen said" (the name, by an expansion of "ceo").
    unnamed, named = (
        _index(ctx, "inferse-blackberry-to-stay-in-pakistan#5"),
        _index(ctx, f"{CP}#13"),
    )
    query = read_in_context(ctx, "whats the bb ceo's name", []).query
    hits = [Hit(unnamed, 1.0), Hit(named, 0.9)]
    assert [h.paragraph for h in named_first(ctx, hits, query)] == [named, unnamed]
    # One beyond NAME_REACH is not looked for; a question asking no name keeps the order.
    far = [Hit(unnamed, 1.0)] * NAME_REACH
    assert named_first(ctx, [*far, hits[1]], query) == [*far, hits[1]]
    other = read_in_context(ctx, "what did the ceo say", []).query
    assert named_first(ctx, hits, other) == hits


def test_a_question_asking_the_weekday_puts_a_passage_naming_one_first(engine: Engine) -> None:
    ctx = engine.context
    # CP ¶1, the lede, names no weekday; ¶2: "wrote on the company's blog Thursday".
    lede, thursday = _index(ctx, f"{CP}#1"), _index(ctx, f"{CP}#2")
    others = [Hit(_index(ctx, f"{CP}#{n}"), 0.5) for n in (3, 5, 6)]
    hits = [Hit(lede, 1.0), *others, Hit(thursday, 0.4)]
    assert weekday_first(ctx, hits)[0].paragraph == thursday
    assert weekday_first(ctx, hits[1:-1]) == hits[1:-1]  # none names one: the order stays


def test_a_question_asking_a_stock_symbol_puts_a_passage_giving_one_first(engine: Engine) -> None:
    ctx = engine.context
    # CP ¶1: "BlackBerry (TSX:BB) says it will remain operating in Pakistan ..."
    symbol = _index(ctx, f"{CP}#1")
    others = [Hit(_index(ctx, f"{CP}#{n}"), 0.5) for n in (2, 3, 5)]
    assert symbol_first(ctx, [*others, Hit(symbol, 0.4)])[0].paragraph == symbol
    assert symbol_first(ctx, others) == others  # none gives one: the order stays
    # Asked with the words that ask for it, which the articles never use, it is answered.
    answer = engine.ask("whats bb's stock ticker?")
    assert answer.answered and "(TSX:BB)" in answer.citations[0].paragraph.text
    # Asked after another question, it is still the passage that gives the symbol.
    answer = engine.ask("bb stock ticker", context=["which city is bb based in"])
    assert "(TSX:BB)" in answer.citations[0].paragraph.text
    # A share price on an exchange is no symbol, and the articles give none.
    assert not engine.ask("What was BlackBerry's closing share price on the TSX?").answered


def test_a_question_asking_a_stock_symbol_finds_one_beyond_its_candidates(engine: Engine) -> None:
    # Its words ("gives", "BlackBerry") find other passages first; the one passage that gives
    # a symbol is looked for further down, and offered however few of the words it holds.
    answer = engine.ask("Which report gives BlackBerry's stock exchange ticker?")
    assert answer.answered and "(TSX:BB)" in answer.citations[0].paragraph.text
    answer = engine.ask(
        "Under which stock exchange ticker is BlackBerry identified in the coverage?"
    )
    assert answer.answered and "(TSX:BB)" in answer.citations[0].paragraph.text


def test_how_it_came_out_is_not_a_later_reports_retelling_of_an_earlier_event(
    engine: Engine,
) -> None:
    ctx = engine.context
    # Softpedia ¶1, published when it ended, retells the exit announced in late November;
    # ¶6 reports how it ended. The Canadian Press ¶13 ("earlier this month", of a report
    # dated the month it ended) may be as late as the end: it keeps its place.
    retold, ended = _index(ctx, f"{SOFTPEDIA}#1"), _index(ctx, f"{SOFTPEDIA}#6")
    this_month = _index(ctx, f"{CP}#13")
    assert retold in ctx.superseded and ended not in ctx.superseded
    assert this_month not in ctx.superseded
    hits = [Hit(retold, 1.0), Hit(this_month, 0.9), Hit(ended, 0.8)]
    assert [h.paragraph for h in settled_first(ctx, hits)] == [this_month, ended, retold]
    # A background episode (2010) is no event of this story's course.
    assert _index(ctx, f"{CP}#10") not in ctx.superseded


@pytest.mark.parametrize(
    ("order", "said", "moved", "earlier", "asks", "stays"),
    [
        # CP ¶13: John Chen would hand customer information to law enforcement; ¶14: not the
        # actual correspondence between users. Not when the paragraph told after it holds
        # none of its own words ("money"), nor when the passage holds every word of its own.
        (
            story_goes_on_first,
            f"{CP}#13",
            f"{CP}#14",
            "what did chen say about giving data to police",
            "and would that include the messages?",
            ["and was it about money?", "and would he hand it over?"],
        ),
        # Softpedia ¶5: fans can keep using their phones; ¶8: "introducing new products". Not
        # when the passage just read holds a word of its own.
        (
            own_words_first,
            f"{SOFTPEDIA}#5",
            f"{SOFTPEDIA}#8",
            "so can they keep using their phones in pakistan?",
            "any new products coming there?",
            ["and the fans there?"],
        ),
    ],
)
def test_a_follow_up_led_again_by_what_it_was_just_told_takes_a_passage_with_its_words(
    engine: Engine,
    order: Callable[[Context, list[Hit], Reading, int], list[Hit]],
    said: str,
    moved: str,
    earlier: str,
    asks: str,
    stays: list[str],
) -> None:
    ctx = engine.context
    led, after = _index(ctx, said), _index(ctx, moved)
    other = _index(ctx, f"{CP}#2")
    hits = [Hit(led, 1.0), Hit(other, 0.9), Hit(after, 0.5)]
    asking = read_in_context(ctx, asks, [earlier])
    assert order(ctx, hits, asking, led)[0].paragraph == after
    for question in stays:
        assert order(ctx, hits, read_in_context(ctx, question, [earlier]), led) == hits
    # Nor when another passage leads, but one the earlier question was answered with too.
    assert order(ctx, hits[1:], asking, led) == hits[1:]
    if order is own_words_first:
        assert own_words_first(ctx, hits[1:], asking, led, (led, other))[0].paragraph == after


def test_when_was_that_puts_a_paragraph_dating_the_earlier_answers_event_first(
    engine: Engine,
) -> None:
    ctx = engine.context
    # Softpedia ¶6 reports the reversal, undated; TechJuice ¶7 dates the extension; CP ¶2
    # dates the reversal ("Thursday").
    reversal, extension, dated = (
        _index(ctx, f"{SOFTPEDIA}#6"),
        _index(ctx, f"{TECHJUICE}#7"),
        _index(ctx, f"{CP}#2"),
    )
    assert ctx.events_of[reversal] == ctx.events_of[dated] != ctx.events_of[extension]
    hits = [Hit(extension, 1.0), Hit(reversal, 0.9), Hit(dated, 0.5)]
    assert event_dated_first(ctx, hits, reversal, None)[0].paragraph == dated
    # Not among the candidates: it joins them, first, at the best one's score.
    joined = event_dated_first(ctx, hits[:2], reversal, None)
    assert joined[0] == Hit(dated, 1.0) and joined[1:] == hits[:1]
    # A first candidate that dates the event stays; an answer reporting no dated event
    # changes nothing.
    assert event_dated_first(ctx, [hits[2], *hits[:2]], reversal, None)[0].paragraph == dated
    undated = _index(ctx, f"{SOFTPEDIA}#9")
    assert undated not in ctx.events_of
    assert event_dated_first(ctx, hits, undated, None) == hits


def test_what_happened_next_is_the_event_the_answers_paragraph_goes_on_to_tell(
    engine: Engine,
) -> None:
    ctx = engine.context
    told = _index(ctx, f"{INFERSE_EXIT}#5")  # the original deadline, then its extension
    text = ctx.text_of(told)
    first, later = text.split(". ")[0], text.split(". ")[1]
    following = told_after_shown(ctx, told, first)
    # The extension, as the other outlet reports it first, then this paragraph again.
    assert following[-1] == told and len(following) > 1
    assert "30th December" in ctx.text_of(following[0])
    # Shown by the sentence that tells the extension, or by none of its text: nothing.
    assert told_after_shown(ctx, told, later) == ()
    assert told_after_shown(ctx, told, "not in the paragraph") == ()


def test_an_expansion_of_several_words_is_held_only_with_all_of_them(engine: Engine) -> None:
    ctx = engine.context
    query = read_in_context(ctx, "whos bb's ceo", []).query
    # CP ¶2: "Marty Beard, chief operating officer"; ¶13: "chief executive John Chen".
    coo, ceo = _index(ctx, f"{CP}#2"), _index(ctx, f"{CP}#13")
    assert not _holds(ctx.compiled.terms_of(coo), query, "ceo")
    assert _holds(ctx.compiled.terms_of(ceo), query, "ceo")
    assert "Chen" in engine.ask("whos bb's ceo").citations[0].paragraph.text


def test_asked_where_it_was_said_the_paragraph_telling_where_goes_first(engine: Engine) -> None:
    ctx = engine.context
    # Softpedia ¶6 reports Beard announcing the reversal; its article never says where.
    # The Canadian Press ¶2 reports the same event: "wrote on the company's blog".
    announced, blog = _index(ctx, f"{SOFTPEDIA}#6"), _index(ctx, f"{CP}#2")
    others = [Hit(_index(ctx, f"{SOFTPEDIA}#{n}"), 0.5 - n / 100) for n in (1, 3)]
    hits = [Hit(announced, 1.0), *others]
    moved = venue_first(ctx, hits, announced)
    assert moved[0] == Hit(blog, 1.0)  # not a candidate: it joins them, first
    assert moved[1:] == hits[:-1]
    # Inferse ¶4 quotes BlackBerry; its ¶2 says "said BlackBerry in a post", TechJuice ¶1
    # (the same event) "in a recent official blog post": the one among the candidates first.
    quote, post = _index(ctx, f"{INFERSE_EXIT}#4"), _index(ctx, f"{INFERSE_EXIT}#2")
    lede = _index(ctx, f"{TECHJUICE}#1")
    assert venue_first(ctx, [Hit(quote, 1.0), Hit(lede, 0.5)], quote)[0].paragraph == lede
    assert venue_first(ctx, [Hit(quote, 1.0)], quote)[0].paragraph == post
    # A paragraph telling where itself stays first.
    assert venue_first(ctx, [Hit(blog, 1.0), Hit(announced, 0.5)], blog)[0].paragraph == blog
    # Nothing tells where (India and Saudi Arabia in 2010): the order stays.
    india = [Hit(_index(ctx, f"{CP}#10"), 1.0), Hit(_index(ctx, f"{CP}#11"), 0.5)]
    assert venue_first(ctx, india, india[0].paragraph) == india
