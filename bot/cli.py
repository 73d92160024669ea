"""The local harness: the same answers as the Discord bot, in a terminal.

    python -m bot.cli [--corpus DIR] ask [--json] [-k N] QUESTION   # '-': a question per line
    python -m bot.cli [--corpus DIR] sources [--json]
    python -m bot.cli [--corpus DIR] corpus add FILE... --outlet NAME --published YYYY-MM-DD
                                                        [--title T] [--url U]
    python -m bot.cli [--corpus DIR] eval QUESTIONS.json [--json]
    python -m bot.cli [--corpus DIR] repl
    python -m bot.cli [--corpus DIR] timeline [--json] [--from DATE] [--to DATE] [--png FILE]
    python -m bot.cli report [--json] [--since YYYY-MM-DD] [--data DIR]

Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from bot.feedback import FeedbackError, FeedbackReport, read_report
from bot.progress import ProgressBar
from bot.settings import data_dir_from_env, semantic_model_from_env
from bot.timeline_image import ImageUnavailable, render_png
from index.answer import Answer, Citation
from index.corpus import Article, CorpusError, load_corpus
from index.dates import When
from index.embedding import EmbeddingError
from index.engine import MAX_RESULTS, Engine
from index.evaluation import Question, Report, evaluate, load_questions
from index.followup import MAX_CONTEXT
from index.index_cache import cached_corpus, cached_timeline
from index.ingest import IngestError, add_articles, build
from index.timeline import Event, select

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EXIT_USAGE = 2
EXIT_ERROR = 1
_WIDTH = 100
# Above a tentative answer (the engine is unsure the passage answers the question).
TENTATIVE = "Not sure: the closest passage I found (it may not answer your question):"


class CLIError(Exception):
    """A user-facing error: printed as one line, exit status EXIT_ERROR."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result: int = args.run(args)
        return result
    except (CLIError, CorpusError, IngestError, FeedbackError, EmbeddingError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        sys.stderr.close()
        return EXIT_ERROR
    except Exception as exc:
        if os.environ.get("BBPK_DEBUG"):
            raise
        print(
            f"error: unexpected {type(exc).__name__}: {exc} (set BBPK_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bot.cli",
        description="Ask the BlackBerry–Pakistan articles questions; every answer is cited.",
    )
    p.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="DIR",
        help="corpus folder (default: the project's corpus/)",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer a question, or one per stdin line with '-'")
    ask.add_argument("question", metavar="QUESTION", help="the question, or '-' to read stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per question and line")
    ask.add_argument(
        "-k",
        type=_positive,
        default=MAX_RESULTS,
        metavar="N",
        help=f"at most N results (default {MAX_RESULTS})",
    )
    ask.add_argument(
        "--after",
        action="append",
        default=[],
        metavar="EARLIER",
        help="an earlier question of the conversation, which QUESTION may follow up "
        "(repeat it, oldest first)",
    )
    ask.set_defaults(run=_ask)

    sources = sub.add_parser("sources", help="list the articles in the corpus")
    sources.add_argument("--json", action="store_true")
    sources.set_defaults(run=_sources)

    corpus = sub.add_parser("corpus", help="change the corpus")
    corpus_sub = corpus.add_subparsers(dest="corpus_command", required=True, metavar="ACTION")
    add = corpus_sub.add_parser("add", help="validate and add plain-text articles")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--outlet", required=True, metavar="NAME")
    add.add_argument("--published", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--title", metavar="T", help="headline (default: the file's first line)")
    add.add_argument("--url", metavar="U")
    add.set_defaults(run=_corpus_add)

    ev = sub.add_parser("eval", help="score the engine on question files")
    ev.add_argument("questions", type=Path, nargs="+", metavar="QUESTIONS.json")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(run=_eval)

    repl = sub.add_parser("repl", help="ask questions interactively")
    repl.set_defaults(run=_repl)

    tl = sub.add_parser("timeline", help="the dated events of the dispute, oldest first")
    tl.add_argument("--json", action="store_true")
    tl.add_argument(
        "--from", dest="start", type=_when, metavar="YYYY[-MM[-DD]]", help="events from this date"
    )
    tl.add_argument(
        "--to", dest="end", type=_when, metavar="YYYY[-MM[-DD]]", help="events to this date"
    )
    tl.add_argument(
        "--png",
        type=Path,
        metavar="FILE",
        help="draw it as a PNG instead, saying only where (needs the 'image' extra)",
    )
    tl.set_defaults(run=_timeline)

    report = sub.add_parser(
        "report", help="what people asked in Discord that the articles did not answer well"
    )
    report.add_argument("--json", action="store_true")
    report.add_argument(
        "--since", type=_date, metavar="YYYY-MM-DD", help="only questions asked since this day"
    )
    report.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="the bot's data folder (default: BOT_DATA_DIR, else the project's data/)",
    )
    report.set_defaults(run=_report)
    return p


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _when(value: str) -> When:
    try:
        return When.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _engine(args: argparse.Namespace) -> Engine:
    """The engine over ``--corpus``, with the model ``SEMANTIC_MODEL`` names (as the bot)."""
    return Engine.load(
        args.corpus,
        progress=_build_progress,
        model=semantic_model_from_env(),
        encoding=_encoding_progress,
    )


# An index is built only when the corpus changed; past this size, say what the wait is for.
_PROGRESS_FROM = 5000


def _encoding_progress(done: int, total: int) -> None:
    if total >= _PROGRESS_FROM:
        end = "\n" if done == total else ""
        print(f"\rencoding paragraphs: {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)


def _build_progress(done: int, total: int) -> None:
    if total >= _PROGRESS_FROM:
        end = "\n" if done == total else ""
        print(f"\rindexing paragraphs: {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)


# ---- ask -------------------------------------------------------------------------------------


def _ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    show: Callable[[Answer], str] = _answer_json if args.json else format_answer
    if args.question != "-":
        print(show(engine.ask(args.question, args.k, args.after)))
        return 0
    for line in _lines(sys.stdin.buffer):
        # One write per answer: a reader waiting for the line wakes once, even unbuffered.
        sys.stdout.write(show(engine.ask(line, args.k, args.after)) + "\n")
        sys.stdout.flush()
    return 0


def _lines(stream: BinaryIO) -> Iterable[str]:
    """Lines as they arrive (not read ahead), split at newlines only (a stray carriage return
    or Unicode line separator stays inside its line), bytes that are not UTF-8 replaced."""
    while raw := stream.readline():
        yield raw.decode("utf-8", errors="replace").removesuffix("\n").removesuffix("\r")


def _answer_json(answer: Answer) -> str:
    """One line of JSON, also for readers that split on Unicode line separators."""
    text = json.dumps(answer.to_dict(), ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def format_answer(answer: Answer) -> str:
    """A readable answer with its citations; a follow-up says what it was taken to be about."""
    about = [following_up(answer.context)] if answer.context else []
    if not answer.answered:
        return "\n".join(
            [
                *about,
                f"Not in my articles. {answer.reason}",
                "(See `sources` for what the articles cover.)",
            ]
        )
    lines = [*about, answer.text, ""]
    if answer.tentative:
        lines[len(about) : len(about)] = [TENTATIVE]
    for n, citation in enumerate(answer.citations, 1):
        lines += _format_citation(n, citation)
    return "\n".join(lines).rstrip()


def following_up(context: Sequence[str]) -> str:
    """What a follow-up was read as being about: the conversation's first question quoted."""
    return f"(following up on “{textwrap.shorten(context[0], 80, placeholder='…')}”)"


def _format_citation(n: int, c: Citation) -> list[str]:
    lines = [f"[{n}] {cite(c.article)}, ¶{c.paragraph.number}"]
    lines += textwrap.wrap(
        c.paragraph.text, _WIDTH, initial_indent="    ", subsequent_indent="    "
    )
    if c.also_in:
        others = "; ".join(f"{_outlet(s.article)} ¶{s.paragraph.number}" for s in c.also_in)
        lines.append(f"    also reported by: {others}")
    if c.article.url:
        lines.append(f"    {c.article.url}")
    lines.append("")
    return lines


def cite(article: Article) -> str:
    """Outlet, title and date, marking values that were inferred rather than stated."""
    return f'{_outlet(article)}, "{article.title}", {_published(article)}'


def _outlet(article: Article) -> str:
    return f"{article.outlet} (outlet inferred)" if article.inferred("outlet") else article.outlet


def _published(article: Article) -> str:
    date = article.published.isoformat()
    return f"{date} (date inferred)" if article.inferred("published") else date


# ---- sources, corpus add ---------------------------------------------------------------------


def _sources(args: argparse.Namespace) -> int:
    articles = _engine(args).corpus.articles
    if args.json:
        print(json.dumps({"sources": [a.source() for a in articles]}, ensure_ascii=False, indent=2))
        return 0
    for a in articles:
        print(f"{a.id}\n    {cite(a)}, {len(a.paragraphs)} paragraphs")
        if a.url:
            print(f"    {a.url}")
    return 0


def _corpus_add(args: argparse.Namespace) -> int:
    """Add the articles, then build everything questions need (index, compiled corpus,
    timeline) and save it, so the next command starts as fast as any later one. A progress
    bar shows on stderr when it is a terminal."""
    bar = ProgressBar(sys.stderr)
    try:
        ids = add_articles(
            args.corpus,
            args.files,
            outlet=args.outlet,
            published=args.published,
            title=args.title,
            url=args.url,
            progress=bar,
        )
    finally:
        bar.close()
    for article_id in ids:
        print(f"added {article_id}", flush=True)
    try:
        build(args.corpus, progress=bar, model=semantic_model_from_env())
    except KeyboardInterrupt:
        bar.close()
        print("interrupted: the articles were added; what is left is built on first use",
              file=sys.stderr)  # fmt: skip
        raise
    except CorpusError as exc:
        bar.close()
        raise CLIError(f"the articles were added, but the corpus is not ready: {exc}") from None
    bar.close()
    return 0


# ---- eval ------------------------------------------------------------------------------------


def _eval(args: argparse.Namespace) -> int:
    files: dict[str, list[Question]] = {}
    try:
        for path in args.questions:
            files[path.name] = load_questions(path)
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    engine = _engine(args)
    reports = {name: evaluate(engine, questions) for name, questions in files.items()}
    if args.json:
        print(json.dumps(eval_json(reports), ensure_ascii=False))
    else:
        print(format_reports(reports))
    return 0


def eval_json(reports: dict[str, Report]) -> dict[str, Any]:
    """The figures over every file, then per file and per style (``eval --json``)."""
    total = _total(reports)
    return {
        **total.to_dict(),
        "files": {name: r.to_dict() for name, r in reports.items()},
        "styles": {s: total.where(_style(s)).to_dict() for s in _styles(total)},
    }


def _total(reports: dict[str, Report]) -> Report:
    return Report([o for r in reports.values() for o in r.outcomes])


def _styles(report: Report) -> list[str]:
    return sorted({o.question.style for o in report.outcomes if o.question.style})


def _style(style: str) -> Callable[[Question], bool]:
    return lambda q: q.style == style


_EVAL_COLUMNS = (
    f"{'':24} {'in':>3} {'Hit@1':>6} {'Hit@3':>6} {'MRR':>6} {'sent.':>6} {'tent.':>6}"
    f" {'declined':>9} {'oos declined':>13}"
)


def _eval_row(label: str, r: Report) -> str:
    declined = f"{r.false_abstentions}/{r.answerable}"
    oos = f"{r.abstained_out_of_scope}/{r.out_of_scope}"
    return (
        f"{label[:24]:24} {r.answerable:>3} {r.hit_at_1:>6.3f} {r.hit_at_3:>6.3f} {r.mrr:>6.3f}"
        f" {r.sentence:>6.3f} {r.tentative:>6} {declined:>9} {oos:>13}"
    )


def format_reports(reports: dict[str, Report]) -> str:
    """A row per file, their total and a row per style; then what was missed, by file."""
    total = _total(reports)
    lines = [_EVAL_COLUMNS]
    lines += [_eval_row(name, r) for name, r in reports.items()]
    if len(reports) > 1:
        lines.append(_eval_row("total", total))
    styles = _styles(total)
    if styles:
        lines += ["", "by style"]
        lines += [_eval_row(f"  {s}", total.where(_style(s))) for s in styles]
    lines += ["", "sure and tentative answers (right: the first result holds the answer)"]
    for name, r in [*reports.items(), *([("total", total)] if len(reports) > 1 else [])]:
        lines.append(
            f"  {name[:22]:22} sure {r.sure_hits_at_1}/{r.sure} right, "
            f"tentative {r.tentative_hits_at_1}/{r.tentative} right; out of scope answered: "
            f"{r.out_of_scope_sure} sure, {r.out_of_scope_tentative} tentative; "
            f"sure precision {r.sure_precision:.2f}, coverage {r.sure_coverage:.2f}"
        )
    lines += [
        "",
        "in: in-scope questions; Hit@k: a cited paragraph among the first k holds the answer;",
        "sent.: the answer sentence holds it; tent.: in-scope questions answered tentatively",
        "(counted as answered); declined: in-scope questions declined; oos declined: out-of-scope",
        "questions declined (the right answer to them); sure precision: of the answers given as",
        "sure, the share right at rank 1; coverage: in-scope questions with a sure, right answer.",
    ]
    for name, r in reports.items():
        for miss in r.misses:
            detail: Any = miss.get("abstained") or miss.get("got")
            lines.append(f"miss {name} {miss['id']}: {miss['question']} -> {detail}")
    return "\n".join(lines)


# ---- repl ------------------------------------------------------------------------------------


def _repl(args: argparse.Namespace) -> int:
    return repl(_engine(args))


def repl(engine: Engine, stdin: TextIO | None = None) -> int:
    """Ask questions in a terminal until end of input, 'quit' or Ctrl-C. The conversation is
    kept: a question may follow up the earlier ones ("when was that?"); '/new' starts afresh."""
    stdin = stdin or sys.stdin
    n = len(engine.corpus.articles)
    print(f"Ask about the 2015 BlackBerry–Pakistan dispute ({n} articles).")
    print("Follow-up questions are read with the earlier ones; /new starts a new conversation.")
    print("An empty line or Ctrl-D quits.")
    earlier: list[str] = []
    while True:
        print("> ", end="", flush=True)
        line = stdin.readline()
        question = line.strip()
        if not line or question.lower() in {"", "quit", "exit"}:
            print()
            return 0
        if question.lower() == "/new":
            earlier.clear()
            print("(new conversation)", end="\n\n", flush=True)
            continue
        answer = engine.ask(question, MAX_RESULTS, earlier)
        print(format_answer(answer), end="\n\n", flush=True)
        # A follow-up keeps its conversation's first question; one that stood alone starts anew.
        earlier = [*(earlier if answer.context else []), question][-MAX_CONTEXT:]


# ---- timeline --------------------------------------------------------------------------------


def _timeline(args: argparse.Namespace) -> int:
    """The dated list, its JSON (--json), or only the picture (--png FILE: one line saying
    where it went; on stderr when --json also asks for the JSON on stdout)."""
    events = _timeline_events(args)
    if args.png:
        try:
            args.png.write_bytes(render_png(events))
        except ImageUnavailable as exc:
            raise CLIError(str(exc)) from None
        except OSError as exc:
            raise CLIError(f"cannot write {args.png}: {exc.strerror or exc}") from None
        print(f"wrote {args.png}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps({"events": [e.to_dict() for e in events]}, ensure_ascii=False, indent=2))
    elif not args.png:
        print(format_timeline(events))
    return 0


def _timeline_events(args: argparse.Namespace) -> list[Event]:
    """The timeline needs the corpus and its events only: read from the cache (or made from
    the articles, and cached), without loading the search index the engine also holds."""
    corpus = cached_corpus(args.corpus) or load_corpus(args.corpus)
    return select(cached_timeline(corpus), args.start, args.end)


def format_timeline(events: Sequence[Event]) -> str:
    """A dated list: each event's date and summary, then every paragraph that reports it."""
    if not events:
        return "No dated events match."
    width = max(len(_event_date(e)) for e in events) + 2
    lines: list[str] = []
    for e in events:
        lines += textwrap.wrap(
            e.summary,
            _WIDTH,
            initial_indent=_event_date(e).ljust(width),
            subsequent_indent=" " * width,
        )
        for c in e.citations:
            lines += textwrap.wrap(
                f"{cite(c.article)}, ¶{c.paragraph.number}",
                _WIDTH,
                initial_indent=" " * width + "- ",
                subsequent_indent=" " * (width + 2),
                break_on_hyphens=False,
            )
        lines.append("")
    return "\n".join(lines).rstrip()


def _event_date(event: Event) -> str:
    return event.label + (" (background)" if event.background else "")


# ---- report ----------------------------------------------------------------------------------


def _report(args: argparse.Namespace) -> int:
    data = args.data if args.data is not None else data_dir_from_env()
    report = read_report(data, args.since)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_feedback(report))
    return 0


def format_feedback(report: FeedbackReport) -> str:
    """The questions that were declined, answered tentatively or voted not helpful (most
    frequent first), then the answers with the most "not helpful" votes."""
    since = f" since {report.since.isoformat()}" if report.since else ""
    lines = [
        f"{report.asked} questions asked in Discord{since}; votes: {report.helpful} helpful, "
        f"{report.not_helpful} not helpful.",
        "",
    ]
    if not report.questions:
        lines.append("No question was declined, answered tentatively or voted not helpful.")
    else:
        lines.append("Questions declined, answered tentatively or voted not helpful:")
        lines.append(
            f"{'count':>5}  {'outcome':<9}  {'+':>3} {'-':>3}  {'last asked':<20}  question"
        )
        for q in report.questions:
            lines.append(
                f"{q.count:>5}  {q.outcome:<9}  {q.helpful:>3} {q.not_helpful:>3}  "
                f"{q.last_asked:<20}  {_question_text(q.question)}"
            )
    if report.answers:
        lines += ["", "Answers with the most 'not helpful' votes:"]
        for a in report.answers:
            lines.append(
                f"{a.not_helpful:>5} not helpful, {a.helpful} helpful ({a.outcome}, given "
                f"{a.count}x): {_question_text(a.question)}"
            )
            lines.append(f"       cited: {', '.join(a.cited) or '-'}")
    return "\n".join(lines)


def _question_text(question: str | None) -> str:
    return " ".join(question.split()) if question is not None else "(text not recorded)"


if __name__ == "__main__":
    sys.exit(main())
