"""corpus add: accepted articles are written atomically; a refused add changes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.corpus import load_corpus
from index.engine import Engine
from index.ingest import IngestError, add_articles
from tests.conftest import snapshot

NEW_ARTICLE = """BlackBerry opens research centre in Lahore

BlackBerry said on Monday that it will open a research centre in Lahore next spring.

The centre will employ forty engineers working on secure messaging, the company said.
"""


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_add_then_answer_from_it(corpus_copy: Path, tmp_path: Path) -> None:
    file = _write(tmp_path, "lahore.txt", NEW_ARTICLE)
    ids = add_articles(corpus_copy, [file], outlet="Example News", published="2016-01-04")
    assert ids == ["example-news-blackberry-opens-research-centre-in-lahore"]
    article = load_corpus(corpus_copy).article(ids[0])
    assert article.title == "BlackBerry opens research centre in Lahore"
    assert [p.number for p in article.paragraphs] == [1, 2]
    assert article.provenance["published"].basis == "given"
    assert not article.inferred("published")
    # The text is stored as given.
    assert (corpus_copy / "articles" / f"{ids[0]}.txt").read_text(encoding="utf-8") == NEW_ARTICLE
    answer = Engine.load(corpus_copy).ask("How many engineers will the Lahore centre employ?")
    assert answer.citations[0].article.id == ids[0]


def test_several_files_share_outlet_and_date(corpus_copy: Path, tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", NEW_ARTICLE)
    b = _write(
        tmp_path,
        "b.txt",
        "Another headline\n\nA different story about a phone launch in Karachi.\n",
    )
    ids = add_articles(corpus_copy, [a, b], outlet="Example News", published="2016-01-04")
    articles = {x.id: x for x in load_corpus(corpus_copy).articles}
    assert all(articles[i].outlet == "Example News" for i in ids) and len(articles) == 7


def test_title_and_url_options(corpus_copy: Path, tmp_path: Path) -> None:
    file = _write(tmp_path, "n.txt", "The first line is a sentence of the story, not a title.\n")
    [article_id] = add_articles(
        corpus_copy,
        [file],
        outlet="Wire",
        published="2015-12-31",
        title="Given headline",
        url="https://example.com/story",
    )
    article = load_corpus(corpus_copy).article(article_id)
    assert (article.title, article.url) == ("Given headline", "https://example.com/story")
    assert article.paragraphs[0].text.startswith("The first line")


REFUSALS = [
    ("missing.txt", None, "cannot read"),
    ("empty.txt", "", "empty file"),
    ("blank.txt", " \n\t\n", "empty file"),
    ("binary.bin", b"\x00\x01\x02PK\x03\x04", "binary"),
    ("latin1.txt", "Caf\xe9 story\n\nUne phrase.".encode("latin-1"), "not UTF-8"),
    ("title-only.txt", "Just a title\n", "no story paragraphs"),
    (
        "duplicate.txt",
        (
            Path(__file__).parent.parent
            / "corpus"
            / "articles"
            / "techjuice-blackberry-to-exit-pakistan.txt"
        ).read_text(encoding="utf-8"),
        "duplicate of article 'techjuice-blackberry-to-exit-pakistan'",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSALS)
def test_refused_add_leaves_the_corpus_byte_for_byte(
    corpus_copy: Path, tmp_path: Path, name: str, content: str | bytes | None, message: str
) -> None:
    before = snapshot(corpus_copy)
    good = _write(tmp_path, "good.txt", NEW_ARTICLE)
    bad = tmp_path / name if content is None else _write(tmp_path, name, content)
    with pytest.raises(IngestError, match=message) as err:
        add_articles(corpus_copy, [good, bad], outlet="Example News", published="2016-01-04")
    assert name in str(err.value)
    assert snapshot(corpus_copy) == before


@pytest.mark.parametrize(
    ("outlet", "published", "message"),
    [
        ("Example", "2016-13-01", "invalid date"),
        ("Example", "yesterday", "invalid date"),
        ("Example", "2999-01-01", "in the future"),
        ("   ", "2016-01-01", "--outlet must not be empty"),
    ],
)
def test_bad_options_are_refused(
    corpus_copy: Path, tmp_path: Path, outlet: str, published: str, message: str
) -> None:
    before = snapshot(corpus_copy)
    file = _write(tmp_path, "good.txt", NEW_ARTICLE)
    with pytest.raises(IngestError, match=message):
        add_articles(corpus_copy, [file], outlet=outlet, published=published)
    assert snapshot(corpus_copy) == before


def test_the_same_file_twice_in_one_call_is_a_duplicate(corpus_copy: Path, tmp_path: Path) -> None:
    before = snapshot(corpus_copy)
    a = _write(tmp_path, "a.txt", NEW_ARTICLE)
    b = _write(tmp_path, "b.txt", NEW_ARTICLE)
    with pytest.raises(IngestError, match="duplicate"):
        add_articles(corpus_copy, [a, b], outlet="Example News", published="2016-01-04")
    assert snapshot(corpus_copy) == before


def test_an_add_interrupted_midway_leaves_no_partial_article(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(corpus_copy)
    a = _write(tmp_path, "a.txt", NEW_ARTICLE)
    b = _write(
        tmp_path,
        "b.txt",
        "Another headline\n\nA different story about a phone launch in Karachi.\n",
    )
    real_replace = os.replace
    calls = []

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(dst)
        if (
            len(calls) == 3
        ):  # first article complete, second one's text in place: then the disk fails
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        add_articles(corpus_copy, [a, b], outlet="Example News", published="2016-01-04")
    assert snapshot(corpus_copy) == before
    assert len(load_corpus(corpus_copy).articles) == 5


def test_metadata_written_is_valid_json_with_provenance(corpus_copy: Path, tmp_path: Path) -> None:
    [article_id] = add_articles(
        corpus_copy,
        [_write(tmp_path, "a.txt", NEW_ARTICLE)],
        outlet="Example News",
        published="2016-01-04",
    )
    meta = json.loads((corpus_copy / "articles" / f"{article_id}.json").read_text(encoding="utf-8"))
    assert meta["provenance"]["title"] == {"basis": "stated", "how": "the file's first line"}
    assert meta["url"] is None and meta["source_file"] == "a.txt"
