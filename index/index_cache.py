"""The cleaned corpus and its compilation (``index.compiled``), saved next to the corpus so a
start-up reads them back instead of cleaning, tokenising and indexing every article again.

The cache is one file in ``<corpus>/.cache/``, keyed by a fingerprint of the article files
(names, sizes, contents) and of everything that turns them into paragraphs and their
compilation (the corpus, cleaning, tokeniser, BM25, answer-kind and shingle code, the stemmer,
k1 and b). A cache that is missing or stale (``corpus add``, a changed setting) is rebuilt
quietly; one that is damaged is rebuilt with a warning, never a crash. Writing is atomic (a
temporary file renamed into place), so a reader never sees half a cache.

The timeline (``index.timeline``) reads every sentence for dates, about 10 s at 50,000
paragraphs, so it is kept too, in a second file keyed by what it is made from: the loaded
corpus, the curated corrections and the code that reads them. ``corpus add`` writes both
(``index.ingest.build``); otherwise each is written when first needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import numpy as np
import Stemmer

import index.answer
import index.answer_types
import index.bm25
import index.cleaning
import index.compiled
import index.corpus
import index.dates
import index.text
import index.timeline
from index.bm25 import K1, B, BM25Index, Postings
from index.compiled import Compiled, Progress, compile_corpus
from index.corpus import ARTICLES, Article, Corpus, Paragraph, Provenance, load_corpus
from index.dates import When
from index.timeline import CURATED, Event, EventCitation, build_timeline

log = logging.getLogger(__name__)

CACHE_DIR = ".cache"
CACHE_FILE = "index.npz"
TIMELINE_FILE = "events.json"
# Bump when the saved layout changes.
FORMAT = 3
# Compiled's arrays beside the postings, saved under their own names.
_PARAGRAPH_ARRAYS = (
    "kinds",
    "shingle_starts",
    "shingles",
    "sentence_starts",
    "sentences",
    "tokens",
)
_CODE = (
    index.corpus,
    index.cleaning,
    index.text,
    index.bm25,
    index.answer,
    index.answer_types,
    index.compiled,
)


def cache_path(root: Path | str) -> Path:
    return Path(root) / CACHE_DIR / CACHE_FILE


def load_corpus_and_index(
    root: Path | str, *, k1: float = K1, b: float = B, progress: Progress | None = None
) -> tuple[Corpus, Compiled]:
    """The corpus at ``root`` and its compilation: from the cache when it is current, else
    loaded, compiled and saved. Corpus problems raise ``CorpusError`` as ``load_corpus`` does."""
    root = Path(root)
    path = cache_path(root)
    key = fingerprint(root, k1=k1, b=b)  # before reading: a change meanwhile shows next time
    cached = _read(path, key, root)
    if cached:
        return cached
    corpus = load_corpus(root)
    log.info("compiling %d paragraphs into %s", len(corpus.paragraphs), path)
    compiled = compile_corpus(corpus, k1=k1, b=b, progress=progress)
    _write(path, key, corpus, compiled)
    return corpus, compiled


def cached_corpus(root: Path | str) -> Corpus | None:
    """The cleaned corpus at ``root`` from the cache when the cache is current (the articles and
    the code are as they were when it was saved), else None. Reads only: writes nothing, warns
    about nothing (a cache that cannot be used is only a slower ``load_corpus``)."""
    root = Path(root)
    path = cache_path(root)
    if not path.is_file():
        return None
    key = fingerprint(root)
    try:
        with np.load(path, allow_pickle=False) as saved:
            if json.loads(str(saved["meta"])).get("key") != key:
                return None
            return _saved_corpus(saved, root)
    except Exception:  # damaged: load_corpus will say what is wrong, if anything
        return None


def cached_timeline(corpus: Corpus) -> list[Event]:
    """``build_timeline(corpus)``, read back from the cache when the corpus, the curated
    corrections and the code are as they were when it was saved; else built and saved. A
    malformed corrections file raises ``TimelineError`` as ``build_timeline`` does."""
    path = Path(corpus.root) / CACHE_DIR / TIMELINE_FILE
    key = _timeline_key(corpus)
    events = _read_timeline(path, key, corpus)
    if events is None:
        events = build_timeline(corpus)
        data = {"key": key, "events": [_event_data(e) for e in events]}
        save_atomically(path, lambda out: out.write(json.dumps(data, ensure_ascii=False).encode()))
    return events


def fingerprint(root: Path | str, *, k1: float = K1, b: float = B) -> str:
    """A hash of the article files and of everything that turns them into postings."""
    settings = {
        "format": FORMAT,
        "k1": k1,
        "b": b,
        "stemmer": ["english", Stemmer.version()],
        "code": [hashlib.sha256(Path(m.__file__ or "").read_bytes()).hexdigest() for m in _CODE],
    }
    h = hashlib.blake2b(json.dumps(settings, sort_keys=True).encode(), digest_size=20)
    folder = Path(root) / ARTICLES
    if not folder.is_dir():
        h.update(b"\x00no articles folder")
        return h.hexdigest()
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        h.update(f"\x00{name}\x00{len(data)}\x00".encode())
        h.update(hashlib.blake2b(data, digest_size=20).digest())
    return h.hexdigest()


def _read(path: Path, key: str, root: Path) -> tuple[Corpus, Compiled] | None:
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as saved:
            meta: dict[str, Any] = json.loads(str(saved["meta"]))
            if meta.get("key") != key:
                log.info("index cache %s is stale (corpus or settings changed): rebuilding", path)
                return None
            corpus = _saved_corpus(saved, root)
            raw_terms = bytes(saved["terms"]).decode("utf-8")
            postings = Postings(
                size=sum(len(a.paragraphs) for a in corpus.articles),
                terms=tuple(raw_terms.split("\n")) if raw_terms else (),
                idf=saved["idf"],
                indptr=saved["indptr"],
                indices=saved["indices"],
                weights=saved["weights"],
            )
            compiled = Compiled(
                BM25Index.from_postings(postings),
                **{name: saved[name] for name in _PARAGRAPH_ARRAYS},
            )
        compiled.check()
        return corpus, compiled
    except Exception as exc:  # any damage means "rebuild", never a crash
        log.warning("index cache %s is unreadable (%s): rebuilding it", path, exc)
        return None


def _saved_corpus(saved: Any, root: Path) -> Corpus:
    """The cleaned corpus an open cache file holds."""
    return _corpus_from(json.loads(bytes(saved["corpus"]).decode("utf-8")), root)


def _write(path: Path, key: str, corpus: Corpus, compiled: Compiled) -> None:
    meta = json.dumps({"key": key, "format": FORMAT})
    postings = compiled.bm25.postings
    save_atomically(
        path,
        lambda out: np.savez(
            out,
            meta=np.array(meta),
            corpus=_bytes(json.dumps(_corpus_data(corpus), ensure_ascii=False)),
            terms=_bytes("\n".join(postings.terms)),
            idf=postings.idf,
            indptr=postings.indptr,
            indices=postings.indices,
            weights=postings.weights,
            **{name: getattr(compiled, name) for name in _PARAGRAPH_ARRAYS},
        ),
    )


def save_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Save atomically; a cache that cannot be written only costs the next start-up time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                write(out)
            os.chmod(temp, 0o644)  # mkstemp makes it private; a bot may run as another user
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.warning("could not save the cache %s (%s)", path, exc)


def _timeline_key(corpus: Corpus) -> str:
    """A hash of what the timeline is made from: the articles' ids, dates and paragraphs as
    loaded, the curated corrections, and the code that reads them."""
    h = hashlib.blake2b(digest_size=20)
    for module in (index.text, index.dates, index.timeline):
        h.update(hashlib.sha256(Path(module.__file__ or "").read_bytes()).digest())
    curated = Path(corpus.root) / CURATED
    h.update(curated.read_bytes() if curated.is_file() else b"\x00no corrections")
    for article in corpus.articles:
        h.update(f"\x00{article.id}\x00{article.published.isoformat()}".encode())
        for paragraph in article.paragraphs:
            h.update(f"\x00{paragraph.number}\x00{paragraph.text}".encode())
    return h.hexdigest()


def _read_timeline(path: Path, key: str, corpus: Corpus) -> list[Event] | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_bytes())
        if data.get("key") != key:
            return None
        paragraphs = {(a.id, p.number): (a, p) for a in corpus.articles for p in a.paragraphs}
        return [_event_from(e, paragraphs) for e in data["events"]]
    except Exception as exc:  # any damage means "rebuild", never a crash
        log.warning("timeline cache %s is unreadable (%s): rebuilding it", path, exc)
        return None


def _event_data(event: Event) -> dict[str, Any]:
    return {
        "when": dataclasses.asdict(event.when),
        "summary": event.summary,
        "citations": [[c.article.id, c.paragraph.number, c.quote] for c in event.citations],
        "background": event.background,
        "changed_to": dataclasses.asdict(event.changed_to) if event.changed_to else None,
    }


def _event_from(
    data: dict[str, Any], paragraphs: dict[tuple[str, int], tuple[Article, Paragraph]]
) -> Event:
    return Event(
        when=When(**data["when"]),
        summary=data["summary"],
        citations=tuple(
            EventCitation(*paragraphs[article, number], quote)
            for article, number, quote in data["citations"]
        ),
        background=data["background"],
        changed_to=When(**data["changed_to"]) if data["changed_to"] else None,
    )


def _bytes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _corpus_data(corpus: Corpus) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "url": a.url,
            "published": a.published.isoformat(),
            "provenance": {k: [p.basis, p.how] for k, p in a.provenance.items()},
            "paragraphs": [[p.number, p.text] for p in a.paragraphs],
        }
        for a in corpus.articles
    ]


def _corpus_from(data: list[dict[str, Any]], root: Path) -> Corpus:
    return Corpus(
        root=root,
        articles=tuple(
            Article(
                id=a["id"],
                title=a["title"],
                outlet=a["outlet"],
                url=a["url"],
                published=dt.date.fromisoformat(a["published"]),
                paragraphs=tuple(Paragraph(a["id"], n, text) for n, text in a["paragraphs"]),
                provenance={
                    k: Provenance(basis, how) for k, (basis, how) in a["provenance"].items()
                },
            )
            for a in data
        ),
    )
