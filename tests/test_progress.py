"""The progress bar: drawn in place on a terminal, silent anywhere else."""

from __future__ import annotations

import io

from bot.progress import ProgressBar, line


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_line_shows_a_bar_and_count_or_only_the_stage() -> None:
    assert line("indexing", 5_000, 10_000) == f"indexing [{'#' * 15}{' ' * 15}] 5,000/10,000"
    assert line("indexing", 10_000, 10_000).startswith("indexing [" + "#" * 30 + "]")
    assert line("building the timeline", 0, 0) == "building the timeline..."


def test_on_a_terminal_each_stage_is_one_line_redrawn_in_place() -> None:
    out = Terminal()
    bar = ProgressBar(out)
    bar("reading the corpus", 0, 0)
    bar("indexing", 1, 3)
    bar("indexing", 2, 3)  # within the redraw interval: skipped
    bar("indexing", 3, 3)  # a stage's end is always drawn
    bar.close()
    shown = out.getvalue()
    assert shown.count("\n") == 2
    assert "2/3" not in shown and "3/3" in shown
    final = [part.split("\r\x1b[K")[-1] for part in shown.split("\n")[:-1]]
    assert final == ["reading the corpus...", line("indexing", 3, 3)]


def test_elsewhere_nothing_is_written() -> None:
    out = io.StringIO()
    bar = ProgressBar(out)
    bar("indexing", 1, 3)
    bar.close()
    assert out.getvalue() == ""
    forced = ProgressBar(io.StringIO(), live=True)
    forced("indexing", 1, 3)
    assert forced.stream.getvalue()  # type: ignore[attr-defined]
