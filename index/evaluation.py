"""Scoring an answerer on a question file (the format of benchmarks/questions/dev_questions.json)
or a conversations file (that of benchmarks/questions/dev_followups.json: each conversation's
later turns are scored, asked with its earlier questions as context).

A question is hit at rank r when one of its gold substrings occurs in the text of the r-th
cited paragraph, compared after lower-casing, straightening curly quotes, turning '' into "
and collapsing white space. Out-of-scope questions (kind "oos") are right when abstained on.
Anything with an ``ask(question, k)`` returning an Answer can be scored, so a peer ranker is
measured by exactly the same code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from index.answer import Answer

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "′": "'", "″": '"'})


class Answerer(Protocol):
    def ask(self, question: str, k: int = ..., context: Sequence[str] = ...) -> Answer: ...


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    gold: tuple[str, ...] = ()
    out_of_scope: bool = False
    style: str = ""  # how it is asked ("casual", "typo", ...), when the file says
    context: tuple[str, ...] = ()  # the conversation's earlier questions, oldest first


@dataclass(frozen=True)
class Outcome:
    """What the answerer did with one question."""

    question: Question
    answered: bool
    tentative: bool = False
    rank: int | None = None  # of the first cited paragraph holding a gold string
    sentence: bool = False  # the answer sentence itself holds a gold string
    detail: Any = None  # the reason for declining, or the paragraphs cited


@dataclass
class Report:
    """Figures over a list of outcomes (the whole run, one file, or one style)."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def _in_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.question.out_of_scope]

    @property
    def answerable(self) -> int:
        return len(self._in_scope)

    @property
    def out_of_scope(self) -> int:
        return len(self.outcomes) - self.answerable

    @property
    def hits_at_1(self) -> int:
        return sum(o.rank == 1 for o in self._in_scope)

    @property
    def hits_at_3(self) -> int:
        return sum(o.rank is not None and o.rank <= 3 for o in self._in_scope)

    @property
    def sentence_hits(self) -> int:
        return sum(o.sentence for o in self._in_scope)

    @property
    def reciprocal_ranks(self) -> float:
        return sum(1 / o.rank for o in self._in_scope if o.rank)

    @property
    def abstained_out_of_scope(self) -> int:
        return sum(not o.answered for o in self.outcomes if o.question.out_of_scope)

    @property
    def false_abstentions(self) -> int:
        return sum(not o.answered for o in self._in_scope)

    @property
    def tentative(self) -> int:
        """In-scope questions answered tentatively (they count as answered)."""
        return sum(o.tentative for o in self._in_scope)

    @property
    def tentative_hits_at_1(self) -> int:
        return sum(o.tentative and o.rank == 1 for o in self._in_scope)

    @property
    def sure(self) -> int:
        """In-scope questions answered without "I'm not sure"."""
        return sum(o.answered and not o.tentative for o in self._in_scope)

    @property
    def sure_hits_at_1(self) -> int:
        return sum(o.answered and not o.tentative and o.rank == 1 for o in self._in_scope)

    @property
    def out_of_scope_sure(self) -> int:
        """Out-of-scope questions answered without "I'm not sure": the worst outcome."""
        return sum(o.answered and not o.tentative for o in self.outcomes if o.question.out_of_scope)

    @property
    def sure_precision(self) -> float:
        """Of the answers given as sure (out-of-scope ones too), the share right at rank 1."""
        given = self.sure + self.out_of_scope_sure
        return self.sure_hits_at_1 / given if given else 0.0

    @property
    def sure_coverage(self) -> float:
        """The share of in-scope questions that get a sure, right answer."""
        return self._share(self.sure_hits_at_1)

    @property
    def out_of_scope_tentative(self) -> int:
        return sum(o.tentative for o in self.outcomes if o.question.out_of_scope)

    @property
    def misses(self) -> list[dict[str, Any]]:
        out = []
        for o in self.outcomes:
            if o.question.out_of_scope and o.answered:
                out.append({"id": o.question.id, "question": o.question.text, "got": o.detail})
            elif not o.question.out_of_scope and not o.answered:
                out.append(
                    {"id": o.question.id, "question": o.question.text, "abstained": o.detail}
                )
            elif not o.question.out_of_scope and o.rank is None:
                out.append({"id": o.question.id, "question": o.question.text, "got": o.detail})
        return out

    def _share(self, count: int) -> float:
        return count / self.answerable if self.answerable else 0.0

    @property
    def hit_at_1(self) -> float:
        return self._share(self.hits_at_1)

    @property
    def hit_at_3(self) -> float:
        return self._share(self.hits_at_3)

    @property
    def mrr(self) -> float:
        return self.reciprocal_ranks / self.answerable if self.answerable else 0.0

    @property
    def sentence(self) -> float:
        return self._share(self.sentence_hits)

    def where(self, keep: Callable[[Question], bool]) -> Report:
        return Report([o for o in self.outcomes if keep(o.question)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "answerable": self.answerable,
            "hit_at_1": round(self.hit_at_1, 4),
            "hit_at_3": round(self.hit_at_3, 4),
            "mrr": round(self.mrr, 4),
            "sentence": round(self.sentence, 4),
            "sure": self.sure,
            "sure_hits_at_1": self.sure_hits_at_1,
            "sure_precision": round(self.sure_precision, 4),
            "sure_coverage": round(self.sure_coverage, 4),
            "tentative": self.tentative,
            "tentative_hits_at_1": self.tentative_hits_at_1,
            "out_of_scope": self.out_of_scope,
            "out_of_scope_abstained": self.abstained_out_of_scope,
            "out_of_scope_tentative": self.out_of_scope_tentative,
            "out_of_scope_sure": self.out_of_scope_sure,
            "false_abstentions": self.false_abstentions,
            "misses": self.misses,
        }


def normalise(text: str) -> str:
    text = text.lower().translate(_QUOTES).replace("''", '"')
    text = re.sub(r"[‐‑‒–—―]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def load_questions(path: Path | str) -> list[Question]:
    """Read a question file; ValueError with a one-line reason when it is not usable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a JSON question file ({exc})") from None
    if isinstance(data, dict) and isinstance(data.get("conversations"), list):
        return _later_turns(path, data["conversations"])
    items = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError(f'{path}: expected an object with a "questions" or "conversations" list')
    return _questions(path, items)


def _later_turns(path: Path | str, conversations: list[Any]) -> list[Question]:
    """Every turn after the first of each conversation, with the questions before it."""
    out = []
    for n, conversation in enumerate(conversations, 1):
        turns = conversation.get("turns") if isinstance(conversation, dict) else None
        if not isinstance(turns, list) or len(turns) < 2:
            raise ValueError(f'{path}: conversation {n} needs a "turns" list of two or more')
        name = str(conversation.get("id", n))
        asked = _questions(path, turns, name)
        out += [replace(q, context=tuple(e.text for e in asked[:i])) for i, q in enumerate(asked)][
            1:
        ]
    return out


def _questions(path: Path | str, items: list[Any], prefix: str = "") -> list[Question]:
    questions = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise ValueError(f'{path}: question {n} needs a "q" string')
        oos = item.get("kind") == "oos"
        gold = item.get("gold", [])
        if not oos and (not isinstance(gold, list) or not gold):
            raise ValueError(f'{path}: question {n} needs a "gold" list (or "kind": "oos")')
        style = item.get("style", "")
        questions.append(
            Question(
                f"{prefix}#{n}" if prefix else str(item.get("id", n)),
                item["q"],
                tuple(normalise(g) for g in gold),
                oos,
                style if isinstance(style, str) else "",
            )
        )
    return questions


def hit_rank(answer: Answer, gold: tuple[str, ...]) -> int | None:
    """1-based rank of the first cited paragraph containing a gold string, else None."""
    for rank, citation in enumerate(answer.citations, 1):
        text = normalise(citation.paragraph.text)
        if any(g in text for g in gold):
            return rank
    return None


def evaluate(answerer: Answerer, questions: list[Question], k: int = 3) -> Report:
    report = Report()
    for q in questions:
        answer = answerer.ask(q.text, k, q.context) if q.context else answerer.ask(q.text, k)
        if not answer.answered:
            report.outcomes.append(Outcome(q, False, detail=answer.reason))
            continue
        rank = None if q.out_of_scope else hit_rank(answer, q.gold)
        sentence = not q.out_of_scope and any(g in normalise(answer.text) for g in q.gold)
        report.outcomes.append(
            Outcome(q, True, answer.tentative, rank, sentence, detail=_cited(answer))
        )
    return report


def _cited(answer: Answer) -> list[str]:
    return [c.paragraph.key for c in answer.citations]
