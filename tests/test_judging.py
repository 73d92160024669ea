"""The judge stage (``index.judging``): what an answer is judged on, handed to the rules."""

from __future__ import annotations

from index.abstention import Verdict
from index.confidence import Signals
from index.engine import Engine
from index.followup import read_in_context
from index.judging import judge_answer
from index.retrieve import retrieve_question


def _judged(
    engine: Engine, question: str, context: tuple[str, ...] = ()
) -> tuple[Verdict, Signals | None]:
    reading = read_in_context(engine.context, question, context)
    reading, retrieved, cited = retrieve_question(engine.context, question, reading)
    return judge_answer(engine.context, question, reading, retrieved, cited)


def test_the_stage_gives_the_engines_verdict_and_signals(engine: Engine) -> None:
    for question in ("who is marty beard", "what is the capital of peru"):
        verdict, found = _judged(engine, question)
        assessed = engine.assess(question)
        assert verdict == assessed.verdict
        assert found == assessed.signals


def test_a_name_the_articles_never_mention_is_declined_by_name(engine: Engine) -> None:
    verdict, _ = _judged(engine, "did Valorant ever ask bb for backdoors")
    assert "Valorant" in verdict.declined


def test_a_follow_up_is_judged_with_the_earlier_answer_at_hand(engine: Engine) -> None:
    # "where did he post it?" asks where the statement just read was made: the passage that
    # tells ("wrote on the company's blog") is given, however few of its words it holds.
    verdict, _ = _judged(engine, "where did he post it?", ("who announced that bb is staying",))
    assert not verdict.declined
    assert engine.ask("where did he post it?", 3, ("who announced that bb is staying",)).answered
