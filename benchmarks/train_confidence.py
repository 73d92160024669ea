"""Fit the confidence model (``index/confidence.json``) on the question files in benchmarks/.

    python -m benchmarks.train_confidence            # fit, print the table, write the model
    python -m benchmarks.train_confidence --dry-run  # print only

Every question of every file in ``benchmarks/*_questions/`` is asked (a conversation's later
turns with their earlier questions). An answer whose sureness came down to how likely its
passage is to answer (``Verdict.weighed``) is one example: its signals (``index.confidence``)
and whether its first passage holds the file's gold answer (out-of-scope questions: never).

The threshold is chosen by leaving each family of files out in turn (``blind7_*``, ``dev_*``,
...; the files of one family were written together): a model fitted on the other families
scores it. The table shows, per threshold, how many of the weighed answers would be sure, how
many of those are right, and their precision; the lowest threshold whose precision reaches
``--precision`` is kept. The answers' order does not matter and the fit is deterministic, so
refitting on the same files gives the same model.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.settings import semantic_model_from_env
from index.confidence import MODEL_PATH, Model, Signals, fit
from index.engine import Engine
from index.evaluation import hit_rank, load_questions

ROOT = Path(__file__).resolve().parent.parent
# Precision the sure answers must reach, scored on families of files left out of the fit.
PRECISION = 0.86
THRESHOLDS = [round(0.5 + 0.01 * i, 2) for i in range(46)]


def family(path: Path) -> str:
    """The family a file belongs to: its name up to its first "_" ("blind7", "dev")."""
    return re.split(r"_", path.stem, maxsplit=1)[0]


def examples(
    engine: Engine, files: Sequence[Path]
) -> tuple[list[list[float]], list[bool], list[str]]:
    vectors: list[list[float]] = []
    labels: list[bool] = []
    families: list[str] = []
    for path in files:
        for q in load_questions(path):
            assessed = engine.assess(q.text, 3, q.context)
            if not assessed.verdict.weighed or assessed.signals is None:
                continue
            vectors.append(assessed.signals.vector())
            labels.append(not q.out_of_scope and hit_rank(assessed.answer, q.gold) == 1)
            families.append(family(path))
    return vectors, labels, families


def held_out_probabilities(
    vectors: list[list[float]], labels: list[bool], families: list[str]
) -> np.ndarray:
    """Each example's probability from a model fitted without its family."""
    names = np.asarray(families)
    x = np.asarray(vectors)
    y = np.asarray(labels)
    out = np.zeros(len(labels))
    for name in sorted(set(families)):
        mask = names == name
        fitted = Model(tuple(Signals.names()), *fit(x[~mask], y[~mask]), sure_at=1.0)
        out[mask] = fitted.probabilities(x[mask])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--precision", type=float, default=PRECISION)
    parser.add_argument("--dry-run", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    files = sorted(ROOT.glob("benchmarks/*_questions/*.json"))
    engine = Engine.load(ROOT / "corpus", model=semantic_model_from_env())
    vectors, labels, families = examples(engine, files)
    held = held_out_probabilities(vectors, labels, families)
    y = np.asarray(labels)
    print(f"{len(files)} files, {len(set(families))} families, {len(labels)} weighed answers")
    print(f"{'sure at':>8} {'sure':>6} {'right':>6} {'precision':>9}")
    chosen = None
    for t in THRESHOLDS:
        sure = held >= t
        precision = float(y[sure].mean()) if sure.any() else 0.0
        print(f"{t:8.2f} {int(sure.sum()):6d} {int(y[sure].sum()):6d} {precision:9.3f}")
        if chosen is None and precision >= args.precision:
            chosen = (t, int(sure.sum()), int(y[sure].sum()), precision)
    if chosen is None:
        print(f"no threshold reaches precision {args.precision}", file=sys.stderr)
        return 1
    t, sure_count, right, precision = chosen
    print(f"kept: sure at {t} ({right} of {sure_count} right, {precision:.3f})")
    if args.dry_run:
        return 0
    model = Model(tuple(Signals.names()), *fit(vectors, labels), sure_at=t)
    MODEL_PATH.write_text(
        model.to_json(
            about="Fitted by benchmarks/train_confidence.py; see index/confidence.py.",
            files=len(files),
            examples=len(labels),
            precision_target=args.precision,
            held_out={"sure": sure_count, "right": right, "precision": round(precision, 3)},
        ),
        encoding="utf-8",
    )
    print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
