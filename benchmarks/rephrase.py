"""Does the answer survive the way people also type? Every dev question rewritten, scored.

Each question of the eval files is asked as written and again rewritten the way people also
type in chat: in capitals, in title case, without punctuation or apostrophes, with a polite
opening, with filler at both ends, with its longest word stretched ("pakistannnn") or with a
typo in it. The eval code scores each
rewriting like the original (Hit@1, Hit@3, in-scope declined, out-of-scope declined); a row far
below "as written" is a way of typing the engine does not read. bm25s (stemmed, stopwords, never
declining; when installed) is scored beside it by the same code.

    python -m benchmarks.rephrase [QUESTIONS.json ...]   # default: 3 sets in benchmarks/questions
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.peer_eval import EVAL, FILES, BM25sPeer
from bot.cli import DEFAULT_CORPUS
from index.engine import Engine
from index.evaluation import Question, evaluate, load_questions

_OPENINGS = ["can you tell me", "quick question:", "i was wondering", "do you know"]
_FILLERS = [("pls", "thx"), ("yo", "lol"), ("ok so", "haha"), ("hey", "ty")]


def _longest(text: str, change: Callable[[str], str]) -> str:
    """The text with ``change`` applied to its longest word."""
    found = max(re.finditer(r"[A-Za-z]{5,}", text), key=lambda m: len(m.group()), default=None)
    if found is None:
        return text
    return text[: found.start()] + change(found.group()) + text[found.end() :]


def _swap(word: str) -> str:
    middle = len(word) // 2
    return word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]


REWRITES: dict[str, Callable[[str, int], str]] = {
    "as written": lambda text, _: text,
    "lower case": lambda text, _: text.lower(),
    "capitals": lambda text, _: text.upper(),
    "title case": lambda text, _: text.title(),
    # (A Discord mention keeps its brackets: it is markup, not punctuation.)
    "no punctuation": lambda text, _: re.sub(r"(<@!?\d+>)|[^\w\s]", lambda m: m[1] or "", text),
    "polite opening": lambda text, i: (
        f"{_OPENINGS[i % len(_OPENINGS)]} {text[:1].lower()}{text[1:]}"
    ),
    "filler at both ends": lambda text, i: "{0} {2} {1}".format(*_FILLERS[i % len(_FILLERS)], text),
    "stretched": lambda text, _: _longest(text, lambda w: w + 3 * w[-1]),
    "letters swapped": lambda text, _: _longest(text, _swap),
    "letter dropped": lambda text, _: _longest(
        text, lambda w: w[: len(w) // 2] + w[len(w) // 2 + 1 :]
    ),
}


def main(paths: list[Path]) -> None:
    engine = Engine.load(DEFAULT_CORPUS)
    try:
        peer: BM25sPeer | None = BM25sPeer(DEFAULT_CORPUS)
    except ImportError:
        peer = None
        print("bm25s is not installed (pip install -e '.[bench]'): its column is left out\n")
    questions: list[Question] = [q for p in paths for q in load_questions(p)]
    print(f"{len(questions)} questions from {', '.join(p.name for p in paths)}\n")
    print(
        "| rewriting | Hit@1 | Hit@3 | in-scope declined | out-of-scope declined |"
        + (" bm25s Hit@1 / Hit@3 |" if peer else "")
    )
    print("|---|---|---|---|---|" + ("---|" if peer else ""))
    for name, rewrite in REWRITES.items():
        asked = [dataclasses.replace(q, text=rewrite(q.text, i)) for i, q in enumerate(questions)]
        report = evaluate(engine, asked)
        row = (
            f"| {name} | {report.hit_at_1:.3f} | {report.hit_at_3:.3f} "
            f"| {report.false_abstentions}/{report.answerable} "
            f"| {report.abstained_out_of_scope}/{report.out_of_scope} |"
        )
        if peer:
            theirs = evaluate(peer, asked)
            row += f" {theirs.hit_at_1:.3f} / {theirs.hit_at_3:.3f} |"
        print(row)


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [EVAL / f for f in FILES])
