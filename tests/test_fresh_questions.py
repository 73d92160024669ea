"""The fresh question sets in benchmarks/fresh_questions: well formed, and every gold string in
a paragraph of the cleaned seed corpus (so a right answer can be counted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.engine import Engine
from index.evaluation import load_questions, normalise

FRESH = sorted(
    (Path(__file__).resolve().parents[1] / "benchmarks" / "fresh_questions").glob("*.json")
)


def test_there_are_fresh_sets() -> None:
    assert [p.name for p in FRESH] == ["fresh_casual.json", "fresh_varied.json"]


@pytest.mark.parametrize("path", FRESH, ids=lambda p: p.name)
def test_every_gold_string_is_in_a_paragraph(engine: Engine, path: Path) -> None:
    paragraphs = [normalise(s.paragraph.text) for s in engine.sources]
    questions = load_questions(path)
    assert sum(q.out_of_scope for q in questions) == 15
    for q in questions:
        assert q.out_of_scope or q.gold, q.id
        for gold in q.gold:
            assert any(gold in p for p in paragraphs), (q.id, gold)
