"""corpus add: accepted articles are written atomically; a refused add changes nothing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import index.index_cache as cache
import index.ingest as ingest
from index.corpus import load_corpus
from index.engine import Engine
from index.ingest import IngestError, add_articles, build
from tests.conftest import SEED_CORPUS, snapshot

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


# ---- a new corpus, and everything built at add time ------------------------------------------

ANOTHER = "Another headline\n\nA different story about a phone launch in Karachi.\n"


def _everything_in(tmp_path: Path) -> dict[str, bytes]:
    """Every file and folder under ``tmp_path`` (folders as empty contents)."""
    return {
        str(p.relative_to(tmp_path)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(tmp_path.rglob("*"))
    }


@pytest.mark.parametrize("make", ["missing", "missing parents", "empty", "only extras"])
def test_add_starts_a_new_corpus(tmp_path: Path, make: str) -> None:
    root = tmp_path / "new" / "archive" if make == "missing parents" else tmp_path / "archive"
    if make in {"empty", "only extras"}:
        root.mkdir()
    if make == "only extras":
        (root / "examples.json").write_text('{"questions": []}', encoding="utf-8")
        (root / ".DS_Store").write_bytes(b"\x00")
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    file = _write(incoming, "lahore.txt", NEW_ARTICLE)
    [article_id] = add_articles(root, [file], outlet="Example News", published="2016-01-04")
    corpus = load_corpus(root)
    assert [a.id for a in corpus.articles] == [article_id]
    assert (root / "articles" / f"{article_id}.json").is_file()


@pytest.mark.parametrize("make", ["missing", "missing parents", "empty"])
def test_a_refused_add_into_a_new_folder_leaves_nothing_behind(tmp_path: Path, make: str) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = _write(incoming, "good.txt", NEW_ARTICLE)
    bad = _write(incoming, "bad.txt", "Just a title\n")
    root = tmp_path / "new" / "archive" if make == "missing parents" else tmp_path / "archive"
    if make == "empty":
        root.mkdir()
    before = _everything_in(tmp_path)
    with pytest.raises(IngestError, match="no story paragraphs"):
        add_articles(root, [good, bad], outlet="Example News", published="2016-01-04")
    assert _everything_in(tmp_path) == before


def test_an_interrupted_add_into_a_new_folder_removes_the_folders_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    files = [_write(incoming, "a.txt", NEW_ARTICLE), _write(incoming, "b.txt", ANOTHER)]
    before = _everything_in(tmp_path)
    real_replace = os.replace

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if str(dst).endswith("b.txt") or "another" in str(dst):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        add_articles(
            tmp_path / "new" / "archive", files, outlet="Example News", published="2016-01-04"
        )
    assert _everything_in(tmp_path) == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("file", "archive is not a folder"),
        ("articles file", "articles is not a folder"),
        ("other folder", "archive is not a corpus .*'notes.txt'"),
        ("broken corpus", "unreadable metadata"),
    ],
)
def test_a_path_that_is_not_a_corpus_is_refused_and_left_alone(
    tmp_path: Path, make: str, message: str
) -> None:
    root = tmp_path / "archive"
    if make == "file":
        root.write_text("not a folder", encoding="utf-8")
    else:
        root.mkdir()
    if make == "articles file":
        (root / "articles").write_text("not a folder", encoding="utf-8")
    if make == "other folder":
        (root / "notes.txt").write_text("my notes", encoding="utf-8")
        (root / "photos").mkdir()
    if make == "broken corpus":
        (root / "articles").mkdir()
        _write(root / "articles", "x.json", "{not json")
        _write(root / "articles", "x.txt", NEW_ARTICLE)
    file = _write(tmp_path, "story.txt", NEW_ARTICLE)
    before = _everything_in(tmp_path)
    with pytest.raises(IngestError, match=f"^cannot add to this corpus: .*{message}") as err:
        add_articles(root, [file], outlet="Example News", published="2016-01-04")
    assert "\n" not in str(err.value)
    assert _everything_in(tmp_path) == before


def test_build_saves_everything_the_next_process_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    shutil.copytree(SEED_CORPUS, root, ignore=shutil.ignore_patterns(".cache"))
    ids = add_articles(
        root, [_write(tmp_path, "a.txt", NEW_ARTICLE)], outlet="Wire", published="2016-01-04"
    )
    stages: list[tuple[str, int, int]] = []
    build(root, progress=lambda *seen: stages.append(seen))
    assert (root / cache.CACHE_DIR / cache.CACHE_FILE).is_file()
    assert (root / cache.CACHE_DIR / cache.TIMELINE_FILE).is_file()
    n = len(load_corpus(root).paragraphs)
    assert ("indexing", n, n) in stages and stages[-1] == ("building the timeline", 0, 0)
    # A new process finds it all built: nothing is compiled, no timeline is made.
    monkeypatch.setattr(cache, "compile_corpus", lambda *a, **k: pytest.fail("compiled again"))
    monkeypatch.setattr(cache, "build_timeline", lambda _: pytest.fail("timeline built again"))
    engine = Engine.load(root)
    engine.warm_up()
    assert engine.timeline()
    assert engine.ask("How did the dispute end?").answered
    assert (
        engine.ask("How many engineers will the Lahore centre employ?").citations[0].article.id
        == ids[0]
    )


def test_add_reports_its_progress(corpus_copy: Path, tmp_path: Path) -> None:
    stages: list[tuple[str, int, int]] = []
    files = [_write(tmp_path, "a.txt", NEW_ARTICLE), _write(tmp_path, "b.txt", ANOTHER)]
    add_articles(
        corpus_copy,
        files,
        outlet="Wire",
        published="2016-01-04",
        progress=lambda *seen: stages.append(seen),
    )
    assert ("reading the corpus", 5, 5) in stages
    assert stages[-1] == ("checking the new articles", 2, 2)


def test_add_reads_the_cleaned_corpus_from_a_current_cache(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(corpus_copy)
    monkeypatch.setattr(ingest, "load_corpus", lambda _: pytest.fail("cleaned every article"))
    seed_text = SEED_CORPUS / "articles" / "inferse-blackberry-to-exit-pakistan.txt"
    duplicate = _write(tmp_path, "dup.txt", seed_text.read_text(encoding="utf-8"))
    with pytest.raises(IngestError, match="duplicate of article 'inferse-blackberry-to-exit"):
        add_articles(corpus_copy, [duplicate], outlet="X", published="2016-01-04")
    new = _write(tmp_path, "a.txt", NEW_ARTICLE)
    add_articles(corpus_copy, [new], outlet="X", published="2016-01-04")
    # The cache is stale now: the next add cleans the corpus again.
    with pytest.raises(pytest.fail.Exception, match="cleaned every article"):
        other = _write(tmp_path, "b.txt", ANOTHER)
        add_articles(corpus_copy, [other], outlet="X", published="2016-01-04")
