"""Speed on the seed corpus: this engine's whole answers against plain rank-bm25 and bm25s.

    python -m benchmarks.bench_seed [--repeat N]

Questions: every question of the three dev files in benchmarks/questions (210, chat and
well-formed). For each system, in one run:
- start-up: a new process from its start to its first answer (interpreter, imports, loading
  or building the index, one question), the median of five;
- per question: the median and 99th percentile over all the questions, each asked ``--repeat``
  times in-process after a warm-up pass. This project's figure is the whole answer (reading
  chat, spelling, expansion, ranking, judging, grouping, highlight); rank-bm25's is tokenising
  (the project's tokens) and ``get_scores`` then a sort, bm25s's its tokeniser and
  ``retrieve`` (k=3, one thread): ranking only.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.peer_eval import EVAL, FILES
from bot.cli import DEFAULT_CORPUS
from index.engine import Engine
from index.evaluation import load_questions
from index.text import tokens

ROOT = Path(__file__).resolve().parents[1]

_STARTUP = {
    "this project": (
        "from index.engine import Engine\n"
        "Engine.load({corpus!r}, model='none').ask('why did BlackBerry stay?')\n"
    ),
    "rank-bm25": (
        "from rank_bm25 import BM25Okapi\n"
        "from index.corpus import load_corpus\n"
        "from index.text import tokens\n"
        "c = load_corpus({corpus!r})\n"
        "m = BM25Okapi([tokens(p.text) for a in c.articles for p in a.paragraphs])\n"
        "s = m.get_scores(tokens('why did BlackBerry stay?'))\n"
        "sorted(range(len(s)), key=lambda i: -s[i])[:3]\n"
    ),
    "bm25s": (
        "import bm25s, Stemmer\n"
        "from index.corpus import load_corpus\n"
        "c = load_corpus({corpus!r})\n"
        "st = Stemmer.Stemmer('english')\n"
        "t = [p.text for a in c.articles for p in a.paragraphs]\n"
        "m = bm25s.BM25()\n"
        "m.index(bm25s.tokenize(t, stopwords='en', stemmer=st, show_progress=False),"
        " show_progress=False)\n"
        "q = bm25s.tokenize(['why did BlackBerry stay?'], stopwords='en', stemmer=st,"
        " show_progress=False)\n"
        "m.retrieve(q, k=3, show_progress=False, n_threads=1)\n"
    ),
}


def startup(system: str, runs: int = 5) -> float:
    """Median seconds from a new process's start to its first answer."""
    code = _STARTUP[system].format(corpus=str(DEFAULT_CORPUS))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_question(ask: Callable[[str], object], questions: list[str], repeat: int) -> list[float]:
    for q in questions:
        ask(q)  # warm-up: caches, lazily loaded dictionaries
    out = []
    for _ in range(repeat):
        for q in questions:
            start = time.perf_counter()
            ask(q)
            out.append((time.perf_counter() - start) * 1000)
    return out


def systems() -> dict[str, Callable[[str], object]]:
    # By words alone, against word-matching peers (meaning's cost: bench_semantic.py).
    engine = Engine.load(DEFAULT_CORPUS, model="none")
    found: dict[str, Callable[[str], object]] = {"this project": engine.ask}

    from rank_bm25 import BM25Okapi

    model = BM25Okapi([tokens(s.paragraph.text) for s in engine.sources])

    def rank_bm25(question: str) -> object:
        scores = model.get_scores(tokens(question))
        return np.argsort(-scores, kind="stable")[:3]

    found["rank-bm25"] = rank_bm25
    try:
        import bm25s
        import Stemmer
    except ImportError:
        print("bm25s is not installed (pip install -e '.[bench]'): its row is left out")
        return found
    stemmer = Stemmer.Stemmer("english")
    peer = bm25s.BM25()
    texts = [s.paragraph.text for s in engine.sources]
    peer.index(
        bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )

    def bm25s_retrieve(question: str) -> object:
        q = bm25s.tokenize([question], stopwords="en", stemmer=stemmer, show_progress=False)
        if not q.vocab:
            return None
        return peer.retrieve(q, k=3, show_progress=False, n_threads=1)

    found["bm25s"] = bm25s_retrieve
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    questions = [q.text for f in FILES for q in load_questions(EVAL / f)]
    print(f"seed corpus, {len(questions)} questions x {args.repeat}\n")
    print("| system | start-up to first answer (s) | per question median (ms) | p99 (ms) |")
    print("|---|---|---|---|")
    for name, ask in systems().items():
        times = sorted(per_question(ask, questions, args.repeat))
        p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
        print(f"| {name} | {startup(name):.2f} | {statistics.median(times):.2f} | {p99:.2f} |")


if __name__ == "__main__":
    main()
