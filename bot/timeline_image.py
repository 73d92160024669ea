"""The timeline as a PNG: a horizontal time axis, each event marked at its date and labelled.

Labels sit in two rows (above and below the axis) in time order, evenly spaced, each joined to
its date by a line, so events a day apart never overprint. Background events, years before the
dispute, get a compressed stretch of axis of their own behind a break. matplotlib is an
optional extra (``pip install .[image]``), imported only when an image is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from index.timeline import Event

TITLE = "Timeline of the BlackBerry-Pakistan dispute"
# Sized for a phone: about 1600 x 1000 pixels, large type, a few words per label.
WIDTH_IN, HEIGHT_IN, DPI = 10.0, 6.4, 160
FONT_PT = 12
LABEL_LINES = 5  # summary lines shown per event
# The axis runs over x in [0, 1]: background events in [0, _BREAK_AT), the dispute after it.
_BREAK_AT, _DISPUTE_FROM = 0.14, 0.2


class ImageUnavailable(RuntimeError):
    """matplotlib is not installed."""


def render_png(events: Sequence[Event], title: str = TITLE) -> bytes:
    """The events drawn as a timeline, as PNG bytes."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImageUnavailable(
            "drawing the timeline needs matplotlib: pip install 'blackberry-pakistan-bot[image]'"
        ) from None
    fig, ax = plt.subplots(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    fig.subplots_adjust(left=0.01, right=0.99)
    try:
        _draw(ax, list(events), title)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.25)
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _draw(ax: Any, events: list[Event], title: str) -> None:
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.95, 0.95)
    ax.axis("off")
    ax.set_title(title, fontsize=17, fontweight="bold", pad=14)
    if not events:
        ax.text(0.5, 0, "No dated events", ha="center", va="center", fontsize=16)
        return
    where = _scale(events)
    background = [e for e in events if e.background]
    split = _DISPUTE_FROM if background else 0.02
    if background:
        ax.plot([0.02, _BREAK_AT], [0, 0], color="#999999", linewidth=3)
        ax.text((_BREAK_AT + _DISPUTE_FROM) / 2, 0, "//", ha="center", va="center", fontsize=16)
    ax.plot([split, 0.98], [0, 0], color="#222222", linewidth=3)
    for x, text in _ticks(events, where):
        ax.plot([x, x], [-0.03, 0.03], color="#222222", linewidth=1.5)
        ax.text(x, -0.06, text, ha="center", va="top", fontsize=11, color="#444444")
    slots = [0.08 + 0.84 * i / max(1, len(events) - 1) for i in range(len(events))]
    if len(events) == 1:
        slots = [0.5]
    # Labels in one row are two slots apart: wrap them to fit that width.
    room_pt = 2 * (slots[1] - slots[0] if len(slots) > 1 else 0.5) * WIDTH_IN * 0.98 * 72
    wrap = max(12, min(30, int(room_pt / (FONT_PT * 0.62)) - 3))
    for i, (event, slot) in enumerate(zip(events, slots, strict=True)):
        start, end = where(event.when.start), where(event.when.end)
        colour = "#888888" if event.background else "#1f5fa8"
        if event.precision != "day":
            ax.plot([start, end], [0, 0], color=colour, linewidth=9, alpha=0.45)
        x = (start + end) / 2
        ax.plot([x], [0], marker="o", markersize=9, color=colour, zorder=3)
        above = i % 2 == 0
        y = 0.3 if above else -0.3
        ax.annotate(
            _label(event, wrap),
            xy=(x, 0),
            xytext=(slot, y),
            ha="center",
            va="bottom" if above else "top",
            fontsize=FONT_PT,
            color="#555555" if event.background else "#111111",
            bbox={"boxstyle": "round,pad=0.4", "fc": "#f4f4f4", "ec": colour, "lw": 1.2},
            arrowprops={"arrowstyle": "-", "color": colour, "lw": 1.2},
        )


def _label(event: Event, wrap: int) -> str:
    """The event's date, then its summary in at most LABEL_LINES lines of ``wrap`` characters."""
    lines = textwrap.wrap(event.summary, wrap)
    if len(lines) > LABEL_LINES:
        lines = [
            *lines[: LABEL_LINES - 1],
            textwrap.shorten(" ".join(lines[LABEL_LINES - 1 :]), wrap, placeholder="…"),
        ]
    date = event.label + (" (background)" if event.background else "")
    return "\n".join([date, *lines])


def _scale(events: Sequence[Event]) -> Callable[[dt.date], float]:
    """Dates to x: the dispute's months spread over most of the width, background years
    squeezed before the break."""
    dispute = [e for e in events if not e.background] or list(events)
    first = min(e.when.start for e in dispute).replace(day=1)
    last = _next_month(max(e.when.end for e in dispute))
    back = [e for e in events if e.background]
    lo = _DISPUTE_FROM if back else 0.04
    span = max(1, (last - first).days)
    b_first = min((e.when.start for e in back), default=first)
    b_last = max((e.when.end for e in back), default=first)
    b_span = max(1, (b_last - b_first).days)

    def where(day: dt.date) -> float:
        if back and day < first:
            return 0.04 + (_BREAK_AT - 0.06) * (day - b_first).days / b_span
        return lo + (0.96 - lo) * (day - first).days / span

    return where


def _ticks(events: Sequence[Event], where: Callable[[dt.date], float]) -> list[tuple[float, str]]:
    """A tick at each month of the dispute (the year under January and the first), and at
    each background year."""
    dispute = [e for e in events if not e.background] or list(events)
    day = min(e.when.start for e in dispute).replace(day=1)
    last = _next_month(max(e.when.end for e in dispute))
    ticks = []
    first = True
    while day <= last:
        text = f"{day:%b}\n{day.year}" if first or day.month == 1 else f"{day:%b}"
        ticks.append((where(day), text))
        first = False
        day = _next_month(day)
    years = sorted({e.when.year for e in events if e.background})
    ticks += [(where(dt.date(y, 7, 1)), str(y)) for y in years]
    return ticks


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
