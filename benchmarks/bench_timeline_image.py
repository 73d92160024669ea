"""What drawing the timeline picture costs: this layout at three resolutions against the layout
it replaced, reading the events with and without loading the engine, and
``python -m bot.cli timeline --png`` from start to exit.

    python -m benchmarks.bench_timeline_image [--repeat N] [--corpus DIR]

For each row, on the corpus's timeline (the seed corpus by default):
- first picture: a new process, from importing the drawing module to the PNG's bytes (so it
  includes importing matplotlib, what the bot's first /timeline picture pays), the median of
  three processes; the events are read before the clock starts;
- later pictures: the median of ``--repeat`` renders in one process after a warm-up render;
- the PNG's pixels and size.
The previous layout (horizontal axis, pyplot, ``bbox_inches="tight"``) is read from git at
PREVIOUS, before this layout replaced it; its row is left out when git cannot show it.
Prints a Markdown table. No limit is asserted: timings vary between machines and runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from types import ModuleType

from bot.cli import DEFAULT_CORPUS
from index.corpus import load_corpus
from index.timeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]
PREVIOUS = "4d84df8"  # the last commit with the horizontal layout
PROCESSES = 3

_FIRST = """
import importlib.util, sys, time
sys.path.insert(0, {root!r})
from index.corpus import load_corpus
from index.timeline import build_timeline
events = build_timeline(load_corpus({corpus!r}))
started = time.perf_counter()
spec = importlib.util.spec_from_file_location("drawing", {module!r})
module = sys.modules["drawing"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
png = {call}
print(time.perf_counter() - started)
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, metavar="N")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    events = build_timeline(load_corpus(args.corpus))
    current = ROOT / "bot" / "timeline_image.py"
    # (name, module file, render_png's keyword arguments, the resolution it draws at)
    rows: list[tuple[str, Path, dict[str, int], int]] = [
        ("vertical (this)", current, {"dpi": dpi}, dpi) for dpi in (100, 150, 200)
    ]
    with tempfile.TemporaryDirectory() as scratch:
        previous = _previous_layout(Path(scratch))
        if previous is not None:
            rows.append(("horizontal (previous)", previous, {}, 160))
        print(f"{len(events)} events from {args.corpus}; {args.repeat} warm renders per row\n")
        print("| layout | dpi | pixels | PNG (KB) | first picture (ms) | later pictures (ms) |")
        print("|---|---|---|---|---|---|")
        for name, path, options, dpi in rows:
            call = f"module.render_png(events, **{options!r})"
            first = statistics.median(_first(path, call, args.corpus) for _ in range(PROCESSES))
            render = partial(_load(path).render_png, events, **options)
            png = render()
            width, height = struct.unpack(">II", png[16:24])
            later = _median_ms(render, args.repeat)
            print(
                f"| {name} | {dpi} | {width} x {height} | {len(png) / 1024:.0f} "
                f"| {first * 1000:.0f} | {later:.0f} |"
            )
    print()
    print("\n".join(_events(args.corpus)))
    print()
    print(_cli(args.corpus))
    return 0


def _first(module: Path, call: str, corpus: Path) -> float:
    code = _FIRST.format(root=str(ROOT), corpus=str(corpus), module=str(module), call=call)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(out.stdout.strip().splitlines()[-1])


def _median_ms(render: Callable[[], bytes], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        render()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"drawing_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _previous_layout(scratch: Path) -> Path | None:
    shown = subprocess.run(
        ["git", "show", f"{PREVIOUS}:bot/timeline_image.py"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if shown.returncode != 0:
        print(f"(previous layout left out: git show {PREVIOUS} failed)", file=sys.stderr)
        return None
    path = scratch / "timeline_image_previous.py"
    path.write_text(shown.stdout, encoding="utf-8")
    return path


_EVENTS = {
    "the engine (Engine.load, as timeline did before)": (
        "from index.engine import Engine\nevents = Engine.load({corpus!r}).timeline()"
    ),
    "the cache alone (cached corpus and timeline, as now)": (
        "from index.corpus import load_corpus\n"
        "from index.index_cache import cached_corpus, cached_timeline\n"
        "events = cached_timeline(cached_corpus({corpus!r}) or load_corpus({corpus!r}))"
    ),
}


def _events(corpus: Path) -> list[str]:
    """A new process to the corpus's events, both ways (cache in place), spawn to exit."""
    lines = ["| reading the events in a new process | spawn to exit (ms) |", "|---|---|"]
    for name, code in _EVENTS.items():
        command = [sys.executable, "-c", code.format(corpus=str(corpus))]
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT)  # caches built
        times = []
        for _ in range(PROCESSES):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, cwd=ROOT)
            times.append(time.perf_counter() - started)
        lines.append(f"| {name} | {statistics.median(times) * 1000:.0f} |")
    return lines


def _cli(corpus: Path) -> str:
    """``timeline --png`` as a user runs it: a new process, spawn to exit, cache in place."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "timeline.png"
        command = [sys.executable, "-m", "bot.cli", "--corpus", str(corpus), "timeline"]
        subprocess.run([*command, "--png", str(target)], capture_output=True, check=True, cwd=ROOT)
        times = []
        for _ in range(PROCESSES):
            started = time.perf_counter()
            subprocess.run(
                [*command, "--png", str(target)], capture_output=True, check=True, cwd=ROOT
            )
            times.append(time.perf_counter() - started)
        text = []
        for _ in range(PROCESSES):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, cwd=ROOT)
            text.append(time.perf_counter() - started)
    return (
        f"`python -m bot.cli timeline --png FILE`, spawn to exit: "
        f"{statistics.median(times) * 1000:.0f} ms (median of {PROCESSES}); "
        f"`timeline` as text: {statistics.median(text) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
