"""The timeline picture: every caption complete, no two leaders crossing, no two labels
overlapping, everything inside the picture, and type legible at Discord's preview sizes; on
the seed corpus and on one grown by three articles; tiny timelines; a clear message without
matplotlib."""

from __future__ import annotations

import itertools
import shutil
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.timeline_image import (
    BODY_PT,
    DPI,
    WIDTH_IN,
    ImageUnavailable,
    Layout,
    Segment,
    draw,
    render_png,
    wrap,
)
from index.corpus import load_corpus
from index.timeline import Event, build_timeline
from tests.conftest import SEED_CORPUS
from tests.extra_articles import add_extra_articles


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Event]]:
    """The seed corpus with the three synthetic articles added by ``corpus add``."""
    root = tmp_path_factory.mktemp("grown") / "corpus"
    shutil.copytree(SEED_CORPUS / "articles", root / "articles")
    shutil.copy(SEED_CORPUS / "timeline.json", root / "timeline.json")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SEMANTIC_MODEL", "none")  # words alone: no vectors to encode here
        add_extra_articles(root, root.parent / "new")
    yield build_timeline(load_corpus(root))


@pytest.fixture(params=["seed", "grown"])
def events(request: pytest.FixtureRequest) -> list[Event]:
    if request.param == "seed":
        return build_timeline(load_corpus(SEED_CORPUS))
    grown_events: list[Event] = request.getfixturevalue("grown")
    return grown_events


def test_the_grown_corpus_adds_events(grown: list[Event]) -> None:
    seed = build_timeline(load_corpus(SEED_CORPUS))
    assert len(grown) >= len(seed) + 3


def _cross(a: Segment, b: Segment) -> bool:
    """Whether two segments share any point (touching counts)."""

    def orient(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    def within(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> bool:
        return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(
            p[1], q[1]
        )

    (p1, p2), (q1, q2) = a, b
    d1, d2 = orient(q1, q2, p1), orient(q1, q2, p2)
    d3, d4 = orient(p1, p2, q1), orient(p1, p2, q2)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4):
        return True
    return any(
        d == 0 and within(*seg, point)
        for d, seg, point in [(d1, b, p1), (d2, b, p2), (d3, a, q1), (d4, a, q2)]
    )


def test_the_crossing_check_itself() -> None:
    assert _cross(((0, 0), (2, 2)), ((0, 2), (2, 0)))  # an X
    assert _cross(((0, 0), (2, 0)), ((1, 0), (3, 0)))  # overlapping on one line
    assert _cross(((0, 0), (1, 1)), ((1, 1), (2, 0)))  # a shared end
    assert not _cross(((0, 0), (2, 0)), ((0, 1), (2, 1)))  # parallel
    assert not _cross(((0, 0), (1, 1)), ((2, 0), (3, 5)))


def _plan(events: list[Event]) -> tuple[object, Layout]:
    figure, plan = draw(events)
    return figure, plan


def test_no_two_leaders_cross(events: list[Event]) -> None:
    _, plan = _plan(events)
    leaders = plan.leaders()
    assert len(leaders) == len(events)
    for a, b in itertools.combinations(leaders, 2):
        assert not _cross(a, b), (a, b)
    # Nor does a leader cross the line joining the dots, except at its own dot's edge.
    for leader in leaders:
        for stretch, _ in plan.stretches:
            assert not _cross(leader, stretch)


def test_labels_in_date_order_apart_and_inside(events: list[Event]) -> None:
    _, plan = _plan(events)
    assert [label.event for label in plan.labels] == events
    boxes = [label.box for label in plan.labels]
    for above, below in itertools.pairwise(boxes):
        assert above[3] < below[1]  # stacked: each label's top below the last one's bottom
    for left, top, right, bottom in boxes:
        assert 0 < left < right < plan.width and 0 < top < bottom < plan.height
    dots = [label.dot[1] for label in plan.labels]
    assert dots == sorted(dots) and len(set(dots)) == len(dots)


def test_drawn_text_stays_inside_and_apart(events: list[Event]) -> None:
    """What matplotlib actually drew: every text inside the picture, none overlapping."""
    figure, _ = _plan(events)
    renderer = figure.canvas.get_renderer()
    figure.draw(renderer)
    width, height = figure.bbox.width, figure.bbox.height
    extents = [t.get_window_extent(renderer) for t in figure.texts if t.get_text()]
    for box in extents:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height
    for a, b in itertools.combinations(extents, 2):
        overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)


def test_every_caption_complete(events: list[Event]) -> None:
    _, plan = _plan(events)
    for label in plan.labels:
        shown = " ".join(label.lines)
        caption = label.event.caption
        assert shown == caption[:1].upper() + caption[1:]  # all of it, wrapped, never cut
        assert "…" not in shown
    drawn = " ".join(t.get_text() for t in _plan(events)[0].texts)
    assert "decided to stay there" in drawn or not any(e.date == "2015-12-31" for e in events)


def test_type_is_legible_at_discord_preview_sizes() -> None:
    """Scaled to 360 px wide (a phone), a line of captions is at least 9 px high; at 550 px
    (desktop), at least 13 px."""
    for preview, smallest in [(360, 9.0), (550, 13.0)]:
        em_px = BODY_PT / 72 * preview / WIDTH_IN
        assert em_px >= smallest - 0.01


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png(events: list[Event]) -> None:
    png = render_png(events)
    width, height = _size(png)
    assert width == round(WIDTH_IN * DPI)
    assert 0.4 * width < height < 2 * width  # taller only as events are added
    assert 20_000 < len(png) < 2_000_000
    assert render_png(events) == png  # the same events, the same picture


@pytest.mark.parametrize("count", [0, 1])
def test_png_of_tiny_timelines(count: int) -> None:
    events = build_timeline(load_corpus(SEED_CORPUS))[-count:] if count else []
    width, height = _size(render_png(events))
    assert width == round(WIDTH_IN * DPI) and 100 < height < width


def test_without_matplotlib_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImageUnavailable, match=r"\[image\]"):
        render_png([])


def test_wrap_keeps_every_word() -> None:
    text = "the Pakistani government rescinded its shutdown order and dropped its request"
    lines = wrap(text, 20, len)
    assert " ".join(lines) == text
    assert all(len(line) <= 20 for line in lines)
    assert wrap("a enormouslylongwordthatcannotfit b", 10, len) == [
        "a",
        "enormouslylongwordthatcannotfit",
        "b",
    ]


def test_the_picture_can_be_looked_at(tmp_path: Path, events: list[Event]) -> None:
    """Saved at full size and scaled to a phone's 360 px (Pillow, as matplotlib installs it):
    both are valid PNGs (look at them with an image viewer when changing the layout)."""
    pil = pytest.importorskip("PIL.Image")
    full = tmp_path / "timeline.png"
    full.write_bytes(render_png(events))
    with pil.open(full) as image:
        small = image.resize((360, round(image.height * 360 / image.width)))
        small.save(tmp_path / "timeline-360.png")
    assert (tmp_path / "timeline-360.png").stat().st_size > 1000
