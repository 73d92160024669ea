"""``python -m bot.cli report``: what people asked that the articles did not answer well."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot import cli as cli_module
from bot.feedback import DB_FILE, FeedbackStore
from tests.conftest import cli

DAY = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A store: a question declined three times (two spellings), one answered tentatively, one
    answered and voted not helpful twice (one voter changed their mind), one answered well."""
    s = FeedbackStore(tmp_path, clock=lambda: DAY + dt.timedelta(days=1))

    def ask(record: str, question: str, outcome: str, day: int) -> None:
        cited = [] if outcome == "declined" else ["cp-stay#1", "dawn-deadline#4"]
        s.record_question(
            record,
            question=question,
            via="/ask" if day % 2 else "mention",
            outcome=outcome,
            cited=cited,
            asked_at=DAY + dt.timedelta(days=day),
        )

    ask("1" * 16, "Who is the CEO of Samsung?", "declined", -20)
    ask("2" * 16, "who is the ceo of samsung", "declined", 0)
    ask("3" * 16, "Who is the CEO of Samsung??", "declined", 1)
    ask("4" * 16, "When did the dispute end?", "tentative", -1)
    ask("5" * 16, "Why did BlackBerry stay?", "answered", 0)
    ask("6" * 16, "What is BES?", "answered", 0)
    s.vote("5" * 16, 1, helpful=False)
    s.vote("5" * 16, 2, helpful=True)
    s.vote("5" * 16, 2, helpful=False)  # replaced
    s.vote("6" * 16, 1, helpful=True)
    s.close()
    return tmp_path


def report(*args: str) -> dict[str, object]:
    done = cli("report", "--json", *args)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_json_shape_grouped_most_frequent_first(data: Path) -> None:
    out = report("--data", str(data))
    assert set(out) == {"questions", "votes"}
    assert out["votes"] == {"helpful": 1, "not_helpful": 2}
    questions = out["questions"]
    assert isinstance(questions, list)
    assert [(q["question"], q["count"], q["outcome"]) for q in questions] == [
        ("Who is the CEO of Samsung??", 3, "declined"),  # the latest spelling is shown
        ("Why did BlackBerry stay?", 1, "answered"),
        ("When did the dispute end?", 1, "tentative"),
    ]
    for q in questions:
        assert set(q) == {"question", "count", "outcome", "helpful", "not_helpful", "last_asked"}
    stay = questions[1]
    assert (stay["helpful"], stay["not_helpful"]) == (0, 2)
    assert questions[0]["last_asked"] == "2026-03-11T09:30:00Z"


def test_since_keeps_later_questions(data: Path) -> None:
    out = report("--data", str(data), "--since", "2026-03-10")
    counts = {q["question"]: q["count"] for q in out["questions"]}  # type: ignore[attr-defined]
    assert counts == {"Who is the CEO of Samsung??": 2, "Why did BlackBerry stay?": 1}


def test_plain_text_report(data: Path) -> None:
    done = cli("report", "--data", str(data))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "6 questions asked" in text and "1 helpful, 2 not helpful" in text
    assert text.index("Samsung") < text.index("When did the dispute end?")
    assert "cited: cp-stay#1, dawn-deadline#4" in text


@pytest.mark.parametrize("kind", ["missing", "empty dir", "empty file"])
def test_an_empty_or_missing_store_is_an_empty_report(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    if kind != "missing":
        folder.mkdir()
    if kind == "empty file":
        (folder / DB_FILE).write_bytes(b"")
    out = report("--data", str(folder))
    assert out["questions"] == [] and out["votes"] == {"helpful": 0, "not_helpful": 0}
    assert not folder.exists() or [p.name for p in folder.iterdir()] in ([], [DB_FILE])
    text = cli("report", "--data", str(folder))
    assert text.returncode == 0 and "0 questions asked" in text.stdout


def test_a_damaged_store_is_one_line_of_error(tmp_path: Path) -> None:
    (tmp_path / DB_FILE).write_bytes(b"garbage " * 500)
    done = cli("report", "--data", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.startswith("error: cannot read") and "Traceback" not in done.stderr


def test_bad_since_is_a_usage_error(tmp_path: Path) -> None:
    done = cli("report", "--since", "last week", "--data", str(tmp_path))
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr


def test_data_defaults_to_bot_data_dir(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOT_DATA_DIR", str(data))
    monkeypatch.chdir(data)  # no .env here
    assert cli_module.main(["report", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["votes"]["not_helpful"] == 2
