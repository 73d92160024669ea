"""What every stage of answering reads about the corpus, worked out once per corpus.

A question flows one way through stages that each take the previous stage's value and this
context: read (``index.question``) -> retrieve (``index.lexical``, ``index.dense``,
``index.fusion``) -> judge (``index.evidence``, ``index.abstention``) -> compose
(``index.highlight``, ``index.compose``). No stage calls back into the engine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from typing import Concatenate, ParamSpec, TypeVar, cast

import numpy as np

from index.answer import Source
from index.answer_types import attributes, speaker
from index.bm25 import BM25Index, kept_entries
from index.compiled import Compiled
from index.corpus import Corpus
from index.dense import DenseIndex
from index.expansion import Alternative, Expander
from index.outlets import Outlets
from index.query import set_weights
from index.reading import Reader
from index.text import tokens
from index.timeline import Event

_NONE = np.zeros(0, dtype=np.intp)
# Results kept per function by ``Context.kept`` (terms and paragraphs of recent questions).
_KEPT = 4096
# Question terms whose headline credit is kept for questions asked again (``lead_credit``):
# at most this many, and as many as the budget holds when each entry holds the most it can
# (about 40 bytes an article, as a list of Python ints).
_KEPT_TERMS = 1024
_KEPT_BYTES = 4 << 20
# A word, or a mark that ends a sentence (the next word opens one).
_WORD_OR_STOP = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[.!?:]")


P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Context:
    corpus: Corpus
    compiled: Compiled
    # Makes the timeline when it is first needed (outcome questions need it).
    make_timeline: Callable[[Corpus], list[Event]]
    # The paragraphs' meaning as vectors, and the model that reads questions; None: words only.
    dense: DenseIndex | None = None
    sources: tuple[Source, ...] = field(init=False)
    # Whether each term looked at so far is a name (``is_name``).
    _names: dict[str, bool] = field(init=False, default_factory=dict, repr=False)
    # The functions ``kept`` keeps results of, each with its cache.
    _kept: dict[Callable[..., object], Callable[..., object]] = field(
        init=False, default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        self.sources = tuple(Source(a, p) for a in self.corpus.articles for p in a.paragraphs)

    @property
    def index(self) -> BM25Index:
        return self.compiled.bm25

    @cached_property
    def expander(self) -> Expander:
        return Expander.build((s.paragraph.text for s in self.sources), self.index.postings.terms)

    @cached_property
    def outlets(self) -> Outlets:
        return Outlets.build(a.outlet for a in self.corpus.articles)

    @cached_property
    def reader(self) -> Reader:
        """Reads chat as typed; misspelt words are corrected to corpus terms and to the
        outlets' names ("sofpedia")."""
        return Reader([*self.index.postings.terms, *self.metadata_terms], self.index.frequency)

    @cached_property
    def metadata_terms(self) -> frozenset[str]:
        """Terms the articles' metadata give: outlets' names, years of publication."""
        years = {str(a.published.year) for a in self.corpus.articles}
        return frozenset(t for n in self.outlets.names.values() for t in n) | years

    @cached_property
    def metadata_of_article(self) -> dict[str, frozenset[str]]:
        """Per article id, the terms its metadata give: its outlet's name and the year it was
        published. A paragraph holds them as its article's (a question about "the 2015 demand"
        is about any paragraph of an article from 2015)."""
        names = self.outlets.names
        return {
            a.id: frozenset([*names.get(a.outlet, ()), str(a.published.year)])
            for a in self.corpus.articles
        }

    def metadata_of(self, paragraph: int) -> frozenset[str]:
        return self.metadata_of_article[self.article_of(paragraph)]

    def metadata_idf(self, term: str) -> float:
        """How much a metadata term tells articles apart (BM25's idf over the articles'
        metadata): next to nothing for the year every article was published in."""
        n = sum(term in m for m in self.metadata_of_article.values())
        total = len(self.metadata_of_article)
        return math.log(1 + (total - n + 0.5) / (n + 0.5))

    def is_name(self, term: str) -> bool:
        """Whether the articles always write the term with a capital, and do so inside a
        sentence at least once: a name ("Beard", "Pakistan", "BES"), not a word that only
        opens a sentence now and then ("However")."""
        known = self._names.get(term)
        if known is None:
            known = self._names[term] = _always_capitalised(
                term, (self.text_of(int(i)) for i in self.index.postings_of(term)[0])
            )
        return known

    @cached_property
    def outlet_paragraphs(self) -> dict[str, np.ndarray]:
        by_outlet: dict[str, list[int]] = {}
        for i, s in enumerate(self.sources):
            by_outlet.setdefault(s.article.outlet, []).append(i)
        return {o: np.array(p, np.intp) for o, p in by_outlet.items()}

    @cached_property
    def leads(self) -> np.ndarray:
        """Source numbers of the articles' first paragraphs."""
        return np.array(
            [i for i, s in enumerate(self.sources) if s.paragraph.number == 1], dtype=np.intp
        )

    def is_lead(self, paragraph: int) -> bool:
        """Whether the paragraph (a source number) is its article's first, one of ``leads``
        (asked of candidates at every question: a look-up, not a search of the array)."""
        return self.sources[paragraph].paragraph.number == 1

    @cached_property
    def headline_terms(self) -> dict[str, np.ndarray]:
        """Per headline term, the leads (positions in ``leads``) whose headline has it."""
        in_headline: dict[str, list[int]] = {}
        for n, i in enumerate(self.leads):
            for term in dict.fromkeys(tokens(self.sources[i].article.title)):
                in_headline.setdefault(term, []).append(n)
        return {t: np.array(n, dtype=np.intp) for t, n in in_headline.items()}

    def in_headlines(self, term: str) -> np.ndarray:
        """The leads (positions in ``leads``) whose headline has the term."""
        return self.headline_terms.get(term, _NONE)

    @cached_property
    def lead_credit(
        self,
    ) -> Callable[[tuple[str, ...], tuple[Alternative, ...]], tuple[tuple[list[int], float], ...]]:
        """What a question term (its forms and alternatives) adds to the weight of each
        article's headline (``index.query.set_weights`` over ``in_headlines``): lists of
        positions in ``leads`` (at most one per article), each with the weight added to them.
        It depends on the term alone, so it is kept for the terms of later questions."""

        def credit(
            forms: tuple[str, ...], alternatives: tuple[Alternative, ...]
        ) -> tuple[tuple[list[int], float], ...]:
            found = set_weights(
                forms, alternatives, self.in_headlines, self.index.idf, len(self.leads)
            )
            return tuple((sets.tolist(), weight) for sets, weight in found)

        size = kept_entries(_KEPT_TERMS, _KEPT_BYTES, 40 * len(self.leads))
        return lru_cache(maxsize=size)(credit)

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The corpus's timeline (``index.timeline``), made on first use, then kept."""
        return tuple(self.make_timeline(self.corpus))

    @cached_property
    def latest_event(self) -> tuple[int, ...]:
        """Source numbers of the paragraphs reporting the story's latest dated event."""
        return tuple(self.latest_quotes)

    @cached_property
    def latest(self) -> Event | None:
        """The story's latest dated event (background events aside), if any."""
        current = [e for e in self.events if not e.background]
        return current[-1] if current else None

    @cached_property
    def source_number(self) -> dict[tuple[str, int], int]:
        """Each paragraph's source number, by article id and paragraph number."""
        return {(s.article.id, s.paragraph.number): i for i, s in enumerate(self.sources)}

    @cached_property
    def latest_quotes(self) -> dict[int, str]:
        """Per paragraph reporting the story's latest dated event (source numbers), the
        sentence that reports it."""
        if self.latest is None:
            return {}
        number = self.source_number
        return {number[c.article.id, c.paragraph.number]: c.quote for c in self.latest.citations}

    @cached_property
    def events_of(self) -> dict[int, frozenset[int]]:
        """Per paragraph (source number) that reports a dated event, those events (their
        positions in ``events``)."""
        out: dict[int, set[int]] = {}
        for n, event in enumerate(self.events):
            for c in event.citations:
                out.setdefault(self.source_number[c.article.id, c.paragraph.number], set()).add(n)
        return {i: frozenset(e) for i, e in out.items()}

    @cached_property
    def speakers(self) -> frozenset[str]:
        """The terms of the names of the people the articles report saying something
        (``answer_types.speaker``: "Marty Beard", "John Chen"), not of a name run into the word
        before it ("But Blackberry claims ...")."""
        names = {speaker(self.text_of(i)) for i in range(len(self.sources))}
        return frozenset(
            term
            for name in names
            if len(tokens(name)) == len(name.split())
            for term in tokens(name)
        )

    def followed_by(self, paragraph: int) -> tuple[int, ...]:
        """Source numbers of the paragraphs reporting the dated event that came next after the
        latest one the paragraph reports (background events aside); none when it reports none."""
        mine = self.events_of.get(paragraph)
        if not mine:
            return ()
        later = (e for e in self.events[max(mine) + 1 :] if not e.background)
        event = next(later, None)
        return () if event is None else self.reporting(event)

    def reporting(self, event: Event) -> tuple[int, ...]:
        """Source numbers of the paragraphs the timeline cites for the event, in its order."""
        number = self.source_number
        return tuple(number[c.article.id, c.paragraph.number] for c in event.citations)

    @cached_property
    def overturned(self) -> frozenset[int]:
        """Paragraphs of articles published before the story's latest dated event: what they
        report as the state of things, later reports may have overturned (an exit announced,
        then called off). The latest event's own paragraphs are never among them."""
        if self.latest is None:
            return frozenset()
        latest = self.latest.when.start
        return frozenset(
            i
            for i, s in enumerate(self.sources)
            if s.article.published < latest and i not in self.latest_quotes
        )

    @cached_property
    def overturned_news(self) -> frozenset[str]:
        """The headline terms of the reports that later ones may have overturned (published
        before the story's latest dated event) that no later report's headline uses: what
        those told as news and the later ones changed ("exit" in "BlackBerry has no choice,
        but to exit Pakistan entirely", beside "BlackBerry To Stay In Pakistan ...")."""
        if self.latest is None:
            return frozenset()
        latest = self.latest.when.start
        before: set[str] = set()
        after: set[str] = set()
        for article in self.corpus.articles:
            (before if article.published < latest else after).update(tokens(article.title))
        return frozenset(before - after)

    @cached_property
    def superseded(self) -> frozenset[int]:
        """What later reports may have overturned (``overturned``) and, in any article, the
        paragraphs that only report dated events surely over before the story's latest began
        ("BlackBerry announced in late November that it would exit", told in a report of how it
        ended; not "earlier this month" of a report dated in the month it ended): none of them
        tells how the story came out. Background events (an earlier episode)
        are no part of this story's course and count for nothing here."""
        if self.latest is None:
            return frozenset()
        latest = self.latest.when.start
        events = self.events
        earlier = {
            i
            for i, mine in self.events_of.items()
            if i not in self.latest_quotes
            and all(events[n].when.end < latest for n in mine if not events[n].background)
            and not all(events[n].background for n in mine)
        }
        return self.overturned | frozenset(earlier)

    def warm_up(self) -> None:
        """Work out now everything above that is otherwise worked out on first use (the
        timeline included), so that no question waits for it."""
        for name, value in vars(type(self)).items():
            if isinstance(value, cached_property):
                getattr(self, name)

    def kept(
        self, function: Callable[Concatenate[Context, P], T], maxsize: int = _KEPT
    ) -> Callable[P, T]:
        """``function`` of this context, its results kept (an lru_cache of ``maxsize``
        entries, made on first use, one per function): for what depends on the corpus and a
        term or paragraph, not on the question, which later questions ask for again. The
        arguments must be hashable, and ``function`` must not change what it returns."""
        found = self._kept.get(function)
        if found is None:
            found = self._kept[function] = lru_cache(maxsize=maxsize)(partial(function, self))
        return cast("Callable[P, T]", found)

    def holds(self, paragraph: int, kind: str) -> int:
        """How well the paragraph holds the kind of answer asked for: 0 not at all, 1 it does;
        for "who", 2 when it names who said what it reports beside a verb of saying ("…,"
        Beard said), the surest sign of a person's name."""
        return self.kept(_holding)(paragraph, kind)

    def article_of(self, paragraph: int) -> str:
        return self.sources[paragraph].article.id

    def text_of(self, paragraph: int) -> str:
        return self.sources[paragraph].paragraph.text


def _holding(ctx: Context, paragraph: int, kind: str) -> int:
    """``Context.holds``, kept by ``Context.kept`` (a "who" question searches the paragraph
    for a quote's speaker): the same paragraphs keep being candidates."""
    if not ctx.compiled.has_kind(paragraph, kind):
        return 0
    return 2 if kind == "who" and attributes(ctx.text_of(paragraph)) else 1


def _always_capitalised(term: str, texts: Iterable[str]) -> bool:
    inside = False
    for text in texts:
        opening = True
        for found in _WORD_OR_STOP.finditer(text):
            word = found.group()
            if not word[0].isalnum():
                opening = True
                continue
            if term in tokens(word):
                if not word[0].isupper():
                    return False
                inside = inside or not opening
            opening = False
    return inside
