"""Fit the follow-up order (``index/followup_order.json``) on the conversations in benchmarks/.

    python -m benchmarks.train_followup_order            # fit, print the figures, write it
    python -m benchmarks.train_followup_order --dry-run  # print only

Every later turn of every conversations file in ``benchmarks/*_questions/`` that the engine
reads as a follow-up (and that has a gold answer) is one example: the features
(``index.followup_order.features``) of its first REACH candidates as the retrieval stages order
them, and which of them hold the gold answer. Each family of files (``blind7_*``, ``dev_*``,
...; the files of one family were written together) is scored by a model fitted without it:
the figures show how many follow-ups have a right first passage in the stages' order and in the
learned one, and how many the learned order fixes and breaks. The fit is deterministic; the
earlier answers of a three-turn conversation are retrieved with the shipped order, so a refit
after the features change may move the weights a little, and a second one keeps them.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from benchmarks.train_confidence import family
from bot.settings import semantic_model_from_env
from index.engine import Engine
from index.evaluation import load_questions, normalise
from index.followup import read_in_context, restates_earlier
from index.followup_order import MODEL_PATH, REACH, features, fit

ROOT = Path(__file__).resolve().parent.parent


def examples(
    engine: Engine, files: Sequence[Path]
) -> tuple[list[np.ndarray], list[np.ndarray], list[str]]:
    """Each follow-up's candidate rows, which of them hold its gold answer, and its family."""
    ctx = engine.context
    lists: list[np.ndarray] = []
    answers: list[np.ndarray] = []
    families: list[str] = []
    for path in files:
        for q in load_questions(path):
            if not q.context or q.out_of_scope:
                continue
            if restates_earlier(read_in_context(ctx, q.text, q.context)):
                continue  # answered as the earlier question: none of its own candidates
            reading, retrieved = engine.retrieve(q.text, q.context, ordered=False)
            if reading.context is None:
                continue  # read as a question that stands alone
            if retrieved.similarities is None or len(retrieved.hits) < REACH:
                continue
            head = retrieved.hits[:REACH]
            lists.append(features(ctx, head, reading, retrieved.similarities))
            answers.append(
                np.asarray(
                    [any(g in normalise(ctx.text_of(h.paragraph)) for g in q.gold) for h in head]
                )
            )
            families.append(family(path))
    return lists, answers, families


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    files = sorted(ROOT.glob("benchmarks/*_questions/*.json"))
    engine = Engine.load(ROOT / "corpus", model=semantic_model_from_env())
    lists, answers, families = examples(engine, files)
    names = np.asarray(families)
    stages = learned = fixed = broken = 0
    for name in sorted(set(families)):
        held = np.flatnonzero(names == name)
        fitted = fit(
            [lists[i] for i in np.flatnonzero(names != name)],
            [answers[i] for i in np.flatnonzero(names != name)],
        )
        for i in held:
            before = bool(answers[i][0])
            after = bool(answers[i][int(np.argmax(fitted.scores(lists[i])))])
            stages += before
            learned += after
            fixed += after and not before
            broken += before and not after
    print(f"{len(files)} files, {len(set(families))} families, {len(lists)} follow-ups")
    print(f"right first, each family scored by a model fitted without it: stages' order {stages},")
    print(f"learned order {learned} ({fixed} fixed, {broken} broken)")
    if args.dry_run:
        return 0
    order = fit(lists, answers)
    print(
        "weights: "
        + ", ".join(f"{n} {w:+.2f}" for n, w in zip(order.names, order.weights, strict=True))
    )
    MODEL_PATH.write_text(
        order.to_json(
            about="Fitted by benchmarks/train_followup_order.py; see index/followup_order.py.",
            files=len(files),
            follow_ups=len(lists),
            held_out={"stages": stages, "learned": learned, "fixed": fixed, "broken": broken},
        ),
        encoding="utf-8",
    )
    print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
