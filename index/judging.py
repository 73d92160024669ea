"""The judge stage: what an answer's best passage is judged on, and the verdict.

The rules live in ``index.abstention.judge`` (answer, answer tentatively, or decline); what the
corpus knows of each of the question's words in ``index.evidence``; how likely the passage is
to answer in ``index.confidence``. This stage gathers, from the question as read and its
candidates, everything those rules weigh, and hands it to them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from index.abstention import Verdict, judge, unknown_names
from index.answer_types import (
    FILTERING_KINDS,
    asks_about_sequence,
    asks_symbol,
    asks_venue,
    expected_kind,
    names_symbol,
    names_venue,
)
from index.compose import MAX_RESULTS
from index.confidence import Signals, model, signals
from index.context import Context
from index.evidence import (
    capitals,
    elsewhere,
    evidence,
    in_vocabulary,
    missing_kind,
    named_subject,
    named_within,
    overturned,
    undated,
    unknown_subject,
    unmentioned,
    unnamed,
)
from index.followup import Reading, strays
from index.reading import mixed_with_urdu
from index.retrieve import Retrieved, agreed, near_in_meaning, reason_told_next
from index.text import stem, strip_markup


def judge_answer(
    ctx: Context,
    question: str,
    reading: Reading,
    retrieved: Retrieved,
    cited: Callable[[], Sequence[int]] | None = None,
) -> tuple[Verdict, Signals | None]:
    """The verdict on answering ``question`` (as written) with ``retrieved``'s candidates,
    and the signals of its best passage (None when meaning is off or none was found);
    ``cited``: for a follow-up, the paragraphs its latest earlier question was answered with
    (``retrieve.answered_with``)."""
    query, top = reading.query, retrieved.top
    # A follow-up answered from outside the thread of the conversation.
    strayed = cited is not None and top is not None and strays(ctx, top, cited())
    terms = evidence(ctx, query, top)
    # A place the articles never mention, inside one they do ("karachi"): not declined as
    # a name they never mention, but not known either.
    within = named_within(ctx, query, terms)
    unknown = within - capitals(query, within)
    terms = [replace(t, known=0.0) if t.term in unknown else t for t in terms]

    def named(word: str) -> bool:  # a capitalised word the articles use, or a place in one
        return (
            in_vocabulary(ctx, stem(word)) or (query.term_of(word.lower()) or stem(word)) in within
        )

    written = strip_markup(question)
    subject = unknown_subject(ctx, query, written)
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
        names=[*unknown_names(written, named), *subject],
        subject=named_subject(ctx, subject, written),
        about_the_story=about_the_story,
        missing_kind=missing_kind(ctx, query, retrieved.hits[:MAX_RESULTS], terms),
        no_reason=query.kind == "why" and top is not None and not ctx.compiled.has_kind(top, "why"),
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
