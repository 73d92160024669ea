"""What the corpus knows of a question: for each of its terms, how far the articles use it (or
a synonym of it), how much it weighs, and whether the best paragraph holds it; and the kind of
answer it demands that no candidate holds. ``index.abstention.judge`` turns this into a
verdict."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from index.abstention import TermEvidence
from index.answer_types import (
    NUMBER,
    REASON_WORDS,
    asked_for,
    asks_name_of_someone,
    asks_whether,
    asks_who,
    counted,
    deed_asked,
    deed_counted,
    deed_dated,
    demanded,
    holds,
    intended,
    named_ones,
    places,
    stresses_deed,
    which_kind,
    yes_no_subject,
)
from index.compounds import modifiers_only
from index.context import Context
from index.expansion import THESAURUS_SENSES, Alternative
from index.highlight import highlight
from index.query import Query, forms_idf
from index.reading import rarity
from index.text import content_stems, stem, words
from index.thesaurus import WordNet, wordnet

# How far a word the articles never use counts as known when they use a synonym of it ...
LOOSE_KNOWN = 0.5
# ... one of the lexicon's near-synonyms (``synonyms.txt``, chosen for news English: "handset"
# for "phone", "regulator" for "authority"), which says more than one of WordNet's senses
# (over every set, 0.5 -> 0.75: 8 more right first, 16 needless declines fewer; 3
# out-of-scope questions no longer declined, 3 more wrong sure answers; 0.65: 6, 13, 2, 1).
LEXICON_KNOWN = 0.75


# What "reason" or "excuse" asks for, which a paragraph giving a reason holds.
_REASON_TERMS = frozenset(stem(w) for w in REASON_WORDS)


def evidence(ctx: Context, query: Query, top: int | None) -> list[TermEvidence]:
    """What the question's terms have going for them (a follow-up's with those its earlier
    questions lend it); ``top`` is the best paragraph."""
    present = ctx.kept(_present)(top) if top is not None else frozenset()
    if top is not None:
        present -= _only_qualifying(ctx, query, top)
    # A paragraph that gives a reason holds what "reason" or "excuse" asked for.
    if top is not None and query.kind == "why" and ctx.compiled.has_kind(top, "why"):
        present |= _REASON_TERMS
    term_evidence = ctx.kept(_term_evidence)
    return [
        term_evidence(
            term,
            query.forms(term),
            query.expansions[term],
            query.words.get(term),
            query.match(term, present),
        )
        for term in dict.fromkeys(query.terms)
    ]


def known_share(ctx: Context, query: Query, own: Sequence[str] = ()) -> float:
    """The share of the question's weight in words the articles know (a word known only
    through a synonym counts LOOSE_KNOWN): of a follow-up's ``own`` terms when it brings any,
    since its earlier questions' are known to be about the story."""
    terms = evidence(ctx, query, None)
    asked = [t for t in terms if t.term in own] or terms
    total = sum(t.weight for t in asked)
    return sum(t.weight * t.known for t in asked) / total if total else 1.0


def _only_qualifying(ctx: Context, query: Query, paragraph: int) -> set[str]:
    """The question's terms that the paragraph uses only to qualify the head of a compound
    noun the question does not name ("law" in "law enforcement", asked "what law did they
    cite?"; ``index.compounds``): it does not speak of them."""
    qualifying = ctx.kept(_qualifying)(paragraph)
    if not qualifying:
        return set()
    asked = {w for t in query.terms for w in _found_as(query, t)}
    return {t for t in query.terms if t in qualifying and qualifying[t].isdisjoint(asked)}


def _qualifying(ctx: Context, paragraph: int) -> dict[str, frozenset[str]]:
    """``compounds.modifiers_only`` of the paragraph (kept by ``Context.kept``)."""
    return modifiers_only(ctx.text_of(paragraph))


def _present(ctx: Context, paragraph: int) -> frozenset[str]:
    """The paragraph's terms and its article's metadata terms (kept by ``Context.kept``:
    questions keep finding the same paragraphs best)."""
    return ctx.compiled.terms_of(paragraph) | ctx.metadata_of(paragraph)


def _term_evidence(
    ctx: Context,
    term: str,
    forms: tuple[str, ...],
    alternatives: tuple[Alternative, ...],
    written: str | None,
    in_top: float,
) -> TermEvidence:
    """A term's evidence, given how far the best paragraph holds it (``in_top``): its weight,
    how far the corpus knows it, the name it is when unknown, whether a headline has it.
    They depend on the term, its forms and alternatives and the word written (None when the
    question did not write it), not on the rest of the question: kept by ``Context.kept``
    for the terms of later questions (a TermEvidence is frozen, so it can be shared)."""
    known = _coverage(ctx, term, forms, alternatives)
    return TermEvidence(
        term=term,
        weight=_weight(ctx, term, forms, written or term, known),
        known=known,
        in_top=in_top,
        specific="" if known else _specific(ctx, written or ""),
        headline=any(ctx.in_headlines(f).size for f in forms),
    )


def in_vocabulary(ctx: Context, term: str) -> bool:
    """The corpus uses the term, or (for a term it never uses) one of its expansions, or what
    it pertains to ("indian": India, which a question writing "Indian authorities" does not
    ask about something the articles never mention), or it names an outlet or a year of
    publication."""
    return ctx.kept(_in_vocabulary)(term)


def _in_vocabulary(ctx: Context, term: str) -> bool:
    """``in_vocabulary``, kept by ``Context.kept`` for the words of later questions."""
    if ctx.index.known(term) or term in ctx.metadata_terms:
        return True
    alternatives = ctx.expander.alternatives(term, False)
    if any(all(map(ctx.index.known, a)) for a in alternatives):
        return True
    thesaurus = wordnet()
    if thesaurus is None:
        return False
    # A demonym's stem is the word ("indian", "saudi", "canadian").
    pertaining = (content_stems(words(p)) for p in thesaurus.pertains_to(term, THESAURUS_SENSES))
    return any(stems and all(map(ctx.index.known, stems)) for stems in pertaining)


def _coverage(
    ctx: Context, term: str, forms: tuple[str, ...], alternatives: tuple[Alternative, ...]
) -> float:
    """How far the corpus knows a term with these forms and alternatives: 1 when it uses the
    term, something it shows to be the same, or its name in the metadata; LEXICON_KNOWN when
    it uses only one of the lexicon's near-synonyms of it, LOOSE_KNOWN when only another
    synonym; else 0."""

    def uses(alternatives: tuple[Alternative, ...]) -> bool:
        return any(all(map(ctx.index.known, a)) for a in alternatives)

    if term in ctx.metadata_terms or any(map(ctx.index.known, forms)):
        return 1.0
    if uses(ctx.expander.short_forms(term, False)):
        return 1.0
    if uses(ctx.expander.groups.get(term, ())):
        return LEXICON_KNOWN
    return LOOSE_KNOWN if uses(alternatives) else 0.0


def missing_kind(
    ctx: Context, query: Query, ranked: Sequence[tuple[int, float]], terms: list[TermEvidence]
) -> str:
    """The kind of answer the question demands (a price, a count, a person's name) that none
    of the best paragraphs holds, as a reason names it, or ""."""
    holding, telling = ctx.kept(_holds), ctx.kept(_tells)
    for name, pattern in demanded(query.text):
        # What a count counts must follow its figure; a length of time ("how many days
        # extra?") is told by any span ("from November 30 to December 30"). People are
        # counted by what they did: "166 people" killed do not say how many bb employs.
        counting = _counting(query) if name == NUMBER else frozenset()
        deed = _deed_forms(query) if name == NUMBER else frozenset()
        if not any(
            holding(i, pattern, counting) and (not deed or telling(i, deed)) for i, _ in ranked
        ):
            return f"{name} for this"
    return _unnamed_person(query, terms)


# WordNet's pointer from a verb to what it causes ("kill" -> "die").
_CAUSES = frozenset({">"})


def _deed_forms(query: Query) -> frozenset[str]:
    """The stems a count of people's deed is told by (``answer_types.deed_counted``): its
    own, its forms and its one-word alternatives; none when the count names no such deed."""
    deed = deed_counted(query.text)
    if deed is None:
        return frozenset()
    term = query.term_of(deed) or stem(deed)
    alternatives = (a[0] for a in query.expansions.get(term, ()) if len(a) == 1)
    return frozenset({stem(deed), term, *query.forms(term), *alternatives})


def _tells(ctx: Context, paragraph: int, deed: frozenset[str]) -> bool:
    """Whether the paragraph tells the deed (stems ``deed``): it uses one of them, or a verb
    that WordNet says causes it ("killed 166 people" tells how many died). Kept by
    ``Context.kept``."""
    found = set(words(ctx.text_of(paragraph)))
    if any(stem(w) in deed for w in found):
        return True
    thesaurus = wordnet()
    return thesaurus is not None and any(
        stem(caused) in deed for w in found for caused in thesaurus.related(w, 1, _CAUSES)
    )


def _counting(query: Query) -> frozenset[str]:
    """The stems of what a "how many" question counts (``answer_types.counted``), each with
    the forms the question's reading gives it ("contries": "countri")."""
    asked = counted(query.text)
    thesaurus = wordnet()
    if asked and thesaurus is not None and _only_a_verb(thesaurus, asked[0]):
        # "how many died", "how many were arrested": it counts whoever did it, which any
        # figure may ("killed 166 people").
        return frozenset()
    out: set[str] = set()
    for word in asked:
        term = query.term_of(word) or stem(word)
        out.update((stem(word), term, *query.forms(term)))
    return frozenset(out)


def _only_a_verb(thesaurus: WordNet, word: str) -> bool:
    """Whether WordNet knows the word as a verb and not as a noun ("died", not "users")."""
    return bool(thesaurus.base_forms(word, "verb")) and not thesaurus.base_forms(word, "noun")


def _holds(
    ctx: Context, paragraph: int, pattern: re.Pattern[str], counting: frozenset[str]
) -> bool:
    """Whether the paragraph holds an answer of a demanded kind (``answer_types.holds``),
    kept by ``Context.kept``: the same paragraphs keep answering such questions."""
    return holds(ctx.text_of(paragraph), pattern, counting)


def _weight(ctx: Context, term: str, forms: tuple[str, ...], word: str, known: float) -> float:
    """A term's weight as evidence: its idf, scored as one with its forms (for a term only
    the articles' metadata hold, such as the year they were published, its idf over the
    articles); for a word the corpus never uses, the highest idf scaled down by how common
    the ``word`` written is in English (a background model: "bad" says less about what is
    asked than "valorant")."""
    if not ctx.index.known(term) and term in ctx.metadata_terms:
        return ctx.metadata_idf(term)
    weight = forms_idf(forms, ctx.index.idf)
    return weight * rarity(word) if known < 1 else weight


def _specific(ctx: Context, word: str) -> str:
    """The word, when it names something particular the articles never mention: no English
    word ("valorant"), a figure ("2024"), or a place or other thing WordNet knows only by name
    ("indonesia")."""
    if ctx.reader.specific(word):
        return word
    thesaurus = wordnet()
    return word if thesaurus is not None and thesaurus.is_name(word) else ""


def _unnamed_person(query: Query, terms: list[TermEvidence]) -> str:
    """The name a question asks for, by a person's role ("Who was *chairman* of ...",
    "Which *minister* ...") or deed ("Who *chaired* ..."), when the articles never use the
    word, nor a synonym of it (its evidence: not known at all): they cannot name them.
    Else ""."""
    thesaurus = wordnet()
    if thesaurus is None:
        return ""
    known = {t.term: t.known for t in terms}
    by_who = asks_who(query.text)
    for word in asked_for(query.text):
        term = query.term_of(word)
        if term is None or known.get(term) != 0:
            continue
        # A person's role ("chairman"), or a deed whose doer is one ("chaired": a chairman);
        # not a word that anyone may be called by ("the bb guy").
        if thesaurus.says_only_sex_or_age(word):
            continue
        if thesaurus.is_a(word, "person"):
            return f"name of any “{word}”"
        if by_who and thesaurus.doer_is_a(word, "person"):
            return f"name of anyone who “{word}”"
    return ""


def overturned(ctx: Context, query: Query, top: int) -> bool:
    """Whether the best passage ``top`` cannot settle the question: asked how something came
    out, a passage whose answer sentence only tells what someone meant or threatened to do
    ("threatened to ban", "it will exit"), whichever episode it is about, or a report that
    later ones may have overturned (``Context.overturned``: an exit announced, then called off);
    asked whether something happened, such a report when its sentence only tells what someone
    meant to do."""
    if query.kind == "outcome":
        return top in ctx.overturned or intended(highlight(ctx, query, top))
    if top not in ctx.overturned:
        return False
    return asks_whether(query.text) and intended(highlight(ctx, query, top))


def asks_if_it_came_about(ctx: Context, question: str, query: Query, top: int) -> bool:
    """Whether the question asks if something meant to happen came about, so that how the
    story came out answers it, as it answers "did they leave in the end?". It asks whether
    something was done and its best passage ``top`` is a report that later ones may have
    overturned (``Context.overturned``); and either it stresses that the deed was done ("so
    did bb *actually* leave pak?", ``answer_types.stresses_deed``) and that report only tells
    what someone meant to do ("it will exit Pakistani market") or was found by the news the
    later reports changed (``Context.overturned_news``, "exit"), or the deed it asks about
    (``answer_types.deed_asked``: "leave" in "did bb leave pak or nah?") is that news.
    ``question``: as written (the reading drops "actually" as filler). (A kind that a
    follow-up's earlier question lent it, "till when", is no part of what it now asks.)"""
    if query.kind == "outcome" or top not in ctx.overturned or not asks_whether(query.text):
        return False
    news = ctx.overturned_news
    if stresses_deed(question):
        return _names_any(query, query.terms, news) or overturned(
            ctx, replace(query, kind=None), top
        )
    verb = deed_asked(question)
    return verb is not None and _names_any(query, (stem(verb),), news)


def _names_any(query: Query, terms: Sequence[str], news: frozenset[str]) -> bool:
    """Whether any of the question's ``terms`` (one of its forms or alternatives) is in
    ``news``."""
    return any(
        word in news
        for term in terms
        if term in query.expansions
        for word in _found_as(query, term)
    )


def _found_as(query: Query, term: str) -> tuple[str, ...]:
    """The words a question term is found as: its forms and its alternatives' words."""
    return (*query.forms(term), *itertools.chain(*query.expansions[term]))


def unnamed(ctx: Context, question: str, top: int) -> bool:
    """Whether the question asks which ones of a kind of person, body or place ("which
    software firms did they buy?") and the best passage ``top`` mentions the kind but names
    none: no name right after it (``answer_types.named_ones``) and no name of a person, a body
    or a place anywhere in it; or asks the name of a person or a body ("bb ceo name?") and the
    passage names none ("BlackBerry CEO suggested ...")."""
    if asks_name_of_someone(question) and not ctx.compiled.has_kind(top, "who"):
        return True  # "bb ceo name?" answered by "BlackBerry CEO suggested ..."
    if named_ones(question, ctx.text_of(top)) is not False:
        return False
    return not (ctx.compiled.has_kind(top, "who") or ctx.compiled.has_kind(top, "where"))


def unmentioned(query: Query, question: str, terms: Sequence[TermEvidence]) -> bool:
    """Whether the question asks which one of a kind of thing ("which law did pakistan use?",
    ``answer_types.which_kind``) and the best passage does not mention that kind, nor an
    alternative of it: it cannot tell which one."""
    kind = which_kind(question)
    if not kind:
        return False
    term = query.term_of(kind) or stem(kind)
    return any(t.term == term and t.in_top == 0 for t in terms)


def undated(query: Query, question: str, terms: Sequence[TermEvidence]) -> bool:
    """Whether a "when" question asks the date of a deed that the articles never tell: its
    verb ("become" in "when did john chen become ceo?", ``answer_types.deed_dated``) is one of
    its terms that neither the best passage holds nor the articles use, nor a synonym of it.
    The date the passage holds is then the date of something else."""
    verb = deed_dated(question) if query.kind == "when" else None
    if verb is None:
        return False
    term = stem(verb)
    return any(t.term == term and t.in_top == 0 and t.known < 1 for t in terms)


# "In <place>": what the question restricts what it asks to ("when will the Priv go on sale in
# Pakistan?").
_IN_PLACE = re.compile(r"\bin\s+([^\W\d_][\w'’-]*)", re.IGNORECASE)
# "There" naming a place ("decided to stay there"), not saying that something is ("there is").
_THERE = re.compile(
    r"\bthere\b(?!\s+(is|are|was|were|will|would|has|have|had|be|been|may|might|can|could)\b)",
    re.IGNORECASE,
)


def elsewhere(ctx: Context, query: Query, question: str, top: int) -> bool:
    """Whether the question restricts what it asks to a place ("when will the Priv go on sale
    in Pakistan?") that the best passage ``top`` neither names nor points to ("there"): what
    it tells may hold elsewhere ("rolling out its latest Priv smartphone across the world").
    The place may be written as the articles never write it ("in pak"): its alternatives
    name it."""
    text = ctx.text_of(top).lower()
    for word in _IN_PLACE.findall(question):
        term = query.term_of(word.lower()) or stem(word)
        names = [word, *(a[0] for a in query.expansions.get(term, ()) if len(a) == 1)]
        if not any(places(name.capitalize()) for name in names):
            continue
        if not any(name.lower() in text for name in names) and not _THERE.search(text):
            return True
    return False


def unknown_subject(ctx: Context, query: Query, question: str) -> list[str]:
    """What a yes/no question asks about (``answer_types.yes_no_subject``), when the articles
    never use it nor any alternative of it, as written: "did apple get the same demand from
    pakistan?" asks about something they never mention, however well its other words match.
    Only when no word of the articles comes before its auxiliary: "and bb was fine with that?"
    asks about BlackBerry."""
    found = yes_no_subject(question)
    if found is None:
        return []
    subject, before = found
    if any(in_vocabulary(ctx, stem(w)) for w in before):
        return []
    term = query.term_of(subject) or stem(subject)
    return [] if in_vocabulary(ctx, term) else [subject]


def named_subject(ctx: Context, unknown: Sequence[str], question: str) -> str:
    """Of ``unknown``, what the yes/no question asks about when the articles never use it
    (``unknown_subject``), that subject as written when it names one particular thing:
    capitalised ("Has *China* ever made similar demands?"), no English word, or a word WordNet
    knows as a name ("did *russia* ever ..."). Else "": a common word ("did any *site* ...")
    may stand for something they do cover, and "bbs" is BlackBerry's."""
    if not unknown:
        return ""
    subject = unknown[0]
    if subject.endswith("s") and in_vocabulary(ctx, stem(subject[:-1])):
        return ""  # "did bbs ceo ...": a possessive without its apostrophe
    written = re.search(rf"\b{re.escape(subject)}\b", question, re.IGNORECASE)
    shown = written.group(0) if written else subject
    thesaurus = wordnet()
    if (
        shown[:1].isupper()
        or ctx.reader.specific(subject)
        or (thesaurus is not None and thesaurus.can_name(subject))
    ):
        return shown
    return ""


def capitals(query: Query, within: frozenset[str]) -> frozenset[str]:
    """Of the places inside one the articles cover (``named_within``), those WordNet knows as
    a country's capital: news names a government by its capital ("Islamabad's change of
    heart", "what was Islamabad seeking?"), so what the articles say of the country's
    government is said of it."""
    thesaurus = wordnet()
    if thesaurus is None:
        return frozenset()
    return frozenset(
        t for t in within if thesaurus.is_a(query.words.get(t, t).lower(), "national_capital")
    )


def named_within(ctx: Context, query: Query, terms: Sequence[TermEvidence]) -> frozenset[str]:
    """The question's terms that name something the articles never mention, which WordNet
    knows only by name and places inside something they do ("karachi": a city of Pakistan,
    ``expansion.RELATIONS``). Such a name is no reason to decline, as a name they never
    mention is, but nor is it known: what the articles say of Pakistan is not said of Karachi
    ("what's the weather in karachi today?")."""
    thesaurus = wordnet()
    if thesaurus is None:
        return frozenset()
    return frozenset(
        t.term
        for t in terms
        if 0 < t.known < 1  # known through an alternative only
        and not in_vocabulary(ctx, t.term)
        and thesaurus.is_name(query.words.get(t.term, t.term).lower())
        and any(all(map(ctx.index.known, a)) for a in query.expansions.get(t.term, ()))
    )
