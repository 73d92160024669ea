"""Shared fixtures: the seed corpus, an engine over it, and a scratch copy to change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from index.corpus import load_corpus
from index.embedding import DEFAULT_MODEL, load_embedder
from index.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
DEV_QUESTIONS = ROOT / "benchmarks" / "questions" / "dev_questions.json"
# The keys that name a cited paragraph in JSON, in order (``ask --json``, ``timeline --json``) ...
SOURCE_KEYS = ["article", "title", "outlet", "published", "url", "paragraph", "text"]
# ... and those of a timeline event's citation: the sentence that dates it too.
TIMELINE_CITATION_KEYS = [*SOURCE_KEYS, "quote"]


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over the seed corpus with the bundled embedding model (index and vectors
    built in memory: tests never write the cache)."""
    return Engine(load_corpus(SEED_CORPUS), embedder=load_embedder(DEFAULT_MODEL))


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the seed corpus's articles, to add to or break."""
    shutil.copytree(SEED_CORPUS / "articles", tmp_path / "corpus" / "articles")
    return tmp_path / "corpus"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes, to prove a refused change changed nothing."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def cli(*argv: str, stdin: str | bytes = "") -> subprocess.CompletedProcess[Any]:
    """``python -m bot.cli`` as a user runs it; output is text when ``stdin`` is, else bytes."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *argv],
        input=stdin,
        capture_output=True,
        text=isinstance(stdin, str),
        cwd=ROOT,
        timeout=300,
        check=False,
    )
