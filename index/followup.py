"""Reading a question in the context of the conversation's earlier questions.

In a chat the next question is often a follow-up: "when was that?", "who said it?", "why
tho?", "and pakistan?", "did they end up leaving?". Such a question leans on the one before it
for what it is about. It is told from a question that stands alone by its own words (all
closed-class English, nothing about this story):
- it has no content word of its own ("why tho?", "to when?"); or
- it refers back: a pronoun or determiner that points at something said before ("it", "that",
  "they", "his", "there", "another"), or "so" for what was said ("who said so?"); or
- it continues the earlier question: it opens with "and", "also", "what about", ...; or
- it asks what came next and names nothing else ("what happened next?"); or
- it names nothing but what the question just before it named ("what kind of data?" after
  "would the ceo give data to the police?");

but a question that names several things of its own (STANDS_ALONE_TERMS content terms) says
what it is about, whatever its pronouns or its opening.

A follow-up is read as the earlier question's terms and its own together: its own words say
what is asked (its kind of answer: a date for "when"), the earlier question's say what about.
Its meaning is both questions' together (their vectors added; the earlier one's was made when
it was asked). Whether the articles cover what it asks about is judged on its own words. A
question that stands alone ("what is
BES?") is read alone, even in a conversation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from index.answer import same_report_of
from index.answer_types import asks_for_source, followed_words, speaker
from index.context import Context
from index.query import Query, forms_idf
from index.question import read_question
from index.text import stem, words

# Earlier questions looked at: the latest few (oldest first).
MAX_CONTEXT = 3
# What an earlier question counts for in a follow-up's meaning, against the follow-up's own
# text (1): less, since what it now asks is in its own words ("why'd they change their
# mind?"). Over every set's follow-ups (540): 1: 306 first passages right, 0.75: 311 (5
# fixed, none broken), 0.45-0.6: 309-311.
EARLIER_MEANING = 0.75
# A question with this many content terms of its own says what it is about, whatever its
# pronouns: "did bb cave to the govt even tho they were struggling" stands alone. (No
# follow-up in the conversation sets has more than four; most have none to two.)
STANDS_ALONE_TERMS = 5
# Words that point back at something said before.
_BACK = frozenset(
    """it its itself that this these those they them their theirs themselves he him his
    himself she her hers herself there then same other others another else""".split()
)
# "The new date", "the original deadline": a thing told apart from another one, which the
# conversation named before.
_RELATIVE = re.compile(r"\bthe\s+(new|old|original|previous|next|earlier|later)\b", re.IGNORECASE)
# "Back then" in a follow-up points back at the time the conversation is about, as "then"
# does: its "back" is no word of its own ("what did bb say back then?" after "when did the
# rumours start?" would match "Back in 2010"). Standing alone, it stays a word: "how did bb
# deal w india n saudi back then" finds the 2010 episode by it.
_BACK_THEN = re.compile(r"\bback\s+then\b", re.IGNORECASE)
# Openings that continue the previous question.
_CONTINUING = re.compile(
    r"^\W*(and|also|plus|but|so|or|what about|how about|what of|as for|then)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Reading:
    """A question as read: its query, the texts its meaning is encoded from (its own first,
    then the earlier questions', latest first; ``weighted_texts``), and the earlier questions
    it was read with (None when it was taken to stand alone)."""

    query: Query
    texts: tuple[str, ...]
    context: tuple[str, ...] | None = None
    # The question's own terms: whether the articles cover what it adds is judged on them.
    own: tuple[str, ...] = ()
    # Among them, those of the person its "he" or "his" stands for (``resolve_person``).
    referent: tuple[str, ...] = ()

    def weighted_texts(self) -> list[tuple[str, float]]:
        """Each of ``texts`` with what it counts for in the question's meaning: its own text
        1, each earlier question's EARLIER_MEANING."""
        return [(text, 1.0 if i == 0 else EARLIER_MEANING) for i, text in enumerate(self.texts)]


def read_in_context(ctx: Context, question: str, earlier: Sequence[str]) -> Reading:
    """The question read alone, or, when it follows up on the ``earlier`` questions (oldest
    first), with them."""
    query = read_question(ctx, question)
    earlier = [e for e in earlier if e.strip()][-MAX_CONTEXT:]
    if not earlier or not (
        follows_up(question, query) or _repeats(query, read_question(ctx, earlier[-1]))
    ):
        return Reading(query, (query.text,))
    if _BACK_THEN.search(question):
        query = read_question(ctx, _BACK_THEN.sub("then", question))
    before = [read_question(ctx, e) for e in earlier]
    # "and the ceo?" after "who is marty beard": what it names stands in for the names the
    # earlier question asked about; the rest of that question ("who is") still holds.
    dropped = (
        frozenset(t for b in before for t in b.terms if ctx.is_name(t) and t not in query.terms)
        if _in_place_of(question, query)
        else frozenset()
    )
    merged = _merge(query, before, dropped)
    # Each text is encoded on its own and their vectors added, weighted (``weighted_texts``):
    # the earlier questions' vectors were made when they were asked.
    texts = (query.text, *(b.text for b in reversed(before)))
    return Reading(merged, texts, tuple(earlier), query.terms)


def restates_earlier(reading: Reading) -> bool:
    """Whether a follow-up only asks where the earlier answer comes from ("which site said
    that?", "source?"): it has no words of its own, and the earlier question's answer, whose
    citations name the outlets that reported it, answers it."""
    return reading.context is not None and not reading.own and asks_for_source(reading.query.text)


# The earlier answer's passages a follow-up's answer is measured against (as many as it cites).
THREAD_REACH = 3


def strays(ctx: Context, top: int, answered: Sequence[int]) -> bool:
    """Whether a follow-up's best passage ``top`` leaves the thread of the conversation: it
    is none of the first THREAD_REACH passages the earlier question was answered with
    (``answered``), nor another outlet's copy of one, nor from the same article as one. A
    follow-up asks more about what it was just told; a passage from elsewhere may answer it,
    but the words it is read with may as well have found it for the earlier question's
    sake."""
    near = answered[:THREAD_REACH]
    if not near or top in near:
        return False
    article = ctx.article_of(top)
    if any(ctx.article_of(p) == article for p in near):
        return False
    same = same_report_of(ctx.compiled.shingles_of)
    return not any(same(top, p) for p in near)


# A pronoun that points back at a person: "what's *his* job?", "what did *he* say about it?".
_PERSON = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
# The earlier answer's passages looked at for the person such a pronoun stands for.
PERSON_REACH = 3


def resolve_person(
    ctx: Context, reading: Reading, answered: Callable[[], Sequence[int]]
) -> Reading:
    """A follow-up that points back at a person ("what's his job?", "what did he say about
    it?") read with the name of the person the earlier answer reports as speaking: of the names
    of the first PERSON_REACH paragraphs it was answered with (``answered``, worked out only
    for such a follow-up), the one whose paragraph holds the most of the latest earlier
    question's words, weighed by their idf (``_person_asked``). The name counts as the
    follow-up's own words (it is what "he" says), so that "what's his job?" is about Marty
    Beard, not only about a job the articles never call one; the pronoun gives way to the name
    in the text encoded for its meaning. Any other reading is returned as it is."""
    if reading.context is None or not _PERSON.search(reading.query.text):
        return reading
    name = _person_asked(ctx, reading.query, reading.context[-1], answered()[:PERSON_REACH])
    if not name:
        return reading
    named = read_question(ctx, name)
    own = list(reading.own)
    referent = [t for t in named.terms if t not in own]
    merged = _merge(reading.query, [named])
    # Its terms right after the follow-up's own: the earlier questions' come last.
    rest = [t for t in merged.terms if t not in own and t not in referent]
    query = replace(merged, terms=(*own, *referent, *rest))
    texts = (_PERSON.sub(name, reading.texts[0]), *reading.texts[1:])
    return replace(
        reading, query=query, texts=texts, own=(*own, *referent), referent=tuple(referent)
    )


def _person_asked(ctx: Context, query: Query, earlier: str, paragraphs: Sequence[int]) -> str:
    """The name of the person the ``earlier`` question asked about, among those the
    ``paragraphs`` report as speaking: the one whose paragraph holds the most of that
    question's words (or all the words of one of their alternatives: "chief executive" for
    "ceo", not "chief" alone; ``Query.match``), each weighed by its idf; the first on a tie.
    "Who's bb's ceo" answered with the COO's blog post before "chief executive John Chen said
    ...": "he" is John Chen (over every set's follow-ups: 9 fixed, none broken; the first
    speaker named was taken before). ``query``: the follow-up's, which holds the earlier
    question's terms with their forms and expansions."""
    named = [(p, name) for p in paragraphs if (name := speaker(ctx.text_of(p)))]
    asked = [t for t in read_question(ctx, earlier).terms if t in query.expansions]

    def weight(paragraph: int) -> float:
        held = ctx.compiled.terms_of(paragraph)
        return sum(forms_idf(query.forms(t), ctx.index.idf) for t in asked if query.match(t, held))

    # (max keeps the first of equal ones.)
    return max(named, key=lambda n: weight(n[0]))[1] if named else ""


# "so" standing for what was said, ending the question: "which outlet said so?", "who says so".
_SO = re.compile(r"\w\W+so\W*$", re.IGNORECASE)


def follows_up(question: str, query: Query) -> bool:
    """Whether the question leans on an earlier one for what it is about."""
    if len(set(query.terms)) >= STANDS_ALONE_TERMS:
        return False
    if not query.terms or _CONTINUING.search(question) or _SO.search(question):
        return True
    if _RELATIVE.search(question):
        return True
    # "what happened next?": next after what was said, when it names nothing of its own.
    if set(query.terms) <= {stem(w) for w in followed_words(question)}:
        return True
    return not _BACK.isdisjoint(words(question))


def _repeats(query: Query, latest: Query) -> bool:
    """Whether the question names nothing but what the latest earlier question named ("what
    kind of data?" after "would the ceo give data to the police?"): it asks more about what
    that one asked, not about something of its own."""
    said = set(latest.terms)
    return bool(query.terms) and all(
        t in said or not said.isdisjoint(query.forms(t)) for t in query.terms
    )


def _in_place_of(question: str, query: Query) -> bool:
    """Whether the question continues the earlier one with something of its own in place of
    what that one named ("and the ceo?", "what about india?"), pointing back at nothing."""
    return (
        bool(query.terms)
        and _CONTINUING.search(question) is not None
        and _BACK.isdisjoint(words(question))
    )


def _merge(query: Query, before: Sequence[Query], dropped: frozenset[str] = frozenset()) -> Query:
    """The follow-up's query with the earlier questions' terms added after its own (but for
    the ``dropped`` ones): its kind of answer, or the latest earlier one's when it asks for
    none ("and the ceo?" after "who is ..."), and the outlets it names, or else those any of
    them named ("and inferse?" after "what did softpedia think of it" asks Inferse alone)."""
    terms = list(query.terms)
    expansions = dict(query.expansions)
    equivalents = dict(query.equivalents)
    written = dict(query.words)
    sources = list(query.sources)
    for b in reversed(before):  # the latest first: its terms count when the earlier repeat them
        for term in b.terms:
            if term not in expansions and term not in dropped:
                terms.append(term)
                expansions[term] = b.expansions[term]
                if term in b.equivalents:
                    equivalents[term] = b.equivalents[term]
                # Not a word the user wrote in this question: reasons never name it.
                written.setdefault(term, b.words.get(term, term))
    if not sources:  # outlets it names take the place of the earlier ones
        sources = list(dict.fromkeys(s for b in reversed(before) for s in b.sources))
    kind = query.kind or next((b.kind for b in reversed(before) if b.kind), None)
    return Query(query.text, tuple(terms), expansions, kind, equivalents, tuple(sources), written)
