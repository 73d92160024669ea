"""The corpus compiled for answering: what the engine needs to know of every paragraph, worked
out once per corpus (and saved by ``index.index_cache``) instead of at every question.

- The BM25 postings of the paragraphs' tokens (``index.bm25``).
- The paragraphs' tokens in order (as rows of the postings) and the spans of their sentences:
  the best sentence of a cited paragraph is then picked without tokenising it again.
- The kinds of answer each paragraph holds (``index.answer_types``), one bit per kind: boosting
  the candidates of a "when" question then costs no regular-expression search.
- Each paragraph's hashed word 3-shingles (``index.answer.shingles``), which tell the same report
  in several outlets. The hashes are Python's, which differ between processes; they are only
  ever compared with each other, all made by one compilation.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from index.answer import shingles
from index.answer_types import KINDS, kinds_of, places
from index.bm25 import K1, B, BM25Index
from index.corpus import Corpus
from index.proximity import positions
from index.text import content_stems, sentence_spans, words

# Each kind's bit in ``Compiled.kinds``.
_KIND_BITS = {kind: 1 << bit for bit, kind in enumerate(KINDS)}
# Called with (paragraphs done, paragraphs in all) while a corpus is compiled.
Progress = Callable[[int, int], None]
_PROGRESS_STEP = 2000
_KEPT = 4096  # paragraphs' shingle sets kept
# Paragraphs whose term positions are kept (``Compiled.positions_of``): the candidates of
# recent questions, a few hundred bytes to a few kilobytes each.
_KEPT_POSITIONS = 1024


@dataclass(frozen=True)
class Compiled:
    """Paragraph ``n`` of the corpus (in ``Corpus.paragraphs`` order) is document ``n``."""

    bm25: BM25Index
    kinds: np.ndarray  # uint8 per paragraph: bit k set when it holds an answer of KINDS[k]
    shingle_starts: np.ndarray  # int64, paragraphs + 1: paragraph n's shingles start here
    shingles: np.ndarray  # int64 shingle hashes, paragraph after paragraph
    sentence_starts: np.ndarray  # int64, paragraphs + 1: paragraph n's sentences start here
    # int64, one row per sentence: first and last character + 1 in its paragraph, and where its
    # tokens end in ``tokens`` (they start where the previous sentence's end)
    sentences: np.ndarray
    tokens: np.ndarray  # int32 postings rows of every paragraph's tokens, in order

    def check(self) -> None:
        """Raise ValueError unless the paragraph arrays fit the postings (which check
        themselves when loaded): a damaged cache must not load."""
        n = self.bm25.size
        if self.kinds.shape != (n,):
            raise ValueError("kinds do not match the paragraphs")
        for starts, rows in [
            (self.shingle_starts, len(self.shingles)),
            (self.sentence_starts, len(self.sentences)),
        ]:
            if starts.shape != (n + 1,) or starts[0] != 0 or starts[-1] != rows:
                raise ValueError("pointers do not cover their rows")
            if np.any(np.diff(starts) < 0):
                raise ValueError("pointers go backwards")
        if self.sentences.ndim != 2 or self.sentences.shape[1] != 3:
            raise ValueError("sentence rows are not (start, end, tokens end)")
        ends = self.sentences[:, 2]
        if len(ends) and (np.any(np.diff(ends) < 0) or ends[-1] != len(self.tokens)):
            raise ValueError("sentences do not cover the tokens")
        vocabulary = len(self.bm25.postings.terms)
        if len(self.tokens) and not (self.tokens.min() >= 0 and self.tokens.max() < vocabulary):
            raise ValueError("a term is outside the vocabulary")

    def has_kind(self, paragraph: int, kind: str) -> bool:
        bit = _KIND_BITS.get(kind)
        return bit is not None and bool(self._kinds[paragraph] & bit)

    @cached_property
    def _kinds(self) -> list[int]:
        """``kinds`` as Python ints (small ones, which Python shares: 8 bytes a paragraph),
        read without numpy's cost per element."""
        found: list[int] = self.kinds.tolist()
        return found

    @cached_property
    def shingles_of(self) -> Callable[[int], frozenset[int]]:
        """A paragraph's shingles as a set (kept: questions keep citing the same paragraphs)."""

        def shingles_of(paragraph: int) -> frozenset[int]:
            start, end = self.shingle_starts[paragraph], self.shingle_starts[paragraph + 1]
            return frozenset(self.shingles[start:end].tolist())

        return lru_cache(maxsize=_KEPT)(shingles_of)

    @cached_property
    def positions_of(self) -> Callable[[int], dict[int, tuple[int, ...]]]:
        """Where each of a paragraph's terms stands among its terms (``rows_of``), by postings
        row (``index.proximity.positions``): the proximity of a question's terms is then
        found without walking the paragraph. Kept: questions keep ranking the same
        paragraphs among their candidates."""

        def positions_of(paragraph: int) -> dict[int, tuple[int, ...]]:
            return positions(self.rows_of(paragraph))

        return lru_cache(maxsize=_KEPT_POSITIONS)(positions_of)

    def terms_of(self, paragraph: int) -> frozenset[str]:
        """The paragraph's distinct terms (as ``index.text.tokens`` spells them)."""
        return self._spelled(self._tokens_of(paragraph))

    def rows_of(self, paragraph: int) -> list[int]:
        """The paragraph's terms in order (``index.text.tokens`` of its text), as the rows of
        the postings that hold them (``BM25Index.row``)."""
        found: list[int] = self._tokens_of(paragraph).tolist()
        return found

    def _tokens_of(self, paragraph: int) -> np.ndarray:
        """The paragraph's slice of ``tokens``."""
        rows, start = self._sentence_rows(paragraph)
        return self.tokens[start : rows[-1, 2] if len(rows) else start]

    def sentences_of(self, paragraph: int, text: str) -> list[tuple[str, frozenset[str]]]:
        """The paragraph's sentences (``index.text.sentences``), each with its distinct terms;
        ``text`` is the paragraph's text."""
        rows, start = self._sentence_rows(paragraph)
        out = []
        for a, b, stop in rows.tolist():
            out.append((text[a:b], self._spelled(self.tokens[start:stop])))
            start = stop
        return out

    def _sentence_rows(self, paragraph: int) -> tuple[np.ndarray, int]:
        """The paragraph's sentence rows, and where its tokens start in ``tokens``."""
        first, end = self.sentence_starts[paragraph], self.sentence_starts[paragraph + 1]
        return self.sentences[first:end], int(self.sentences[first - 1, 2]) if first else 0

    def _spelled(self, rows: np.ndarray) -> frozenset[str]:
        return frozenset(map(self.bm25.postings.terms.__getitem__, set(rows.tolist())))


def compile_corpus(
    corpus: Corpus, *, k1: float = K1, b: float = B, progress: Progress | None = None
) -> Compiled:
    """Read every paragraph once (reporting progress) and compile what answering needs."""
    paragraphs = corpus.paragraphs
    docs: list[list[str]] = []
    kinds = np.zeros(len(paragraphs), np.uint8)
    # What the corpus is about: a place named in the titles of half its articles or more
    # ("BlackBerry to exit Pakistan") answers no "where".
    named = Counter(p.lower() for a in corpus.articles for p in set(places(a.title)))
    topic = frozenset(p for p, n in named.items() if 2 * n >= len(corpus.articles))
    shingle_starts, hashes = array("q", [0]), array("q")
    sentence_starts, sentences = array("q", [0]), array("q")
    done = 0  # tokens of the paragraphs before
    for n, paragraph in enumerate(paragraphs, 1):
        text = paragraph.text
        doc: list[str] = []
        all_words: list[str] = []
        for start, end in sentence_spans(text):
            w = words(text[start:end])
            all_words += w
            doc += content_stems(w)
            sentences.extend((start, end, done + len(doc)))
        done += len(doc)
        # The sentences' words are the paragraph's (only spaces lie between sentences).
        docs.append(doc)
        kinds[n - 1] = kinds_of(text, topic)
        hashes.extend(shingles(all_words))
        shingle_starts.append(len(hashes))
        sentence_starts.append(len(sentences) // 3)
        if progress and (n % _PROGRESS_STEP == 0 or n == len(paragraphs)):
            progress(n, len(paragraphs))
    bm25 = BM25Index(docs, k1=k1, b=b)
    row = {t: r for r, t in enumerate(bm25.postings.terms)}
    tokens = np.fromiter((row[t] for doc in docs for t in doc), np.int32, done)
    return Compiled(
        bm25,
        kinds,
        np.frombuffer(shingle_starts, np.int64),
        np.frombuffer(hashes, np.int64),
        np.frombuffer(sentence_starts, np.int64),
        np.frombuffer(sentences, np.int64).reshape(-1, 3),
        tokens,
    )
