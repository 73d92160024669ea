"""Adding articles to a corpus: validate everything first, write atomically, then build.

A refused add changes nothing on disk. An accepted one writes each article's text and
metadata under temporary names and renames them into place, metadata last (an article exists
once its metadata does); if anything fails midway, every file this call wrote is removed, and
so is every folder it created.

A corpus folder that does not exist yet, or an empty one, is a new corpus: the first add
creates its ``articles/`` folder. A path that is a file, or a folder holding something other
than a corpus, is refused.

``build`` then prepares the corpus for questions as the front ends load it (``Engine.load``
and ``Engine.warm_up``): the cleaned corpus, its compilation and its timeline are saved in the
corpus's cache, so the first question after an add costs what any later one costs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.answer import containment, shingles
from index.cleaning import clean_article, normalise_line
from index.corpus import (
    ARTICLES,
    Corpus,
    CorpusError,
    load_corpus,
    parse_date,
    read_text_file,
)
from index.embedding import DEFAULT_MODEL
from index.engine import Engine
from index.index_cache import cached_corpus
from index.text import words
from index.timeline import CURATED

# Told (stage, done, total) while an add works; total 0 when there is nothing to count.
Stage = Callable[[str, int, int], None]

# What a new corpus folder may already hold besides its articles: the curated timeline
# corrections, the example questions, a cache (and hidden files, such as a desktop's).
_CORPUS_EXTRAS = frozenset({CURATED, "examples.json", ".cache"})

# A new article whose story shares this much (3-shingle containment) with one already in the
# corpus, or with another file of the same call, is the same article.
DUPLICATE_CONTAINMENT = 0.8
_MAX_ID_LENGTH = 80


class IngestError(Exception):
    """Why an add was refused: one line, naming the file."""


@dataclass(frozen=True)
class _Pending:
    id: str
    text: str
    meta: dict[str, Any]


def add_articles(
    root: Path | str,
    files: Sequence[Path | str],
    *,
    outlet: str,
    published: str,
    title: str | None = None,
    url: str | None = None,
    progress: Stage | None = None,
) -> list[str]:
    """Validate and add plain-text articles (first line is the title unless ``title`` is given);
    returns the new article ids. Raises IngestError (nothing written) when any file is refused.
    ``progress`` hears how the checks go. Call ``build`` afterwards to prepare the corpus for
    questions."""
    root = Path(root)
    if not files:
        raise IngestError("no files to add")
    if (title or url) and len(files) > 1:
        raise IngestError("--title and --url describe one article: add such files one at a time")
    outlet = normalise_line(outlet)
    if not outlet:
        raise IngestError("--outlet must not be empty")
    try:
        date = parse_date(published)
    except ValueError as exc:
        raise IngestError(str(exc)) from None
    if date > dt.date.today():
        raise IngestError(f"--published {published} is in the future")
    tell = progress or _silent
    tell("reading the corpus", 0, 0)
    corpus = _existing(root)

    taken = {a.id for a in corpus.articles}
    stories = _Stories()
    for n, article in enumerate(corpus.articles, 1):
        stories.add(article.id, " ".join(p.text for p in article.paragraphs))
        tell("reading the corpus", n, len(corpus.articles))
    pending: list[_Pending] = []
    for n, file in enumerate(map(Path, files), 1):
        tell("checking the new articles", n - 1, len(files))
        item = _prepare(file, outlet, date, title, url, taken)
        story = " ".join(clean_article(item.text, item.meta["title"]))
        other_id = stories.duplicate_of(story)
        if other_id is not None:
            raise IngestError(f"{file}: duplicate of article {other_id!r} already in the corpus")
        stories.add(item.id, story)
        taken.add(item.id)
        pending.append(item)
    tell("checking the new articles", len(files), len(files))
    _write(root, pending)
    return [p.id for p in pending]


def build(
    root: Path | str, progress: Stage | None = None, *, model: str | None = DEFAULT_MODEL
) -> None:
    """Prepare the corpus at ``root`` for questions the way the front ends load it, saving in
    its cache whatever they would otherwise build on first use: the cleaned corpus, its
    compilation (index), the paragraphs' vectors for ``model`` (only the new paragraphs are
    encoded) and its timeline. A corpus problem raises ``CorpusError``."""
    tell = progress or _silent
    tell("indexing", 0, 0)  # reading and cleaning the articles, before the paragraphs count
    engine = Engine.load(
        root,
        progress=lambda done, total: tell("indexing", done, total),
        model=model,
        encoding=lambda done, total: tell("encoding paragraphs", done, total),
    )
    tell("building the timeline", 0, 0)
    engine.warm_up()


def _silent(stage: str, done: int, total: int) -> None:
    pass


def _existing(root: Path) -> Corpus:
    """The corpus an add goes into: the one at ``root``, or a new, empty one where ``root``
    does not exist yet or is an empty folder. IngestError when ``root`` is something else."""
    refuse = "cannot add to this corpus"
    folder = root / ARTICLES
    if root.exists() and not root.is_dir():
        raise IngestError(f"{refuse}: {root} is not a folder")
    if folder.exists() and not folder.is_dir():
        raise IngestError(f"{refuse}: {folder} is not a folder")
    if not folder.exists():
        try:
            found = os.listdir(root) if root.exists() else []
            others = sorted(n for n in found if n not in _CORPUS_EXTRAS and n[0] != ".")
        except OSError as exc:
            raise IngestError(f"{refuse}: cannot read {root} ({exc.strerror or exc})") from None
        if others:
            raise IngestError(
                f"{refuse}: {root} is not a corpus (it has no {ARTICLES}/ folder but holds "
                f"{others[0]!r}); start a new corpus in a new or empty folder"
            )
        return Corpus(root=root, articles=())
    try:
        # The cleaned corpus the last add or start-up saved, when the articles are unchanged
        # since: cleaning every article again is a quarter of an add's checks.
        return cached_corpus(root) or load_corpus(root)
    except CorpusError as exc:
        raise IngestError(f"{refuse}: {exc}") from None


class _Stories:
    """The stories of a corpus, to find the one a new story duplicates without comparing it
    with every article: candidates share a shingle that few articles use (a duplicate shares
    most of its shingles, so some of its rare ones), and only they are compared in full."""

    COMMON = 100  # a shingle in more articles than this is boilerplate, no use for finding one

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.sets: list[frozenset[int]] = []
        self.postings: dict[int, list[int]] = {}

    def add(self, article_id: str, story: str) -> None:
        n = len(self.ids)
        hashed = shingles(words(story))
        self.ids.append(article_id)
        self.sets.append(hashed)
        for shingle in hashed:
            self.postings.setdefault(shingle, []).append(n)

    def duplicate_of(self, story: str) -> str | None:
        new = shingles(words(story))
        candidates: set[int] = set()
        for shingle in new:
            found = self.postings.get(shingle, ())
            if len(found) <= self.COMMON:
                candidates.update(found)
        for n in sorted(candidates):
            if containment(new, self.sets[n]) >= DUPLICATE_CONTAINMENT:
                return self.ids[n]
        return None


def _prepare(
    file: Path, outlet: str, date: dt.date, title: str | None, url: str | None, taken: set[str]
) -> _Pending:
    try:
        text = read_text_file(file)
    except ValueError as exc:
        raise IngestError(f"{file}: {exc}") from None
    first_line = next(normalise_line(line) for line in text.splitlines() if line.strip())
    headline = normalise_line(title) if title else first_line
    if not headline:
        raise IngestError(f"{file}: empty --title")
    if not clean_article(text, headline):
        raise IngestError(f"{file}: no story paragraphs (need sentences besides the title)")
    article_id = _unique(_slug(f"{outlet} {headline}"), taken)
    meta = {
        "id": article_id,
        "title": headline,
        "outlet": outlet,
        "url": url or None,
        "published": date.isoformat(),
        "provenance": {
            "title": {"basis": "given", "how": "--title"}
            if title
            else {"basis": "stated", "how": "the file's first line"},
            "outlet": {"basis": "given", "how": "--outlet of corpus add"},
            "published": {"basis": "given", "how": "--published of corpus add"},
            "url": {"basis": "given", "how": "--url of corpus add"}
            if url
            else {"basis": "unknown", "how": "not given"},
        },
        "source_file": file.name,
    }
    return _Pending(article_id, text, meta)


def _write(root: Path, pending: Sequence[_Pending]) -> None:
    folder = root / ARTICLES
    written: list[Path] = []
    created = _make_folders(folder)
    try:
        for item in pending:
            for suffix, content in (
                (".txt", item.text),
                (".json", json.dumps(item.meta, indent=2, ensure_ascii=False) + "\n"),
            ):
                final = folder / f"{item.id}{suffix}"
                temp = folder / f"{item.id}{suffix}.tmp"
                temp.write_text(content, encoding="utf-8")
                written.append(temp)
                os.replace(temp, final)
                written[-1] = final
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for made in reversed(created):
            try:
                made.rmdir()
            except OSError:  # not empty (someone else wrote there meanwhile): leave it
                break
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and any missing parent; the folders created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    created: list[Path] = []
    try:
        for path in reversed(missing):
            path.mkdir()
            created.append(path)
    except BaseException as exc:
        for path in reversed(created):
            path.rmdir()
        if isinstance(exc, OSError):
            raise IngestError(f"cannot create {path} ({exc.strerror or exc})") from None
        raise
    return created


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_MAX_ID_LENGTH].rstrip("-") or "article"


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
