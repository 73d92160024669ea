"""Scale benchmark: the project against rank-bm25 and bm25s on synthetic archives.

    python -m benchmarks.bench_scale [--sizes 1000 10000 50000] [--questions 200] [--work DIR]

For each size the corpus (the five seed articles plus synthetic ones) grows through
``python -m bot.cli corpus add`` (which also builds and saves the index, the compiled corpus
and the timeline); then:
- the first command after the add, each in a new process (``ask``, an outcome question,
  ``timeline``), against a repeat of the same command, in three rounds (the later two after
  adding one more small article): the add should leave nothing to build;
and, over the same paragraphs and questions:
- the project: ``ask --json -`` as a child process fed one question per line; build = the first
  answer with no index cache (interpreter, imports, corpus, tokenising, indexing, saving),
  start-up = the first answer with the cache on disk, per question = line in to answer out,
  peak RSS = the process's high-water mark;
- its index alone ("index-only"): the project's tokens, ``BM25Index.top`` in-process (build =
  read the cached corpus and index);
- rank-bm25: plain ``BM25Okapi`` on the project's tokens, ``get_scores`` then a sort;
- bm25s: its tokeniser with stopwords and the Snowball stemmer, numpy backend, ``retrieve``.
The baselines rebuild their index at every start, so their start-up is their build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import synthetic

ROOT = Path(__file__).resolve().parent.parent
# The scale benchmark measures ranking by words: what meaning (the embedding model) costs, and
# encoding at scale, is measured by bench_semantic.py.
MODEL = "none"
SEED_ARTICLES = ROOT / "corpus" / "articles"
K = 30  # candidates per question, as many as the engine ranks
OUTLETS = ["Synthetic Wire", "Example Daily", "Archive Times", "Placeholder Post"]
# The first of each command after an add, against a repeat (the median of REPEATS runs).
FIRST_COMMANDS = {
    "ask": ["ask", "--json", "Why did BlackBerry decide to leave Pakistan?"],
    "outcome question": ["ask", "--json", "How did the dispute end?"],
    "timeline": ["timeline", "--json"],
}
ROUNDS = 3
FIRST_LIMIT = 1.5  # the first command may cost at most this many times a repeat


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_scale", description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    p.add_argument("--questions", type=int, default=200)
    p.add_argument("--work", type=Path, help="keep the corpora here (default: a temporary folder)")
    p.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    p.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--question-file", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.corpus, args.question_file)))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        rows = run(work, sorted(args.sizes), args.questions)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(rows))
    print()
    print(first_table(rows))
    print()
    print(verdicts(rows))
    return 0


def run(work: Path, sizes: list[int], n_questions: int) -> list[dict[str, Any]]:
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.copytree(SEED_ARTICLES, corpus / "articles")
    rows: list[dict[str, Any]] = []
    texts = paragraph_texts(corpus)
    for step, size in enumerate(sizes):
        before = len(texts)
        add_s = grow(corpus, work / f"incoming-{size}", size - len(texts), seed=step + 1)
        added = len(paragraph_texts(corpus)) - before
        log(f"{before + added} paragraphs (corpus add {add_s:.1f} s); first commands after it")
        first = first_and_repeat(corpus, work / f"incoming-{size}", seed=step + 1)
        texts = paragraph_texts(corpus)
        for command, seconds in first.items():
            rows.append({"paragraphs": len(texts), "command": command, **seconds})
        questions = synthetic.questions(texts, n_questions, seed=size)
        qfile = work / f"questions-{size}.json"
        qfile.write_text(json.dumps(questions))
        log(f"{len(texts)} paragraphs: timing the project")
        shutil.rmtree(corpus / ".cache", ignore_errors=True)
        cold = ask_process(corpus, questions[:1])
        warm = ask_process(corpus, questions)
        rows.append(
            {
                "paragraphs": len(texts),
                "system": "this project",
                "corpus_add_s": add_s,
                "add_per_1000_s": add_s / added * 1000 if added > 0 else None,
                "build_s": cold["first_s"],
                "startup_s": warm["first_s"],
                **latency(warm["per_question_s"]),
                "peak_rss_mb": max(cold["peak_rss_mb"], warm["peak_rss_mb"]),
            }
        )
        for name in ("index-only", "rank-bm25", "bm25s"):
            log(f"{len(texts)} paragraphs: timing {name}")
            r = worker(name, corpus, qfile)
            rows.append(
                {
                    "paragraphs": len(texts),
                    "system": name,
                    "build_s": r["build_s"],
                    "startup_s": r["build_s"],
                    **latency(r["per_question_s"]),
                    "peak_rss_mb": r["peak_rss_mb"],
                }
            )
    bot = worker("bot-rss", ROOT / "corpus", None)
    rows.append({"system": "Discord bot, seed corpus", **bot})
    return rows


def paragraph_texts(corpus: Path) -> list[str]:
    from index.corpus import load_corpus

    return [p.text for p in load_corpus(corpus).paragraphs]


def grow(corpus: Path, incoming: Path, paragraphs: int, seed: int) -> float:
    """Write synthetic articles and add them with ``corpus add``, one call per outlet."""
    if paragraphs <= 0:
        return 0.0
    incoming.mkdir(parents=True, exist_ok=True)
    batches: list[list[Path]] = [[] for _ in OUTLETS]
    for i, text in enumerate(synthetic.articles(paragraphs, seed=seed)):
        path = incoming / f"s{seed}-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        batches[i % len(OUTLETS)].append(path)
    start = time.perf_counter()
    for outlet, files in zip(OUTLETS, batches, strict=True):
        if files:
            cli(corpus, "corpus", "add", *map(str, files), "--outlet", outlet, "--published",
                "2016-01-15")  # fmt: skip
    return time.perf_counter() - start


def cli(corpus: Path, *args: str, model: str = MODEL) -> float:
    """Run ``python -m bot.cli`` to the end, with ``SEMANTIC_MODEL=model``; its wall time in
    seconds."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "--corpus", str(corpus), *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "SEMANTIC_MODEL": model},
    )
    return time.perf_counter() - start


def first_and_repeat(corpus: Path, incoming: Path, seed: int) -> dict[str, dict[str, Any]]:
    """Each of FIRST_COMMANDS right after an add (the first of its kind since the add), and a
    repeat of it, each a whole new process from spawn to exit; ROUNDS rounds, the first right
    after the add that grew the corpus, each later one after adding a three-paragraph article
    (a real add: the whole corpus is rebuilt), since one process's time varies by a third on a
    shared machine. Medians of the rounds; and whether a first command wrote to the cache (it
    should find everything built)."""
    firsts: dict[str, list[float]] = {name: [] for name in FIRST_COMMANDS}
    repeats: dict[str, list[float]] = {name: [] for name in FIRST_COMMANDS}
    wrote = False
    for n in range(ROUNDS):
        if n:
            path = incoming / f"extra-{n}.txt"
            path.write_text(next(synthetic.articles(3, seed=seed * 100 + n)), encoding="utf-8")
            cli(corpus, "corpus", "add", str(path), "--outlet", OUTLETS[0], "--published",
                "2016-01-16")  # fmt: skip
        built = cache_state(corpus)
        for name, args in FIRST_COMMANDS.items():
            firsts[name].append(cli(corpus, *args))
        wrote = wrote or cache_state(corpus) != built
        for name, args in FIRST_COMMANDS.items():
            repeats[name].append(cli(corpus, *args))
    return {
        name: {
            "first_s": statistics.median(firsts[name]),
            "repeat_s": statistics.median(repeats[name]),
            "first_range": (min(firsts[name]), max(firsts[name])),
            "repeat_range": (min(repeats[name]), max(repeats[name])),
            "cache_written": wrote,
        }
        for name in FIRST_COMMANDS
    }


def cache_state(corpus: Path) -> dict[str, tuple[int, int]]:
    """The cache's files with their sizes and modification times."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in (corpus / ".cache").iterdir()}


def ask_process(corpus: Path, questions: list[str]) -> dict[str, Any]:
    """Run ``ask --json -``, timing the first answer from spawn and each later one from the
    moment its question was written."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--corpus", str(corpus), "ask", "--json", "-"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert proc.stdin and proc.stdout
    times = []
    for n, question in enumerate(questions):
        sent = time.perf_counter()
        proc.stdin.write(question.replace("\n", " ") + "\n")
        proc.stdin.flush()
        json.loads(proc.stdout.readline())  # one answer per line, as it arrives
        times.append(time.perf_counter() - (start if n == 0 else sent))
    peak = peak_rss_mb(proc.pid)
    proc.stdin.close()
    proc.wait()
    return {"first_s": times[0], "per_question_s": times[1:] or times, "peak_rss_mb": peak}


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def worker(name: str, corpus: Path, qfile: Path | None) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.bench_scale",
        "--worker",
        name,
        "--corpus",
        str(corpus),
    ]
    if qfile:
        cmd += ["--question-file", str(qfile)]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


# ---- workers (each in its own process, so peak RSS is its own) ------------------------------


def own_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_questions(questions: list[str], answer: Callable[[str], object]) -> list[float]:
    out = []
    for q in questions:
        start = time.perf_counter()
        answer(q)
        out.append(time.perf_counter() - start)
    return out


def index_only_worker(corpus: Path, qfile: Path) -> dict[str, Any]:
    """The project's compiled index alone (tokenise, add rows, partial sort), in-process: the
    part that compares like for like with the baselines, whose per-question cost is ranking only.
    Build is reading the cached corpus and index."""
    from index.index_cache import load_corpus_and_index
    from index.text import tokens

    questions = json.loads(qfile.read_text())
    start = time.perf_counter()
    _, compiled = load_corpus_and_index(corpus)
    build = time.perf_counter() - start
    per = time_questions(questions, lambda q: compiled.bm25.top(tokens(q), K))
    return {"build_s": build, "per_question_s": per, "peak_rss_mb": own_peak_rss_mb()}


def rank_bm25_worker(corpus: Path, qfile: Path) -> dict[str, Any]:
    import numpy as np
    from rank_bm25 import BM25Okapi

    from index.text import tokens

    texts, questions = paragraph_texts(corpus), json.loads(qfile.read_text())
    start = time.perf_counter()
    model = BM25Okapi([tokens(t) for t in texts])
    build = time.perf_counter() - start

    def answer(q: str) -> object:
        scores = model.get_scores(tokens(q))
        return np.argsort(-scores, kind="stable")[:K]

    per = time_questions(questions, answer)
    return {"build_s": build, "per_question_s": per, "peak_rss_mb": own_peak_rss_mb()}


def bm25s_worker(corpus: Path, qfile: Path) -> dict[str, Any]:
    import bm25s
    import Stemmer

    texts, questions = paragraph_texts(corpus), json.loads(qfile.read_text())
    stemmer = Stemmer.Stemmer("english")
    start = time.perf_counter()
    corpus_tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25(backend="numpy")
    retriever.index(corpus_tokens, show_progress=False)
    build = time.perf_counter() - start
    k = min(K, len(texts))

    def answer(q: str) -> object:
        query = bm25s.tokenize(
            [q], stopwords="en", stemmer=stemmer, show_progress=False, return_ids=False
        )
        return retriever.retrieve(query, k=k, show_progress=False, n_threads=1)

    per = time_questions(questions, answer)
    return {"build_s": build, "per_question_s": per, "peak_rss_mb": own_peak_rss_mb()}


def bot_rss_worker(corpus: Path, _: Path | None) -> dict[str, Any]:
    """The Discord bot's footprint: discord.py and every bot module imported, engine loaded."""
    import importlib
    import pkgutil

    import discord  # noqa: F401

    import bot
    from index.engine import Engine

    for module in pkgutil.iter_modules(bot.__path__):
        if module.name not in {"__main__", "cli"}:
            importlib.import_module(f"bot.{module.name}")
    engine = Engine.load(corpus, model=MODEL)
    engine.ask("Why did BlackBerry leave Pakistan?")
    return {"paragraphs": len(engine.sources), "peak_rss_mb": own_peak_rss_mb()}


WORKERS: dict[str, Callable[[Path, Any], dict[str, Any]]] = {
    "index-only": index_only_worker,
    "rank-bm25": rank_bm25_worker,
    "bm25s": bm25s_worker,
    "bot-rss": bot_rss_worker,
}


# ---- report -----------------------------------------------------------------------------------


def latency(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(ordered) * 1000, "p99_ms": p99 * 1000}


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| paragraphs | system | corpus add (s) | corpus add per 1,000 paragraphs (s) | build (s) "
        "| start-up (s) | per question median (ms) | p99 (ms) | peak RSS (MB) |"
    )
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        if "median_ms" not in r:
            continue
        add = f"{r['corpus_add_s']:.1f}" if "corpus_add_s" in r else ""
        per = f"{r['add_per_1000_s']:.2f}" if r.get("add_per_1000_s") is not None else ""
        lines.append(
            f"| {r['paragraphs']:,} | {r['system']} | {add} | {per} | {r['build_s']:.2f} "
            f"| {r['startup_s']:.2f} | {r['median_ms']:.2f} | {r['p99_ms']:.2f} "
            f"| {r['peak_rss_mb']:.0f} |"
        )
    for r in rows:
        if "system" in r and "median_ms" not in r:
            lines.append(f"\n{r['system']} ({r['paragraphs']} paragraphs): "
                         f"peak RSS {r['peak_rss_mb']:.0f} MB")  # fmt: skip
    return "\n".join(lines)


def first_table(rows: list[dict[str, Any]]) -> str:
    """The first command after an add against a repeat, each a whole process."""
    lines = [
        f"| paragraphs | command | first after an add (s), median of {ROUNDS} "
        f"| repeat (s), median of {ROUNDS} | first / repeat | cache written by a first command |",
        "|" + "---|" * 6,
    ]
    for r in rows:
        if "command" in r:
            lines.append(
                f"| {r['paragraphs']:,} | {r['command']} "
                f"| {r['first_s']:.2f} ({_range(r['first_range'])}) "
                f"| {r['repeat_s']:.2f} ({_range(r['repeat_range'])}) "
                f"| {r['first_s'] / r['repeat_s']:.2f}x | {'yes' if r['cache_written'] else 'no'} |"
            )
    return "\n".join(lines)


def _range(bounds: tuple[float, float]) -> str:
    return f"{bounds[0]:.2f}–{bounds[1]:.2f}"


def verdicts(rows: list[dict[str, Any]]) -> str:
    biggest = max(r["paragraphs"] for r in rows if "median_ms" in r)
    at = {r["system"]: r for r in rows if r.get("paragraphs") == biggest and "median_ms" in r}
    ours, alone, rank, b25 = at["this project"], at["index-only"], at["rank-bm25"], at["bm25s"]
    bot = next(r for r in rows if r.get("system", "").startswith("Discord bot"))
    checks = [
        ("per question <= bm25s", ours["median_ms"] <= b25["median_ms"],
         f"{ours['median_ms']:.2f} vs {b25['median_ms']:.2f} ms"),
        ("per question >= 20x below rank-bm25", ours["median_ms"] * 20 <= rank["median_ms"],
         f"{rank['median_ms'] / ours['median_ms']:.1f}x"),
        ("index alone per question <= bm25s", alone["median_ms"] <= b25["median_ms"],
         f"{alone['median_ms']:.2f} vs {b25['median_ms']:.2f} ms"),
        ("index alone >= 20x below rank-bm25", alone["median_ms"] * 20 <= rank["median_ms"],
         f"{rank['median_ms'] / alone['median_ms']:.1f}x"),
        ("start-up <= bm25s build", ours["startup_s"] <= b25["build_s"],
         f"{ours['startup_s']:.2f} vs {b25['build_s']:.2f} s"),
        ("peak RSS < 500 MB", ours["peak_rss_mb"] < 500, f"{ours['peak_rss_mb']:.0f} MB"),
        ("Discord bot < 120 MB", bot["peak_rss_mb"] < 120, f"{bot['peak_rss_mb']:.0f} MB"),
    ]  # fmt: skip
    lines = [f"Targets at {biggest:,} paragraphs:"]
    lines += [f"- {name}: {'met' if ok else 'NOT met'} ({detail})" for name, ok, detail in checks]
    lines.append(f"First command after corpus add <= {FIRST_LIMIT}x a repeat:")
    for r in rows:
        if "command" in r:
            ratio = r["first_s"] / r["repeat_s"]
            ok = ratio <= FIRST_LIMIT and not r["cache_written"]
            written = ", the cache was written" if r["cache_written"] else ""
            lines.append(
                f"- {r['command']} at {r['paragraphs']:,} paragraphs: "
                f"{'met' if ok else 'NOT met'} ({ratio:.2f}x{written})"
            )
    return "\n".join(lines)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
