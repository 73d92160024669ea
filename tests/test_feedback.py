"""The feedback store: votes replaced, old rows pruned, question texts kept as RECORD_QUESTIONS
says, nothing identifying stored, and a broken database never raising."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import feedback
from bot.feedback import (
    DB_FILE,
    KEY_FILE,
    SCHEMA_VERSION,
    FeedbackError,
    FeedbackRecorder,
    FeedbackStore,
    normalise,
    read_report,
)
from index.engine import Engine

NOW = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
A, B, C = "a" * 16, "b" * 16, "c" * 16
USER, OTHER = 123456789012345678, 876543210987654321


def store(tmp_path: Path, **kwargs: object) -> FeedbackStore:
    return FeedbackStore(tmp_path, clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def fb(tmp_path: Path) -> Iterator[FeedbackStore]:
    s = store(tmp_path)
    yield s
    s.close()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def ask(s: FeedbackStore, record: str, question: str, outcome: str, **kw: object) -> bool:
    cited = [] if outcome == "declined" else ["art#1", "art#3"]
    return s.record_question(
        record,
        question=question,
        via="/ask",
        outcome=outcome,
        cited=cited,
        **kw,  # type: ignore[arg-type]
    )


def test_created_on_first_use_in_wal_mode_with_a_schema_version(tmp_path: Path) -> None:
    data = tmp_path / "data"
    s = store(data)
    assert not data.exists()
    assert s.prune() == 0 and not data.exists()  # pruning creates nothing
    assert ask(s, A, "Who is the CEO of Samsung?", "declined")
    s.close()
    con = sqlite3.connect(data / DB_FILE)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert con.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    con.close()


def test_a_later_vote_replaces_the_earlier_one(fb: FeedbackStore) -> None:
    ask(fb, A, "Why did BlackBerry stay?", "answered")
    assert fb.vote(A, USER, helpful=False)
    assert fb.vote(A, USER, helpful=True)  # the same user changes their mind
    assert fb.vote(A, OTHER, helpful=False)
    votes = rows(fb.path, "SELECT voter, helpful FROM votes ORDER BY helpful")
    assert [h for _, h in votes] == [0, 1]
    assert len({v for v, _ in votes}) == 2
    assert fb.voter(USER) != fb.voter(OTHER)


def test_voters_are_keyed_hashes_never_ids(tmp_path: Path) -> None:
    s = store(tmp_path)
    ask(s, A, "Why did BlackBerry stay?", "answered")
    s.vote(A, USER, helpful=True)
    s.close()
    key = (tmp_path / KEY_FILE).read_text().strip()
    assert len(key) == 64 and (tmp_path / KEY_FILE).stat().st_mode & 0o077 == 0
    everything = b"".join(p.read_bytes() for p in tmp_path.glob(DB_FILE + "*"))
    assert str(USER).encode() not in everything
    # The same key file gives the same hash after a restart (so a vote can still be replaced)
    again = store(tmp_path)
    assert again.voter(USER) == rows(s.path, "SELECT voter FROM votes")[0][0]
    # ...and a configured FEEDBACK_KEY another one.
    assert store(tmp_path, key="x" * 32).voter(USER) != again.voter(USER)


def test_a_vote_on_an_unknown_answer_is_not_recorded(fb: FeedbackStore) -> None:
    ask(fb, A, "Why did BlackBerry stay?", "answered")
    assert not fb.vote(B, USER, helpful=False)
    assert rows(fb.path, "SELECT count(*) FROM votes") == [(0,)]


def test_pruning_deletes_old_questions_and_their_votes(tmp_path: Path) -> None:
    s = store(tmp_path, record_days=90)
    ask(s, A, "old", "declined", asked_at=NOW - dt.timedelta(days=91))
    ask(s, B, "recent", "answered", asked_at=NOW - dt.timedelta(days=89))
    ask(s, C, "older", "answered", asked_at=NOW - dt.timedelta(days=400))
    s.vote(C, USER, helpful=False)
    s.vote(B, USER, helpful=True)
    assert s.prune() == 2
    assert rows(s.path, "SELECT id FROM questions") == [(B,)]
    assert rows(s.path, "SELECT question_id FROM votes") == [(B,)]
    assert s.prune() == 0
    s.close()


def texts(s: FeedbackStore) -> dict[str, object]:
    return dict(rows(s.path, "SELECT id, question FROM questions"))  # type: ignore[arg-type]


def test_record_questions_declined_keeps_only_what_was_not_answered_well(
    tmp_path: Path,
) -> None:
    s = store(tmp_path)  # the default
    ask(s, A, "Who is the CEO of Samsung?", "declined")
    ask(s, B, "When did it end?", "tentative")
    ask(s, C, "Why did BlackBerry stay?", "answered")
    assert texts(s) == {A: "Who is the CEO of Samsung?", B: "When did it end?", C: None}
    s.vote(C, USER, helpful=True)
    assert texts(s)[C] is None
    s.vote(C, OTHER, helpful=False)  # voted not helpful: now kept
    assert texts(s)[C] == "Why did BlackBerry stay?"
    s.vote(C, OTHER, helpful=True)  # changed their mind: no longer kept
    assert texts(s)[C] is None
    s.close()


def test_record_questions_all_and_none(tmp_path: Path) -> None:
    everything = store(tmp_path / "all", record_questions="all")
    ask(everything, A, "Why did BlackBerry stay?", "answered")
    assert texts(everything) == {A: "Why did BlackBerry stay?"}
    everything.close()

    nothing = store(tmp_path / "none", record_questions="none")
    ask(nothing, A, "Who is the CEO of Samsung?", "declined")
    ask(nothing, B, "Why did BlackBerry stay?", "answered")
    nothing.vote(B, USER, helpful=False)
    assert texts(nothing) == {A: None, B: None}
    nothing.close()
    raw = b"".join(p.read_bytes() for p in (tmp_path / "none").glob(DB_FILE + "*"))
    assert b"Samsung" not in raw and b"BlackBerry stay" not in raw
    report = read_report(tmp_path / "none")
    assert [(q.question, q.count, q.not_helpful) for q in report.questions] == [(None, 2, 1)]


def test_normalised_text_groups_spelling_variants() -> None:
    assert normalise("  Who is  the CEO of Samsung??") == normalise("who is the ceo of samsung")
    assert normalise("“Why did BlackBerry stay?”") == "why did blackberry stay"


# ---- a broken database never raises ------------------------------------------------------


def test_a_corrupt_file_is_logged_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / DB_FILE).write_bytes(b"this is not a database, just some bytes " * 200)
    s = store(tmp_path)
    with caplog.at_level(logging.ERROR, logger="bot.feedback"):
        assert not ask(s, A, "Who is the CEO of Samsung?", "declined")
        assert not ask(s, B, "Why did BlackBerry stay?", "answered")
        assert not s.vote(B, USER, helpful=False)
        assert s.prune() == 0
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "not a database" in errors[0].getMessage()
    with pytest.raises(FeedbackError, match="cannot read"):
        read_report(tmp_path)


def _closed_with_one_question(data: Path) -> FeedbackStore:
    """A store in ``data`` that recorded one declined question, then was closed."""
    s = store(data)
    assert ask(s, A, "first", "declined")
    s.close()
    return s


def test_a_read_only_database_is_logged_once_and_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    s = _closed_with_one_question(tmp_path)
    real_connect = feedback._connect

    def read_only(path: Path, *, create: bool) -> sqlite3.Connection:
        # As when the file is read-only (chmod has no effect for root, who runs CI).
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(feedback, "_connect", read_only)
    with caplog.at_level(logging.WARNING, logger="bot.feedback"):
        assert not ask(s, B, "second", "declined")
        assert not ask(s, C, "third", "declined")
        monkeypatch.setattr(feedback, "_connect", real_connect)
        assert s.vote(A, USER, helpful=True)  # writable again: recorded
    messages = [r.getMessage() for r in caplog.records]
    assert len([m for m in messages if "cannot" in m]) == 1
    assert any("recording again" in m for m in messages)
    assert rows(s.path, "SELECT id FROM questions") == [(A,)]
    s.close()


def test_a_data_dir_that_cannot_be_created_never_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    s = store(blocker / "data")
    assert not ask(s, A, "Who is the CEO of Samsung?", "declined")
    assert not s.vote(A, USER, helpful=True)


def test_a_newer_schema_is_not_touched(tmp_path: Path) -> None:
    con = sqlite3.connect(tmp_path / DB_FILE)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    assert not ask(store(tmp_path), A, "q", "declined")
    with pytest.raises(FeedbackError, match="newer"):
        read_report(tmp_path)


# ---- the recorder: one writer thread, off the event loop ---------------------------------


async def test_recorder_writes_in_order_off_the_loop_and_flushes_on_close(
    tmp_path: Path, engine: Engine
) -> None:
    recorder = FeedbackRecorder(store(tmp_path))
    declined = engine.ask("Who is the CEO of Samsung?")
    answered = engine.ask("Who is the COO of BlackBerry?")
    first = recorder.record(declined, "/ask")
    second = recorder.record(answered, "mention")
    assert first and second and first != second
    assert await recorder.vote(second, USER, helpful=False)  # queued after its question
    await recorder.aclose()
    await recorder.aclose()  # idempotent
    assert recorder.record(answered, "/ask") is None
    assert not await recorder.vote(second, USER, helpful=True)
    got = rows(tmp_path / DB_FILE, "SELECT id, via, outcome, cited FROM questions ORDER BY rowid")
    assert [(r[0], r[1], r[2]) for r in got] == [
        (first, "/ask", "declined"),
        (second, "mention", "answered"),
    ]
    assert got[0][3] == "[]"
    assert str(got[1][3]).startswith('["') and "#" in str(got[1][3])


async def test_a_slow_vote_is_acknowledged_in_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = store(tmp_path)
    ask(s, A, "q", "answered")
    recorder = FeedbackRecorder(s)
    monkeypatch.setattr(FeedbackRecorder, "VOTE_WAIT", 0.1)

    def slow_vote(record: str, user: int, helpful: bool) -> bool:
        import time

        time.sleep(0.5)
        return True

    monkeypatch.setattr(s, "vote", slow_vote)
    started = asyncio.get_running_loop().time()
    assert not await recorder.vote(A, USER, helpful=True)
    assert asyncio.get_running_loop().time() - started < 0.4
    await recorder.aclose()


def test_the_report_reads_while_the_bot_is_writing(fb: FeedbackStore) -> None:
    ask(fb, A, "Who is the CEO of Samsung?", "declined")  # the writer's connection stays open
    assert [q.count for q in read_report(fb.path.parent).questions] == [1]
    ask(fb, B, "who is the CEO of Samsung", "declined")
    assert [q.count for q in read_report(fb.path.parent).questions] == [2]


def test_a_full_disk_is_logged_once_and_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    s = _closed_with_one_question(tmp_path)
    real_connect = feedback._connect

    def full(path: Path, *, create: bool) -> sqlite3.Connection:
        con = real_connect(path, create=create)
        (pages,) = con.execute("PRAGMA page_count").fetchone()
        con.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
        return con

    monkeypatch.setattr(feedback, "_connect", full)
    with caplog.at_level(logging.ERROR, logger="bot.feedback"):
        for n in range(50):
            ask(s, f"{n:016x}", "a long question " * 40, "declined")
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "full" in errors[0]
    s.close()


def test_a_data_dir_with_uri_characters(tmp_path: Path) -> None:
    s = store(tmp_path / "odd #1 ?x=%20")
    assert ask(s, A, "q", "declined")
    s.close()
    assert [q.count for q in read_report(tmp_path / "odd #1 ?x=%20").questions] == [1]
