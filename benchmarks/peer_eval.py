"""Score the obvious peers with the project's own eval code, beside the engine.

The peers answer with their top paragraphs and decline only when nothing scores:
- rank-bm25: plain ``BM25Okapi`` over the pages split on blank lines (no cleaning),
  ``str.split`` tokens;
- bm25s (when installed, the ``bench`` extra): the cleaned paragraphs, its tokeniser with English
  stopwords and the Snowball stemmer (PyStemmer), the ten-line script a newcomer would write.

    python -m benchmarks.peer_eval [QUESTIONS.json ...]   # default: 3 sets in benchmarks/questions
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from rank_bm25 import BM25Okapi

from bot.cli import DEFAULT_CORPUS, format_reports
from index.answer import Answer, Citation
from index.corpus import Article, Paragraph, load_corpus
from index.engine import Engine
from index.evaluation import Report, evaluate, load_questions

EVAL = Path(__file__).resolve().parent / "questions"
FILES = ["dev_questions.json", "dev_casual.json", "dev_varied.json"]


def _answer(question: str, items: list[tuple[Article, Paragraph]], ranked: Any) -> Answer:
    citations = tuple(
        Citation(items[i][0], items[i][1], items[i][1].text, float(s)) for i, s in ranked if s > 0
    )
    return Answer(question, citations, "" if citations else "nothing matched")


class RankBM25Peer:
    def __init__(self, root: Path) -> None:
        self.items: list[tuple[Article, Paragraph]] = []
        for article in load_corpus(root).articles:
            raw = (root / "articles" / f"{article.id}.txt").read_text(encoding="utf-8")
            blocks = [b.strip() for b in raw.split("\n\n") if b.strip()]
            self.items += [(article, Paragraph(article.id, n, b)) for n, b in enumerate(blocks, 1)]
        self.model = BM25Okapi([p.text.split() for _, p in self.items])

    def ask(self, question: str, k: int = 3) -> Answer:
        scores = self.model.get_scores(question.split())
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
        return _answer(question, self.items, [(i, scores[i]) for i in order])


class BM25sPeer:
    def __init__(self, root: Path) -> None:
        import bm25s
        import Stemmer

        self.bm25s, self.stemmer = bm25s, Stemmer.Stemmer("english")
        corpus = load_corpus(root)
        self.items = [(a, p) for a in corpus.articles for p in a.paragraphs]
        texts = [p.text for _, p in self.items]
        self.model = bm25s.BM25()
        self.model.index(self._tokens(texts), show_progress=False)

    def _tokens(self, texts: list[str]) -> Any:
        return self.bm25s.tokenize(texts, stopwords="en", stemmer=self.stemmer, show_progress=False)

    def ask(self, question: str, k: int = 3) -> Answer:
        tokens = self._tokens([question])
        if not tokens.vocab:
            return Answer(question, (), "nothing matched")
        docs, scores = self.model.retrieve(
            tokens, k=min(k, len(self.items)), show_progress=False, n_threads=1
        )
        return _answer(question, self.items, zip(docs[0].tolist(), scores[0].tolist(), strict=True))


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or [EVAL / f for f in FILES]
    files = {p.name: load_questions(p) for p in paths}
    systems: dict[str, Any] = {
        "this engine": Engine.load(DEFAULT_CORPUS),
        "rank-bm25 (str.split)": RankBM25Peer(DEFAULT_CORPUS),
    }
    try:
        systems["bm25s (stemmed, stopwords)"] = BM25sPeer(DEFAULT_CORPUS)
    except ImportError:
        print("bm25s is not installed (pip install -e '.[bench]'): its row is left out\n")
    for name, system in systems.items():
        reports: dict[str, Report] = {f: evaluate(system, qs) for f, qs in files.items()}
        table = format_reports(reports).split("\n\n")[0]
        print(f"== {name}\n{table}\n")


if __name__ == "__main__":
    main()
