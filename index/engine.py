"""The answer engine: one object, loaded once, shared by every front end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from index.abstention import TermEvidence, judge
from index.answer import Answer, Citation, Source, best_sentence, group_reports
from index.answer_types import OUTCOME_WORDS, expected_kind, has_kind
from index.bm25 import top_k
from index.compiled import Compiled, Progress, compile_corpus
from index.corpus import Corpus
from index.dates import When
from index.expansion import Alternative, Expander
from index.index_cache import cached_timeline, load_corpus_and_index
from index.text import stem, strip_markup, tokens
from index.timeline import Event, build_timeline, select

# Questions are cut to this many characters before anything else looks at them.
MAX_QUESTION_CHARS = 1000
MAX_RESULTS = 3
# A further result must score at least this share of the best one to be worth showing.
RELATIVE_FLOOR = 0.3
# How much an expansion (synonym, acronym, prefix) counts against the question's own word.
EXPANSION_WEIGHT = 0.5
# News leads restate the headline (inverted pyramid): a question's match with an article's
# headline is credited, at this weight, to the article's first paragraph.
LEAD_WEIGHT = 0.75
# A paragraph or sentence holding the kind of answer asked for (a date for "when", ...).
ANSWER_KIND_BOOST = 0.3
# Ranked paragraphs looked at to compose an answer: enough for MAX_RESULTS results and the
# other outlets' copies of each (copies of one report score alike).
_CANDIDATES = 10
# Paragraphs the answer-kind boost may promote into the candidates (one further down would
# rarely come within reach, and checking each costs a regular-expression search).
_POOL = 2 * _CANDIDATES

# Words that frame a question rather than say what it is about ("What is the *name* of ...",
# "What does BES *stand* for?"). Never matched against paragraphs.
_FRAMING = frozenset(
    stem(w)
    for w in """name named called call stand stands mean means meaning meant happen happened
    happening tell explain describe say says said know known think exactly actually really
    please kind sort type thing things way ways anything something many much
    dispute story situation saga affair controversy standoff episode""".split()
)
# In an outcome question these only say "how did it come out".
_OUTCOME_FRAMING = frozenset(stem(w) for w in OUTCOME_WORDS)


@dataclass(frozen=True)
class Query:
    """A question as the engine reads it: content terms, their expansions, the answer kind."""

    text: str  # cut to MAX_QUESTION_CHARS, markup stripped
    terms: tuple[str, ...]
    expansions: dict[str, tuple[Alternative, ...]]
    kind: str | None

    def weight(self, present: frozenset[str], idf: Callable[[str], float]) -> float:
        """Weight of a token set for this query: each term's idf where the set has the term,
        a share of it where the set has one of its expansions instead."""
        total = 0.0
        for term, alternatives in self.expansions.items():
            if term in present:
                total += idf(term)
            elif any(present.issuperset(a) for a in alternatives):
                total += EXPANSION_WEIGHT * idf(term)
        return total

    def weights(
        self, having: Callable[[str], np.ndarray], idf: Callable[[str], float], n: int
    ) -> np.ndarray:
        """``weight`` of ``n`` token sets at once, where ``having(term)`` lists the sets (by
        number, ascending) that have the term; the same additions in the same order, so the
        same floats (adding 0.0 where a set has nothing to add changes no sum)."""
        total = np.zeros(n)
        for term, alternatives in self.expansions.items():
            found = having(term)
            total[found] += idf(term)
            expanded = [_having_all(having, a, n) for a in alternatives]
            if any(map(len, expanded)):
                instead = np.zeros(n, bool)
                for sets in expanded:
                    instead[sets] = True
                instead[found] = False
                total[instead] += EXPANSION_WEIGHT * idf(term)
        return total


def _having_all(having: Callable[[str], np.ndarray], terms: Alternative, n: int) -> np.ndarray:
    """The sets (of ``n``) that have every one of the terms."""
    if len(terms) == 1:
        return having(terms[0])
    count = np.bincount(np.concatenate([having(t) for t in terms]), minlength=n)
    return np.flatnonzero(count == len(terms))


class Engine:
    def __init__(
        self,
        corpus: Corpus,
        compiled: Compiled | None = None,
        *,
        timeline: Callable[[Corpus], list[Event]] = build_timeline,
    ) -> None:
        """``compiled`` is the corpus compiled when one is at hand (``Engine.load`` takes it
        from the cache); without it the corpus is compiled here. ``timeline`` makes the
        timeline when it is first needed (``Engine.load`` reads it from the cache)."""
        self.corpus = corpus
        self._make_timeline = timeline
        self.sources = tuple(Source(a, p) for a in corpus.articles for p in a.paragraphs)
        self.compiled = compile_corpus(corpus) if compiled is None else compiled
        self.index = self.compiled.bm25
        self.expander = Expander.build(
            (s.paragraph.text for s in self.sources), self.index.postings.terms
        )
        # Lead paragraphs (source numbers) and, per headline term, the leads (positions in
        # self._leads) whose article headline has it.
        self._leads = np.array(
            [i for i, s in enumerate(self.sources) if s.paragraph.number == 1], dtype=np.intp
        )
        in_headline: dict[str, list[int]] = {}
        for n, i in enumerate(self._leads):
            for term in dict.fromkeys(tokens(self.sources[i].article.title)):
                in_headline.setdefault(term, []).append(n)
        self._headline_terms = {t: np.array(n, dtype=np.intp) for t, n in in_headline.items()}

    @classmethod
    def load(cls, root: Path | str, progress: Progress | None = None) -> Engine:
        """The engine over the corpus at ``root``; the cleaned corpus, its compilation and its
        timeline come from (or go to) the corpus's cache; ``progress`` hears about a long
        build."""
        return cls(*load_corpus_and_index(root, progress=progress), timeline=cached_timeline)

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The corpus's timeline (``index.timeline``), made on first use, then kept."""
        return tuple(self._make_timeline(self.corpus))

    def warm_up(self) -> None:
        """Build now what is otherwise built on first use (the timeline, which outcome questions
        also need), so that no user waits for it; a long-running front end calls this once."""
        _ = self._latest_event

    def timeline(
        self, start: When | None = None, end: When | None = None, source: str | None = None
    ) -> list[Event]:
        """The dated events, oldest first; only those overlapping ``start``..``end``, or
        reported by ``source`` (an article id or outlet), when given."""
        return select(self.events, start, end, source)

    def read(self, question: str) -> Query:
        """The question's content terms as the index spells them, with their expansions."""
        text = strip_markup(question[:MAX_QUESTION_CHARS])
        kind = expected_kind(text)
        framing = _FRAMING | _OUTCOME_FRAMING if kind == "outcome" else _FRAMING
        terms = tuple(t for t in tokens(text) if t not in framing)
        expansions = {t: self.expander.alternatives(t, self.index.known(t)) for t in terms}
        return Query(text, terms, expansions, kind)

    def ask(self, question: str, k: int = MAX_RESULTS) -> Answer:
        question = question[:MAX_QUESTION_CHARS]
        query = self.read(question)
        ranked = self._rank(query)
        verdict = judge(
            query.text,
            self._evidence(query, ranked[0][0] if ranked else None),
            lambda w: self._known(stem(w)),
            about_the_story=query.kind == "outcome" and bool(ranked),
        )
        if verdict:
            return Answer(question=question, reason=verdict)
        groups = group_reports(
            ranked, lambda i: self.sources[i].article.id, self.compiled.shingles_of, max(1, k)
        )
        best = groups[0][0][1]
        citations = [
            Citation(
                article=self.sources[lead].article,
                paragraph=self.sources[lead].paragraph,
                highlight=self._highlight(query, lead),
                score=score,
                also_in=tuple(self.sources[i] for i, _ in group[1:]),
            )
            for group in groups
            for lead, score in group[:1]
            if score >= RELATIVE_FLOOR * best
        ]
        return Answer(question=question, citations=tuple(citations))

    def _rank(self, query: Query) -> list[tuple[int, float]]:
        """BM25 of each question term plus, at reduced weight, its best-scoring expansion, plus
        the headline credit of lead paragraphs; the best candidates are then boosted where they
        hold the kind of answer asked for. The candidates' source numbers and scores, best first."""
        docs, contributions = [], []
        for term in query.terms:
            found, weights = self.index.postings_of(term)
            docs.append(found)
            contributions.append(weights)
            if query.expansions[term]:
                found, weights = self.index.best_matches(query.expansions[term])
                docs.append(found)
                contributions.append(EXPANSION_WEIGHT * weights)
        leads, headline = self._headline_credit(query)
        docs.append(leads)
        contributions.append(LEAD_WEIGHT * headline)
        # bincount adds each paragraph's contributions in this order, starting from 0.0 (and
        # gives integers when there are none).
        scores = np.bincount(
            np.concatenate(docs), np.concatenate(contributions), minlength=self.index.size
        ).astype(np.float64, copy=False)
        if query.kind == "outcome":
            # What the articles report last is how the story came out: as strong as the best
            # word match, so the question's own words still order those paragraphs.
            credit = max(1.0, float(scores.max(initial=0.0)))
            for i in self._latest_event:
                scores[i] += credit
        boost = 1 + ANSWER_KIND_BOOST
        pool = top_k(scores, _POOL)
        if query.kind and pool:
            # Only a paragraph within reach of the candidates once boosted can change them.
            reach = pool[min(_CANDIDATES, len(pool)) - 1][1] / boost
            pool = [
                (
                    i,
                    s * boost if s >= reach and self.compiled.has_kind(i, query.kind) else s,
                )
                for i, s in pool
            ]
            pool.sort(key=lambda item: (-item[1], item[0]))
        return pool[:_CANDIDATES]

    @cached_property
    def _latest_event(self) -> tuple[int, ...]:
        """Source numbers of the paragraphs reporting the story's latest dated event."""
        current = [e for e in self.events if not e.background]
        if not current:
            return ()
        number = {(s.article.id, s.paragraph.number): i for i, s in enumerate(self.sources)}
        return tuple(number[c.article.id, c.paragraph.number] for c in current[-1].citations)

    def _headline_credit(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """Lead paragraphs (source numbers) whose headline the query weighs, and that weight."""
        weights = query.weights(self._in_headlines, self.index.idf, len(self._leads))
        credited = np.flatnonzero(weights > 0)
        return self._leads[credited], weights[credited]

    def _in_headlines(self, term: str) -> np.ndarray:
        """The leads (positions in ``self._leads``) whose headline has the term."""
        return self._headline_terms.get(term, _NONE)

    def _highlight(self, query: Query, paragraph: int) -> str:
        """The paragraph's sentence that weighs most for the query, boosted where it holds the
        kind of answer asked for (a sentence can only hold what its paragraph holds)."""
        kind = query.kind if query.kind and self.compiled.has_kind(paragraph, query.kind) else None
        weighed = []
        text = self.sources[paragraph].paragraph.text
        for sentence, terms in self.compiled.sentences_of(paragraph, text):
            weight = query.weight(terms, self.index.idf)
            if kind and has_kind(sentence, kind):
                weight *= 1 + ANSWER_KIND_BOOST
            weighed.append((sentence, weight))
        return best_sentence(weighed)

    def _known(self, term: str) -> bool:
        """The corpus uses the term, or (for a term it never uses) one of its expansions."""
        alternatives = self.expander.alternatives(term, self.index.known(term))
        return self.index.known(term) or any(all(map(self.index.known, a)) for a in alternatives)

    def _evidence(self, query: Query, top: int | None) -> list[TermEvidence]:
        """What the question's terms have going for them; ``top`` is the best paragraph."""
        present = self.compiled.terms_of(top) if top is not None else frozenset()
        return [
            TermEvidence(
                term=term,
                weight=self.index.idf(term),
                known=any(all(map(self.index.known, f)) for f in forms),
                in_top=any(present.issuperset(f) for f in forms),
            )
            for term in dict.fromkeys(query.terms)
            for forms in [((term,), *query.expansions[term])]
        ]


_NONE = np.zeros(0, dtype=np.intp)
