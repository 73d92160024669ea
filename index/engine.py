"""The answer engine: one object, loaded once, shared by every front end."""

from __future__ import annotations

from pathlib import Path

from index.abstention import Evidence, judge
from index.answer import Answer, Citation, Source, best_sentence, group_reports, shingles
from index.bm25 import BM25Index
from index.corpus import Corpus, Paragraph, load_corpus
from index.text import stem, strip_markup, tokens

# Questions are cut to this many characters before anything else looks at them.
MAX_QUESTION_CHARS = 1000
MAX_RESULTS = 3
# A further result must score at least this share of the best one to be worth showing.
RELATIVE_FLOOR = 0.3
_CANDIDATES = 30

# Words that frame a question rather than say what it is about ("What is the *name* of ...",
# "What does BES *stand* for?"). Never matched against paragraphs.
_FRAMING = frozenset(
    stem(w)
    for w in """name named called call stand stands mean means meaning meant happen happened
    happening tell explain describe say says said know known think give gave exactly actually
    really please kind sort type thing things way ways anything something""".split()
)


class Engine:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.sources = tuple(Source(a, p) for a in corpus.articles for p in a.paragraphs)
        self.index = BM25Index([tokens(s.paragraph.text) for s in self.sources])
        self._shingles = {s.paragraph.key: shingles(s.paragraph.text) for s in self.sources}

    @classmethod
    def load(cls, root: Path | str) -> Engine:
        return cls(load_corpus(root))

    def query_terms(self, question: str) -> list[str]:
        """The question's content terms, as the index spells them."""
        cleaned = strip_markup(question[:MAX_QUESTION_CHARS])
        return [t for t in tokens(cleaned) if t not in _FRAMING]

    def ask(self, question: str, k: int = MAX_RESULTS) -> Answer:
        question = question[:MAX_QUESTION_CHARS]
        terms = self.query_terms(question)
        ranked = [(self.sources[i], s) for i, s in self.index.top(terms, _CANDIDATES)]
        top = ranked[0] if ranked else None
        verdict = judge(
            Evidence(
                question=strip_markup(question),
                terms=terms,
                index=self.index,
                top_terms=tokens(top[0].paragraph.text) if top else [],
            )
        )
        if verdict:
            return Answer(question=question, reason=verdict)
        groups = group_reports(ranked, self._shingle)
        best = groups[0][0][1]
        citations = [
            Citation(
                article=lead.article,
                paragraph=lead.paragraph,
                highlight=best_sentence(lead.paragraph.text, terms, self.index.idf),
                score=score,
                also_in=tuple(s for s, _ in group[1:]),
            )
            for group in groups[: max(1, k)]
            for lead, score in group[:1]
            if score >= RELATIVE_FLOOR * best
        ]
        return Answer(question=question, citations=tuple(citations))

    def _shingle(self, paragraph: Paragraph) -> frozenset[tuple[str, ...]]:
        return self._shingles[paragraph.key]
