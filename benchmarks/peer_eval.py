"""Score the obvious peer with the project's own eval code, beside the engine.

The peer: rank-bm25's plain ``BM25Okapi`` over the pages split on blank lines (no cleaning) with
``str.split`` tokens; it answers with its top paragraphs and abstains only when nothing scores.

    python benchmarks/peer_eval.py [QUESTIONS.json]
"""

from __future__ import annotations

import sys
from pathlib import Path

from rank_bm25 import BM25Okapi

from bot.cli import DEFAULT_CORPUS, format_report
from index.answer import Answer, Citation
from index.corpus import Article, Paragraph, load_corpus
from index.engine import Engine
from index.evaluation import evaluate, load_questions

QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_questions.json"


class Peer:
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
        citations = tuple(
            Citation(self.items[i][0], self.items[i][1], self.items[i][1].text, float(scores[i]))
            for i in order
            if scores[i] > 0
        )
        return Answer(question, citations, "" if citations else "nothing matched")


def main() -> None:
    questions = load_questions(sys.argv[1] if len(sys.argv) > 1 else QUESTIONS)
    for name, answerer in [("engine", Engine.load(DEFAULT_CORPUS)), ("peer", Peer(DEFAULT_CORPUS))]:
        print(f"== {name}\n{format_report(evaluate(answerer, questions))}\n")


if __name__ == "__main__":
    main()
