"""Loading a corpus: metadata and provenance, and one clear error for each way it can break."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from index.corpus import CorpusError, load_corpus
from tests.conftest import SEED_CORPUS


def test_seed_metadata_records_what_was_inferred() -> None:
    corpus = load_corpus(SEED_CORPUS)
    by_id = {a.id: a for a in corpus.articles}
    cp = by_id["canadian-press-blackberry-to-stay-in-pakistan"]
    assert cp.outlet == "The Canadian Press" and cp.published == dt.date(2015, 12, 31)
    assert not cp.inferred("published") and not cp.inferred("outlet")
    undated = by_id["inferse-blackberry-to-stay-in-pakistan"]
    assert undated.inferred("published") and undated.inferred("outlet")
    assert by_id["techjuice-blackberry-to-exit-pakistan"].inferred("published")
    assert by_id["softpedia-blackberry-continues-in-pakistan"].url.startswith("http")
    for article in corpus.articles:
        assert [p.number for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))
        assert all(p.key == f"{article.id}#{p.number}" for p in article.paragraphs)
        assert article.provenance["published"].how  # every date says how it was determined


def _article(root: Path, name: str) -> Path:
    return root / "articles" / name


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="corpus folder not found"):
        load_corpus(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.write_text("{not json", encoding="utf-8"), "unreadable metadata"),
        (lambda p: p.write_text("[]", encoding="utf-8"), "must be a JSON object"),
        (lambda p: _edit(p, published="31/12/2015"), "invalid date"),
        (lambda p: _edit(p, title=""), "missing or empty 'title'"),
        (lambda p: _edit(p, id="another-id"), "does not match the file name"),
        (lambda p: _edit(p, provenance={"published": {"basis": "guessed"}}), "needs a basis"),
    ],
)
def test_broken_metadata_names_the_file(corpus_copy: Path, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    meta = _article(corpus_copy, "techjuice-blackberry-to-exit-pakistan.json")
    damage(meta)
    with pytest.raises(CorpusError, match=message) as err:
        load_corpus(corpus_copy)
    assert "techjuice-blackberry-to-exit-pakistan.json" in str(err.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary file"),
        (b"caf\xe9 latin-1 text", "not UTF-8"),
        (b"  \n\n ", "empty file"),
        (b"Just a headline\n", "no story paragraphs"),
    ],
)
def test_unusable_article_text_names_the_file(
    corpus_copy: Path, content: bytes, message: str
) -> None:
    _article(corpus_copy, "techjuice-blackberry-to-exit-pakistan.txt").write_bytes(content)
    with pytest.raises(CorpusError, match=message) as err:
        load_corpus(corpus_copy)
    assert "techjuice-blackberry-to-exit-pakistan" in str(err.value)


def test_stray_files_are_skipped_with_a_warning(corpus_copy: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    _article(corpus_copy, "orphan.txt").write_text(
        "Orphan text without metadata.", encoding="utf-8"
    )
    meta = json.loads(
        _article(corpus_copy, "techjuice-blackberry-to-exit-pakistan.json").read_text()
    )
    meta["id"] = "no-text"
    _article(corpus_copy, "no-text.json").write_text(json.dumps(meta), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        corpus = load_corpus(corpus_copy)
    assert len(corpus.articles) == 5
    assert "orphan.txt" in caplog.text and "no-text.json" in caplog.text


def _edit(path: Path, **changes: object) -> None:
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update(changes)
    path.write_text(json.dumps(meta), encoding="utf-8")


def test_a_copied_metadata_file_claiming_another_id_is_refused(corpus_copy: Path) -> None:
    articles = corpus_copy / "articles"
    (articles / "copy.txt").write_text(
        "Copy\n\nA sentence of a copied story is here.\n", encoding="utf-8"
    )
    (articles / "copy.json").write_bytes(
        (articles / "techjuice-blackberry-to-exit-pakistan.json").read_bytes()
    )
    with pytest.raises(
        CorpusError, match=r"copy\.json: id 'techjuice-blackberry-to-exit-pakistan' does not match"
    ):
        load_corpus(corpus_copy)
