"""Retrieval: the candidates by words (``index.lexical``) and by meaning (``index.dense``),
fused into one ranking (``index.fusion``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from index.answer import same_report_of
from index.answer_types import (
    FILTERING_KINDS,
    account_of,
    asks_counterfactual,
    asks_for_kinds,
    asks_for_words,
    asks_how_done,
    asks_hypothetically,
    asks_symbol,
    asks_venue,
    asks_weekday,
    asks_what_followed,
    attributed_to,
    counterfactual,
    date_distance,
    event_after,
    expected_kind,
    folded,
    is_place,
    lists_several,
    names_symbol,
    names_venue,
    names_weekday,
    quoted,
    quotes,
    roles_asked,
    verb_of_whom,
)
from index.context import Context
from index.dense import DenseIndex
from index.evidence import asks_if_it_came_about, known_share
from index.followup import THREAD_REACH, Reading, read_in_context, resolve_person
from index.followup_order import follow_up_order
from index.fusion import Hit, fuse
from index.highlight import highlight
from index.lexical import CANDIDATES, Ranked, rank_lexical
from index.query import Query
from index.text import stem

# A passage among this many closest to the question by meaning counts as near in meaning.
NEAR_IN_MEANING = 3
# A body paragraph scoring at least this share of the lede's fused score goes before it
# (``body_before_lede``; measured over every question set: 0.8-0.85 best, see
# docs/evaluation.md).
LEDE_MARGIN = 0.85
# The candidates a "why" follow-up reorders, and the earlier answer's passages it looks at:
# as many as an answer shows (``new_reason_first``).
REASON_REACH = 3
# The candidates a follow-up led by the earlier answer looks at for more of its own words.
OWN_REACH = 5
# For a "why" question led by a lede: how far down the candidates a body paragraph is looked
# for, and the share of the lede's fused score it must have (``reason_after_lede``; measured
# over every set, see docs/evaluation.md).
REASON_LEDE_REACH = 5
REASON_LEDE_MARGIN = 0.7
# The candidates among which a "when" question looks for the date nearest its words
# (``date_nearest_first``): the first two; measured over every set, see docs/evaluation.md.
DATE_REACH = 2
# ... and when neither holds a date, how far down one that does is looked for.
DATED_REACH = 5
# The candidates among which a question about what would have happened looks for passages
# told in that mood (``counterfactual_first``; over every set: 2: no change, 3: 6 fixed, 5: 15
# fixed and none broken, 10: 17 fixed and 2 broken).
MOOD_REACH = 5
# The candidates among which a question asking what kinds of a thing there are looks for one
# that lists several (``listing_first``; over every set: 2: 9 fixed, none broken).
LIST_REACH = 2
# The candidates among which a question asking someone's name looks for one that names them
# (``named_first``; over every set: 2: 13 fixed, none broken; with "who is ...?" read as asking
# a name, 3: 5 more fixed, none broken).
NAME_REACH = 3
# The candidates among which a "why" follow-up looks for the paragraph told after the earlier
# answer's (``told_after_first``): as many as the ranking by words offers. (A question on how
# an earlier episode came out once looked as far for the one told after it: 5: 9 fixed, 10:
# 17, none broken; ``episode_outcome_first`` now takes it wherever it ranks.)
AFTER_REACH = CANDIDATES
# A place the question names ("India", "Mumbai") that at most this share of the paragraphs
# name is one the answer names: the first of the first NAME_HELD_REACH candidates that names
# every such place goes first (``rare_names_first``; every rare name, people and months too:
# 18 fixed, 21 broken; places only: 6 fixed, 2 broken).
RARE_NAME_SHARE = 1 / 6
NAME_HELD_REACH = 5
# The candidates among which a question asking for whom something was done to looks for one
# telling the deed (``verb_held_first``).
VERB_HELD_REACH = 5
# The paragraphs among which a question asking for a stock symbol looks for one that gives it
# when no candidate does (``_with_symbol``).
SYMBOL_REACH = 50


@dataclass(frozen=True)
class Retrieved:
    hits: list[Hit]  # fused, best first
    lexical: Ranked  # the candidates by words, best first
    similarities: np.ndarray | None  # every paragraph's cosine with the question; None: off
    # The hits are led by the timeline's event that followed the earlier answer's.
    followed: bool = False
    # A follow-up's learned order (``index.followup_order``) put another passage first than
    # the retrieval stages did.
    reordered: bool = False

    @property
    def top(self) -> int | None:
        return self.hits[0].paragraph if self.hits else None


def retrieve_question(
    ctx: Context, question: str, reading: Reading, *, ordered: bool = True
) -> tuple[Reading, Retrieved, Callable[[], Sequence[int]] | None]:
    """The retrieval stage for a question as written and as read: the reading (a
    follow-up's "he" resolved; a question asking whether something meant to happen came
    about, read as one about how the story came out), its candidates and, for a follow-up,
    the paragraphs the latest earlier question was answered with (worked out when needed).
    ``ordered``: as for ``retrieve``."""
    earlier = cited = None
    if reading.context:  # the latest earlier question, as it was read when asked
        *before, latest = reading.context
        earlier = read_in_context(ctx, latest, before)
        cited = answered_with(ctx, earlier)
        reading = resolve_person(ctx, reading, cited)
    retrieved = retrieve(ctx, reading, earlier, cited=cited, ordered=ordered)
    top = retrieved.top
    if top is not None and asks_if_it_came_about(ctx, question, reading.query, top):
        reading = replace(reading, query=replace(reading.query, kind="outcome"))
        retrieved = retrieve(ctx, reading, earlier, cited=cited, ordered=ordered)
    return reading, retrieved, cited


def retrieve(
    ctx: Context,
    reading: Reading,
    earlier: Reading | None = None,
    *,
    event: bool = False,
    cited: Callable[[], Sequence[int]] | None = None,
    ordered: bool = True,
) -> Retrieved:
    """The question's candidates, best first. ``earlier``: for a follow-up, the latest
    earlier question as it was read; ``cited``: the paragraphs it was answered with
    (``answered_with``), which a "why" follow-up asks for; what happened next is retrieved
    from ``earlier`` itself, as an event. A question that asks what happened after an event
    it names ("what did the government do after the blog post?") has that event retrieved:
    the timeline's next event, where the question's candidates hold it, comes first. ``event``:
    the text names an event to find, not a question to answer: the paragraph that reports it
    best may be a lede (``body_before_lede`` is for questions). A follow-up's first candidates
    are put last in the learned order (``index.followup_order``); ``ordered=False`` leaves them
    as the stages put them (what that order is fitted on)."""
    lexical = rank_lexical(ctx, reading.query)
    dense = ctx.dense
    similarities = None if dense is None else dense.similarities(_meaning(dense, reading))
    # How much the words can say: a question whose words are mostly unknown is ranked more
    # by meaning.
    known = 1.0 if similarities is None else known_share(ctx, reading.query, reading.own)
    hits = fuse(lexical, similarities, CANDIDATES, known=known)
    if asks_symbol(reading.query.text):
        hits = _with_symbol(ctx, hits, lambda n: fuse(lexical, similarities, n, known=known))
    # A follow-up's own kind of answer (one lent by the earlier question says less of what
    # it asks).
    own_kind = expected_kind(reading.query.text) if reading.context is not None else None
    # A follow-up to a question about how the story came out points back at how it came out
    # ("when was that decided?" after "did they end up leaving?").
    if reading.query.kind == "outcome" or (earlier is not None and earlier.query.kind == "outcome"):
        hits = settled_first(ctx, hits)
    if reading.query.kind != "outcome" and own_kind in FILTERING_KINDS:
        hits = of_kind_first(ctx, hits, own_kind)
    if reading.query.sources:
        hits = named_outlets_first(ctx, hits, reading.query.sources)
    if phrases := quoted(reading.query.text):
        hits = quoting_first(ctx, hits, phrases)
    settled = False  # a stage has put first what the follow-up asks for
    own = reading.own if reading.context is not None else reading.query.terms
    hits = rare_names_first(ctx, hits, reading.query, own)
    # What happened after an event: the event the conversation was about ("what happened
    # next?"), or one the question names ("what did the government do after the blog post?").
    after = None
    if earlier is not None and asks_what_followed(reading.query.text):
        after = earlier
    elif reading.context is None and (anchor := event_after(reading.query.text)):
        after = read_in_context(ctx, anchor, ())
    if after is not None and hits:
        answered = retrieve(ctx, after, event=True).top
        following: tuple[int, ...] = ()
        if answered is not None:
            # The earlier answer's own paragraph may go on to tell what happened next.
            if earlier is not None:
                shown = highlight(ctx, earlier.query, answered)
                following = told_after_shown(ctx, answered, shown)
            following = following or ctx.followed_by(answered)
        if earlier is None:
            # Only what the question's own words or meaning found among its candidates: the
            # event that came next may not be what it asks about.
            candidates = {h.paragraph for h in hits}
            following = tuple(p for p in following if p in candidates)
        if following:
            return Retrieved(next_event_first(hits, following), lexical, similarities, True)
    if not event:
        hits = body_before_lede(ctx, hits)
    if own_kind == "why" and cited is not None:
        if reading.own:
            hits = new_reason_first(ctx, hits, reading, list(cited()[:REASON_REACH]))
        if first := cited()[:1]:
            hits = told_after_first(
                ctx, with_next_reason(ctx, hits, first[0], reading.query), first[0]
            )
    elif own_kind == "when" and not reading.own and cited is not None and (first := cited()[:1]):
        hits = event_dated_first(ctx, hits, first[0], similarities)
    elif cited is not None and asks_venue(reading.query.text):
        # Where the statement just read was made ("where did he post it?"): a blog, a post.
        if first := cited()[:1]:
            hits = venue_first(ctx, hits, first[0])
            settled = bool(hits) and names_venue(ctx.text_of(hits[0].paragraph))
    elif (
        reading.referent
        and cited is not None
        and asks_for_words(reading.query.text)
        and (first := cited()[:1])
    ):
        quoted_first = their_words_first(
            ctx, hits, person_forms(reading.query, reading.referent), first[0]
        )
        # The learned order (below), fitted on orders without this stage, would put back the
        # passage reporting what he did, which the follow-up's words found.
        settled = quoted_first[0] != hits[0]
        hits = quoted_first
    elif reading.own and cited is not None and (first := cited()[:1]):
        hits = story_goes_on_first(ctx, hits, reading, first[0])
        if own_kind not in FILTERING_KINDS:
            seen = tuple(cited()[:THREAD_REACH])
            hits = own_words_first(ctx, hits, reading, first[0], seen)
    if event:  # an event to find, not a question: the orderings below are for questions
        return Retrieved(hits, lexical, similarities)
    # Questions told by their shape: a "why" led by a lede, or by what happened, by the reason
    # told after it; one asking for someone's account by the reason they are reported giving
    # after it; a "when" by the nearest date (a weekday by one that names it), a "would
    # have" by its mood, how an earlier episode came out (or "how did that end?" after one) by
    # the paragraph after it, kinds of a thing by a list, a name by one that names, a stock
    # symbol by one that gives it.
    if reading.query.kind == "why":
        hits = reason_after_lede(ctx, hits, similarities, asks_hypothetically(reading.query.text))
        if reading.context is None:
            hits = reason_told_after(ctx, hits)
    # A follow-up asking for someone's account in other words ("what does bb say that was
    # really about?") has the reason told next among its candidates too.
    if (
        own_kind != "why"
        and cited is not None
        and account_forms(reading.query) is not None
        and (first := cited()[:1])
    ):
        hits = with_next_reason(ctx, hits, first[0], reading.query)
    hits = account_told_after(ctx, hits, reading.query)
    if reading.context is None and hits and asks_for_words(reading.query.text):
        # What someone it names said ("wat did beard say after pak caved"): his quote in the
        # article of the passage the question found.
        named = [t for t in reading.query.terms if t in ctx.speakers]
        if named:
            forms = person_forms(reading.query, named)
            hits = their_words_first(ctx, hits, forms, hits[0].paragraph)
    if reading.context is None and hits and asks_venue(reading.query.text):
        # Where what the question found was said ("where did beard post the announcement").
        hits = venue_first(ctx, hits, hits[0].paragraph)
    if (own_kind if reading.context is not None else reading.query.kind) == "when":
        hits = date_nearest_first(ctx, hits, reading)
    if asks_weekday(reading.query.text):
        hits = weekday_first(ctx, hits)
    if asks_symbol(reading.query.text):
        hits = symbol_first(ctx, hits)
    if asks_counterfactual(reading.query.text):
        hits = counterfactual_first(ctx, hits)
    if reading.query.kind == "outcome":
        if own_kind == "outcome" and cited is not None and (first := cited()[:1]):
            hits = same_episode_first(ctx, hits, first[0])
        hits = episode_outcome_first(ctx, hits)
    elif (
        reading.query.kind is None and reading.context is None and asks_how_done(reading.query.text)
    ):
        hits = episode_outcome_first(ctx, hits, anywhere=False)
    if asks_for_kinds(reading.query.text):
        hits = listing_first(ctx, hits)
    hits = named_first(ctx, hits, reading.query)
    hits = verb_held_first(ctx, hits, reading.query)
    # A stock symbol is told by its shape alone: the stages put the one that gives it first.
    if asks_symbol(reading.query.text):
        return Retrieved(hits, lexical, similarities)
    if reading.context is not None and ordered and hits and not settled:
        staged = hits[0]
        hits = follow_up_order(ctx, hits, reading, similarities)
        return Retrieved(hits, lexical, similarities, reordered=hits[0] != staged)
    return Retrieved(hits, lexical, similarities)


def _meaning(dense: DenseIndex, reading: Reading) -> np.ndarray:
    """The question's unit vector: its texts' vectors added, each weighted by what it counts
    for (``Reading.weighted_texts``); a unit vector keeps cosines on one scale for questions
    and follow-ups alike."""
    vector: np.ndarray = np.sum([w * dense.encode(t) for t, w in reading.weighted_texts()], axis=0)
    norm = float(np.linalg.norm(vector))
    unit: np.ndarray = vector / norm if norm > 0 else vector
    return unit


def answered_with(ctx: Context, earlier: Reading) -> Callable[[], list[int]]:
    """The paragraphs the earlier question was answered with, best first: retrieved on the
    first call, once, for whichever stage of a follow-up needs them."""
    return cache(lambda: [h.paragraph for h in retrieve(ctx, earlier).hits])


def new_reason_first(
    ctx: Context, hits: list[Hit], reading: Reading, answered: list[int]
) -> list[Hit]:
    """For a "why" follow-up ("why did india want it tho" after "which countries threatened
    bb back in 2010"), which asks the reason for what the earlier answer reported: among the
    first REASON_REACH candidates, one that the earlier answer did not cite (``answered``, nor
    another outlet's copy of one) and that holds a word of the follow-up's own goes before
    those the earlier answer cited that give no reason: the user has read them. When no such
    candidate is among them, the order stays."""
    same = same_report_of(ctx.compiled.shingles_of)

    def place(paragraph: int) -> int:
        if any(paragraph == a or same(paragraph, a) for a in answered):
            return 1 if ctx.compiled.has_kind(paragraph, "why") else 2
        terms = ctx.compiled.terms_of(paragraph)
        holds_own = any(not terms.isdisjoint(reading.query.forms(t)) for t in reading.own)
        return 0 if holds_own else 1

    head = hits[:REASON_REACH]
    places = [place(h.paragraph) for h in head]
    if 0 not in places:
        return hits
    ordered = [h for _, h in sorted(zip(places, head, strict=True), key=lambda item: item[0])]
    return [*ordered, *hits[REASON_REACH:]]


def with_next_reason(ctx: Context, hits: list[Hit], answered: int, query: Query) -> list[Hit]:
    """For a "why" follow-up, or one asking for someone's account in other words: the
    candidates, with the paragraph told right after the earlier answer's first passage
    (``answered``) in its article among the first AFTER_REACH, so that ``told_after_first``
    (or, for an account, ``account_told_after``) can put it first, when it gives a reason, is
    not a candidate yet, and ``answered`` does not answer already: it gives no reason, or the
    question asks for someone's account (``account_of``: "why did it do that, according to
    bb?", "what does bb say that was really about?") and ``answered`` does not report them
    saying it. After what the regulator told the operators "due to security reasons",
    BlackBerry's "this notification came as a response to ..." shares no word of the question
    but "BlackBerry". (Over every set's follow-ups: 5 fixed, none broken; three wrong sure
    answers made right. Follow-ups asking for an account in other words: 2 more fixed, none
    broken.)"""
    forms = account_forms(query)
    if forms is None:
        gives = ctx.compiled.has_kind(answered, "why")
    else:
        gives = attributed_to(ctx.text_of(answered), forms)
    after = _told_next(ctx, answered)
    if (
        gives
        or after is None
        or any(h.paragraph == after for h in hits)
        or not ctx.compiled.has_kind(after, "why")
    ):
        return hits
    score = min((h.score for h in hits), default=0.0)
    return [*hits[: AFTER_REACH - 1], Hit(after, score), *hits[AFTER_REACH - 1 :]]


def told_after_first(ctx: Context, hits: list[Hit], answered: int) -> list[Hit]:
    """For a "why" follow-up ("why tho?" after "did the regulator warn the carriers?"): a news
    story tells what happened, then why, in the paragraph after it. So the candidate among the
    first AFTER_REACH that comes right after the earlier answer's first passage (``answered``)
    in its article, or after another outlet's copy of it, goes first. When none is among
    them, the order stays."""
    return _first_that(hits, AFTER_REACH, lambda hit: told_after(ctx, hit.paragraph, answered))


def reason_told_next(
    ctx: Context,
    question: str,
    top: int,
    cited: Callable[[], Sequence[int]] | None,
    query: Query | None = None,
) -> bool:
    """Whether a "why" follow-up ("why did bb say they did it?" after what the regulator told
    the operators) is led by a passage that gives a reason and comes right after the earlier
    answer's first (``told_after``): it tells why of what was just answered, though it may
    name it only as "this notification". So is one asking for someone's account ("what does
    bb say that was really about?"; ``query``: its reading, ``account_forms``) led by such a
    passage that reports them saying it ("But Blackberry claims that this notification came
    as a response to ...")."""
    if cited is None:
        return False
    if expected_kind(question) != "why":
        forms = None if query is None else account_forms(query)
        if forms is None or not attributed_to(ctx.text_of(top), forms):
            return False
    first = cited()[:1]
    return bool(first) and told_after(ctx, top, first[0]) and ctx.compiled.has_kind(top, "why")


def told_after(ctx: Context, paragraph: int, answered: int) -> bool:
    """Whether the paragraph comes right after ``answered`` in its article, or after another
    outlet's copy of it, or after another article's report of the same dated events in other
    words (the timeline's: Inferse's "made similar demands threatening to ban BlackBerry" and
    CP's "threatened to ban BlackBerry", both of 2010, where CP tells India's reason next;
    over every set, 25 fixed and 2 broken. Within one article, two paragraphs of the same
    event are no copies: the next paragraph follows only the one it comes after)."""
    before = _told_before(ctx, paragraph)
    if before is None:
        return False
    if before == answered or same_report_of(ctx.compiled.shingles_of)(before, answered):
        return True
    events = ctx.events_of.get(before)
    return (
        bool(events)
        and events == ctx.events_of.get(answered)
        and ctx.article_of(before) != ctx.article_of(answered)
    )


def reason_told_after(ctx: Context, hits: list[Hit]) -> list[Hit]:
    """For a "why" question whose first candidate tells what happened but gives no reason
    ("what reason did india give in 2010?": India's demand): a news story tells the reason in
    the paragraph after it (``told_after_first``), which goes first when it is a candidate and
    gives one."""
    if not hits or ctx.compiled.has_kind(hits[0].paragraph, "why"):
        return hits
    moved = told_after_first(ctx, hits, hits[0].paragraph)
    return moved if ctx.compiled.has_kind(moved[0].paragraph, "why") else hits


def account_told_after(ctx: Context, hits: list[Hit], query: Query) -> list[Hit]:
    """For a question asking for someone's account ("according to BlackBerry, what prompted
    the regulator's notice?", "what concern did India say was driving its threat?";
    ``answer_types.account_of``) led by a passage that does not report them saying it ("...
    due to security reasons": the regulator's own reason): a news story tells the other side's
    account after what happened ("But Blackberry claims that this notification came as a
    response to ..."), so the candidate told right after the first (``told_after``) that gives
    a reason and reports the one asked about saying it goes first. (Over every set, "why"
    questions: 6 fixed, none broken, 3 wrong sure answers made right; any question: 4 more
    fixed, none broken.)"""
    forms = account_forms(query)
    if forms is None or not hits:
        return hits
    top = hits[0].paragraph
    if attributed_to(ctx.text_of(top), forms):
        return hits

    def tells_their_reason(hit: Hit) -> bool:
        return (
            told_after(ctx, hit.paragraph, top)
            and ctx.compiled.has_kind(hit.paragraph, "why")
            and attributed_to(ctx.text_of(hit.paragraph), forms)
        )

    return _first_that(hits, AFTER_REACH, tells_their_reason)


def account_forms(query: Query) -> frozenset[str] | None:
    """The forms of the word naming whose account the question asks for (``account_of``:
    "bb" in "why did it do that, according to bb?"), to find them reported saying something
    (``attributed_to``); None when it asks for no one's."""
    word = account_of(query.text)
    if word is None:
        return None
    return frozenset({stem(word), *query.forms(query.term_of(word) or stem(word))})


def their_words_first(
    ctx: Context, hits: list[Hit], forms: frozenset[str], answered: int
) -> list[Hit]:
    """For a follow-up asking what "he" said ("what did he say when pakistan backed down?"
    after "who is marty beard?"; ``asks_for_words``, "he" resolved to the person the earlier
    answer reports speaking, ``Reading.referent``; ``forms``: their forms, ``person_forms``)
    led by a passage that does not quote him
    ("Marty Beard ... has just announced that the Pakistani government rescinded ..."): his
    words are the quotation that the article the user has just read from (``answered``'s)
    tells (``quotes_them``). Of its paragraphs that do, the first among the candidates goes
    first, or else its first in the article, which joins them (the follow-up's words and
    meaning find the report of what he did, not his quote: "“We look forward to ...,” said
    Beard"). When the first candidate quotes him already, in any article ("what did he say
    about wholesale access?": Inferse's "... we have never permitted wholesale access", said
    Marty Beard), the order stays. (Over every set's follow-ups: 19 fixed, none broken; three
    wrong sure answers fewer.) A question standing alone that names him ("wat did beard say
    after pak caved") reads its own first candidate's article so (the terms of his name; over
    every set, 7 fixed, none broken)."""
    if not hits:
        return hits
    if quotes_them(ctx, hits[0].paragraph, forms):
        return hits
    told = [p for p in _article_paragraphs(ctx, answered) if quotes_them(ctx, p, forms)]
    first = next((h for h in hits if h.paragraph in told), None)
    if first is None:
        if not told:
            return hits
        first = Hit(told[0], hits[0].score)
    return [first, *(h for h in hits if h.paragraph != first.paragraph)][: len(hits)]


def venue_first(ctx: Context, hits: list[Hit], answered: int) -> list[Hit]:
    """For a question asking where or how the statement in ``answered`` was made ("where did
    he post it?" after "who announced it?", ``answered`` the earlier answer's first passage;
    "where did beard post the announcement", its own first candidate; ``asks_venue``), the
    paragraph that tells where
    (``names_venue``: "Beard ... wrote on the company's blog") goes first. It is one of the
    paragraphs of ``answered``'s article or one reporting the same dated event
    (``Context.events_of``, ``_events_told``) in another: the first of them among the
    candidates, or else ``answered`` itself or the one nearest it in its article, or else the
    first told of the event, which joins the candidates. When none tells, or ``answered``
    tells of an earlier episode (background events of the timeline only), the order stays."""
    if not hits:
        return hits
    article = sorted(
        _article_paragraphs(ctx, answered), key=lambda p: (abs(p - answered), p > answered)
    )
    events = _events_told(ctx, answered)
    if events and all(ctx.events[e].background for e in events):
        return hits  # an earlier episode ("in 2010, India threatened a ban"): none was posted
    same = sorted(p for p, mine in ctx.events_of.items() if mine & events)
    told = [p for p in dict.fromkeys([*article, *same]) if names_venue(ctx.text_of(p))]
    if not told:
        return hits
    told = [h.paragraph for h in hits if h.paragraph in told] or told
    first = next((h for h in hits if h.paragraph == told[0]), Hit(told[0], hits[0].score))
    return [first, *(h for h in hits if h.paragraph != first.paragraph)][: len(hits)]


def _events_told(ctx: Context, paragraph: int) -> frozenset[int]:
    """The dated events the paragraph reports, or, when it reports none, those of the nearest
    paragraph before it in its article that does (the story it goes on telling)."""
    at: int | None = paragraph
    while at is not None:
        if events := ctx.events_of.get(at):
            return events
        at = _told_before(ctx, at)
    return frozenset()


def person_forms(query: Query, terms: Sequence[str]) -> frozenset[str]:
    """The forms of the question's terms naming a person (his name's), to find him quoted."""
    return frozenset(f for t in terms for f in query.forms(t))


def quotes_them(ctx: Context, paragraph: int, forms: frozenset[str]) -> bool:
    """Whether the paragraph quotes someone (``quotes``) and says it is one named by one of
    ``forms`` (``attributed_to``)."""
    text = ctx.text_of(paragraph)
    return quotes(text) and attributed_to(text, forms)


def _article_paragraphs(ctx: Context, paragraph: int) -> range:
    """The source numbers of the paragraph's article, in its order."""
    first = last = paragraph
    while (before := _told_before(ctx, first)) is not None:
        first = before
    while (after := _told_next(ctx, last)) is not None:
        last = after
    return range(first, last + 1)


def story_goes_on_first(
    ctx: Context, hits: list[Hit], reading: Reading, answered: int
) -> list[Hit]:
    """For a follow-up with words of its own led again by the earlier answer's first passage
    (``answered``), which the user has just read and which lacks some of those words ("would
    he hand over the actual msgs tho" after what John Chen said he would hand over): a news
    story goes on in its next paragraph, so the candidate told right after it goes first
    (``told_after_first``) when it holds one of those words, or an expansion of one ("actual
    correspondence" for "msgs")."""
    if not hits or hits[0].paragraph != answered:
        return hits
    held = ctx.compiled.terms_of(answered)
    if all(not held.isdisjoint(reading.query.forms(t)) for t in reading.own):
        return hits
    moved = told_after_first(ctx, hits, answered)
    told = ctx.compiled.terms_of(moved[0].paragraph)
    return moved if any(_holds(told, reading.query, t) for t in reading.own) else hits


def event_dated_first(
    ctx: Context, hits: list[Hit], answered: int, similarities: np.ndarray | None
) -> list[Hit]:
    """For "when was that?", a follow-up with no words of its own: the date of the event the
    earlier answer's first passage (``answered``) reports, as the timeline knows it. A
    paragraph that reports the same dated event and holds its date goes first: the first such
    candidate, or else, of those the timeline cites, the one nearest the question in meaning
    (joining at the best one's score). "did pak drop the shutdown order >> when was that" is
    answered with "wrote on the company's blog Thursday" rather than with the extension's
    "from 30th November to 30th December", which holds a date but reports another event. When
    the earlier answer reports no dated event, the candidates keep their order."""
    events = ctx.events_of.get(answered)
    if not events or not hits:
        return hits

    def dates_it(paragraph: int) -> bool:
        reported = ctx.events_of.get(paragraph)
        return (
            reported is not None
            and not reported.isdisjoint(events)
            and ctx.holds(paragraph, "when") > 0
        )

    found = next((h for h in hits if dates_it(h.paragraph)), None)
    if found is not None:
        return [found, *(h for h in hits if h is not found)]
    cited = {p for n in events for p in ctx.reporting(ctx.events[n]) if dates_it(p)}
    if not cited:
        return hits
    nearest = max(
        cited, key=lambda p: (0.0 if similarities is None else float(similarities[p]), -p)
    )
    return [Hit(nearest, hits[0].score), *hits][: len(hits)]


def own_words_first(
    ctx: Context, hits: list[Hit], reading: Reading, answered: int, seen: Sequence[int] = ()
) -> list[Hit]:
    """For a follow-up still led by the earlier answer's first passage (``answered``), or by
    another it was answered with (``seen``), which the user has just read, and which holds none
    of the follow-up's own words (nor an expansion of one): the candidate among the first
    OWN_REACH that holds the most of them goes first ("any new stuff coming there?" after "so
    can they keep using their phones?"; "are they doing badly money wise?" after "why would
    leaving pak be bad for bb": "poor quarterly earnings"; the passages ``seen`` beside the
    first, over every set's follow-ups: 4 fixed, none broken; any passage: 5 fixed, one
    broken). A follow-up asking for a date, a name or a number has its candidates ordered by
    that instead."""
    if not hits or (hits[0].paragraph != answered and hits[0].paragraph not in seen):
        return hits

    def held(hit: Hit) -> int:
        terms = ctx.compiled.terms_of(hit.paragraph)
        return sum(_holds(terms, reading.query, t) for t in reading.own)

    counts = [held(h) for h in hits[:OWN_REACH]]
    if counts[0] or not max(counts):
        return hits
    best = hits[counts.index(max(counts))]
    return [best, *(h for h in hits if h is not best)]


def _holds(held: frozenset[str], query: Query, term: str) -> bool:
    """Whether a paragraph's terms (``held``) hold the query's term, or an expansion of it:
    all the words of one ("chief executive" for "ceo"; "chief" alone, in "chief operating
    officer", is another role: over every set, 11 fixed and one broken against any word of
    one)."""
    return query.match(term, held) > 0


def episode_outcome_first(ctx: Context, hits: list[Hit], *, anywhere: bool = True) -> list[Hit]:
    """For a question on how something came out, led by a paragraph reporting an earlier
    episode (only background events of the timeline: "in 2010, India threatened a ban"): a
    news story tells how that came out in the paragraph after it. So that paragraph goes first,
    with the first paragraph's score, even when neither its words nor its meaning made it a
    candidate ("BlackBerry was able to convince each country ..." names neither the year nor a
    "standoff"; over every set: 11 more fixed, none broken). How the dispute itself came out is
    what the articles report last (``settled_first``), not what follows one of its events.
    Asked how something was done ("how did bb handle india n saudi in 2010?",
    ``answer_types.asks_how_done``), not ``anywhere``: only when it is a candidate already (over
    every set: 4 fixed, none broken, 3 wrong sure answers fewer; taken from anywhere, 4 fixed and
    one broken, "how did the press coverage describe ...", and a needless decline)."""
    if not hits:
        return hits
    top = hits[0]
    events = ctx.events_of.get(top.paragraph)
    if not events or not all(ctx.events[e].background for e in events):
        return hits
    after = _told_next(ctx, top.paragraph)
    if after is None:
        return hits
    told = next((h for h in hits if h.paragraph == after), None)
    if told is None:
        if not anywhere:
            return hits
        told = Hit(after, top.score)
    return [told, *(h for h in hits if h is not told)]


def same_episode_first(ctx: Context, hits: list[Hit], answered: int) -> list[Hit]:
    """For a follow-up asking how something came out ("how'd that end?") after an answer
    about an earlier episode (``answered`` reports only background events of the timeline, or
    follows a paragraph that does: "in 2010, India threatened a ban"): "that" is the episode,
    not the dispute, so the candidates reporting it, or told right after one that does, go
    first, each group in its order."""
    episode = _episode(ctx, answered)
    if not episode:
        return hits
    return sorted(hits, key=lambda h: _episode(ctx, h.paragraph) != episode)


def _episode(ctx: Context, paragraph: int) -> frozenset[int]:
    """The background events the paragraph reports, when it reports only such (for one that
    reports no event, those of the paragraph told before it: how that episode came out);
    else none."""
    events = ctx.events_of.get(paragraph)
    if not events and (before := _told_before(ctx, paragraph)) is not None:
        events = ctx.events_of.get(before)
    if not events or not all(ctx.events[e].background for e in events):
        return frozenset()
    return frozenset(events)


def _told_before(ctx: Context, paragraph: int) -> int | None:
    """The paragraph right before this one in its article, or None for an article's first."""
    before = paragraph - 1
    if before < 0 or ctx.article_of(before) != ctx.article_of(paragraph):
        return None
    return before


def _told_next(ctx: Context, paragraph: int) -> int | None:
    """The paragraph right after this one in its article, or None for an article's last."""
    after = paragraph + 1
    if after >= len(ctx.sources) or ctx.article_of(after) != ctx.article_of(paragraph):
        return None
    return after


def _first_that(hits: list[Hit], reach: int, test: Callable[[Hit], bool]) -> list[Hit]:
    """The first of the first ``reach`` candidates that passes ``test`` goes first; when none
    does, the order stays."""
    found = next((h for h in hits[:reach] if test(h)), None)
    if found is None or found is hits[0]:
        return hits
    return [found, *(h for h in hits if h is not found)]


def body_before_lede(ctx: Context, hits: list[Hit]) -> list[Hit]:
    """The second candidate first when the first is an article's lede (its first paragraph)
    and the second, a later paragraph of another article, scores nearly as well (LEDE_MARGIN
    of its score). A news story's lede sums up the whole story: it shares words and meaning
    with nearly every question about it, while the paragraph that answers one is most often a
    later one that tells it in full ("why would leaving have hurt BlackBerry?": the paragraph
    on its struggling business, not a lede reporting that it stays). The lede's own next
    paragraphs mostly say who said what it sums up ("..., Beard wrote on the company's
    blog"): the lede stays before them."""
    if len(hits) < 2:
        return hits
    lede, body = hits[0], hits[1]
    if (
        ctx.is_lead(lede.paragraph)
        and not ctx.is_lead(body.paragraph)
        and ctx.article_of(body.paragraph) != ctx.article_of(lede.paragraph)
        and body.score >= LEDE_MARGIN * lede.score
    ):
        return [body, lede, *hits[2:]]
    return hits


def reason_after_lede(
    ctx: Context, hits: list[Hit], similarities: np.ndarray | None, hypothetical: bool = False
) -> list[Hit]:
    """For a "why" question ("why did pak back down tho"): a lede tells what happened, the
    reason is mostly told further down. When the first candidate is a lede, the first
    paragraph of another article's body among the first REASON_LEDE_REACH (other ledes,
    copies of the story's summary, are passed over; the lede's own next paragraphs mostly say
    who said it) that scores at least REASON_LEDE_MARGIN of the lede and that meaning puts at
    least as close to the question goes before it: the lede led by its words, and a lede that
    holds the reason ("stays *after* the government backed off") is closer. A lede reporting
    how things stand at the story's end is never put after a paragraph that later reports may
    have overturned (``Context.overturned``). Nor before it one telling what would have
    happened ("Exiting Pakistan would've put BlackBerry in a difficult position"), a
    consequence, unless the question is put so too (``hypothetical``: "why would leaving hurt
    bb"; over every set: 7 fixed, 2 broken, whose reason was told so)."""
    if not hits or not ctx.is_lead(hits[0].paragraph):
        return hits
    lede = hits[0]
    article = ctx.article_of(lede.paragraph)

    def tells_reason(body: Hit) -> bool:  # (the lede itself, a lede, never does)
        paragraph = body.paragraph
        return (
            not ctx.is_lead(paragraph)
            and ctx.article_of(paragraph) != article
            and body.score >= REASON_LEDE_MARGIN * lede.score
            and not (paragraph in ctx.overturned and lede.paragraph not in ctx.overturned)
            and (similarities is None or similarities[paragraph] >= similarities[lede.paragraph])
            and (hypothetical or not counterfactual(ctx.text_of(paragraph)))
        )

    return _first_that(hits, REASON_LEDE_REACH, tells_reason)


def date_nearest_first(ctx: Context, hits: list[Hit], reading: Reading) -> list[Hit]:
    """For a "when" question: of the first DATE_REACH candidates, the one whose date stands
    nearest a word of the question's own (``answer_types.date_distance``) goes first, as the
    date of what it asks about ("when did bb announce it was pulling out": "announced in late
    November", not "announced that it will exit ... as of 30 November"). A candidate holding
    no date, or none of the words, comes after those that do; ties keep their order. When
    neither holds a date, the first of the first DATED_REACH that does goes first (over every
    set: 8 fixed, none broken; 4 wrong tentative answers declined instead)."""
    terms = reading.own if reading.context is not None else reading.query.terms
    forms = frozenset(f for t in terms for f in reading.query.forms(t))
    head = hits[:DATE_REACH]

    def distance(hit: Hit) -> float:
        found = date_distance(ctx.text_of(hit.paragraph), forms)
        return math.inf if found is None else found

    ordered = [*sorted(head, key=distance), *hits[DATE_REACH:]]
    # (A first that holds a date stays first.)
    return _first_that(ordered, DATED_REACH, lambda h: ctx.holds(h.paragraph, "when") > 0)


def counterfactual_first(ctx: Context, hits: list[Hit]) -> list[Hit]:
    """For a question about what would have happened ("would leaving pak have hurt bb?"): the
    articles tell it in the same mood ("Exiting Pakistan would've put BlackBerry in a difficult
    position"), so of the first MOOD_REACH candidates, those telling what would have happened
    go first, each group in its order."""
    head = sorted(hits[:MOOD_REACH], key=lambda h: not counterfactual(ctx.text_of(h.paragraph)))
    return [*head, *hits[MOOD_REACH:]]


def weekday_first(ctx: Context, hits: list[Hit]) -> list[Hit]:
    """For a question asking on which day of the week something happened: when the first
    candidate names no weekday, the first of the candidates that names one goes first ("wrote
    on the company's blog Thursday" before the lede that reports what was announced)."""
    return _first_that(hits, len(hits), lambda h: names_weekday(ctx.text_of(h.paragraph)))


def _with_symbol(ctx: Context, hits: list[Hit], wider: Callable[[int], list[Hit]]) -> list[Hit]:
    """For a question asking for a stock symbol, which a passage gives by its shape alone
    ("BlackBerry (TSX:BB)") and whose asking words ("ticker", "exchange") the articles do not
    write: when no candidate gives one, the best of the SYMBOL_REACH best (``wider``) that
    gives one joins them."""
    if any(names_symbol(ctx.text_of(h.paragraph)) for h in hits):
        return hits
    found = next((h for h in wider(SYMBOL_REACH) if names_symbol(ctx.text_of(h.paragraph))), None)
    return hits if found is None else [*hits, found]


def symbol_first(ctx: Context, hits: list[Hit]) -> list[Hit]:
    """For a question asking for a stock symbol: when the first candidate gives none, the first
    of the candidates that gives one goes first ("BlackBerry (TSX:BB) says ...")."""
    return _first_that(hits, len(hits), lambda h: names_symbol(ctx.text_of(h.paragraph)))


def listing_first(ctx: Context, hits: list[Hit]) -> list[Hit]:
    """For a question asking what kinds of a thing there are ("what kinds of info would chen
    hand over?"): a list answers it, so when the first candidate lists nothing, the first of the
    first LIST_REACH that lists several of something goes first ("a phone's location, which
    users contacted each other and certain metadata" before "hand private customer information
    over to law enforcement", which only restates the question)."""
    return _first_that(hits, LIST_REACH, lambda h: lists_several(ctx.text_of(h.paragraph)))


def rare_names_first(
    ctx: Context, hits: list[Hit], query: Query, terms: Sequence[str]
) -> list[Hit]:
    """For a question naming a place few paragraphs name ("why did *india* want bb msgs
    tho"; WordNet: a location or a country): a passage that does not name it tells of another
    place, however many of the question's other words it holds. So when the first candidate
    does not name every such place, the first of the first NAME_HELD_REACH that does goes
    first. ``terms``: the question's terms to look at (a follow-up's own)."""
    most = RARE_NAME_SHARE * len(ctx.sources)
    names = [
        t
        for t in terms
        if ctx.index.known(t)
        and ctx.is_name(t)
        and ctx.index.frequency(t) <= most
        and is_place(query.words.get(t, t))
    ]
    if not names:
        return hits

    def holds_all(hit: Hit) -> bool:
        held = ctx.compiled.terms_of(hit.paragraph)
        return all(not held.isdisjoint(query.forms(t)) for t in names)

    return _first_that(hits, NAME_HELD_REACH, holds_all)


def named_first(ctx: Context, hits: list[Hit], query: Query) -> list[Hit]:
    """For a question asking someone's name by what they are ("bb ceo name?"): a passage that
    mentions them by what they are but names no one ("BlackBerry CEO suggested ...") cannot
    answer it, so when the first candidate names no one (``Context.holds``, "who") or does not
    mention what they are, the first of the first NAME_REACH that does both goes first
    ("chief executive John Chen said ..."). What they are is told by the last word the
    question asks the name by, the head of its phrase (``answer_types.roles_asked``:
    "operators" in "which Pakistani mobile operators, by name?"), or an expansion of it
    ("chief executive" for "ceo")."""
    roles = roles_asked(query.text)
    head = query.term_of(roles[-1]) if roles else None
    if head is None or head not in query.expansions:
        return hits

    def names_one(hit: Hit) -> bool:
        held = ctx.compiled.terms_of(hit.paragraph)
        return _holds(held, query, head) and ctx.holds(hit.paragraph, "who") > 0

    return _first_that(hits, NAME_REACH, names_one)


def verb_held_first(ctx: Context, hits: list[Hit], query: Query) -> list[Hit]:
    """For a question asking for whom something was done to ("who did bb thank after pak
    backed down"; ``answer_types.verb_of_whom``): a passage that does not tell the deed
    (thanking: "grateful") cannot say to whom, however many of the other words it holds. So
    when the first candidate does not hold the verb or an expansion of it, the first of the
    first VERB_HELD_REACH that does goes first."""
    verb = verb_of_whom(query.text)
    term = query.term_of(verb) if verb is not None else None
    if term is None or term not in query.expansions:
        return hits
    return _first_that(
        hits, VERB_HELD_REACH, lambda h: _holds(ctx.compiled.terms_of(h.paragraph), query, term)
    )


def told_after_shown(ctx: Context, paragraph: int, shown: str) -> tuple[int, ...]:
    """For "what happened next?" after an answer shown by one sentence of ``paragraph``: when
    the paragraph goes on to report a dated event in a later sentence (the timeline's quote
    of it), that event is what happened next: the paragraphs reporting it, the others before
    this one, which the user has just read. "Notably, BlackBerry earlier said that it'll be
    shutting down operations ... by the end of this month" goes on "However, the company has
    now been notified ... to extend its shutdown order"; the paragraph's latest event would
    skip it. None when the paragraph tells no event after the sentence."""
    text = ctx.text_of(paragraph)
    at = text.find(shown)
    if at < 0:
        return ()
    for n in sorted(ctx.events_of.get(paragraph, ())):
        event = ctx.events[n]
        if event.background:
            continue
        cited = ctx.reporting(event)
        said = [c.quote for c, p in zip(event.citations, cited, strict=True) if p == paragraph]
        if any(text.find(q) > at for q in said):
            return (*(p for p in cited if p != paragraph), paragraph)
    return ()


def next_event_first(hits: list[Hit], following: tuple[int, ...]) -> list[Hit]:
    """For "what happened next?": the paragraphs reporting the event that followed the one
    the conversation was about first (they join the candidates at the best one's score)."""
    best = hits[0].score
    first = [Hit(p, best) for p in following]
    return [*first, *(h for h in hits if h.paragraph not in following)][: len(hits)]


def named_outlets_first(ctx: Context, hits: list[Hit], outlets: tuple[str, ...]) -> list[Hit]:
    """For a question that names its source ("According to TechJuice, ...", "How did Inferse
    put it?"): the candidates from those outlets first, each group in its order."""
    return sorted(hits, key=lambda h: ctx.sources[h.paragraph].article.outlet not in outlets)


def quoting_first(ctx: Context, hits: list[Hit], phrases: list[str]) -> list[Hit]:
    """For a question that quotes words ("which site called him 'marty chief'"): the
    candidates that hold them as quoted first, each group in its order. Words match wherever
    they stand; a quote is the user saying exactly what to look for."""
    return sorted(
        hits, key=lambda h: not any(p in folded(ctx.text_of(h.paragraph)) for p in phrases)
    )


def settled_first(ctx: Context, hits: list[Hit]) -> list[Hit]:
    """For a question about how the story came out: the candidates that report how things
    stand at the story's latest dated event first, those that later reports may have
    overturned (published before it: an exit announced, then called off) or that only tell
    an earlier event of the story (``Context.superseded``) after them, each group in its
    order."""
    superseded = ctx.superseded
    return sorted(hits, key=lambda h: h.paragraph in superseded)


def of_kind_first(ctx: Context, hits: list[Hit], kind: str) -> list[Hit]:
    """For a follow-up, whose earlier questions only say what it is about: the candidates
    that hold the kind of answer it asks for best (a date for "when was that?"; for "who
    announced it?", one naming who said it) first."""
    return sorted(hits, key=lambda h: -ctx.holds(h.paragraph, kind))


def agreed(ctx: Context, retrieved: Retrieved) -> bool | None:
    """Whether the ranking by words and the ranking by meaning put the same report first:
    the same paragraph, another outlet's copy of it, or a paragraph reporting the same dated
    event of the timeline; None when meaning is turned off."""
    if retrieved.similarities is None:
        return None
    if not retrieved.lexical:
        return False
    a, b = retrieved.lexical[0][0], int(np.argmax(retrieved.similarities))
    if a == b or same_report_of(ctx.compiled.shingles_of)(a, b):
        return True
    events = ctx.events_of
    return not events.get(a, frozenset()).isdisjoint(events.get(b, frozenset()))


def near_in_meaning(retrieved: Retrieved) -> bool | None:
    """Whether the fused first paragraph is among the NEAR_IN_MEANING closest to the question
    by meaning; None when meaning is turned off."""
    sims, top = retrieved.similarities, retrieved.top
    if sims is None:
        return None
    return top is not None and int((sims > sims[top]).sum()) < NEAR_IN_MEANING
