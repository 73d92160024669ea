"""The corpus on disk: articles as verbatim text files, each with a JSON metadata file.

Layout: ``DIR/articles/<id>.txt`` (the page as captured) and ``DIR/articles/<id>.json``
(id, title, outlet, url, published, provenance). Cleaning happens at load time, so the
stored text stays exactly what was captured and better cleaning never needs a data change.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.cleaning import clean_article

log = logging.getLogger(__name__)

ARTICLES = "articles"
BASES = ("stated", "inferred", "given", "unknown")


class CorpusError(Exception):
    """A corpus problem worth one clear line to the user (never a traceback)."""


@dataclass(frozen=True)
class Provenance:
    """How one metadata value was determined: stated by the page, inferred (and how), given by
    whoever added the article, or unknown."""

    basis: str
    how: str = ""

    @property
    def inferred(self) -> bool:
        return self.basis == "inferred"


@dataclass(frozen=True)
class Paragraph:
    article_id: str
    number: int  # 1-based, stable: used in every citation
    text: str

    @property
    def key(self) -> str:
        return f"{self.article_id}#{self.number}"


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    outlet: str
    url: str | None
    published: dt.date
    paragraphs: tuple[Paragraph, ...]
    provenance: dict[str, Provenance] = field(default_factory=dict, compare=False, hash=False)

    def inferred(self, name: str) -> bool:
        """True when the metadata value ``name`` was inferred rather than stated or given."""
        prov = self.provenance.get(name)
        return prov is not None and prov.inferred

    def citation(self, paragraph: Paragraph) -> dict[str, Any]:
        """One of the article's paragraphs as cited in the JSON contracts (answers, timeline)."""
        return {**self._identity(), "paragraph": paragraph.number, "text": paragraph.text}

    def source(self) -> dict[str, Any]:
        """The article's metadata as plain data (the ``sources --json`` shape)."""
        return {
            **self._identity(),
            "paragraphs": len(self.paragraphs),
            "provenance": {k: {"basis": p.basis, "how": p.how} for k, p in self.provenance.items()},
        }

    def _identity(self) -> dict[str, Any]:
        return {
            "article": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat(),
            "url": self.url,
        }


@dataclass(frozen=True)
class Corpus:
    root: Path
    articles: tuple[Article, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for a in self.articles for p in a.paragraphs)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


def load_corpus(root: Path | str) -> Corpus:
    """Load and clean every article under ``root``, sorted by id.

    An article's id is its file name, so ids are unique; a metadata file that claims another id
    (say, a copy of another article's metadata) is refused. A missing folder or an article whose
    metadata or text cannot be used raises CorpusError naming the file; a stray text file
    without metadata (or the reverse) is warned about and skipped, because the rest of the
    corpus is still sound.
    """
    root = Path(root)
    folder = root / ARTICLES
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder}")
    articles = []
    for meta_path in sorted(folder.glob("*.json")):
        text_path = meta_path.with_suffix(".txt")
        if not text_path.is_file():
            log.warning("skipping %s: no article text %s", meta_path, text_path.name)
            continue
        articles.append(_load_article(meta_path, text_path))
    for text_path in sorted(folder.glob("*.txt")):
        if not text_path.with_suffix(".json").is_file():
            log.warning(
                "skipping %s: no metadata file %s", text_path, text_path.with_suffix(".json").name
            )
    return Corpus(root=root, articles=tuple(articles))


def _load_article(meta_path: Path, text_path: Path) -> Article:
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{meta_path}: unreadable metadata ({_reason(exc)})") from None
    if not isinstance(meta, dict):
        raise CorpusError(f"{meta_path}: metadata must be a JSON object")
    try:
        raw = read_text_file(text_path)
    except ValueError as exc:
        raise CorpusError(f"{text_path}: {exc}") from None
    try:
        article_id = _require_str(meta, "id")
        if article_id != meta_path.stem:
            raise ValueError(f"id {article_id!r} does not match the file name {meta_path.stem!r}")
        title = _require_str(meta, "title")
        paragraphs = tuple(
            Paragraph(article_id, n, text) for n, text in enumerate(clean_article(raw, title), 1)
        )
        if not paragraphs:
            raise ValueError("no story paragraphs left after cleaning")
        return Article(
            id=article_id,
            title=title,
            outlet=_require_str(meta, "outlet"),
            url=_optional_str(meta, "url"),
            published=parse_date(_require_str(meta, "published")),
            paragraphs=paragraphs,
            provenance=_provenance(meta.get("provenance", {})),
        )
    except ValueError as exc:
        raise CorpusError(f"{meta_path}: {exc}") from None


def read_text_file(path: Path) -> str:
    """Read an article's text: UTF-8, not binary, not blank. ValueError says why not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read ({_reason(exc)})") from None
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise ValueError("empty file")
    return text


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"invalid date {value!r} (expected YYYY-MM-DD)") from None


def _require_str(meta: dict[str, Any], name: str) -> str:
    value = meta.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"missing or empty {name!r}")
    return value.strip()


def _optional_str(meta: dict[str, Any], name: str) -> str | None:
    value = meta.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be a string or null")
    return value.strip() or None


def _provenance(raw: Any) -> dict[str, Provenance]:
    if not isinstance(raw, dict):
        raise ValueError("'provenance' must be an object")
    out = {}
    for name, entry in raw.items():
        if not isinstance(entry, dict) or entry.get("basis") not in BASES:
            raise ValueError(f"provenance of {name!r} needs a basis, one of {', '.join(BASES)}")
        out[name] = Provenance(entry["basis"], str(entry.get("how", "")))
    return out


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc).splitlines()[0]
