"""The answer engine: one object, loaded once, shared by every front end.

It holds no stage logic of its own. A question flows one way:

    read (index.question, index.followup)
      -> retrieve: by words (index.lexical), by meaning (index.dense), fused (index.fusion),
         ordered (index.retrieve)
      -> judge (index.judging: index.evidence, index.confidence, index.abstention)
      -> compose (index.compose, index.highlight)

Each stage takes the previous stage's value and the corpus's ``Context`` (index.context).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from index.abstention import Verdict
from index.answer import Answer
from index.compiled import Compiled, Progress, compile_corpus
from index.compose import MAX_RESULTS, compose
from index.confidence import Signals
from index.context import Context
from index.corpus import Corpus
from index.dates import When
from index.dense import DenseIndex, load_dense
from index.embedding import DEFAULT_MODEL, Embedder, load_embedder
from index.followup import Reading, read_in_context, restates_earlier
from index.index_cache import cached_timeline, load_corpus_and_index
from index.judging import judge_answer
from index.query import Query
from index.question import MAX_QUESTION_CHARS, phrases, read_question
from index.reading import warm_up_reading
from index.retrieve import Retrieved, retrieve_question
from index.timeline import Event, build_timeline, select

__all__ = ["MAX_QUESTION_CHARS", "MAX_RESULTS", "Engine", "phrases"]


@dataclass(frozen=True)
class Assessment:
    """An answer with what it was judged on: the verdict and the signals of its best passage
    (None when meaning is off or no passage was found); ``benchmarks/train_confidence.py``
    fits the confidence model on them."""

    answer: Answer
    verdict: Verdict
    signals: Signals | None = None


class Engine:
    """Answers questions about one corpus, citing its paragraphs."""

    def __init__(
        self,
        corpus: Corpus,
        compiled: Compiled | None = None,
        *,
        timeline: Callable[[Corpus], list[Event]] = build_timeline,
        embedder: Embedder | None = None,
        dense: DenseIndex | None = None,
    ) -> None:
        """``compiled`` is the corpus compiled when one is at hand (``Engine.load`` takes it
        from the cache); without it the corpus is compiled here. ``timeline`` makes the
        timeline when it is first needed (``Engine.load`` reads it from the cache).
        ``embedder`` reads questions and paragraphs for meaning (``index.embedding``); the
        paragraphs' vectors are then encoded here unless ``dense`` brings them. With neither,
        the engine ranks by words alone."""
        self.corpus = corpus
        compiled = compile_corpus(corpus) if compiled is None else compiled
        if dense is None and embedder is not None:
            dense = load_dense(None, [p.text for p in corpus.paragraphs], embedder)
        self.context = Context(corpus, compiled, timeline, dense)
        self.sources = self.context.sources

    @classmethod
    def load(
        cls,
        root: Path | str,
        progress: Progress | None = None,
        *,
        model: str | None = DEFAULT_MODEL,
        encoding: Progress | None = None,
    ) -> Engine:
        """The engine over the corpus at ``root``; the cleaned corpus, its compilation, its
        timeline and its paragraphs' vectors come from (or go to) the corpus's cache;
        ``progress`` hears about a long build, ``encoding`` about encoding paragraphs.
        ``model`` names the embedding model (``index.embedding.load_embedder``; "none": words
        alone)."""
        corpus, compiled = load_corpus_and_index(root, progress=progress)
        embedder = load_embedder(model)
        dense = (
            None
            if embedder is None
            else load_dense(root, [p.text for p in corpus.paragraphs], embedder, encoding)
        )
        return cls(corpus, compiled, timeline=cached_timeline, dense=dense)

    @property
    def events(self) -> tuple[Event, ...]:
        """The corpus's timeline (``index.timeline``), made on first use, then kept."""
        return self.context.events

    @property
    def model(self) -> str:
        """The embedding model's name, or "none"."""
        return self.context.dense.embedder.name if self.context.dense else "none"

    def warm_up(self) -> None:
        """Build now what is otherwise built on first use (the timeline, which outcome questions
        also need) and load what reading questions may need (the English dictionary), so that
        no user waits for it; a long-running front end calls this once."""
        self.context.warm_up()
        warm_up_reading()

    def timeline(
        self, start: When | None = None, end: When | None = None, source: str | None = None
    ) -> list[Event]:
        """The dated events, oldest first; only those overlapping ``start``..``end``, or
        reported by ``source`` (an article id or outlet), when given."""
        return select(self.events, start, end, source)

    def read(self, question: str) -> Query:
        """The question's content terms as the index spells them, with their expansions."""
        return read_question(self.context, question)

    def ask(self, question: str, k: int = MAX_RESULTS, context: Sequence[str] = ()) -> Answer:
        """The answer to ``question``, citing at most ``k`` reports; ``context``: the
        conversation's earlier questions, oldest first, which a follow-up ("when was that?")
        is read with."""
        return self.assess(question, k, context).answer

    def assess(
        self, question: str, k: int = MAX_RESULTS, context: Sequence[str] = ()
    ) -> Assessment:
        """``ask``, with what the answer was judged on."""
        question = question[:MAX_QUESTION_CHARS]
        reading = read_in_context(self.context, question, context)
        if reading.context and restates_earlier(reading):
            # "which site said that?": the latest earlier question's answer again
            *before, latest = reading.context
            told = self.assess(latest, k, before)
            answer = replace(told.answer, question=question, context=reading.context)
            return replace(told, answer=answer)
        reading, retrieved, cited = retrieve_question(self.context, question, reading)
        verdict, found = judge_answer(self.context, question, reading, retrieved, cited)
        if verdict.declined:
            answer = Answer(question=question, reason=verdict.declined, context=reading.context)
            return Assessment(answer, verdict, found)
        answer = compose(
            self.context,
            question,
            reading.query,
            retrieved.hits,
            k,
            tentative=verdict.tentative,
            context=reading.context,
        )
        return Assessment(answer, verdict, found)

    def retrieve(
        self, question: str, context: Sequence[str] = (), *, ordered: bool = True
    ) -> tuple[Reading, Retrieved]:
        """The question as read and its candidates, best first, as ``assess`` ranks them;
        ``ordered=False`` leaves a follow-up's first ones as the stages put them, before the
        learned order (``index.followup_order``, which is fitted on them)."""
        question = question[:MAX_QUESTION_CHARS]
        reading = read_in_context(self.context, question, context)
        reading, retrieved, _ = retrieve_question(self.context, question, reading, ordered=ordered)
        return reading, retrieved
