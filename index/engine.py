"""The answer engine: one object, loaded once, shared by every front end."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import numpy as np

from index.abstention import TermEvidence, judge
from index.answer import (
    Answer,
    Citation,
    Source,
    best_sentence,
    group_reports,
    prefer_corroborated,
)
from index.answer_types import (
    OUTCOME_WORDS,
    asked_for,
    demanded,
    expected_kind,
    has_kind,
    holds,
)
from index.bm25 import top_k
from index.compiled import Compiled, Progress, compile_corpus
from index.corpus import Corpus
from index.corroboration import prefer_agreed_names
from index.dates import When
from index.expansion import Alternative, Expander
from index.index_cache import cached_timeline, load_corpus_and_index
from index.outlets import Outlets
from index.proximity import proximity
from index.query import EXPANSION_WEIGHT, Query
from index.reading import Reader, Word, rarity, warm_up_reading
from index.text import STOPWORDS, stem, strip_markup, tokens, words
from index.thesaurus import wordnet
from index.timeline import Event, build_timeline, select

# Questions are cut to this many characters before anything else looks at them.
MAX_QUESTION_CHARS = 1000
MAX_RESULTS = 3
# A further result must score at least this share of the best one to be worth showing.
RELATIVE_FLOOR = 0.3
# News leads restate the headline (inverted pyramid): a question's match with an article's
# headline is credited, at this weight, to the article's first paragraph.
LEAD_WEIGHT = 0.75
# A paragraph or sentence holding the kind of answer asked for (a date for "when", ...).
ANSWER_KIND_BOOST = 0.3
# A paragraph from an outlet the question names ("According to Softpedia, ...").
SOURCE_BOOST = 1.0
# An outcome question's credit to what the articles report last, as a share of the best word
# match (enough to lift those paragraphs; the question's own words still count).
OUTCOME_CREDIT = 0.5
# How far a word the articles never use counts as known when they use a synonym of it.
LOOSE_KNOWN = 0.5
# How much the proximity of the question's terms in a candidate adds to its score.
PROXIMITY_WEIGHT = 0.3
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
    please kind sort type thing things stuff way ways many much
    anything something everything nothing anyone someone everyone anybody somebody everybody
    nobody whatever whoever whichever
    wonder wondering wondered curious question questions
    abbreviation abbreviations acronym acronyms characterise characterize portray depict
    go goes going gone get gets getting got pretty quite super totally truly
    dispute story situation saga affair controversy standoff episode""".split()
)
# In an outcome question these only say "how did it come out".
_OUTCOME_FRAMING = frozenset(stem(w) for w in OUTCOME_WORDS)
# In a "when" question these only ask for a date.
_WHEN_FRAMING = frozenset(stem(w) for w in ["date", "dates"])


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
        self.outlets = Outlets.build(a.outlet for a in corpus.articles)
        # Misspelt words are corrected to corpus terms and to the outlets' names ("sofpedia").
        self.reader = Reader(
            [*self.index.postings.terms, *self._metadata_terms], self.index.frequency
        )
        by_outlet: dict[str, list[int]] = {}
        for i, s in enumerate(self.sources):
            by_outlet.setdefault(s.article.outlet, []).append(i)
        self._outlet_paragraphs = {o: np.array(p, np.intp) for o, p in by_outlet.items()}
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
        also need) and load what reading questions may need (the English dictionary), so that
        no user waits for it; a long-running front end calls this once."""
        _ = self._latest_event
        warm_up_reading()

    def timeline(
        self, start: When | None = None, end: When | None = None, source: str | None = None
    ) -> list[Event]:
        """The dated events, oldest first; only those overlapping ``start``..``end``, or
        reported by ``source`` (an article id or outlet), when given."""
        return select(self.events, start, end, source)

    def read(self, question: str) -> Query:
        """The question's content terms as the index spells them, with their expansions."""
        text = self.reader.normalise(strip_markup(question[:MAX_QUESTION_CHARS]))
        kind = expected_kind(text)
        framing = _FRAMING | {"outcome": _OUTCOME_FRAMING, "when": _WHEN_FRAMING}.get(
            kind or "", frozenset()
        )
        read = [self._short_form(w) for w in self.reader.read(text) if w.term not in framing]
        sources = tuple(self.outlets.named([w.term for w in read]))
        naming = self.outlets.terms_of(sources)
        read = [w for w in read if w.term not in naming]
        # Words that WordNet knows as one with a neighbour ("prime minister", "backed down")
        # mean what the phrase means: they are looked up by the phrase, not by their own senses
        # ("prime": first; "back": rear), even when the articles use the word itself.
        in_phrase = phrases(text)
        looked_up = {w.term: in_phrase.get(w.term) or ("" if w.corrected else w.word) for w in read}
        terms = tuple(w.term for w in read)
        expansions = {
            w.term: self.expander.alternatives(
                w.term, self.index.known(w.term) and w.term not in in_phrase, looked_up[w.term]
            )
            for w in read
        }
        equivalents = {t: e for t in terms if (e := self.expander.equivalents(t))}
        written = {w.term: w.word for w in read}
        return Query(text, terms, expansions, kind, equivalents, sources, written)

    def _short_form(self, word: Word) -> Word:
        """The word, or the short form the corpus defines that it is with an "s" left on
        ("bbs": "bb", as in "bbs plans" for BlackBerry's plans)."""
        if self.index.known(word.term):
            return word
        base = self.expander.short_form_in(word.term)
        return word if base is None else Word(base, base)

    def ask(self, question: str, k: int = MAX_RESULTS) -> Answer:
        question = question[:MAX_QUESTION_CHARS]
        query = self.read(question)
        ranked = self._rank(query)
        top = ranked[0][0] if ranked else None
        evidence = self._evidence(query, top)
        verdict = judge(
            query.text,
            evidence,
            lambda w: self._known(stem(w)),
            about_the_story=query.kind == "outcome" and top is not None,
            missing_kind=self._missing_kind(query, ranked[:MAX_RESULTS], evidence),
            no_reason=query.kind == "why"
            and top is not None
            and not self.compiled.has_kind(top, "why"),
        )
        if verdict.declined:
            return Answer(question=question, reason=verdict.declined)
        article_of = self._article_of
        groups = prefer_corroborated(
            group_reports(ranked, article_of, self.compiled.shingles_of, max(1, k)),
            ranked,
            article_of,
            self.compiled.shingles_of,
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
        return Answer(question=question, citations=tuple(citations), tentative=verdict.tentative)

    def _rank(self, query: Query) -> list[tuple[int, float]]:
        """BM25 of each question term plus, at reduced weight, its best-scoring expansion, plus
        the headline credit of lead paragraphs; the best candidates are then boosted where they
        hold the kind of answer asked for, and credited for holding the question's terms near
        each other. The candidates' source numbers and scores, best first."""
        docs, contributions = [], []
        for term in query.terms:
            found, weights = self.index.group_postings(query.forms(term))
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
        for outlet in query.sources:
            scores[self._outlet_paragraphs[outlet]] *= 1 + SOURCE_BOOST
        if query.kind == "outcome":
            # What the articles report last is how the story came out: as strong as the best
            # word match, so the question's own words still order those paragraphs.
            credit = OUTCOME_CREDIT * max(1.0, float(scores.max(initial=0.0)))
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
        if query.kind == "who" and pool:
            asked = {f for t in query.terms for f in query.forms(t)}
            asked |= {x for t in query.terms for a in query.expansions[t] for x in a}
            pool = prefer_agreed_names(
                pool[:_CANDIDATES],
                lambda i: self.sources[i].paragraph.text,
                self._article_of,
                asked,
            )
        return self._nearer_first(query, pool[:_CANDIDATES])

    def _nearer_first(
        self, query: Query, candidates: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """The candidates re-scored with the proximity of the question's terms in them
        (``index.proximity``), best first."""
        if len(query.expansions) < 2:
            return candidates
        # Each term the corpus uses, as a postings row, with the question terms it stands for:
        # the term itself, a form of it, or a one-word expansion of it.
        stands_for: dict[int, list[str]] = {}
        for term, alternatives in query.expansions.items():
            one_word = (a[0] for a in alternatives if len(a) == 1)
            for found in dict.fromkeys([*query.forms(term), *one_word]):
                row = self.index.row(found)
                if row is not None:
                    stands_for.setdefault(row, []).append(term)
        weight = {term: query.idf(term, self.index.idf) for term in query.expansions}
        out = [
            (i, s + PROXIMITY_WEIGHT * proximity(self.compiled.rows_of(i), stands_for, weight))
            for i, s in candidates
        ]
        out.sort(key=lambda item: (-item[1], item[0]))
        return out

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

    def _specific(self, word: str) -> str:
        """The word, when it names something particular the articles never mention: no
        English word ("valorant"), a figure ("2024"), or a place or other thing WordNet knows
        only by name ("indonesia")."""
        if self.reader.specific(word):
            return word
        thesaurus = wordnet()
        return word if thesaurus is not None and thesaurus.is_name(word) else ""

    def _weight(self, query: Query, term: str, known: float) -> float:
        """A term's weight as evidence: its idf; for a word the corpus never uses, the highest
        idf scaled down by how common the word is in English (a background model: "bad" says
        less about what is asked than "valorant")."""
        weight = query.idf(term, self.index.idf)
        return weight * rarity(query.words.get(term, term)) if known < 1 else weight

    def _how_known(self, query: Query, term: str) -> float:
        """1 when the corpus uses the term, something it shows to be the same, or its name in
        the metadata; LOOSE_KNOWN when it uses only a synonym of it; else 0."""

        def uses(alternatives: tuple[Alternative, ...]) -> bool:
            return any(all(map(self.index.known, a)) for a in alternatives)

        if term in self._metadata_terms or any(map(self.index.known, query.forms(term))):
            return 1.0
        if uses(self.expander.short_forms(term, False)):
            return 1.0
        return LOOSE_KNOWN if uses(query.expansions[term]) else 0.0

    def _article_of(self, paragraph: int) -> str:
        return self.sources[paragraph].article.id

    def _missing_kind(
        self, query: Query, ranked: list[tuple[int, float]], evidence: list[TermEvidence]
    ) -> str:
        """The kind of answer the question demands (a price, a count, a person's name) that
        none of the best paragraphs holds, or ""."""
        for name, pattern in demanded(query.text):
            if not any(holds(self.sources[i].paragraph.text, pattern) for i, _ in ranked):
                return name
        person = self._unnamed_person(query, evidence)
        return f"name of any “{person}”" if person else ""

    def _unnamed_person(self, query: Query, evidence: list[TermEvidence]) -> str:
        """The word a question asks for a person by ("Who was *chairman* of ...", "Which
        *minister* ..."), when the articles never mention anyone so called, nor by a synonym
        (its evidence: not known at all): they cannot name them. Else ""."""
        thesaurus = wordnet()
        if thesaurus is None:
            return ""
        known = {t.term: t.known for t in evidence}
        term_of = {word: term for term, word in query.words.items()}
        for word in asked_for(query.text):
            term = term_of.get(word)
            if term and known.get(term) == 0 and thesaurus.is_a(word, "person"):
                return word
        return ""

    def _highlight(self, query: Query, paragraph: int) -> str:
        """The paragraph's sentence that weighs most for the query, boosted where it holds the
        kind of answer asked for (a sentence can only hold what its paragraph holds)."""
        kind = query.kind if query.kind and self.compiled.has_kind(paragraph, query.kind) else None
        boost = 1 + ANSWER_KIND_BOOST
        sentences = self.compiled.sentences_of(paragraph, self.sources[paragraph].paragraph.text)
        if kind in _DEMANDED:
            # A date for "when", a figure for "how many": a sentence without one does not
            # answer (the paragraph holds one, so some sentence does).
            holding = [(s, t) for s, t in sentences if has_kind(s, kind)]
            sentences = holding or sentences
        weighed = []
        for sentence, terms in sentences:
            weight = query.weight(terms, self.index.idf)
            if kind and has_kind(sentence, kind):
                weight *= boost
            weighed.append((sentence, weight))
        return best_sentence(weighed)

    def _known(self, term: str) -> bool:
        """The corpus uses the term, or (for a term it never uses) one of its expansions, or it
        names an outlet or a year of publication."""
        if self.index.known(term) or term in self._metadata_terms:
            return True
        alternatives = self.expander.alternatives(term, False)
        return any(all(map(self.index.known, a)) for a in alternatives)

    @cached_property
    def _metadata_terms(self) -> frozenset[str]:
        """Terms the articles' metadata give: outlets' names, years of publication."""
        years = {str(a.published.year) for a in self.corpus.articles}
        return frozenset(t for n in self.outlets.names.values() for t in n) | years

    def _evidence(self, query: Query, top: int | None) -> list[TermEvidence]:
        """What the question's terms have going for them; ``top`` is the best paragraph."""
        present = self.compiled.terms_of(top) if top is not None else frozenset()
        return [
            TermEvidence(
                term=term,
                weight=self._weight(query, term, known),
                known=known,
                in_top=query.match(term, present),
                specific="" if known else self._specific(query.words.get(term, "")),
            )
            for term in dict.fromkeys(query.terms)
            for known in [self._how_known(query, term)]
        ]


_NONE = np.zeros(0, dtype=np.intp)


def phrases(text: str) -> dict[str, str]:
    """Content terms of the text that stand in a two-word WordNet entry with their neighbour
    (a stopword included: "backed down", "pull out"), each with that phrase."""
    thesaurus = wordnet()
    if thesaurus is None:
        return {}
    out: dict[str, str] = {}
    for a, b in itertools.pairwise(words(text)):
        if (a in STOPWORDS and b in STOPWORDS) or not thesaurus.has(f"{a} {b}"):
            continue
        # The phrase's first content word carries its meaning; the other keeps its own.
        head = a if a not in STOPWORDS else b
        out.setdefault(stem(head), f"{a} {b}")
    return out


# Kinds of answer a sentence must hold to answer (see _highlight).
_DEMANDED = frozenset({"when", "how many"})
