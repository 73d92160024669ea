"""The question sets written apart from the engine (the folders of benchmarks/ in SETS,
from fresh_questions to the blind sets): well formed, and every gold string in a paragraph of
the cleaned seed corpus (so a right answer can be counted). The unseen sets also name
headlines and datelines as gold, which no paragraph holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.engine import Engine
from index.evaluation import load_questions, normalise

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
# Each folder's question files, by name, with the out-of-scope questions each holds.
SETS = {
    "fresh_questions": {"fresh_casual.json": 15, "fresh_varied.json": 15},
    "tuning_questions": {
        "tuning_casual.json": 12,
        "tuning_followups.json": 3,
        "tuning_varied.json": 12,
    },
    "final_questions": {
        "final_casual.json": 12,
        "final_followups.json": 3,
        "final_varied.json": 12,
    },
    "holdout_questions": {
        "holdout_casual.json": 12,
        "holdout_followups.json": 3,
        "holdout_varied.json": 12,
    },
    "blind_questions": {
        "blind_casual.json": 10,
        "blind_followups.json": 2,
        "blind_varied.json": 10,
    },
    "blind2_questions": {
        "blind2_casual.json": 15,
        "blind2_followups.json": 3,
        "blind2_varied.json": 15,
    },
    "blind3_questions": {
        "blind3_casual.json": 15,
        "blind3_followups.json": 3,
        "blind3_varied.json": 15,
    },
    "blind4_questions": {
        "blind4_casual.json": 15,
        "blind4_followups.json": 3,
        "blind4_varied.json": 15,
    },
    "blind5_questions": {"blind5_casual.json": 10, "blind5_varied.json": 10},
    "blind6_questions": {
        "blind6_casual.json": 15,
        "blind6_followups.json": 3,
        "blind6_varied.json": 15,
    },
    "blind7_questions": {
        "blind7_casual.json": 15,
        "blind7_followups.json": 3,
        "blind7_varied.json": 15,
    },
    "blind8_questions": {
        "blind8_casual.json": 15,
        "blind8_followups.json": 3,
        "blind8_varied.json": 15,
    },
    "blind9_questions": {
        "blind9_casual.json": 15,
        "blind9_followups.json": 3,
        "blind9_varied.json": 15,
    },
    "blind10_questions": {
        "blind10_casual.json": 15,
        "blind10_followups.json": 3,
        "blind10_varied.json": 15,
    },
    "blind11_questions": {
        "blind11_casual.json": 15,
        "blind11_followups.json": 3,
        "blind11_varied.json": 15,
    },
    "blind12_questions": {
        "blind12_casual.json": 15,
        "blind12_followups.json": 3,
        "blind12_varied.json": 15,
    },
    "blind13_questions": {
        "blind13_casual.json": 15,
        "blind13_followups.json": 3,
        "blind13_varied.json": 15,
    },
    "blind14_questions": {
        "blind14_casual.json": 15,
        "blind14_followups.json": 3,
        "blind14_varied.json": 15,
    },
    "blind15_questions": {
        "blind15_casual.json": 15,
        "blind15_followups.json": 3,
        "blind15_varied.json": 15,
    },
    "blind16_questions": {
        "blind16_casual.json": 15,
        "blind16_followups.json": 3,
        "blind16_varied.json": 15,
    },
    "blind17_questions": {
        "blind17_casual.json": 15,
        "blind17_followups.json": 3,
        "blind17_varied.json": 15,
    },
    "blind18_questions": {
        "blind18_casual.json": 15,
        "blind18_followups.json": 3,
        "blind18_varied.json": 15,
    },
    "blind19_questions": {
        "blind19_casual.json": 15,
        "blind19_followups.json": 3,
        "blind19_varied.json": 15,
    },
    "blind20_questions": {
        "blind20_casual.json": 15,
        "blind20_followups.json": 3,
        "blind20_varied.json": 15,
    },
    "blind21_questions": {
        "blind21_casual.json": 15,
        "blind21_followups.json": 3,
        "blind21_varied.json": 15,
    },
    "blind22_questions": {
        "blind22_casual.json": 15,
        "blind22_followups.json": 3,
        "blind22_varied.json": 15,
    },
    "blind25_questions": {
        "blind25_casual.json": 15,
        "blind25_followups.json": 3,
        "blind25_varied.json": 15,
    },
    "blind26_questions": {
        "blind26_casual.json": 15,
        "blind26_followups.json": 3,
        "blind26_varied.json": 15,
    },
    "blind27_questions": {
        "blind27_casual.json": 15,
        "blind27_followups.json": 3,
        "blind27_varied.json": 15,
    },
    "blind28_questions": {
        "blind28_casual.json": 15,
        "blind28_followups.json": 3,
        "blind28_varied.json": 15,
    },
    "blind29_questions": {
        "blind29_casual.json": 15,
        "blind29_followups.json": 3,
        "blind29_varied.json": 15,
    },
    "blind30_questions": {
        "blind30_casual.json": 15,
        "blind30_followups.json": 3,
        "blind30_varied.json": 15,
    },
    "blind31_questions": {
        "blind31_casual.json": 15,
        "blind31_followups.json": 3,
        "blind31_varied.json": 15,
    },
    "blind32_questions": {
        "blind32_casual.json": 15,
        "blind32_followups.json": 3,
        "blind32_varied.json": 15,
    },
    "blind33_questions": {
        "blind33_casual.json": 15,
        "blind33_followups.json": 3,
        "blind33_varied.json": 15,
    },
    "blind34_questions": {
        "blind34_casual.json": 15,
        "blind34_followups.json": 3,
        "blind34_varied.json": 15,
    },
    "blind35_questions": {
        "blind35_casual.json": 15,
        "blind35_followups.json": 3,
        "blind35_varied.json": 15,
    },
    "blind36_questions": {
        "blind36_casual.json": 15,
        "blind36_followups.json": 3,
        "blind36_varied.json": 15,
    },
    "blind37_questions": {
        "blind37_casual.json": 15,
        "blind37_followups.json": 3,
        "blind37_varied.json": 15,
    },
    "blind38_questions": {
        "blind38_casual.json": 15,
        "blind38_followups.json": 3,
        "blind38_varied.json": 15,
    },
    "blind39_questions": {
        "blind39_casual.json": 15,
        "blind39_followups.json": 3,
        "blind39_varied.json": 15,
    },
    "blind40_questions": {
        "blind40_casual.json": 15,
        "blind40_followups.json": 3,
        "blind40_varied.json": 15,
    },
    "blind41_questions": {
        "blind41_casual.json": 15,
        "blind41_followups.json": 3,
        "blind41_varied.json": 15,
    },
    "blind42_questions": {
        "blind42_casual.json": 15,
        "blind42_followups.json": 3,
        "blind42_varied.json": 15,
    },
    "blind43_questions": {
        "blind43_casual.json": 15,
        "blind43_followups.json": 3,
        "blind43_varied.json": 15,
    },
    "blind44_questions": {
        "blind44_casual.json": 15,
        "blind44_followups.json": 3,
        "blind44_varied.json": 15,
    },
    "blind45_questions": {
        "blind45_casual.json": 15,
        "blind45_followups.json": 3,
        "blind45_varied.json": 15,
    },
    "blind46_questions": {
        "blind46_casual.json": 15,
        "blind46_followups.json": 3,
        "blind46_varied.json": 15,
    },
    "blind47_questions": {
        "blind47_casual.json": 15,
        "blind47_followups.json": 3,
        "blind47_varied.json": 15,
    },
    "blind48_questions": {
        "blind48_casual.json": 15,
        "blind48_followups.json": 3,
        "blind48_varied.json": 15,
    },
    "blind49_questions": {
        "blind49_casual.json": 15,
        "blind49_followups.json": 3,
        "blind49_varied.json": 15,
    },
    "blind50_questions": {
        "blind50_casual.json": 15,
        "blind50_followups.json": 3,
        "blind50_varied.json": 15,
    },
    "blind51_questions": {
        "blind51_casual.json": 15,
        "blind51_followups.json": 3,
        "blind51_varied.json": 15,
    },
    "blind52_questions": {
        "blind52_casual.json": 15,
        "blind52_followups.json": 3,
        "blind52_varied.json": 15,
    },
    "blind53_questions": {
        "blind53_casual.json": 15,
        "blind53_followups.json": 3,
        "blind53_varied.json": 15,
    },
    "blind54_questions": {
        "blind54_casual.json": 15,
        "blind54_followups.json": 3,
        "blind54_varied.json": 15,
    },
    "blind55_questions": {
        "blind55_casual.json": 15,
        "blind55_followups.json": 3,
        "blind55_varied.json": 15,
    },
    "blind56_questions": {
        "blind56_casual.json": 15,
        "blind56_followups.json": 3,
        "blind56_varied.json": 15,
    },
    "blind57_questions": {
        "blind57_casual.json": 15,
        "blind57_followups.json": 3,
        "blind57_varied.json": 15,
    },
    "blind58_questions": {
        "blind58_casual.json": 15,
        "blind58_followups.json": 3,
        "blind58_varied.json": 15,
    },
    "blind59_questions": {
        "blind59_casual.json": 15,
        "blind59_followups.json": 3,
        "blind59_varied.json": 15,
    },
    "blind60_questions": {
        "blind60_casual.json": 15,
        "blind60_followups.json": 3,
        "blind60_varied.json": 15,
    },
}
OUT_OF_SCOPE = {name: count for files in SETS.values() for name, count in files.items()}
FOUND = {folder: sorted((BENCHMARKS / folder).glob("*.json")) for folder in SETS}


@pytest.mark.parametrize("folder", SETS)
def test_there_are_fresh_tuning_final_holdout_and_blind_sets(folder: str) -> None:
    assert [p.name for p in FOUND[folder]] == list(SETS[folder])


@pytest.mark.parametrize(
    "path", [p for found in FOUND.values() for p in found], ids=lambda p: p.name
)
def test_every_gold_string_is_in_a_paragraph(engine: Engine, path: Path) -> None:
    paragraphs = [normalise(s.paragraph.text) for s in engine.sources]
    questions = load_questions(path)
    assert sum(q.out_of_scope for q in questions) == OUT_OF_SCOPE[path.name]
    for q in questions:
        assert q.out_of_scope or q.gold, q.id
        for gold in q.gold:
            assert any(gold in p for p in paragraphs), (q.id, gold)
