"""The answer engine: one object, loaded once, shared by every front end.

It holds no stage logic of its own. A question flows one way:

    read (index.question, index.followup)
      -> retrieve: by words (index.lexical), by meaning (index.dense), fused (index.fusion)
      -> judge (index.evidence, index.abstention)
      -> compose (index.compose, index.highlight)

Each stage takes the previous stage's value and the corpus's ``Context`` (index.context).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from index.abstention import Verdict, judge, unknown_names
from index.answer import Answer
from index.answer_types import (
    FILTERING_KINDS,
    asks_about_sequence,
    asks_symbol,
    asks_venue,
    expected_kind,
    names_symbol,
    names_venue,
)
from index.compiled import Compiled, Progress, compile_corpus
from index.compose import compose
from index.confidence import Signals, model, signals
from index.context import Context
from index.corpus import Corpus
from index.dates import When
from index.dense import DenseIndex, load_dense
from index.embedding import DEFAULT_MODEL, Embedder, load_embedder
from index.evidence import (
    asks_if_it_came_about,
    capitals,
    elsewhere,
    evidence,
    in_vocabulary,
    missing_kind,
    named_within,
    overturned,
    undated,
    unknown_subject,
    unmentioned,
    unnamed,
)
from index.followup import Reading, read_in_context, resolve_person, restates_earlier, strays
from index.index_cache import cached_timeline, load_corpus_and_index
from index.query import Query
from index.question import MAX_QUESTION_CHARS, phrases, read_question
from index.reading import mixed_with_urdu, warm_up_reading
from index.retrieve import (
    Retrieved,
    agreed,
    answered_with,
    near_in_meaning,
    reason_told_next,
    retrieve,
)
from index.text import stem, strip_markup
from index.timeline import Event, build_timeline, select

__all__ = ["MAX_QUESTION_CHARS", "MAX_RESULTS", "Engine", "phrases"]

MAX_RESULTS = 3


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
        reading, retrieved, cited = self._retrieve(question, reading)
        strayed = (
            cited is not None
            and retrieved.top is not None
            and strays(self.context, retrieved.top, cited())
        )
        verdict, found = self._judge(question, reading, retrieved, strayed, cited)
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
        reading, retrieved, _ = self._retrieve(question, reading, ordered=ordered)
        return reading, retrieved

    def _retrieve(
        self, question: str, reading: Reading, *, ordered: bool = True
    ) -> tuple[Reading, Retrieved, Callable[[], Sequence[int]] | None]:
        """The reading (a follow-up's "he" resolved; a question asking whether something
        meant to happen came about, read as one about how the story came out), its candidates
        and, for a follow-up, the paragraphs the latest earlier question was answered with
        (worked out when needed). ``question``: as written."""
        earlier = cited = None
        if reading.context:  # the latest earlier question, as it was read when asked
            *before, latest = reading.context
            earlier = read_in_context(self.context, latest, before)
            cited = answered_with(self.context, earlier)
            reading = resolve_person(self.context, reading, cited)
        retrieved = retrieve(self.context, reading, earlier, cited=cited, ordered=ordered)
        top = retrieved.top
        if top is not None and asks_if_it_came_about(self.context, question, reading.query, top):
            reading = replace(reading, query=replace(reading.query, kind="outcome"))
            retrieved = retrieve(self.context, reading, earlier, cited=cited, ordered=ordered)
        return reading, retrieved, cited

    def _judge(
        self,
        question: str,
        reading: Reading,
        retrieved: Retrieved,
        strayed: bool = False,
        cited: Callable[[], Sequence[int]] | None = None,
    ) -> tuple[Verdict, Signals | None]:
        ctx = self.context
        query, top = reading.query, retrieved.top
        terms = evidence(ctx, query, top)
        # A place the articles never mention, inside one they do ("karachi"): not declined as
        # a name they never mention, but not known either.
        within = named_within(ctx, query, terms)
        unknown = within - capitals(query, within)
        terms = [replace(t, known=0.0) if t.term in unknown else t for t in terms]

        def named(word: str) -> bool:  # a capitalised word the articles use, or a place in one
            return (
                in_vocabulary(ctx, stem(word))
                or (query.term_of(word.lower()) or stem(word)) in within
            )

        written = strip_markup(question)
        own = [t for t in terms if t.term in reading.own]
        kind = expected_kind(written)
        about_the_story = (query.kind == "outcome" or retrieved.followed) and top is not None
        kind_held = top is not None and kind in FILTERING_KINDS and ctx.holds(top, kind) > 0
        leaning = reading.context is not None and not reading.own
        agree, near = agreed(ctx, retrieved), near_in_meaning(retrieved)
        found = signals(
            ctx,
            terms,
            retrieved.hits,
            retrieved.lexical,
            retrieved.similarities,
            agreed=agree,
            near=near,
            kind_held=kind_held,
            follow_up=reading.context is not None,
            about_the_story=about_the_story,
            leaning=leaning,
            kind=query.kind,
        )
        calibrated = model()
        likely = None if found is None else calibrated.probability(found) >= calibrated.sure_at
        verdict = judge(
            written,
            terms,
            own=own or None,
            referent=reading.referent,
            names=[*unknown_names(written, named), *unknown_subject(ctx, query, written)],
            about_the_story=about_the_story,
            missing_kind=missing_kind(ctx, query, retrieved.hits[:MAX_RESULTS], terms),
            no_reason=query.kind == "why"
            and top is not None
            and not ctx.compiled.has_kind(top, "why"),
            agreed=agree,
            near=near,
            overturned=top is not None and overturned(ctx, query, top),
            # Led by the event that followed the one the words found: they did not find it.
            sequence=asks_about_sequence(written) or retrieved.followed,
            kind_held=kind_held,
            leaning=leaning,
            strayed=strayed,
            reordered=retrieved.reordered,
            mixed=mixed_with_urdu(written),
            unnamed=top is not None and unnamed(ctx, written, top),
            undated=undated(query, written, terms),
            unmentioned=unmentioned(query, written, terms),
            within=bool(within),
            elsewhere=top is not None and elsewhere(ctx, query, written, top),
            given=top is not None
            and (
                (asks_symbol(written) and names_symbol(ctx.text_of(top)))
                or (asks_venue(query.text) and names_venue(ctx.text_of(top)))
                or reason_told_next(ctx, written, top, cited, query)
            ),
            likely=likely,
        )
        return verdict, found
