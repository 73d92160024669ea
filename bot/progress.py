"""A progress bar for long commands (``corpus add``), drawn on a terminal only.

Each stage is one line, redrawn in place while it advances ("indexing [######    ] 6,000/10,000")
and left on screen when the next stage begins. When the stream is not a terminal (a pipe, a
log file, a test), nothing is written: output that scripts read stays the same every time.
"""

from __future__ import annotations

import time
from typing import TextIO

_WIDTH = 30
# Redraw at most this often (seconds); a stage's start and end are always drawn.
_INTERVAL = 0.1


class ProgressBar:
    """Call with (stage, done, total); ``total`` 0 means the stage has nothing to count."""

    def __init__(self, stream: TextIO, *, live: bool | None = None) -> None:
        self.stream = stream
        self.live = _is_terminal(stream) if live is None else live
        self._stage: str | None = None
        self._drawn = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.live:
            return
        now = time.monotonic()
        new = stage != self._stage
        if not new and done < total and now - self._drawn < _INTERVAL:
            return
        if new and self._stage is not None:
            self.stream.write("\n")
        self._stage, self._drawn = stage, now
        self.stream.write("\r\x1b[K" + line(stage, done, total))
        self.stream.flush()

    def close(self) -> None:
        """End the last stage's line (call once the command is done, or has failed)."""
        if self.live and self._stage is not None:
            self.stream.write("\n")
            self.stream.flush()
        self._stage = None


def line(stage: str, done: int, total: int) -> str:
    """One stage's line: its bar and count, or only its name when there is nothing to count."""
    if total <= 0:
        return f"{stage}..."
    filled = _WIDTH * min(done, total) // total
    return f"{stage} [{'#' * filled}{' ' * (_WIDTH - filled)}] {done:,}/{total:,}"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
