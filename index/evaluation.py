"""Scoring an answerer on a question file (the format of shared/eval/dev_questions.json).

A question is hit at rank r when one of its gold substrings occurs in the text of the r-th
cited paragraph, compared after lower-casing, straightening curly quotes, turning '' into "
and collapsing white space. Out-of-scope questions (kind "oos") are right when abstained on.
Anything with an ``ask(question, k)`` returning an Answer can be scored, so a peer ranker is
measured by exactly the same code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from index.answer import Answer

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "′": "'", "″": '"'})


class Answerer(Protocol):
    def ask(self, question: str, k: int = ...) -> Answer: ...


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    gold: tuple[str, ...] = ()
    out_of_scope: bool = False


@dataclass
class Report:
    answerable: int = 0
    out_of_scope: int = 0
    hits_at_1: int = 0
    hits_at_3: int = 0
    reciprocal_ranks: float = 0.0
    abstained_out_of_scope: int = 0
    false_abstentions: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hit_at_1(self) -> float:
        return self.hits_at_1 / self.answerable if self.answerable else 0.0

    @property
    def hit_at_3(self) -> float:
        return self.hits_at_3 / self.answerable if self.answerable else 0.0

    @property
    def mrr(self) -> float:
        return self.reciprocal_ranks / self.answerable if self.answerable else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "answerable": self.answerable,
            "hit_at_1": round(self.hit_at_1, 4),
            "hit_at_3": round(self.hit_at_3, 4),
            "mrr": round(self.mrr, 4),
            "out_of_scope": self.out_of_scope,
            "out_of_scope_abstained": self.abstained_out_of_scope,
            "false_abstentions": self.false_abstentions,
            "misses": self.misses,
        }


def normalise(text: str) -> str:
    text = text.lower().translate(_QUOTES).replace("''", '"')
    return re.sub(r"\s+", " ", text).strip()


def load_questions(path: Path | str) -> list[Question]:
    """Read a question file; ValueError with a one-line reason when it is not usable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a JSON question file ({exc})") from None
    items = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError(f'{path}: expected an object with a "questions" list')
    questions = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise ValueError(f'{path}: question {n} needs a "q" string')
        oos = item.get("kind") == "oos"
        gold = item.get("gold", [])
        if not oos and (not isinstance(gold, list) or not gold):
            raise ValueError(f'{path}: question {n} needs a "gold" list (or "kind": "oos")')
        questions.append(
            Question(str(item.get("id", n)), item["q"], tuple(normalise(g) for g in gold), oos)
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
        answer = answerer.ask(q.text, k)
        if q.out_of_scope:
            report.out_of_scope += 1
            if answer.answered:
                report.misses.append({"id": q.id, "question": q.text, "got": _cited(answer)})
            else:
                report.abstained_out_of_scope += 1
            continue
        report.answerable += 1
        if not answer.answered:
            report.false_abstentions += 1
            report.misses.append({"id": q.id, "question": q.text, "abstained": answer.reason})
            continue
        rank = hit_rank(answer, q.gold)
        if rank is None:
            report.misses.append({"id": q.id, "question": q.text, "got": _cited(answer)})
            continue
        report.hits_at_1 += rank == 1
        report.hits_at_3 += rank <= 3
        report.reciprocal_ranks += 1 / rank
    return report


def _cited(answer: Answer) -> list[str]:
    return [c.paragraph.key for c in answer.citations]
