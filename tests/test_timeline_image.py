"""The timeline PNG: a valid image of a size a phone can show, or a clear message without
matplotlib."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from bot.timeline_image import ImageUnavailable, render_png
from index.corpus import load_corpus
from index.engine import Engine

SEED = Path(__file__).resolve().parent.parent / "corpus"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png_of_the_seed_timeline() -> None:
    pytest.importorskip("matplotlib")
    png = render_png(Engine(load_corpus(SEED)).timeline())
    width, height = _size(png)
    assert 1000 <= width <= 2500 and 500 <= height <= 1600
    assert width > height  # a horizontal time axis
    assert 20_000 < len(png) < 2_000_000


@pytest.mark.parametrize("count", [0, 1])
def test_png_of_tiny_timelines(count: int) -> None:
    pytest.importorskip("matplotlib")
    events = Engine(load_corpus(SEED)).timeline()[-count:] if count else []
    width, height = _size(render_png(events))
    assert width > 500 and height > 300


def test_without_matplotlib_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImageUnavailable, match=r"\[image\]"):
        render_png([])
