"""The timeline as a PNG a person reads at a glance, also at the size Discord shows it.

A vertical timeline: the events top to bottom in date order, each a dot on a line, its date
to the left and its caption (``Event.caption``: the words of the article that tell the event,
complete, wrapped, never cut) to the right, joined to the dot by a short leader. Labels are
stacked in the dots' order, so no two leaders can cross. A long quiet spell between two events
(more than two months) is drawn as a dashed stretch of the line, and background events (years
before the dispute) are greyed. The type is sized against the picture's width (``EMS_ACROSS``)
so that it stays legible when Discord scales the picture to about 550 px (desktop) or 360 px
(phone); the picture grows in height with the number of events instead.

matplotlib is an optional extra (``pip install .[image]``), imported only when a picture is
asked for, and used without pyplot (its Agg canvas directly).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from index.timeline import Event

TITLE = "Timeline of the BlackBerry–Pakistan dispute"
WIDTH_IN = 7.2
DPI = 150  # 1080 px wide: sharp at Discord's preview sizes, about 0.1 MB
# The width holds this many ems of body text: scaled to 360 px wide (a phone), a line of
# captions is 9 px high; at 550 px (desktop), 13.75 px.
EMS_ACROSS = 40
BODY_PT = WIDTH_IN * 72 / EMS_ACROSS
TITLE_PT = BODY_PT * 1.2
NOTE_PT = BODY_PT * 0.8
LINE_PITCH = 1.3  # baseline to baseline, in ems
GAP_EM = 0.9  # between two events' labels
QUIET_EM = 0.7  # more, across a quiet spell
QUIET_DAYS = 62  # a gap longer than this is a quiet spell: a dashed stretch of the line
MARGIN_PT = 14.0

INK, GREY, BLUE, LIGHT = "#111111", "#6b6b6b", "#1f5fa8", "#b9b9b9"


class ImageUnavailable(RuntimeError):
    """matplotlib is not installed."""


# ---- layout: pure geometry, in points from the top-left corner ------------------------------

Point = tuple[float, float]
Segment = tuple[Point, Point]
Measure = Callable[[str, float, bool], float]  # (text, size in pt, bold) -> width in pt


@dataclass(frozen=True)
class Label:
    """One event's label: its date lines right-aligned before ``date_right``, its caption
    lines from ``text_left``, the first baseline at ``baseline``."""

    event: Event
    date_lines: tuple[str, ...]
    lines: tuple[str, ...]
    baseline: float
    dot: Point
    leader: Segment
    box: tuple[float, float, float, float]  # left, top, right, bottom

    @property
    def hollow(self) -> bool:
        """A month or a year rather than a day: drawn as a ring."""
        return self.event.precision != "day"


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    title_baseline: float
    axis_x: float
    date_right: float
    text_left: float
    labels: tuple[Label, ...]
    # Stretches of the line between consecutive dots, and whether each is a quiet spell.
    stretches: tuple[tuple[Segment, bool], ...]

    def leaders(self) -> list[Segment]:
        return [label.leader for label in self.labels]


def layout(events: Sequence[Event], measure: Measure) -> Layout:
    """Where everything goes, for ``events`` in the order given (the timeline's date order)."""
    width = WIDTH_IN * 72
    em = BODY_PT
    pitch = em * LINE_PITCH
    dates = [_date_lines(e) for e in events]
    date_width = max(
        [measure(d[0], BODY_PT, True) for d in dates]
        + [measure(line, NOTE_PT, False) for d in dates for line in d[1:]]
        + [0.0]
    )
    date_right = MARGIN_PT + date_width
    axis_x = date_right + 0.9 * em
    text_left = axis_x + 1.1 * em
    room = width - MARGIN_PT - text_left
    title_baseline = MARGIN_PT + TITLE_PT * 0.8
    y = title_baseline + TITLE_PT * 0.55 + 1.2 * em  # the top of the first label
    labels: list[Label] = []
    previous: Event | None = None
    for event, date in zip(events, dates, strict=True):
        if previous is not None:
            y += GAP_EM * em + (QUIET_EM * em if _quiet(previous, event) else 0.0)
        lines = tuple(wrap(_display(event.caption), room, lambda s: measure(s, BODY_PT, False)))
        baseline = y + 0.8 * em
        dot = (axis_x, baseline - 0.33 * em)
        leader = ((axis_x + 0.3 * em, dot[1]), (text_left - 0.25 * em, dot[1]))
        rows = max(len(lines), 1 + (len(date) - 1) * NOTE_PT / BODY_PT)
        bottom = y + (rows - 1) * pitch + em
        right = text_left + max((measure(line, BODY_PT, False) for line in lines), default=0.0)
        labels.append(
            Label(event, date, lines, baseline, dot, leader, (MARGIN_PT, y, right, bottom))
        )
        y = bottom
        previous = event
    stretches = tuple(
        ((a.dot, b.dot), _quiet(a.event, b.event)) for a, b in itertools.pairwise(labels)
    )
    height = y + MARGIN_PT + (0 if labels else 2 * em)
    return Layout(
        width, height, title_baseline, axis_x, date_right, text_left, tuple(labels), stretches
    )


def wrap(text: str, room: float, width_of: Callable[[str], float]) -> list[str]:
    """``text`` in lines no wider than ``room`` (by ``width_of``), broken between words; every
    word kept (a word wider than the room gets a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and width_of(candidate) > room:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _display(text: str) -> str:
    """A caption as a label: its first letter capitalised (a caption may start mid-sentence,
    "the company ..."), nothing else changed."""
    return text[:1].upper() + text[1:]


def _date_lines(event: Event) -> tuple[str, ...]:
    return (event.label, "background") if event.background else (event.label,)


def _quiet(before: Event, after: Event) -> bool:
    gap: dt.timedelta = after.when.start - before.when.end
    return before.background != after.background or gap.days > QUIET_DAYS


# ---- drawing ---------------------------------------------------------------------------------


def measure(text: str, size: float, bold: bool) -> float:
    """How wide matplotlib draws ``text`` (in pt): the sum of its words' widths, each measured
    once per process, and of the spaces between them (a word's own kerning included)."""
    words = text.split(" ")
    return sum(_width(w, size, bold) for w in words) + (len(words) - 1) * _space(size, bold)


@lru_cache(maxsize=16384)
def _width(text: str, size: float, bold: bool) -> float:
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size, weight="bold" if bold else None)
    width, _, _ = _renderer().get_text_width_height_descent(text, prop, ismath=False)
    return float(width) * 72 / DPI


@lru_cache(maxsize=16)
def _space(size: float, bold: bool) -> float:
    return _width("x x", size, bold) - 2 * _width("x", size, bold)


@lru_cache(maxsize=1)
def _renderer() -> Any:
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, DPI)  # type: ignore[no-untyped-call]


def render_png(events: Sequence[Event], title: str = TITLE, dpi: float = DPI) -> bytes:
    """The events drawn as a vertical timeline, as PNG bytes."""
    figure, _ = draw(events, title)
    buffer = io.BytesIO()
    # zlib level 3 rather than 6: a tenth faster and a smaller file for this flat artwork
    figure.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def draw(events: Sequence[Event], title: str = TITLE) -> tuple[Any, Layout]:
    """The matplotlib Figure of the timeline (no pyplot: nothing global is kept) and the
    layout it was drawn from."""
    try:
        import matplotlib  # noqa: F401  (the package first: without it, nothing below loads)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError:
        raise ImageUnavailable(
            "drawing the timeline needs matplotlib: pip install 'blackberry-pakistan-bot[image]'"
        ) from None
    figure = Figure(figsize=(WIDTH_IN, 4.0), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    plan = layout(list(events), measure)
    figure.set_size_inches(WIDTH_IN, plan.height / 72)
    w, h = plan.width, plan.height

    def at(x: float, y: float) -> tuple[float, float]:
        return x / w, 1 - y / h

    def text(x: float, y: float, s: str, **style: Any) -> None:
        figure.text(*at(x, y), s, va="baseline", **style)

    def line(points: Segment, **style: Any) -> None:
        (x0, y0), (x1, y1) = at(*points[0]), at(*points[1])
        figure.add_artist(Line2D([x0, x1], [y0, y1], **style))

    text(MARGIN_PT, plan.title_baseline, title, size=TITLE_PT, weight="bold", color=INK)
    if not plan.labels:
        text(MARGIN_PT, plan.title_baseline + 2.5 * BODY_PT, "No dated events", size=BODY_PT)
    for stretch, quiet in plan.stretches:
        style = {"linestyle": (0, (2, 2.5))} if quiet else {}
        line(stretch, color=LIGHT if quiet else "#8aa9d0", linewidth=2.2, zorder=1, **style)
    pitch = BODY_PT * LINE_PITCH
    for label in plan.labels:
        colour = GREY if label.event.background else BLUE
        date, *notes = label.date_lines
        right = {"ha": "right", "color": colour}
        text(plan.date_right, label.baseline, date, size=BODY_PT, weight="bold", **right)
        for n, note in enumerate(notes, 1):
            y = label.baseline + n * NOTE_PT * LINE_PITCH
            text(plan.date_right, y, note, size=NOTE_PT, style="italic", **right)
        for n, row in enumerate(label.lines):
            ink = GREY if label.event.background else INK
            text(plan.text_left, label.baseline + n * pitch, row, size=BODY_PT, color=ink)
        line(label.leader, color=colour, linewidth=1.2, zorder=2)
        x, y = at(*label.dot)
        figure.add_artist(
            Line2D(
                [x],
                [y],
                marker="o",
                markersize=BODY_PT * 0.62,
                markeredgewidth=1.8,
                color=colour,
                markerfacecolor="white" if label.hollow else colour,
                zorder=3,
            )
        )
    return figure, plan
