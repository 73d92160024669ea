"""Follow-up questions: read with the conversation's earlier questions, in the engine, the CLI
and eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.engine import Engine
from index.evaluation import hit_rank, load_questions
from index.evidence import known_share
from index.followup import read_in_context, strays
from index.fusion import fuse
from index.lexical import CANDIDATES
from index.retrieve import retrieve
from tests.conftest import ROOT, cli

FOLLOWUPS = ROOT / "benchmarks" / "questions" / "dev_followups.json"
CASUAL = ROOT / "benchmarks" / "questions" / "dev_casual.json"


@pytest.mark.parametrize(
    ("earlier", "question", "expected"),
    [
        ("who extended blackberry's pakistan deadline?", "to when?", "December 30"),
        ("did saudi arabia ever threaten to ban blackberry?", "what yr was that", "2010"),
        # Its only words ask for a date: it says nothing of what it is about.
        ("did india ever threaten to ban blackberry?", "which year?", "2010"),
    ],
)
def test_a_follow_up_is_answered_in_the_context_of_the_earlier_question(
    engine: Engine, earlier: str, question: str, expected: str
) -> None:
    answer = engine.ask(question, context=[earlier])
    assert answer.context == (earlier,)
    assert answer.answered
    assert expected in " ".join(c.paragraph.text for c in answer.citations)


def test_what_happened_next_refers_back_though_it_names_nothing_earlier(engine: Engine) -> None:
    earlier = "when did blackberry say it would leave pakistan?"
    answer = engine.ask("what happened next?", context=[earlier])
    assert answer.context == (earlier,)
    # A question that names what it asks about stands alone.
    assert engine.ask("what happened next with the priv?", context=[earlier]).context is None


def test_what_happened_next_after_an_answer_whose_paragraph_goes_on_is_what_it_tells_next(
    engine: Engine,
) -> None:
    # Shown "shutting down operations ... by the end of this month", from a paragraph that
    # goes on to the extension: that came next, not the paragraph's own latest event's next.
    earlier = "when was bb first supposed to shut down in pakistan"
    assert "end of this month" in engine.ask(earlier).text
    answer = engine.ask("what happened next?", context=[earlier])
    assert answer.answered
    assert "December" in answer.citations[0].paragraph.text
    assert "extend" in answer.citations[0].paragraph.text


def test_so_standing_for_what_was_said_refers_back(engine: Engine) -> None:
    earlier = "where do bes communications get routed?"
    answer = engine.ask("which site says so?", context=[earlier])
    assert answer.context == (earlier,)
    assert answer.answered and "routed" in answer.citations[0].paragraph.text


def test_a_follow_up_to_how_it_ended_points_back_at_how_it_ended(engine: Engine) -> None:
    # "that" is the outcome (BlackBerry stayed), not the exit the earlier question's words name.
    answer = engine.ask(
        "when was that decided?", context=["did bb end up pulling out of pakistan?"]
    )
    assert answer.answered
    first = answer.citations[0]
    assert first.article.published.isoformat() == "2015-12-31"
    assert "exit" not in first.paragraph.text


def test_how_an_earlier_episode_ended_is_told_by_the_sentence_after_it(engine: Engine) -> None:
    # The earlier question's words find the sentence setting the episode up ("India said it
    # had public safety as its primary concern ..."); how it came out is told after it.
    answer = engine.ask("how did it end up?", context=["what did india want from bb in 2010"])
    assert answer.citations[0].paragraph.text.startswith("Similar to Pakistan, India said")
    assert answer.text.startswith("BlackBerry was able to convince each country")
    # Asked alone, a question's own words choose the sentence.
    alone = engine.ask("what did india want from bb in 2010")
    assert not alone.text.startswith("BlackBerry was able to convince")


def test_when_was_that_dates_the_event_the_earlier_answer_reported(engine: Engine) -> None:
    # The reversal, not the extension, whose paragraph also names the shutdown order and dates.
    answer = engine.ask("when was that", context=["did pak drop the shutdown order"])
    assert answer.answered
    first = answer.citations[0]
    assert "Thursday" in first.paragraph.text
    assert "30th December" not in answer.text


@pytest.mark.parametrize(
    "question",
    ["source?", "src?", "which site said that", "which outlet?", "which site reported it"],
)
def test_asked_for_its_source_a_follow_up_gets_the_earlier_answer_again(
    engine: Engine, question: str
) -> None:
    earlier = "did pakistan give bb more time"
    first = engine.ask(earlier)
    answer = engine.ask(question, context=[earlier])
    assert answer.context == (earlier,)
    assert answer.question == question
    assert answer.citations == first.citations
    assert answer.tentative == first.tentative
    # Its words only ask for the source: they are not looked for in the articles.
    assert engine.read(question).terms == ()


def test_a_question_asking_for_the_source_is_looked_up_by_its_other_words(
    engine: Engine,
) -> None:
    # "site" asks for the outlet, words the articles never use: no reason to decline.
    terms = engine.read("which site gave bb props for sticking to its privacy stuff").terms
    assert "site" not in terms and {"prop", "privaci"} <= set(terms)
    assert engine.ask("which site was cheering bb on for its privacy stance").answered
    # (With "gave" read as "give", which no passage near it holds, "gave bb props" is now
    # declined as matched too loosely: a trade measured over every set, 4 fixed, 2 lost.)
    answer = engine.ask("which site gave bb props for sticking to its privacy stuff")
    assert "site" not in answer.reason


def test_who_announced_how_it_ended_is_not_who_announced_the_exit(engine: Engine) -> None:
    answer = engine.ask("who announced it", context=["did bb end up leaving pak"])
    assert answer.answered
    assert "Marty Beard" in answer.citations[0].paragraph.text
    assert "exit" not in answer.citations[0].paragraph.text


@pytest.mark.parametrize("question", ["to when?", "which year?"])
def test_a_follow_up_alone_has_nothing_to_look_up(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered and "no words to look up" in answer.reason


def test_a_question_that_stands_alone_is_read_alone(engine: Engine) -> None:
    alone = engine.ask("What does BES stand for?")
    asked_after = engine.ask("What does BES stand for?", context=["who is marty beard"])
    assert asked_after.context is None
    assert asked_after.to_dict() == {**alone.to_dict(), "context": None}


def test_a_question_naming_only_what_the_last_one_named_follows_it_up(engine: Engine) -> None:
    ctx = engine.context
    earlier = ["would the ceo give user data to the police?"]
    assert read_in_context(ctx, "what kind of data", earlier).context == tuple(earlier)
    # Something of its own, or only what an older question named: it stands alone.
    assert read_in_context(ctx, "what kind of data", ["what is BES?"]).context is None
    older = [*earlier, "when did he say it?"]
    assert read_in_context(ctx, "what kind of data", older).context is None


def test_the_new_one_or_the_original_one_points_back(engine: Engine) -> None:
    ctx = engine.context
    earlier = ["did bb accept the extension"]
    assert read_in_context(ctx, "whats the new date", earlier).context == tuple(earlier)
    assert read_in_context(ctx, "what was the original deadline", earlier).context is not None
    assert read_in_context(ctx, "what is a new phone", earlier).context is None


def test_back_then_in_a_follow_up_points_back_and_is_no_word_of_its_own(engine: Engine) -> None:
    ctx = engine.context
    earlier = ["when did the rumors about the pak ban start"]
    reading = read_in_context(ctx, "what did bb say back then", earlier)
    assert reading.context == tuple(earlier) and "back" not in reading.query.terms
    # BlackBerry's July statement, not "Back in 2010, countries including India ...".
    answer = engine.ask("what did bb say back then", context=earlier)
    assert "July" in answer.citations[0].paragraph.text
    # Standing alone, "back then" is a word: it finds the 2010 episode.
    assert "back" in engine.read("how did bb deal w india n saudi back then").terms


def test_a_question_naming_several_things_of_its_own_stands_alone(engine: Engine) -> None:
    # "they" is the BlackBerry it names, not the earlier question's servers.
    question = "did bb cave to the pakistani govt even tho they were struggling financially"
    alone = engine.ask(question)
    asked_after = engine.ask(question, context=["where do bes messages get routed?"])
    assert asked_after.context is None
    assert asked_after.to_dict() == {**alone.to_dict(), "context": None}


def test_a_follow_up_the_articles_do_not_cover_is_declined_for_what_is_missing(
    engine: Engine,
) -> None:
    answer = engine.ask(
        "what did snowden say about it?", context=["what was john chen's position on privacy?"]
    )
    assert not answer.answered and "no words to look up" not in answer.reason


def test_cli_ask_after_and_its_json_context() -> None:
    result = cli("ask", "--json", "--after", "who is marty beard", "and the ceo?")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["context"] == ["who is marty beard"]
    result = cli("ask", "--json", "What does BES stand for?")
    assert json.loads(result.stdout)["context"] is None
    result = cli("ask", "--after", "who is marty beard", "and the ceo?")
    assert result.stdout.startswith("(following up on “who is marty beard”)")


def test_repl_keeps_the_conversation_and_new_starts_afresh() -> None:
    result = cli(
        "repl", stdin="who extended blackberry's pakistan deadline?\nto when?\n/new\nto when?\n"
    )
    assert result.returncode == 0, result.stderr
    answers = result.stdout.split("> ")[2:]
    assert answers[0].startswith("(following up on")
    assert "(new conversation)" in answers[1]
    assert "Not in my articles" in answers[2]


def test_eval_scores_the_later_turns_of_a_conversations_file(tmp_path: Path) -> None:
    turns = load_questions(FOLLOWUPS)
    conversations = json.loads(FOLLOWUPS.read_text(encoding="utf-8"))["conversations"]
    assert len(turns) == sum(len(c["turns"]) - 1 for c in conversations)
    assert all(t.context for t in turns)
    result = cli("eval", "--json", str(FOLLOWUPS))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["answerable"] + report["out_of_scope"] == len(turns)


def test_a_follow_up_asking_for_a_kind_of_answer_puts_passages_holding_one_first(
    engine: Engine,
) -> None:
    answer = engine.ask(
        "who confirmed it?", context=["did blackberry get to keep operating in pakistan?"]
    )
    assert answer.answered
    assert engine.context.compiled.has_kind(
        engine.context.source_number[
            answer.citations[0].article.id, answer.citations[0].paragraph.number
        ],
        "who",
    )


def test_the_articles_names_are_the_terms_they_always_capitalise(engine: Engine) -> None:
    ctx = engine.context
    assert all(map(ctx.is_name, ["beard", "pakistan", "bes", "india"]))
    # Common words, words that open a sentence now and then, and unknown words are no names.
    assert not any(map(ctx.is_name, ["server", "howev", "accord", "zzzz"]))


def test_an_ellipsis_puts_its_own_words_in_place_of_the_names_asked_about(
    engine: Engine,
) -> None:
    answer = engine.ask("and the ceo?", context=["who is marty beard"])
    assert answer.context == ("who is marty beard",)
    assert "Chen" in answer.citations[0].paragraph.text
    # A follow-up that points back ("it") keeps what the earlier question named.
    kept = read_in_context(engine.context, "and who uses it?", ["what does BES stand for?"])
    assert "bes" in kept.query.terms
    replaced = read_in_context(engine.context, "and bbm?", ["what does BES stand for?"])
    assert "bes" not in replaced.query.terms and "bbm" in replaced.query.terms


def test_an_outlet_named_in_a_follow_up_takes_the_place_of_the_earlier_ones(
    engine: Engine,
) -> None:
    earlier = ["what did softpedia think of how bb handled it"]
    reading = read_in_context(engine.context, "and inferse?", earlier)
    assert reading.query.sources == ("inferse.com",)
    answer = engine.ask("and inferse?", context=earlier)
    # Its only word is the outlet: it leans on the earlier question, tentatively, never
    # declined for that question's words.
    assert answer.answered and answer.tentative
    assert all(c.paragraph.article_id.startswith("inferse") for c in answer.citations)
    # Naming none, it keeps the earlier question's.
    kept = read_in_context(engine.context, "and why?", earlier)
    assert kept.query.sources == ("Softpedia News",)


def test_who_said_it_is_answered_by_the_copy_of_the_quote_that_names_the_speaker(
    engine: Engine,
) -> None:
    earlier = "what did bb say about the pakistani government accepting its position"
    answer = engine.ask("who said it?", context=[earlier])
    top = answer.citations[0].paragraph.text
    assert "grateful" in top and ("Beard" in top or "Marty" in top)


def test_who_announced_it_puts_a_passage_naming_who_said_it_first(engine: Engine) -> None:
    answer = engine.ask("who announced it?", context=["why did pakistan change its mind"])
    assert answer.answered
    assert "Marty" in answer.citations[0].paragraph.text


def test_what_happened_next_is_the_timelines_following_event(engine: Engine) -> None:
    ctx = engine.context
    exit_post = ctx.source_number["techjuice-blackberry-to-exit-pakistan", 1]
    extension = ctx.source_number["techjuice-blackberry-to-exit-pakistan", 7]
    assert extension in ctx.followed_by(exit_post)
    answer = engine.ask(
        "what happened after it went up?", context=["did the bb exit news come from a blog post?"]
    )
    assert answer.answered and answer.tentative  # placed after something: never sure
    assert "30" in answer.citations[0].paragraph.text  # the deadline moved to 30 December


def test_a_kind_lent_by_the_earlier_question_does_not_reorder_a_follow_up(engine: Engine) -> None:
    # "which site reported it?" asks for no name: the earlier "who" says what it is about, and
    # the candidates stay in the order of the fused ranking (before the learned order, which
    # weighs the follow-up's own kind too: tests/test_followup_order.py).
    ctx = engine.context
    reading = read_in_context(ctx, "which site reported it?", ["who said privacy is paramount?"])
    assert reading.query.kind == "who"
    retrieved = retrieve(ctx, reading, ordered=False)
    known = known_share(ctx, reading.query, reading.own)
    assert retrieved.hits == fuse(
        retrieved.lexical, retrieved.similarities, CANDIDATES, known=known
    )
    # Its own "who" does reorder them: the passages naming someone first.
    confirmed = read_in_context(ctx, "who confirmed it?", ["did bb stay in pakistan?"])
    asked = retrieve(ctx, confirmed, ordered=False)
    known = known_share(ctx, confirmed.query, confirmed.own)
    assert asked.hits != fuse(asked.lexical, asked.similarities, CANDIDATES, known=known)


def test_standalone_questions_asked_after_another_lose_little(engine: Engine) -> None:
    """Each in-scope question of the chat set asked after the file's previous question, as in
    a conversation: at most 0.03 Hit@1 lost against asking it alone (issue #20's bar)."""
    alone = after = asked = 0
    previous = None
    for q in load_questions(CASUAL):
        if not q.out_of_scope and previous is not None:
            asked += 1
            alone += hit_rank(engine.ask(q.text), q.gold) == 1
            after += hit_rank(engine.ask(q.text, context=[previous]), q.gold) == 1
        previous = q.text
    assert (alone - after) / asked <= 0.03


@pytest.mark.parametrize(
    ("earlier", "question", "named"),
    [
        ("Who announced that BlackBerry would stay in Pakistan?", "What is his job?", "Beard"),
        (
            "What did BlackBerry's chief executive say he would hand over to the police?",
            "what is his name?",
            "Chen",
        ),
        # Answered with the COO's blog post before "chief executive John Chen said ...": "he"
        # is the one the earlier question asked about, the chief executive.
        ("who's bb's ceo", "what did he say about giving stuff to the cops", "Chen"),
    ],
)
def test_he_or_his_stands_for_the_person_the_earlier_answer_reports_speaking(
    engine: Engine, earlier: str, question: str, named: str
) -> None:
    answer = engine.ask(question, context=[earlier])
    assert answer.answered and answer.context == (earlier,)
    assert named in answer.citations[0].paragraph.text


def test_a_follow_up_about_a_person_is_not_sure_on_the_name_alone(engine: Engine) -> None:
    # "job" is a word the articles never use: the passages naming Marty Beard hold his name,
    # not what is asked about him.
    answer = engine.ask(
        "what is his job?", context=["Who announced that BlackBerry would stay in Pakistan?"]
    )
    assert answer.answered and answer.tentative


def test_a_passage_strays_from_the_thread_unless_it_is_near_what_was_just_said(
    engine: Engine,
) -> None:
    ctx = engine.context

    def at(key: str) -> int:
        article, number = key.split("#")
        return ctx.source_number[article, int(number)]

    cp = "canadian-press-blackberry-to-stay-in-pakistan"
    said = [at(f"{cp}#13")]  # John Chen would hand over customer information
    assert not strays(ctx, said[0], said)
    assert not strays(ctx, at(f"{cp}#14"), said)  # the same article
    # Inferse's copy of the Canadian Press's quote of BlackBerry's thanks is the same report.
    assert not strays(ctx, at("inferse-blackberry-to-stay-in-pakistan#2"), [at(f"{cp}#6")])
    assert strays(ctx, at("techjuice-blackberry-to-exit-pakistan#1"), said)
    assert not strays(ctx, said[0], [])


def test_a_follow_ups_own_words_count_for_more_of_its_meaning_than_the_earlier_ones(
    engine: Engine,
) -> None:
    ctx = engine.context
    earlier = ["what did pak want from bb", "did bb say no"]
    reading = read_in_context(ctx, "why tho", earlier)
    weighted = reading.weighted_texts()
    assert [text for text, _ in weighted] == list(reading.texts)
    own, *before = (weight for _, weight in weighted)
    assert own == 1 and before and all(0 < w < own for w in before)
    # A question read alone is its own text alone.
    assert read_in_context(ctx, "what is BES?", []).weighted_texts() == [("what is BES?", 1.0)]


@pytest.mark.parametrize(
    "question",
    ["what did he say when pakistan backed down?", "what did he say exactly", "wat did he say"],
)
def test_asked_what_he_said_a_follow_up_is_answered_with_his_words(
    engine: Engine, question: str
) -> None:
    # The earlier answer reports what Marty Beard announced; his words are the quote.
    answer = engine.ask(question, context=["who announced that pakistan dropped the demand"])
    assert answer.answered
    assert "grateful" in answer.citations[0].paragraph.text or (
        "look forward" in answer.citations[0].paragraph.text
    )


@pytest.mark.parametrize("question", ["where did he post it", "where'd he post that?"])
def test_asked_where_it_was_said_a_follow_up_gets_where_it_was_published(
    engine: Engine, question: str
) -> None:
    # Softpedia reports Beard announcing the reversal but not where; the Canadian Press
    # reports the same event and says he "wrote on the company's blog".
    answer = engine.ask(question, context=["did bb leave pak in the end", "who announced it"])
    assert answer.answered
    assert "blog" in answer.citations[0].paragraph.text
