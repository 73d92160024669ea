"""The index cache: loaded when current, rebuilt (never a crash) when missing, stale or damaged."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

import index.index_cache as cache
from index.corpus import load_corpus
from index.engine import Engine
from index.index_cache import build_index, cache_path, fingerprint, load_index

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles"
QUESTIONS = [["blackberri", "pakistan"], ["bes", "server"], ["govern", "monitor", "traffic"]]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(SEED, tmp_path / "articles")
    return tmp_path


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts index builds (each entry is a build's paragraph count)."""
    calls: list[int] = []
    real = cache.build_index

    def counting(corpus, **kw):  # type: ignore[no-untyped-def]
        calls.append(len(corpus.paragraphs))
        return real(corpus, **kw)

    monkeypatch.setattr(cache, "build_index", counting)
    return calls


def same_index(a, b) -> bool:  # type: ignore[no-untyped-def]
    pa, pb = a.postings, b.postings
    return (
        pa.terms == pb.terms
        and pa.size == pb.size
        and all(
            np.array_equal(getattr(pa, f), getattr(pb, f))
            for f in ("idf", "indptr", "indices", "weights")
        )
    )


def test_first_load_builds_and_saves_then_hits(root: Path, builds: list[int]) -> None:
    corpus = load_corpus(root)
    first = load_index(corpus)
    assert cache_path(corpus).is_file() and builds == [len(corpus.paragraphs)]
    second = load_index(load_corpus(root))
    assert builds == [len(corpus.paragraphs)]  # no rebuild
    assert same_index(first, second)
    assert same_index(second, build_index(corpus))
    for q in QUESTIONS:
        assert second.top(q, 5) == first.top(q, 5)


def test_corpus_change_rebuilds(root: Path, builds: list[int]) -> None:
    load_index(load_corpus(root))
    path = root / "articles" / "techjuice-blackberry-to-exit-pakistan.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph about servers.\n")
    changed = load_corpus(root)
    index = load_index(changed)
    assert len(builds) == 2
    assert index.known("server") and same_index(index, build_index(changed))
    load_index(load_corpus(root))
    assert len(builds) == 2  # the rebuilt cache is current again


def test_removed_article_rebuilds(root: Path, builds: list[int]) -> None:
    load_index(load_corpus(root))
    for f in (root / "articles").glob("softpedia-*"):
        f.unlink()
    corpus = load_corpus(root)
    assert load_index(corpus).size == len(corpus.paragraphs)
    assert len(builds) == 2


def test_settings_change_invalidates(root: Path, builds: list[int]) -> None:
    corpus = load_corpus(root)
    load_index(corpus)
    assert fingerprint(corpus, k1=1.2) != fingerprint(corpus)
    assert fingerprint(corpus, b=0.5) != fingerprint(corpus)
    tuned = load_index(corpus, k1=1.2)
    assert len(builds) == 2
    assert same_index(tuned, build_index(corpus, k1=1.2))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"not a cache at all",
        lambda data: data[:100] + bytes(200) + data[300:],  # corrupted in the middle
        lambda data: b"",
    ],
    ids=["truncated", "garbage", "corrupted", "empty"],
)
def test_damaged_cache_rebuilds_with_warning(
    root: Path, builds: list[int], caplog: pytest.LogCaptureFixture, damage
) -> None:
    corpus = load_corpus(root)
    good = load_index(corpus)
    path = cache_path(corpus)
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="index.index_cache"):
        index = load_index(corpus)
    assert "unreadable" in caplog.text
    assert len(builds) == 2 and same_index(index, good)
    caplog.clear()
    load_index(corpus)  # the rewritten cache is sound
    assert len(builds) == 2 and not caplog.text


def test_inconsistent_arrays_rebuild_with_warning(
    root: Path, builds: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    corpus = load_corpus(root)
    good = load_index(corpus)
    path = cache_path(corpus)
    with np.load(path) as saved:
        arrays = dict(saved)
    arrays["indices"] = arrays["indices"] + corpus_size(corpus)  # points past the documents
    with path.open("wb") as out:
        np.savez(out, **arrays)
    with caplog.at_level(logging.WARNING, logger="index.index_cache"):
        index = load_index(corpus)
    assert "unreadable" in caplog.text and len(builds) == 2 and same_index(index, good)


def corpus_size(corpus) -> int:  # type: ignore[no-untyped-def]
    return len(corpus.paragraphs)


def test_unwritable_cache_still_answers(
    root: Path, builds: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    (root / cache.CACHE_DIR).write_text("a file where the cache folder should be")
    corpus = load_corpus(root)
    with caplog.at_level(logging.WARNING, logger="index.index_cache"):
        index = load_index(corpus)
    assert "could not save" in caplog.text
    assert index.size == len(corpus.paragraphs)
    assert not list(root.glob("**/*.tmp"))


def test_engine_load_uses_the_cache_and_engine_alone_writes_nothing(
    root: Path, builds: list[int]
) -> None:
    plain = Engine(load_corpus(root))
    assert not (root / cache.CACHE_DIR).exists()
    Engine.load(root)
    cached = Engine.load(root)
    assert len(builds) == 1
    question = "Why did BlackBerry decide to leave Pakistan?"
    assert cached.ask(question).to_dict() == plain.ask(question).to_dict()


def test_progress_reports_the_build(root: Path) -> None:
    seen: list[tuple[int, int]] = []
    corpus = load_corpus(root)
    load_index(corpus, progress=lambda done, total: seen.append((done, total)))
    n = len(corpus.paragraphs)
    assert seen and seen[-1] == (n, n)
    seen.clear()
    load_index(corpus, progress=lambda done, total: seen.append((done, total)))
    assert not seen  # loaded, not built
