"""The corpus and index cache: read back when current, rebuilt (never a crash) when missing,
stale or damaged."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

import index.index_cache as cache
from index.compiled import Compiled, compile_corpus
from index.corpus import CorpusError, load_corpus
from index.embedding import DEFAULT_MODEL, load_embedder
from index.engine import Engine
from index.index_cache import cache_path, fingerprint, load_corpus_and_index
from index.timeline import build_timeline

SEED = Path(__file__).resolve().parent.parent / "corpus" / "articles"
QUESTIONS = [["blackberri", "pakistan"], ["bes", "server"], ["govern", "monitor", "traffic"]]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(SEED, tmp_path / "articles")
    return tmp_path


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts compilations (each entry is a build's paragraph count)."""
    calls: list[int] = []
    real = cache.compile_corpus

    def counting(corpus, **kw):  # type: ignore[no-untyped-def]
        calls.append(len(corpus.paragraphs))
        return real(corpus, **kw)

    monkeypatch.setattr(cache, "compile_corpus", counting)
    return calls


def same_index(a: Compiled, b: Compiled) -> bool:
    pa, pb = a.bm25.postings, b.bm25.postings
    return (
        pa.terms == pb.terms
        and pa.size == pb.size
        and all(
            np.array_equal(getattr(pa, f), getattr(pb, f))
            for f in ("idf", "indptr", "indices", "weights")
        )
        and all(
            np.array_equal(getattr(a, f), getattr(b, f))
            for f in ("kinds", "shingle_starts", "shingles")
        )
    )


def test_first_load_builds_and_saves_then_reads_back(root: Path, builds: list[int]) -> None:
    corpus, first = load_corpus_and_index(root)
    assert cache_path(root).is_file() and builds == [len(corpus.paragraphs)]
    cached_corpus, second = load_corpus_and_index(root)
    assert builds == [len(corpus.paragraphs)]  # no rebuild
    assert cached_corpus == load_corpus(root)
    assert [a.provenance for a in cached_corpus.articles] == [
        a.provenance for a in load_corpus(root).articles
    ]
    assert same_index(first, second)
    assert same_index(second, compile_corpus(load_corpus(root)))
    for q in QUESTIONS:
        assert second.bm25.top(q, 5) == first.bm25.top(q, 5)


def test_changed_article_rebuilds(root: Path, builds: list[int]) -> None:
    load_corpus_and_index(root)
    path = root / "articles" / "techjuice-blackberry-to-exit-pakistan.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph about servers.\n")
    corpus, index = load_corpus_and_index(root)
    assert len(builds) == 2
    assert corpus == load_corpus(root)
    assert index.bm25.known("server") and same_index(index, compile_corpus(corpus))
    load_corpus_and_index(root)
    assert len(builds) == 2  # the rebuilt cache is current again


def test_added_and_removed_articles_rebuild(root: Path, builds: list[int]) -> None:
    load_corpus_and_index(root)
    for f in (root / "articles").glob("softpedia-*"):
        f.unlink()
    corpus, index = load_corpus_and_index(root)
    assert len(builds) == 2 and index.bm25.size == len(corpus.paragraphs)
    assert not any(a.id.startswith("softpedia") for a in corpus.articles)
    for f in SEED.glob("softpedia-*"):
        shutil.copy(f, root / "articles")
    corpus, index = load_corpus_and_index(root)
    assert len(builds) == 3 and corpus == load_corpus(root)


def test_metadata_change_reaches_the_cached_corpus(root: Path, builds: list[int]) -> None:
    load_corpus_and_index(root)
    meta = root / "articles" / "techjuice-blackberry-to-exit-pakistan.json"
    meta.write_text(meta.read_text(encoding="utf-8").replace('"TechJuice"', '"Tech Juice"'))
    corpus, _ = load_corpus_and_index(root)
    assert corpus.article("techjuice-blackberry-to-exit-pakistan").outlet == "Tech Juice"


def test_settings_change_invalidates(root: Path, builds: list[int]) -> None:
    load_corpus_and_index(root)
    assert fingerprint(root, k1=1.2) != fingerprint(root)
    assert fingerprint(root, b=0.5) != fingerprint(root)
    corpus, tuned = load_corpus_and_index(root, k1=1.2)
    assert len(builds) == 2
    assert same_index(tuned, compile_corpus(corpus, k1=1.2))


def test_code_and_format_changes_invalidate(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """The fingerprint covers the code that cleans and tokenises, and the cache layout."""
    before = fingerprint(root)
    monkeypatch.setattr(cache, "_CODE", cache._CODE[:-1])  # as if the tokeniser's code changed
    assert fingerprint(root) != before
    monkeypatch.undo()
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert fingerprint(root) != before


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-10],  # truncated at the end (the zip directory)
        lambda data: b"not a cache at all",
        lambda data: data[:200] + bytes(400) + data[600:],  # corrupted in the middle
        lambda data: b"",
    ],
    ids=["truncated", "truncated-end", "garbage", "corrupted", "empty"],
)
def test_damaged_cache_rebuilds_with_warning(
    root: Path, builds: list[int], caplog: pytest.LogCaptureFixture, damage
) -> None:
    _, good = load_corpus_and_index(root)
    path = cache_path(root)
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="index.index_cache"):
        corpus, index = load_corpus_and_index(root)
    assert "unreadable" in caplog.text
    assert len(builds) == 2 and same_index(index, good) and corpus == load_corpus(root)
    caplog.clear()
    load_corpus_and_index(root)  # the rewritten cache is sound
    assert len(builds) == 2 and not caplog.text


@pytest.mark.parametrize("field", ["indices", "corpus", "indptr", "kinds", "shingle_starts"])
def test_inconsistent_contents_rebuild_with_warning(
    root: Path, builds: list[int], caplog: pytest.LogCaptureFixture, field: str
) -> None:
    """A cache that unzips cleanly but does not hold together is damaged too."""
    _, good = load_corpus_and_index(root)
    path = cache_path(root)
    with np.load(path) as saved:
        arrays = dict(saved)
    if field == "indices":
        arrays["indices"] = arrays["indices"] + good.bm25.size  # past the last paragraph
    elif field == "corpus":
        arrays["corpus"] = np.frombuffer(b'[{"id": "x"}]', dtype=np.uint8)
    elif field == "shingle_starts":
        arrays["shingle_starts"] = arrays["shingle_starts"] + 1  # past the last shingle
    else:
        arrays[field] = arrays[field][:-1]
    with path.open("wb") as out:
        np.savez(out, **arrays)
    with caplog.at_level(logging.WARNING, logger="index.index_cache"):
        _, index = load_corpus_and_index(root)
    assert "unreadable" in caplog.text and len(builds) == 2 and same_index(index, good)


def test_unwritable_cache_still_answers(
    root: Path, builds: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    (root / cache.CACHE_DIR).write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="index.index_cache"):
        corpus, index = load_corpus_and_index(root)
    assert "could not save" in caplog.text
    assert index.bm25.size == len(corpus.paragraphs)
    assert not list(root.glob("**/*.tmp"))


def test_missing_corpus_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError):
        load_corpus_and_index(tmp_path / "nowhere")


def test_engine_load_uses_the_cache_and_engine_alone_writes_nothing(
    root: Path, builds: list[int]
) -> None:
    plain = Engine(load_corpus(root), embedder=load_embedder(DEFAULT_MODEL))
    assert not (root / cache.CACHE_DIR).exists()
    Engine.load(root)
    cached = Engine.load(root)
    assert len(builds) == 1
    for question in ["Why did BlackBerry decide to leave Pakistan?", "Who is the CEO of Samsung?"]:
        assert cached.ask(question).to_dict() == plain.ask(question).to_dict()


def test_progress_reports_the_build(root: Path) -> None:
    seen: list[tuple[int, int]] = []
    corpus, _ = load_corpus_and_index(root, progress=lambda done, total: seen.append((done, total)))
    n = len(corpus.paragraphs)
    assert seen and seen[-1] == (n, n)
    seen.clear()
    load_corpus_and_index(root, progress=lambda done, total: seen.append((done, total)))
    assert not seen  # read back, not built


def test_timeline_is_kept_and_read_back(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = load_corpus(root)
    built = build_timeline(corpus)
    assert cache.cached_timeline(corpus) == built  # built, then saved
    assert (root / cache.CACHE_DIR / cache.TIMELINE_FILE).is_file()
    monkeypatch.setattr(cache, "build_timeline", lambda _: pytest.fail("rebuilt"))
    assert cache.cached_timeline(corpus) == built  # read back
    assert Engine.load(root).timeline() == built


def test_timeline_cache_follows_corrections_articles_and_damage(
    root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copy(SEED.parent / "timeline.json", root / "timeline.json")
    corpus = load_corpus(root)
    curated = cache.cached_timeline(corpus)
    (root / "timeline.json").unlink()  # no corrections now: the raw extraction
    assert cache.cached_timeline(corpus) == build_timeline(corpus) != curated
    for f in root.glob("articles/softpedia-*"):
        f.unlink()
    fewer = load_corpus(root)
    assert cache.cached_timeline(fewer) == build_timeline(fewer)
    path = root / cache.CACHE_DIR / cache.TIMELINE_FILE
    path.write_bytes(path.read_bytes()[:100])
    with caplog.at_level(logging.WARNING, logger="index.index_cache"):
        assert cache.cached_timeline(fewer) == build_timeline(fewer)
    assert "unreadable" in caplog.text


def test_cached_corpus_reads_a_current_cache_and_never_writes(root: Path) -> None:
    assert cache.cached_corpus(root) is None  # no cache yet
    assert not (root / cache.CACHE_DIR).exists()
    load_corpus_and_index(root)
    assert cache.cached_corpus(root) == load_corpus(root)
    before = cache_path(root).read_bytes()
    article = next((root / "articles").glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n")
    assert cache.cached_corpus(root) is None  # stale
    cache_path(root).write_bytes(before[:200])
    article.write_text(article.read_text(encoding="utf-8").removesuffix("\nOne more sentence.\n"))
    assert cache.cached_corpus(root) is None  # damaged
    assert cache_path(root).read_bytes() == before[:200]
