"""What people asked the bot in Discord and what they thought of the answers: a small SQLite
store at ``$BOT_DATA_DIR/feedback.sqlite3``, and the report read from it.

Per question it keeps when it was asked (UTC, to the second), how (``/ask`` or ``mention``),
the outcome (``answered``, ``tentative``, ``declined``), the cited paragraph ids, and the
Helpful / Not helpful votes. The question's text is kept according to ``RECORD_QUESTIONS``:

- ``declined`` (default): only for questions declined, answered tentatively, or voted not
  helpful (an answered question's text waits in memory, never on disk, until such a vote);
- ``all``: every question;
- ``none``: never.

No user name and no user, guild or channel id is stored. A vote is keyed by an HMAC-SHA256
of the voter's id under a secret key (``FEEDBACK_KEY``, or ``feedback.key`` created in the
data folder on first use), which is enough to replace a user's earlier vote and no more. Rows
older than ``RECORD_DAYS`` are deleted at start and daily.

Writing must never stop the bot from answering: every database error (a full disk, a locked,
read-only or damaged file) is caught, logged once until writing works again, and the write is
dropped. All writes go through one writer thread (``FeedbackRecorder``), in order, never on the
event loop. WAL mode lets ``python -m bot.cli report`` read while the bot writes.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from index.answer import Answer

log = logging.getLogger(__name__)
T = TypeVar("T")

DB_FILE = "feedback.sqlite3"
KEY_FILE = "feedback.key"
SCHEMA_VERSION = 1
RECORD_MODES = ("declined", "all", "none")
OUTCOMES = ("answered", "tentative", "declined")
VIA = ("/ask", "mention")
# How long a write may wait for a lock held by another connection (e.g. the report).
BUSY_TIMEOUT = 2.0
# Texts of answered questions kept in memory (never on disk) in case they are voted not helpful
# (RECORD_QUESTIONS=declined): a bound on memory; older ones are forgotten.
PENDING_TEXTS = 10_000
# A record id: random, in the vote buttons' custom ids.
RECORD_ID = re.compile(r"[0-9a-f]{16}")

_SCHEMA = (
    """
CREATE TABLE questions (
    id        TEXT PRIMARY KEY,  -- random, in the vote buttons' custom ids
    asked_at  TEXT NOT NULL,     -- UTC, ISO 8601, to the second
    via       TEXT NOT NULL CHECK (via IN ('/ask', 'mention')),
    outcome   TEXT NOT NULL CHECK (outcome IN ('answered', 'tentative', 'declined')),
    question  TEXT,              -- NULL unless RECORD_QUESTIONS keeps it
    cited     TEXT NOT NULL      -- JSON list of paragraph ids ("article#n"), best first
)""",
    "CREATE INDEX questions_asked_at ON questions (asked_at)",
    """
CREATE TABLE votes (
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    voter       TEXT NOT NULL,   -- keyed hash of the voter's id: lets a vote be replaced
    helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    voted_at    TEXT NOT NULL,
    PRIMARY KEY (question_id, voter)
)""",
)


class FeedbackError(Exception):
    """The store cannot be read (for the report): one line saying why."""


def normalise(question: str) -> str:
    """The text questions are grouped by: Unicode-normalised, case-folded, one space between
    words, without surrounding quotes and trailing punctuation."""
    text = " ".join(unicodedata.normalize("NFKC", question).casefold().split())
    return text.strip(" \"'“”‘’`").rstrip(" ?!.…,;:").strip()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit); ``create=False`` never
    creates a missing file."""
    return sqlite3.connect(
        _uri(path, "rwc" if create else "rw"),
        uri=True,
        timeout=BUSY_TIMEOUT,
        isolation_level=None,
    )


def _uri(path: Path, mode: str) -> str:
    """A ``file:`` URI (percent-encoded: a folder name may hold ``?`` or ``#``)."""
    return f"{path.resolve().as_uri()}?mode={mode}"


@contextlib.contextmanager
def _transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _schema_version(con: sqlite3.Connection) -> int:
    version = int(con.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise FeedbackError(
            f"schema version {version} is newer than this bot's ({SCHEMA_VERSION}); "
            "update the bot or use a fresh BOT_DATA_DIR"
        )
    return version


class FeedbackStore:
    """The database itself; its methods are synchronous and used from one thread at a time
    (the bot's writer thread, or a test). Write methods never raise: they return False and log
    (once per run of failures) when the database cannot be written."""

    def __init__(
        self,
        data_dir: Path,
        *,
        record_questions: str = "declined",
        record_days: int = 90,
        key: str | None = None,
        clock: Callable[[], dt.datetime] = _now,
    ) -> None:
        if record_questions not in RECORD_MODES:
            raise ValueError(f"record_questions must be one of {RECORD_MODES}")
        self.data_dir = data_dir
        self.path = data_dir / DB_FILE
        self.record_questions = record_questions
        self.record_days = record_days
        self._key = key.encode() if key else None
        self._clock = clock
        self._con: sqlite3.Connection | None = None
        self._failing = False
        self._pending: collections.OrderedDict[str, str] = collections.OrderedDict()

    # ---- connection and failures ----

    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            con = _connect(self.path, create=True)
            try:
                con.execute("PRAGMA foreign_keys = ON")
                con.execute("PRAGMA journal_mode = WAL")
                con.execute("PRAGMA synchronous = NORMAL")
                if _schema_version(con) == 0:
                    with _transaction(con):
                        if _schema_version(con) == 0:  # another process may have won
                            for statement in _SCHEMA:
                                con.execute(statement)
                            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            except BaseException:
                con.close()
                raise
            self._con = con
        return self._con

    def _guarded(self, what: str, work: Callable[[sqlite3.Connection], T], failed: T) -> T:
        """``work`` on the database; on any database or file error, log (once until writing
        works again), drop the connection (the next write tries afresh) and return ``failed``."""
        try:
            result = work(self._db())
        except (sqlite3.Error, OSError, FeedbackError) as exc:
            self._drop_connection()
            if not self._failing:
                self._failing = True
                log.error(
                    "feedback store %s: cannot %s (%s: %s); the bot keeps answering without "
                    "recording until it can write again",
                    self.path,
                    what,
                    type(exc).__name__,
                    exc,
                )
            return failed
        if self._failing:
            self._failing = False
            log.warning("feedback store %s: recording again", self.path)
        return result

    def _drop_connection(self) -> None:
        if self._con is not None:
            with contextlib.suppress(sqlite3.Error):
                self._con.close()
            self._con = None

    def close(self) -> None:
        self._drop_connection()

    # ---- writes ----

    def record_question(
        self,
        record_id: str,
        *,
        question: str,
        via: str,
        outcome: str,
        cited: Sequence[str],
        asked_at: dt.datetime | None = None,
    ) -> bool:
        """Record a question asked in Discord; False when it could not be written."""
        if via not in VIA or outcome not in OUTCOMES or not RECORD_ID.fullmatch(record_id):
            raise ValueError(f"bad record: {record_id!r} via {via!r}, outcome {outcome!r}")
        keep = self.record_questions == "all" or (
            self.record_questions == "declined" and outcome != "answered"
        )
        if self.record_questions == "declined" and outcome == "answered":
            self._pending[record_id] = question
            while len(self._pending) > PENDING_TEXTS:
                self._pending.popitem(last=False)
        row = (
            record_id,
            _stamp(asked_at or self._clock()),
            via,
            outcome,
            question if keep else None,
            json.dumps(list(cited)),
        )

        def write(con: sqlite3.Connection) -> bool:
            with _transaction(con):
                con.execute(
                    "INSERT OR IGNORE INTO questions (id, asked_at, via, outcome, question, cited)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    row,
                )
            return True

        return self._guarded("record a question", write, False)

    def vote(self, record_id: str, user_id: int, helpful: bool) -> bool:
        """Record ``user_id``'s vote on a recorded answer, replacing their earlier vote; False
        when the answer is not in the store (too old, or never recorded) or it failed."""

        def write(con: sqlite3.Connection) -> bool:
            voter = self.voter(user_id)
            with _transaction(con):
                cur = con.execute(
                    "INSERT INTO votes (question_id, voter, helpful, voted_at)"
                    " SELECT id, ?, ?, ? FROM questions WHERE id = ?"
                    " ON CONFLICT (question_id, voter) DO UPDATE SET"
                    " helpful = excluded.helpful, voted_at = excluded.voted_at",
                    (voter, int(helpful), _stamp(self._clock()), record_id),
                )
                if cur.rowcount == 0:
                    return False
                if self.record_questions == "declined":
                    self._keep_text_if_not_helpful(con, record_id)
            return True

        return self._guarded("record a vote", write, False)

    def _keep_text_if_not_helpful(self, con: sqlite3.Connection, record_id: str) -> None:
        """RECORD_QUESTIONS=declined: an answered question's text is stored while someone
        votes it not helpful, and removed again when no such vote remains."""
        (outcome,) = con.execute(
            "SELECT outcome FROM questions WHERE id = ?", (record_id,)
        ).fetchone()
        if outcome != "answered":
            return
        (unhelpful,) = con.execute(
            "SELECT count(*) FROM votes WHERE question_id = ? AND helpful = 0", (record_id,)
        ).fetchone()
        if unhelpful:
            text = self._pending.get(record_id)
            if text is not None:
                con.execute(
                    "UPDATE questions SET question = ? WHERE id = ? AND question IS NULL",
                    (text, record_id),
                )
        else:
            con.execute("UPDATE questions SET question = NULL WHERE id = ?", (record_id,))

    def prune(self, now: dt.datetime | None = None) -> int:
        """Delete questions (and their votes) asked more than ``record_days`` days ago; the
        number deleted. A store that does not exist yet is not created."""
        if self._con is None and not self.path.exists():
            return 0
        cutoff = _stamp((now or self._clock()) - dt.timedelta(days=self.record_days))

        def write(con: sqlite3.Connection) -> int:
            with _transaction(con):
                cur = con.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,))
            return cur.rowcount

        return self._guarded("delete old records", write, 0)

    # ---- the key for voters ----

    def voter(self, user_id: int) -> str:
        """The keyed hash a vote is stored under (not reversible without the key)."""
        if self._key is None:
            self._key = self._load_key()
        return hmac.new(self._key, str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def _load_key(self) -> bytes:
        """The secret in ``feedback.key`` in the data folder, created (mode 600) on first use."""
        path = self.data_dir / KEY_FILE
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_text(encoding="ascii").strip()
            if len(key) < 32:
                raise FeedbackError(f"{path} holds no usable key") from None
            return key.encode()
        key = secrets.token_hex(32)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key + "\n")
        return key.encode()


class FeedbackRecorder:
    """The bot's side of the store: one writer thread, so writes happen in order and off the
    event loop. ``record`` queues a question and returns its record id at once; ``vote`` waits
    (briefly) for its write so the click can be acknowledged truthfully."""

    VOTE_WAIT = 1.5  # seconds; a click must be acknowledged within Discord's 3 s

    def __init__(self, store: FeedbackStore) -> None:
        self.store = store
        self._writer = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="feedback-writer"
        )
        self._closed = False

    def _submit(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> asyncio.Future[T]:
        return asyncio.wrap_future(self._writer.submit(work, *args, **kwargs))

    def record(self, answer: Answer, via: str) -> str | None:
        """Queue the record of a question just answered; its record id (for the vote
        buttons), or None when nothing can be recorded."""
        if self._closed:
            return None
        record_id = secrets.token_hex(8)
        try:
            self._writer.submit(
                self.store.record_question,
                record_id,
                question=answer.question,
                via=via,
                outcome=answer.outcome,
                cited=[c.paragraph.key for c in answer.citations],
            )
        except RuntimeError:  # the writer was shut down (the bot is closing)
            return None
        return record_id

    async def vote(self, record_id: str, user_id: int, helpful: bool) -> bool:
        """Record a vote; False when it could not be (within VOTE_WAIT)."""
        if self._closed:
            return False
        try:
            future = self._submit(self.store.vote, record_id, user_id, helpful)
        except RuntimeError:
            return False
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.VOTE_WAIT)
        except TimeoutError:
            log.warning("a vote took over %.1f s to record", self.VOTE_WAIT)
            return False

    async def prune(self) -> int:
        if self._closed:
            return 0
        deleted = await self._submit(self.store.prune)
        if deleted:
            log.info(
                "feedback store: deleted %d records older than %d days",
                deleted,
                self.store.record_days,
            )
        return deleted

    async def aclose(self) -> None:
        """Finish the queued writes and close the database (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._writer.submit(self.store.close)
        await asyncio.to_thread(self._writer.shutdown, wait=True)


# ---- the report ----------------------------------------------------------------------------


@dataclass
class QuestionGroup:
    """Questions asked with the same normalised text (or, unrecorded, none)."""

    question: str | None
    count: int = 0
    outcome: str = "declined"
    helpful: int = 0
    not_helpful: int = 0
    last_asked: str = ""

    def to_dict(self) -> dict[str, Any]:
        """One entry of ``report --json``'s "questions" (a contract: its fields, in order)."""
        return asdict(self)


@dataclass
class AnswerVotes:
    """One answer (a question and the paragraphs it cited) and the votes it got."""

    question: str | None
    cited: list[str]
    outcome: str
    helpful: int = 0
    not_helpful: int = 0
    count: int = 0  # times this answer was given


@dataclass
class FeedbackReport:
    since: dt.date | None = None
    asked: int = 0
    questions: list[QuestionGroup] = field(default_factory=list)
    answers: list[AnswerVotes] = field(default_factory=list)
    helpful: int = 0
    not_helpful: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The ``report --json`` contract: exactly these keys (other tools read them); the
        least helpful answers are in the plain-text report."""
        return {
            "questions": [q.to_dict() for q in self.questions],
            "votes": {"helpful": self.helpful, "not_helpful": self.not_helpful},
        }


MOST_UNHELPFUL = 10  # answers listed in the report


def read_report(data_dir: Path, since: dt.date | None = None) -> FeedbackReport:
    """What was asked since ``since`` (UTC date) that the articles did not answer well.

    A missing or empty store is an empty report; a damaged one raises FeedbackError. Never
    creates or changes anything (safe while the bot writes)."""
    report = FeedbackReport(since=since)
    path = data_dir / DB_FILE
    if not path.is_file():
        return report
    try:
        rows = _read_rows(path, since)
    except sqlite3.Error as exc:
        raise FeedbackError(f"cannot read {path}: {exc}") from None
    groups: dict[str | None, QuestionGroup] = {}
    answers: dict[tuple[str | None, str], AnswerVotes] = {}
    for _id, asked_at, outcome, question, cited, helpful, not_helpful in rows:  # oldest first
        report.asked += 1
        report.helpful += helpful
        report.not_helpful += not_helpful
        key = normalise(question) if question is not None else None
        if outcome != "answered" or not_helpful:
            group = groups.setdefault(key, QuestionGroup(question))
            group.count += 1
            group.helpful += helpful
            group.not_helpful += not_helpful
            group.outcome = outcome
            group.last_asked = asked_at
            if question is not None:
                group.question = question  # shown as last asked
        if outcome != "declined":
            answer = answers.setdefault(
                (key, cited), AnswerVotes(question, json.loads(cited), outcome)
            )
            answer.count += 1
            answer.helpful += helpful
            answer.not_helpful += not_helpful
            answer.outcome = outcome
            if question is not None:
                answer.question = question
    latest_first = sorted(groups.values(), key=lambda g: g.last_asked, reverse=True)
    report.questions = sorted(latest_first, key=lambda g: -g.count)  # stable: ties latest first
    unhelpful = [a for a in answers.values() if a.not_helpful]
    report.answers = sorted(unhelpful, key=lambda a: (-a.not_helpful, a.helpful))[:MOST_UNHELPFUL]
    return report


def _read_rows(path: Path, since: dt.date | None) -> list[tuple[Any, ...]]:
    try:
        con = _connect(path, create=False)
    except sqlite3.OperationalError:
        con = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT)
    try:
        if _schema_version(con) == 0:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a damaged file fails
            return []
        start = f"{since.isoformat()}T00:00:00Z" if since else ""
        return con.execute(
            """
            SELECT q.id, q.asked_at, q.outcome, q.question, q.cited,
                   coalesce(sum(v.helpful = 1), 0), coalesce(sum(v.helpful = 0), 0)
            FROM questions q LEFT JOIN votes v ON v.question_id = q.id
            WHERE q.asked_at >= ?
            GROUP BY q.id
            ORDER BY q.asked_at, q.rowid
            """,
            (start,),
        ).fetchall()
    finally:
        con.close()
